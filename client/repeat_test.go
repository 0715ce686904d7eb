package client_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// storedJSON is one secret of a listing page, used by no one.
func storedJSON(id, name string) string {
	return fmt.Sprintf(`{"type":"stored","secret_id":%q,"name":%q,"used_by":{"tools":[],"agents":[],"others":[]}}`, id, name)
}

// pagedServer serves the listing pages given, in order, each but the last
// with a cursor to the next.
func pagedServer(t *testing.T, pages ...[]string) *client.Client {
	t.Helper()
	var calls atomic.Int64
	c, _ := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		if r.Method != http.MethodGet || n >= len(pages) {
			http.Error(w, `{"detail":"unexpected"}`, http.StatusTeapot)
			return
		}
		next := "null"
		if n+1 < len(pages) {
			next = fmt.Sprintf(`"page%d"`, n+1)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"secrets":[%s],"next_cursor":%s}`, strings.Join(pages[n], ","), next)
	})
	return c
}

// TestRepeatedSecretIsNotADuplicate: a listing that repeats one secret
// (the same id on two pages, as a server may when secrets are created
// between page fetches) yields it once, and a name lookup finds it rather
// than reporting "2 secrets are named DB_URL (sec_1, sec_1)".
func TestRepeatedSecretIsNotADuplicate(t *testing.T) {
	ctx := context.Background()
	pages := [][]string{{storedJSON("sec_1", "DB_URL"), storedJSON("sec_2", "OTHER")}, {storedJSON("sec_1", "DB_URL")}}

	all, err := collect(t, pagedServer(t, pages...).Secrets.List(ctx, client.ListOptions{}))
	if err != nil || len(all) != 2 {
		t.Errorf("List yields %d secrets (%v), want 2: each id once", len(all), err)
	}
	got, err := pagedServer(t, pages...).Secrets.FindByName(ctx, "DB_URL")
	if err != nil || got.ID != "sec_1" {
		t.Errorf("FindByName(DB_URL) = %q, %v; want sec_1", got.ID, err)
	}
	if _, _, err := pagedServer(t, pages...).Secrets.Upsert(ctx, "DB_URL", "v"); err != nil && strings.Contains(err.Error(), "named") {
		t.Errorf("Upsert(DB_URL): %v; want no duplicate-name error", err)
	}
	ix, err := pagedServer(t, pages...).Secrets.IndexByName(ctx, client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range ix.All() {
		n++
	}
	if n != 2 {
		t.Errorf("NameIndex.All yields %d secrets, want 2", n)
	}
}

// TestRenameBetweenPagesKeepsBothNames: a secret renamed between two page
// fetches is listed under its old name and then its new one. List yields
// the id once; the index answers for both names (each is the secret a
// by-name write must reach, not a reason to create a second), and All
// yields it once.
func TestRenameBetweenPagesKeepsBothNames(t *testing.T) {
	ctx := context.Background()
	c := pagedServer(t, []string{storedJSON("sec_1", "OLD_DB_PASSWORD")}, []string{storedJSON("sec_1", "DB_PASSWORD")})
	ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"OLD_DB_PASSWORD", "DB_PASSWORD"} {
		if got, err := ix.Lookup(name); err != nil || got.ID != "sec_1" {
			t.Errorf("Lookup(%s) = %q, %v; want sec_1", name, got.ID, err)
		}
	}
	var ids []string
	for s := range ix.All() {
		ids = append(ids, s.ID)
	}
	if len(ids) != 1 {
		t.Errorf("All yields %v, want sec_1 once", ids)
	}
	c = pagedServer(t, []string{storedJSON("sec_1", "OLD_DB_PASSWORD")}, []string{storedJSON("sec_1", "DB_PASSWORD")})
	all, err := collect(t, c.Secrets.List(ctx, client.ListOptions{}))
	if err != nil || len(all) != 1 {
		t.Errorf("List yields %v (%v), want sec_1 once", all, err)
	}
}
