package commands

import (
	"fmt"
	"strconv"
)

// defaultParallel is apply's requests in flight: Terraform's 10 less some
// room, since the vendor limits concurrent requests per workspace (the
// fake reports them in current-concurrent-requests) and a 429 costs more
// than the overlap gains. 8 turns a 50 ms round trip into about 160
// names a second (BENCHMARKS.md).
const defaultParallel = 8

// maxParallel bounds --parallel: beyond it the vendor's concurrency limit
// answers 429, and the pause after one stops every worker anyway.
const maxParallel = 64

// parallelFlag is --parallel: 1 to maxParallel, and whether it was given.
type parallelFlag struct {
	n   int
	set bool
}

// String implements flag.Value.
func (p *parallelFlag) String() string { return strconv.Itoa(p.n) }

// Set implements flag.Value. The value is a number, so quoting it back
// cannot leak a secret; it is not quoted anyway.
func (p *parallelFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxParallel {
		return fmt.Errorf("want a whole number of requests in flight, 1 to %d", maxParallel)
	}
	p.n, p.set = n, true
	return nil
}
