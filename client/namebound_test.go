package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/gen"
)

// TestNoWriteOfANameNoListingCanReturn: two secrets with 600 KiB names
// would make every listing page unreadable (over the 1 MiB response
// bound) for everyone. Create, Update (a rename) and Upsert refuse such a
// name, without quoting it, and send nothing; so does Raw().
func TestNoWriteOfANameNoListingCanReturn(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	existing := mustCreate(t, c, "SHORT", "v")
	before := len(srv.Requests())
	huge := strings.Repeat("N", 600<<10)
	writes := map[string]func(name string) error{
		"Create": func(name string) error { _, err := c.Secrets.Create(ctx, name, "v"); return err },
		"Update": func(name string) error { _, err := c.Secrets.Update(ctx, existing.ID, name, "v"); return err },
		"Upsert": func(name string) error { _, _, err := c.Secrets.Upsert(ctx, name, "v"); return err },
		"Raw().SecretsCreate": func(name string) error {
			_, err := c.Raw().SecretsCreateWithResponse(ctx, gen.SecretsCreateJSONRequestBody{Type: gen.PostWorkspaceSecretRequestTypeNew, Name: name, Value: "v"})
			return err
		},
		"Raw().SecretsUpdate": func(name string) error {
			_, err := c.Raw().SecretsUpdateWithResponse(ctx, existing.ID, gen.SecretsUpdateJSONRequestBody{Type: gen.PatchWorkspaceSecretRequestTypeUpdate, Name: name, Value: "v"})
			return err
		},
		"Raw().SecretsCreateWithBody": func(name string) error {
			body := `{"type":"new","name":"` + name + `","value":"v"}`
			_, err := c.Raw().SecretsCreateWithBodyWithResponse(ctx, "application/json", strings.NewReader(body))
			return err
		},
		"Raw().SecretsUpdateWithBody": func(name string) error {
			body := `{"type":"update","name":"` + name + `","value":"v"}`
			_, err := c.Raw().SecretsUpdateWithBodyWithResponse(ctx, existing.ID, "application/json", strings.NewReader(body))
			return err
		},
	}
	for what, write := range writes {
		err := write(huge)
		if !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("%s of a 600 KiB name: %v, want ErrInvalidArgument", what, err)
			continue
		}
		if strings.Contains(err.Error(), "NNNN") {
			t.Errorf("%s: the error quotes the name (it may be a pasted secret)", what)
		}
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("the refused writes sent %d request(s)", n)
	}
	for s, err := range c.Secrets.List(ctx, client.ListOptions{}) {
		if err != nil || s.Name != "SHORT" {
			t.Errorf("listing after the refused writes: %q, %v", s.Name, err)
		}
	}
}

// TestNameBoundFitsAFullPage checks MaxNameBytes against the listing it is
// derived from: a full page of MaxPageSize secrets, each named with
// MaxNameBytes of the worst escaping (a control byte, sent as \u00XX),
// each used by a tool, is readable; a name one byte longer is refused.
func TestNameBoundFitsAFullPage(t *testing.T) {
	srv, c, _ := fake(t)
	worst := strings.Repeat("\x01", client.MaxNameBytes-3)
	for i := range client.MaxPageSize {
		id, err := srv.Seed(fmt.Sprintf("%s%03d", worst, i), "v")
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.MarkInUse(id, client.DependencyTools, "webhook tool"); err != nil {
			t.Fatal(err)
		}
	}
	all, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{}))
	if err != nil || len(all) != client.MaxPageSize {
		t.Fatalf("a full page of names at the bound: %d secrets, %v", len(all), err)
	}
	size := client.MaxPageSize
	if page, err := c.Raw().SecretsListWithResponse(context.Background(), &gen.SecretsListParams{PageSize: &size}); err == nil {
		t.Logf("the page is %d bytes of the %d bound", len(page.Body), 1<<20)
	}
	if err := client.CheckName(worst + "0000"); !errors.Is(err, client.ErrInvalidArgument) || strings.Contains(err.Error(), "\x01") {
		t.Errorf("CheckName of MaxNameBytes+1: %v, want ErrInvalidArgument without the name", err)
	}
	if _, err := srv.Seed(worst+"0000", "v"); err == nil {
		t.Error("the fake's Seed takes a name over MaxNameBytes")
	}
}
