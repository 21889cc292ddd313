package cart

// Volume discounts: a line of many items of one SKU costs less per item.
const (
	smallVolume = 10 // items from which a line gets 5% off
	largeVolume = 50 // items from which a line gets 10% off
)

// volumeDiscount is what a line of qty items, worth line in all, gets off.
func volumeDiscount(qty int, line Cents) Cents {
	switch {
	case qty >= largeVolume:
		return line / 10
	case qty >= smallVolume:
		return line / 20
	default:
		return 0
	}
}
