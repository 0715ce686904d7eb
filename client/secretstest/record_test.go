package secretstest

import (
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestRequestsAreRedacted(t *testing.T) {
	s := NewServer(t, WithAPIKey("the-key"))
	id := create(t, s, "n", "first-value")
	call(t, s, "PATCH", "/v1/convai/secrets/"+id, map[string]any{"type": "update", "name": "n", "value": "second-value", "x": map[string]any{"value": "nested-value"},
		"VALUE": "upper-case-value"}) // encoding/json reads keys case-insensitively: this may be the value stored
	call(t, s, "POST", "/v1/convai/secrets", "value=form-value") // not JSON: not kept
	call(t, s, "GET", "/v1/convai/secrets?page_size=1", nil)

	rs := s.Requests()
	if len(rs) != 4 {
		t.Fatalf("%d records, want 4", len(rs))
	}
	dump := fmt.Sprintf("%#v", rs)
	for _, secret := range []string{"first-value", "second-value", "nested-value", "upper-case-value", "form-value", "the-key"} {
		if strings.Contains(dump, secret) {
			t.Errorf("records reveal %q: %s", secret, dump)
		}
	}
	if rs[0].Header.Get("xi-api-key") != "[REDACTED]" || rs[0].Body["value"] != "[REDACTED]" || rs[0].Body["name"] != "n" {
		t.Errorf("create record: %+v", rs[0])
	}
	if rs[1].Method != "PATCH" || rs[1].Path != "/v1/convai/secrets/"+id || rs[1].Status != http.StatusOK {
		t.Errorf("update record: %+v", rs[1])
	}
	if rs[2].Body != nil || rs[2].Status != http.StatusUnprocessableEntity {
		t.Errorf("form record: %+v", rs[2])
	}
	if rs[3].RawQuery != "page_size=1" || rs[3].Body != nil {
		t.Errorf("list record: %+v", rs[3])
	}

	// Callers get copies.
	rs[0].Body["name"] = "changed"
	rs[0].Header.Set("xi-api-key", "changed")
	if again := s.Requests()[0]; again.Body["name"] != "n" || again.Header.Get("xi-api-key") != "[REDACTED]" {
		t.Error("Requests returned shared state")
	}
}

// retainedBy is how much more live heap the process holds after send than
// before, measured after a collection each time.
func retainedBy(send func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	send()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// Any local process can send a long-running fake requests, without the
// key: a large body is recorded without its body, so records cannot be
// made to hold megabytes each.
func TestRecordsDropBodiesOverTheirBound(t *testing.T) {
	s := NewServer(t)
	hc := newHTTPClient(t)
	body := `{"pad":"` + strings.Repeat("x", maxBodyBytes-16) + `"}` // under the fake's read limit
	const n = 32
	grew := retainedBy(func() {
		for range n {
			resp, err := hc.Post(s.URL()+"/v1/convai/secrets", "application/json", strings.NewReader(body)) // no key
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
		}
	})
	t.Logf("%d unauthenticated 1 MiB requests: the fake holds %d KiB more", n, grew>>10)
	if grew > 4<<20 {
		t.Errorf("%d unauthenticated 1 MiB requests made the fake keep %d MiB of records", n, grew>>20)
	}
	rs := s.Requests()
	if len(rs) != n {
		t.Fatalf("%d records, want %d", len(rs), n)
	}
	for _, r := range rs {
		if r.Body != nil || r.Status != http.StatusUnauthorized {
			t.Fatalf("record of a 1 MiB body: status %d, body kept %t", r.Status, r.Body != nil)
		}
	}
}

// Headers are recorded whole, bodies up to their bound: the records
// together stay within maxRecordBytes, the oldest forgotten first.
func TestRecordsStayWithinTheirByteBudget(t *testing.T) {
	s := NewServer(t)
	hc := newHTTPClient(t)
	pad := strings.Repeat("p", 512<<10)
	const n = 2 * maxRecordBytes / (512 << 10) // twice the budget
	grew := retainedBy(func() {
		for i := range n {
			req, err := http.NewRequest("GET", s.URL()+"/v1/convai/secrets", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Pad", pad)
			req.Header.Set("X-Seq", strconv.Itoa(i))
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
		}
	})
	t.Logf("%d requests with 512 KiB of headers: the fake holds %d MiB more", n, grew>>20)
	if grew > maxRecordBytes+2<<20 {
		t.Errorf("records hold %d MiB, over their %d MiB budget", grew>>20, maxRecordBytes>>20)
	}
	rs := s.Requests()
	if len(rs) >= n || len(rs) == 0 {
		t.Fatalf("%d of %d records kept: the budget should forget the oldest", len(rs), n)
	}
	if got := rs[len(rs)-1].Header.Get("X-Seq"); got != strconv.Itoa(n-1) {
		t.Errorf("the newest record is request %s, want %d", got, n-1)
	}
	if got := rs[0].Header.Get("X-Seq"); got != strconv.Itoa(n-len(rs)) {
		t.Errorf("the oldest record kept is request %s, want %d: records are forgotten oldest first", got, n-len(rs))
	}
}
