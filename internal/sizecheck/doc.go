// Package sizecheck measures what package client adds to a program's
// binary: testdata/consumer gets one secret with client, testdata/floor
// makes the same request with net/http and encoding/json alone (decoding
// into internal/apijson, as client does), and the test builds both and
// holds the difference to a budget. It also counts the modules in a
// consumer's module graph (TestConsumerModuleGraph). Run both with
// `make size`; BENCHMARKS.md records the figures.
package sizecheck
