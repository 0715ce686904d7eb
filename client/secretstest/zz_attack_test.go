package secretstest_test

// Security review PoC (branch review): FAILS while the finding stands.

import (
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
)

// maxRecords "bounds the memory a long-running fake (Start) spends on
// records", but it bounds their number, not their size: every request,
// unauthenticated ones included, keeps its (redacted) JSON body of up to
// 1 MiB and its headers, so any local process can make `xisecrets fake`
// hold 10,000 MiB.
func TestAttackRecordsHoldUnauthenticatedBodies(t *testing.T) {
	srv := secretstest.NewServer(t)
	body := `{"pad":"` + strings.Repeat("x", 1<<20-16) + `"}`
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const n = 64
	for range n {
		resp, err := http.Post(srv.URL()+"/v1/convai/secrets", "application/json", strings.NewReader(body)) // no key
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d unauthenticated 1 MiB requests: the fake holds %d MiB more", n, grew>>20)
	if grew > 16<<20 {
		t.Errorf("%d unauthenticated requests made the fake keep %d MiB of records (10,000 would keep ~10 GB)", n, grew>>20)
	}
	if len(srv.Requests()) != n {
		t.Logf("recorded %d", len(srv.Requests()))
	}
}
