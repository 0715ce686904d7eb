package secretstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestRequestValidation(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "n", "v")
	for _, tc := range []struct {
		name, method, path string
		body               any
		loc                string // of the first detail, joined with "."
	}{
		{"missing name", "POST", "/v1/convai/secrets", map[string]any{"type": "new", "value": "v"}, "body.name"},
		{"wrong type constant", "POST", "/v1/convai/secrets", map[string]any{"type": "update", "name": "n", "value": "v"}, "body.type"},
		{"name not a string", "POST", "/v1/convai/secrets", map[string]any{"type": "new", "name": 1, "value": "v"}, "body.name"},
		{"malformed JSON", "POST", "/v1/convai/secrets", `{"type":`, "body"},
		{"no body", "POST", "/v1/convai/secrets", nil, "body"},
		{"page_size 0", "GET", "/v1/convai/secrets?page_size=0", nil, "query.page_size"},
		{"page_size 101", "GET", "/v1/convai/secrets?page_size=101", nil, "query.page_size"},
		{"page_size not a number", "GET", "/v1/convai/secrets?page_size=ten", nil, "query.page_size"},
		{"dependency_limit 101", "GET", "/v1/convai/secrets?dependency_limit=101", nil, "query.dependency_limit"},
		{"update with create's type", "PATCH", "/v1/convai/secrets/" + id, map[string]any{"type": "new", "name": "n", "value": "v"}, "body.type"},
		{"update without value", "PATCH", "/v1/convai/secrets/" + id, map[string]any{"type": "update", "name": "n"}, "body.value"},
		{"update without body", "PATCH", "/v1/convai/secrets/" + id, nil, "body"},
		{"unknown resource type", "GET", "/v1/convai/secrets/" + id + "/dependencies/widgets", nil, "path.resource_type"},
		{"dependencies page_size 0", "GET", "/v1/convai/secrets/" + id + "/dependencies/tools?page_size=0", nil, "query.page_size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.method, tc.path, tc.body)
			if r.status != http.StatusUnprocessableEntity {
				t.Fatalf("%d %s, want 422", r.status, r.body)
			}
			var v validationError
			if err := json.Unmarshal(r.body, &v); err != nil || len(v.Detail) == 0 {
				t.Fatalf("body %s: %v", r.body, err)
			}
			var loc []string
			for _, part := range v.Detail[0].Loc {
				loc = append(loc, part.(string))
			}
			if got := strings.Join(loc, "."); got != tc.loc || v.Detail[0].Msg == "" || v.Detail[0].Type == "" {
				t.Errorf("detail %+v, want loc %s", v.Detail[0], tc.loc)
			}
		})
	}
	if s.Len() != 1 || !s.ValueIs(id, "v") {
		t.Error("an invalid request changed the store")
	}
}

// A validation error must not echo a value, even one of the wrong type.
func TestValidationDoesNotEchoValues(t *testing.T) {
	s := NewServer(t)
	r := call(t, s, "POST", "/v1/convai/secrets", map[string]any{"type": "new", "name": 5, "value": []string{"hunter2"}})
	if r.status != http.StatusUnprocessableEntity || bytes.Contains(r.body, []byte("hunter2")) {
		t.Errorf("%d %s", r.status, r.body)
	}
}

// A response of the fake that breaks the spec fails the test that used the
// fake and reaches the client as a 500.
func TestResponseValidationFailsTheTest(t *testing.T) {
	for _, tc := range []struct {
		name, op, method, path string
		tamper                 func([]byte) []byte
	}{
		{"missing field", "SecretsCreate", "POST", "/v1/convai/secrets",
			func(b []byte) []byte {
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil || m["type"] != "stored" {
					panic(fmt.Sprintf("not a stored secret: %s", b))
				}
				delete(m, "type")
				b, _ = json.Marshal(m)
				return b
			}},
		{"wrong constant", "SecretsList", "GET", "/v1/convai/secrets",
			func([]byte) []byte {
				return []byte(`{"secrets":[{"type":"new","secret_id":"x","name":"y","used_by":{"tools":[],"agents":[],"others":[]}}]}`)
			}},
		{"not JSON", "SecretsList", "GET", "/v1/convai/secrets",
			func([]byte) []byte { return []byte(`<html>`) }},
		{"204 with a body", "SecretsDelete", "DELETE", "",
			func([]byte) []byte { return []byte(`{}`) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt := &recordingTB{TB: t}
			s := NewServer(rt, withTamper(func(op string, b []byte) []byte {
				if op == tc.op {
					return tc.tamper(b)
				}
				return b
			}))
			path := tc.path
			if path == "" {
				path = "/v1/convai/secrets/" + create(t, s, "n", "v")
			}
			body := any(nil)
			if tc.method == "POST" {
				body = map[string]any{"type": "new", "name": "n", "value": "v"}
			}
			r := call(t, s, tc.method, path, body)
			if r.status != http.StatusInternalServerError || r.detailStatus(t) != "fake_response_invalid" {
				t.Errorf("client got %d %s, want 500 fake_response_invalid", r.status, r.body)
			}
			if errs := rt.errors(); len(errs) != 1 || !strings.Contains(errs[0], "does not match the spec") {
				t.Errorf("Errorf calls: %q, want one about the spec", errs)
			}
		})
	}
}

// Start has no testing.TB: its failures go to WithLogf.
func TestResponseValidationLogsForStart(t *testing.T) {
	var mu sync.Mutex
	var logged []string
	s, err := Start("127.0.0.1:0",
		WithLogf(func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			logged = append(logged, format)
		}),
		withTamper(func(_ string, b []byte) []byte { return []byte(`{"secrets":null}`) }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r := call(t, s, "GET", "/v1/convai/secrets", nil); r.status != http.StatusInternalServerError {
		t.Errorf("client got %d, want 500", r.status)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 1 {
		t.Errorf("logf calls: %q", logged)
	}
}

// Statuses the spec does not declare are not violations.
func TestUndeclaredStatusesPass(t *testing.T) {
	rt := &recordingTB{TB: t}
	s := NewServer(rt)
	id := create(t, s, "n", "v")
	if err := s.MarkInUse(id, "tools", "t"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/v1/convai/secrets/" + id: 409, "/v1/convai/secrets/none": 404} {
		if r := call(t, s, "DELETE", path, nil); r.status != want {
			t.Errorf("DELETE %s: %d, want %d", path, r.status, want)
		}
	}
	if r := callWithKey(t, s, "bad", "GET", "/v1/convai/secrets", nil); r.status != 401 {
		t.Errorf("bad key: %d", r.status)
	}
	if errs := rt.errors(); len(errs) != 0 {
		t.Errorf("reported: %q", errs)
	}
}
