package client_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// scalePrefix is a secret's name that 5,000 others start with in
// TestNameLookupsPageAtScale: a lookup of it lists them all.
const scalePrefix = "TEAM_SERVICE"

// TestNameLookupsPageAtScale: 5,000 secrets whose names start with
// another's make one unpaged listing of them pass the 1 MiB response bound. Every listing the
// library makes (List with no page size, IndexByName, FindByName, Upsert)
// pages with an explicit page size within the bound, so each works, and no
// listing request goes out without page_size.
func TestNameLookupsPageAtScale(t *testing.T) {
	srv, c, _ := fake(t)
	const n = 5000
	name := func(i int) string { return fmt.Sprintf("%s_%s_%05d", scalePrefix, strings.Repeat("X", 40), i) }
	for i := range n {
		if _, err := srv.Seed(name(i), "v"); err != nil {
			t.Fatal(err)
		}
	}
	want, err := srv.Seed(scalePrefix, "v") // listed last, after the 5,000
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if got, err := c.Secrets.FindByName(ctx, scalePrefix); err != nil || got.ID != want {
		t.Errorf("FindByName of a name %d others start with = %q, %v; want %s", n, got.ID, err, want)
	}
	if _, created, err := c.Secrets.Upsert(ctx, scalePrefix, "v2"); err != nil || created {
		t.Errorf("Upsert of it: created=%v, %v; want an update", created, err)
	}
	ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{Search: scalePrefix})
	if err != nil {
		t.Fatalf("IndexByName with no page size: %v", err)
	}
	if _, err := ix.Lookup(name(n / 2)); err != nil {
		t.Errorf("Lookup in the index: %v", err)
	}
	all, err := collect(t, c.Secrets.List(ctx, client.ListOptions{}))
	if err != nil || len(all) != n+1 {
		t.Errorf("List with no page size: %d secrets, %v; want %d", len(all), err, n+1)
	}
	for _, r := range srv.Requests() {
		if r.Method != "GET" || r.Path != "/v1/convai/secrets" {
			continue
		}
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("page_size") == "" {
			t.Fatalf("a listing went out without page_size (%s): the API then sends every secret in one response", r.RawQuery)
		}
	}
}
