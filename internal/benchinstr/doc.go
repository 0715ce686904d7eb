// Package benchinstr holds the instruction-count scripts (callgrind) and
// the start-up budget. instructions.sh counts a client call; startup.sh
// (make bench-startup) counts `xisecrets version` against testdata/startfloor,
// a program that links net/http and encoding/json and prints its version.
// TestStartupInitBudget, in make test, holds what the CLI's package
// initialisers allocate without valgrind; BENCHMARKS.md records the figures.
package benchinstr
