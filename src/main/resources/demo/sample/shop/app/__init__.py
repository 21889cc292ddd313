"""The shop's Python side: the checkout worker."""
