// Package cart keeps a customer's cart and prices it.
package cart

import (
	"errors"
	"fmt"
	"sort"
)

// Cents is an amount of money in cents.
type Cents int64

func (c Cents) String() string {
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}

// Item is one line of a cart.
type Item struct {
	SKU       string
	Quantity  int
	UnitPrice Cents
}

// Cart is the cart of one customer. It is not safe for concurrent use.
type Cart struct {
	Customer string
	items    map[string]Item
}

// ErrEmptySKU is returned when an item has no SKU.
var ErrEmptySKU = errors.New("cart: item without SKU")

// New returns an empty cart.
func New(customer string) *Cart {
	return &Cart{Customer: customer, items: make(map[string]Item)}
}

// Add puts an item in the cart, adding to the quantity of an item with the same SKU.
func (c *Cart) Add(it Item) error {
	if it.SKU == "" {
		return ErrEmptySKU
	}
	if old, ok := c.items[it.SKU]; ok {
		it.Quantity += old.Quantity
	}
	c.items[it.SKU] = it
	return nil
}

// Len is the number of distinct items.
func (c *Cart) Len() int { return len(c.items) }

// Items returns the cart's items sorted by SKU.
func (c *Cart) Items() []Item {
	out := make([]Item, 0, len(c.items))
	for _, it := range c.items {
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKU < out[j].SKU })
	return out
}

// Total prices the cart: every line at its unit price.
func (c *Cart) Total() Cents {
	var total Cents
	for _, it := range c.Items() {
		total += it.UnitPrice * Cents(it.Quantity)
	}
	return total
}
