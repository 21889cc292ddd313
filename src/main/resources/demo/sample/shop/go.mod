module github.com/demo/shop

go 1.22

require github.com/demo/kit v1.2.0
