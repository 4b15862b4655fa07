package requirement

//go:generate go run ../internal/cmd/gencatalog -dir .
