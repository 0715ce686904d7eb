package secretstest

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// Many clients at once; run with -race.
func TestConcurrentClients(t *testing.T) {
	s := NewServer(t)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			c := newHTTPClient(t)
			for i := range each {
				name := fmt.Sprintf("w%d-%d", w, i)
				r, err := try(c, s, s.APIKey(), "POST", "/v1/convai/secrets", map[string]any{"type": "new", "name": name, "value": name})
				if err != nil || r.status != http.StatusOK {
					errs <- fmt.Errorf("create %s: %v %d", name, err, r.status)
					continue
				}
				if _, err := try(c, s, s.APIKey(), "GET", "/v1/convai/secrets?page_size=3", nil); err != nil {
					errs <- err
				}
				s.Inject(Fault{Method: "HEAD"}) // never matches; exercises the queue's lock
				_ = s.Requests()
				_ = s.Len()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if s.Len() != workers*each {
		t.Errorf("Len = %d, want %d", s.Len(), workers*each)
	}
	names, _ := listAll(t, s, map[string][]string{"page_size": {"7"}})
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("%s listed twice", n)
		}
		seen[n] = true
	}
	if len(seen) != workers*each {
		t.Errorf("paging saw %d secrets, want %d", len(seen), workers*each)
	}
}
