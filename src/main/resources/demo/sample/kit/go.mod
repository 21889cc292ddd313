module github.com/demo/kit

go 1.21
