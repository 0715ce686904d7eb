package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

func TestFindByNameIsExact(t *testing.T) {
	_, c, _ := fake(t)
	want := mustCreate(t, c, "MY_KEY", "v1")
	mustCreate(t, c, "MY_KEY2", "v2") // the API's search is a prefix match: it finds both
	got, err := c.Secrets.FindByName(context.Background(), "MY_KEY")
	if err != nil || got.ID != want.ID {
		t.Fatalf("FindByName(MY_KEY) = %s, %v; want %s", got.ID, err, want.ID)
	}
	if _, err := c.Secrets.FindByName(context.Background(), "MY_KE"); !errors.Is(err, client.ErrNotFound) || !errors.Is(err, client.ErrNoSuchName) {
		t.Errorf("FindByName of a prefix only: %v, want ErrNoSuchName and ErrNotFound", err)
	}
}

func TestFindByNameRefusesDuplicates(t *testing.T) {
	_, c, _ := fake(t)
	a := mustCreate(t, c, "DUP", "v1")
	b := mustCreate(t, c, "DUP", "v2")
	_, err := c.Secrets.FindByName(context.Background(), "DUP")
	var dup *client.DuplicateNameError
	if !errors.Is(err, client.ErrDuplicateName) || !errors.As(err, &dup) {
		t.Fatalf("FindByName of a duplicated name: %v, want a *DuplicateNameError", err)
	}
	if dup.Name != "DUP" || len(dup.IDs) != 2 || dup.IDs[0] != a.ID || dup.IDs[1] != b.ID {
		t.Errorf("DuplicateNameError = %+v, want DUP with ids %s, %s", dup, a.ID, b.ID)
	}
	if errors.Is(err, client.ErrNotFound) {
		t.Error("a duplicate must not look like not found: Upsert would create a third")
	}
}

func TestUpsertCreatesThenUpdates(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	first, created, err := c.Secrets.Upsert(ctx, "TOKEN", "one")
	if err != nil || !created {
		t.Fatalf("first Upsert: created=%v, %v; want a create", created, err)
	}
	second, created, err := c.Secrets.Upsert(ctx, "TOKEN", "two")
	if err != nil || created || second.ID != first.ID {
		t.Fatalf("second Upsert: created=%v id %s, %v; want an update of %s", created, second.ID, err, first.ID)
	}
	if srv.Len() != 1 || !srv.ValueIs(first.ID, "two") {
		t.Errorf("after two Upserts: %d secrets, or the value is not the second one", srv.Len())
	}
}

func TestUpsertDuplicateWritesNothing(t *testing.T) {
	srv, c, _ := fake(t)
	a := mustCreate(t, c, "DUP", "v1")
	mustCreate(t, c, "DUP", "v2")
	before := len(srv.Requests())
	if _, _, err := c.Secrets.Upsert(context.Background(), "DUP", "v3"); !errors.Is(err, client.ErrDuplicateName) {
		t.Fatalf("Upsert of a duplicated name: %v, want ErrDuplicateName", err)
	}
	for _, r := range srv.Requests()[before:] {
		if r.Method != http.MethodGet {
			t.Errorf("Upsert of a duplicated name sent %s %s", r.Method, r.Path)
		}
	}
	if srv.ValueIs(a.ID, "v3") {
		t.Error("Upsert of a duplicated name wrote a value")
	}
}

// A 404 from the listing itself (a wrong base path) is not "no secret of
// that name" (ErrNoSuchName): Upsert must not go on to create.
func TestUpsertListingFailureDoesNotCreate(t *testing.T) {
	srv, c, _ := fake(t)
	srv.Inject(secretstest.Fault{Method: http.MethodGet, Status: http.StatusNotFound, Body: `{"detail":"Not Found"}`})
	if _, err := c.Secrets.FindByName(context.Background(), "X"); !errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrNoSuchName) {
		t.Errorf("FindByName after a 404 listing: %v, want ErrNotFound but not ErrNoSuchName", err)
	}
	srv.Inject(secretstest.Fault{Method: http.MethodGet, Status: http.StatusNotFound, Body: `{"detail":"Not Found"}`})
	if _, _, err := c.Secrets.Upsert(context.Background(), "X", "v"); err == nil {
		t.Fatal("Upsert after a failed listing: want the listing's error")
	}
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost {
			t.Error("Upsert created a secret after its listing failed")
		}
	}
}

