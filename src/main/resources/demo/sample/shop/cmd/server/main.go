// Command server runs the shop's HTTP API for carts.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/demo/kit/log"
	"github.com/demo/shop/internal/cart"
)

type server struct {
	mu     sync.Mutex
	carts  map[string]*cart.Cart
	logger *log.Logger
}

func newServer(logger *log.Logger) *server {
	return &server{carts: make(map[string]*cart.Cart), logger: logger}
}

// cartFor returns the cart of a customer, creating it on first use.
func (s *server) cartFor(customer string) *cart.Cart {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.carts[customer]
	if !ok {
		c = cart.New(customer)
		s.carts[customer] = c
	}
	return c
}

func (s *server) handleAdd(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	customer := q.Get("customer")
	qty, err := strconv.Atoi(q.Get("qty"))
	if customer == "" || err != nil || qty <= 0 {
		http.Error(w, "customer and a positive qty are required", http.StatusBadRequest)
		return
	}
	item := cart.Item{SKU: q.Get("sku"), Quantity: qty, UnitPrice: cart.Cents(1999)}
	if err := s.cartFor(customer).Add(item); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.logger.Info("item added", log.String("customer", customer), log.String("sku", item.SKU), log.Int("qty", qty))
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) handleTotal(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	c := s.cartFor(r.URL.Query().Get("customer"))
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"items": c.Len(), "total": c.Total().String()})
	s.logger.Info("cart priced", log.String("customer", c.Customer), log.Duration("took", time.Since(started)))
}

func main() {
	addr := flag.String("addr", ":8081", "listen address")
	flag.Parse()

	logger := log.New(os.Stderr)
	s := newServer(logger)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /cart/items", s.handleAdd)
	mux.HandleFunc("GET /cart/total", s.handleTotal)

	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	logger.Info("listening", log.String("addr", *addr))
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("server stopped", log.Err(err))
		os.Exit(1)
	}
}
