package secretstest

import (
	"fmt"
	"net/http"
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
