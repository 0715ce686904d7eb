package commands

import (
	"context"
	"sync"
)

// pool runs jobs with at most n of them at once, hands their results to
// emit in job order (each as soon as it and every earlier one are done),
// and stops starting jobs once ctx is done or a result says stop. Jobs
// already started are waited for and emitted; the others are never
// started. It knows nothing of what a job does: apply plans what each job
// is (per name, per deletion) before a pool runs any.
type pool[R any] struct {
	n int
	// stop, if set, tells a result after which no job should start (the
	// API is unreachable: every other would fail the same way).
	stop func(R) bool
}

// run runs do(ctx, 0) ... do(ctx, jobs-1) and returns how many started;
// emit is called from run's goroutine only.
func (p pool[R]) run(ctx context.Context, jobs int, do func(context.Context, int) R, emit func(int, R)) int {
	type done struct {
		i int
		r R
	}
	results := make(chan done)
	slots := make(chan struct{}, max(p.n, 1))
	var wg sync.WaitGroup
	pending := map[int]R{} // done, waiting for an earlier job
	next, started := 0, 0  // next to emit; how many started
	stopped := false
	// collect takes one finished job and emits what is now in order.
	collect := func(d done) {
		if p.stop != nil && p.stop(d.r) {
			stopped = true
		}
		pending[d.i] = d.r
		for r, ok := pending[next]; ok; r, ok = pending[next] {
			delete(pending, next)
			emit(next, r)
			next++
		}
	}
	for started < jobs && !stopped && ctx.Err() == nil {
		select {
		case slots <- struct{}{}:
			i := started
			started++
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := do(ctx, i)
				results <- done{i, r}
				<-slots // after the result is in: a stop is seen before another job starts
			}()
		case d := <-results:
			collect(d)
		case <-ctx.Done():
		}
	}
	go func() { wg.Wait(); close(results) }()
	for d := range results {
		collect(d)
	}
	return started
}