func TestNameAndValueRuleBeforeSending(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	long := strings.Repeat("x", client.MaxValueBytes+1)
	cases := []struct {
		what        string
		name, value string
	}{
		{"empty name", "", "v"},
		{"name of spaces", "   ", "v"},
		{"name not UTF-8", "A\xff", "v"},
		{"empty value", "N", ""},
		{"value not UTF-8", "N", "\xff"},
		{"value over the limit", "N", long},
	}
	for _, tc := range cases {
		if _, err := c.Secrets.Create(ctx, tc.name, tc.value); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("Create with %s: %v, want ErrInvalidArgument", tc.what, err)
		}
		if _, _, err := c.Secrets.Upsert(ctx, tc.name, tc.value); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("Upsert with %s: %v, want ErrInvalidArgument", tc.what, err)
		}
		if err := errors.Join(client.CheckName(tc.name), client.CheckValue(tc.value)); err == nil {
			t.Errorf("CheckName/CheckValue accept %s", tc.what)
		}
	}
	if _, err := c.Secrets.FindByName(ctx, " "); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("FindByName of a blank name: %v, want ErrInvalidArgument", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("invalid names or values sent %d request(s)", n)
	}
	if _, err := c.Secrets.Create(ctx, "N", long[:client.MaxValueBytes]); err != nil {
		t.Errorf("a value of exactly MaxValueBytes: %v", err)
	}
}

func TestInvalidArgumentTextIsOneMessage(t *testing.T) {
	err := client.CheckName("")
	if got := err.Error(); got != "xisecrets: name must not be empty" {
		t.Errorf("CheckName(\"\") = %q: want the problem alone, without the sentinel's text appended", got)
	}
	if got := client.ErrInvalidArgument.Error(); !strings.HasPrefix(got, "xisecrets: ") {
		t.Errorf("ErrInvalidArgument = %q: want the package prefix", got)
	}
}

func ExampleSecretsService_Upsert() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	for _, value := range []string{"sk-first", "sk-rotated"} {
		s, created, err := c.Secrets.Upsert(ctx, "OPENAI_KEY", value)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.Name, created)
	}
	fmt.Println("secrets:", srv.Len())
	// Output:
	// OPENAI_KEY true
	// OPENAI_KEY false
	// secrets: 1
}

func ExampleSecretsService_FindByName() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	_, _ = srv.Seed("DB_PASSWORD", "one")
	_, _ = srv.Seed("DB_PASSWORD", "two") // the API does not keep names unique
	_, err := c.Secrets.FindByName(ctx, "DB_PASSWORD")
	var dup *client.DuplicateNameError
	fmt.Println(errors.Is(err, client.ErrDuplicateName), errors.As(err, &dup) && len(dup.IDs) == 2)
	_, err = c.Secrets.FindByName(ctx, "DB_PASS") // a prefix of the name is not the name
	fmt.Println(errors.Is(err, client.ErrNoSuchName))
	// Output:
	// true true
	// true
}

// The ids in a DuplicateNameError come from a listing, server text: its
// Error() shows their control, bidi and invisible characters as escapes.
func TestDuplicateNameErrorEscapesIDs(t *testing.T) {
	c, _ := hostileClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"secrets":[{"secret_id":"a\u001b]52;c;cHduZWQ=\u0007","name":"DB","used_by":{}},{"secret_id":"b\r\u001b[2K\u009b2J","name":"DB","used_by":{}}],"next_cursor":null}`))
	})
	_, err := c.Secrets.FindByName(context.Background(), "DB")
	if !errors.Is(err, client.ErrDuplicateName) {
		t.Fatalf("err = %v, want ErrDuplicateName", err)
	}
	if strings.ContainsFunc(err.Error(), textsafe.Hidden) {
		t.Errorf("DuplicateNameError text carries the server's control characters: %q", err.Error())
	}
	if want := `a\x1b]52;c;cHduZWQ=\x07, b\r\x1b[2K\u009b2J`; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want the ids shown as escapes: %q", err.Error(), want)
	}
}

// TestNameIndexAllYieldsEverySecretOnce: All gives back the whole listing,
// duplicates of a name included, in listing order, from the one listing.
func TestNameIndexAllYieldsEverySecretOnce(t *testing.T) {
	srv, c, _ := fake(t)
	want := []string{mustCreate(t, c, "A", "1").ID, mustCreate(t, c, "DUP", "2").ID, mustCreate(t, c, "DUP", "3").ID}
	before := len(srv.Requests())
	ix, err := c.Secrets.IndexByName(context.Background(), client.ListOptions{PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	lists := len(srv.Requests()) - before
	var got []string
	for s := range ix.All() {
		got = append(got, s.ID)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("All() = %v, want %v in listing order", got, want)
	}
	if len(srv.Requests())-before != lists {
		t.Error("All() sent a request; it must answer from the listing")
	}
}
