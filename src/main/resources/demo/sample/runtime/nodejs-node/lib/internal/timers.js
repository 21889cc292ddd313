'use strict';

// A stand-in for Node.js's lib/internal/timers.js (nodejs/node, tag v20.11.1), served by the
// sourcegate demo's simulated GitHub so the page can show a Node core frame without the network.
// The real file is about 700 lines under the MIT licence.

function getTimerCallbacks(runNextTicks) {
  function processTimers(now) {
    // the real function takes the earliest list off the priority queue and runs listOnTimeout on it
  }

  function listOnTimeout(list, now) {
    // the real function calls each expired timer's callback: setInterval(refreshPrices) lands here
  }

  return { processTimers, listOnTimeout };
}

module.exports = { getTimerCallbacks };
