package secretstest

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// listAll pages through list with query q and returns names, in order.
func listAll(t *testing.T, s *Server, q url.Values) (names []string, pages int) {
	t.Helper()
	for {
		r := call(t, s, "GET", "/v1/convai/secrets?"+q.Encode(), nil)
		if r.status != http.StatusOK {
			t.Fatalf("list %s: %d %s", q.Encode(), r.status, r.body)
		}
		body := r.json(t)
		for _, sec := range body["secrets"].([]any) {
			names = append(names, sec.(map[string]any)["name"].(string))
		}
		pages++
		next, _ := body["next_cursor"].(string)
		if next == "" {
			return names, pages
		}
		q.Set("cursor", next)
	}
}

func TestListPaging(t *testing.T) {
	s := NewServer(t)
	for i := range 5 {
		create(t, s, fmt.Sprintf("s%d", i), "v")
	}
	names, pages := listAll(t, s, url.Values{"page_size": {"2"}})
	if fmt.Sprint(names) != "[s0 s1 s2 s3 s4]" || pages != 3 {
		t.Errorf("page_size 2: %v in %d pages, want creation order in 3", names, pages)
	}
	if names, pages := listAll(t, s, url.Values{}); len(names) != 5 || pages != 1 {
		t.Errorf("no page_size: %d names in %d pages, want all in one", len(names), pages)
	}
	if names, pages := listAll(t, s, url.Values{"page_size": {"5"}}); len(names) != 5 || pages != 1 {
		t.Errorf("exact page: %d names in %d pages; the last page must have no cursor", len(names), pages)
	}
}

func TestListCursorSurvivesDeletes(t *testing.T) {
	s := NewServer(t)
	ids := make([]string, 4)
	for i := range ids {
		ids[i] = create(t, s, fmt.Sprintf("s%d", i), "v")
	}
	r := call(t, s, "GET", "/v1/convai/secrets?page_size=2", nil)
	cursor := r.json(t)["next_cursor"].(string)
	// Delete the last secret returned and the next one due.
	call(t, s, "DELETE", "/v1/convai/secrets/"+ids[1], nil)
	call(t, s, "DELETE", "/v1/convai/secrets/"+ids[2], nil)
	names, _ := listAll(t, s, url.Values{"page_size": {"2"}, "cursor": {cursor}})
	if fmt.Sprint(names) != "[s3]" {
		t.Errorf("after deletes: %v, want [s3]", names)
	}
}

func TestListSearch(t *testing.T) {
	s := NewServer(t)
	for _, n := range []string{"db-main", "api-key", "db-replica", "xdb"} {
		create(t, s, n, "v")
	}
	names, _ := listAll(t, s, url.Values{"search": {"db"}, "page_size": {"1"}})
	if fmt.Sprint(names) != "[db-main db-replica]" {
		t.Errorf("search db: %v", names)
	}
}

func TestListBadCursor(t *testing.T) {
	s := NewServer(t)
	for _, c := range []string{"garbage!", "c2VjcmV0c3Rlc3Q6MA", "b3RoZXI6MQ"} { // not base64; seq 0; another prefix
		r := call(t, s, "GET", "/v1/convai/secrets?cursor="+url.QueryEscape(c), nil)
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("cursor %q: %d %s, want 422", c, r.status, r.body)
		}
	}
}

func TestListDependencyLimit(t *testing.T) {
	s := NewServer(t)
	id := create(t, s, "busy", "v")
	for i := range 3 {
		if err := s.MarkInUse(id, "tools", fmt.Sprintf("tool%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.MarkInUse(id, "agents", "agent0"); err != nil {
		t.Fatal(err)
	}
	r := call(t, s, "GET", "/v1/convai/secrets?dependency_limit=2", nil)
	usedBy := r.json(t)["secrets"].([]any)[0].(map[string]any)["used_by"].(map[string]any)
	if n := len(usedBy["tools"].([]any)); n != 2 || usedBy["tools_has_more"] != true {
		t.Errorf("tools: %d, has_more %v; want 2, true", n, usedBy["tools_has_more"])
	}
	if n := len(usedBy["agents"].([]any)); n != 1 || usedBy["agents_has_more"] != false {
		t.Errorf("agents: %d, has_more %v; want 1, false", n, usedBy["agents_has_more"])
	}
	// get shows every dependent.
	got := call(t, s, "GET", "/v1/convai/secrets/"+id, nil).json(t)["used_by"].(map[string]any)
	if n := len(got["tools"].([]any)); n != 3 {
		t.Errorf("get: %d tools, want 3", n)
	}
}
