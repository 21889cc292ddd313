// The shop's storefront: serves the cart page and refreshes prices every minute.
import http from 'node:http';

let prices = {};

async function refreshPrices() {
  const res = await fetch('http://localhost:8080/prices');
  prices = await res.json();
}

// Node runs the timer callbacks from lib/internal/timers.js (node:internal/timers in a profile)
setInterval(refreshPrices, 60_000);

http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ prices }));
}).listen(3000);
