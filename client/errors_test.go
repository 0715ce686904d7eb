package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

func TestAPIErrorParsing(t *testing.T) {
	json := http.Header{"Content-Type": {"application/json"}}
	tests := []struct {
		name   string
		method string
		fault  secretstest.Fault
		is     []error
		isNot  []error
		check  func(t *testing.T, e *client.APIError)
	}{
		{
			name:  "object envelope with status",
			fault: secretstest.Fault{Status: 404, Header: json, Body: `{"detail":{"status":"secret_not_found","message":"No secret x"}}`},
			is:    []error{client.ErrNotFound},
			isNot: []error{client.ErrUnauthorized, client.ErrSecretInUse},
			check: func(t *testing.T, e *client.APIError) {
				if e.Code != "secret_not_found" || e.Message != "No secret x" || e.RequestID == "" || e.Method != "GET" {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name:  "object envelope with code",
			fault: secretstest.Fault{Status: 401, Header: json, Body: `{"detail":{"code":"invalid_api_key","message":"bad key"}}`},
			is:    []error{client.ErrUnauthorized},
			check: func(t *testing.T, e *client.APIError) {
				if e.Code != "invalid_api_key" || e.Message != "bad key" {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name:  "403 is unauthorized",
			fault: secretstest.Fault{Status: 403, Header: json, Body: `{"detail":"forbidden"}`},
			is:    []error{client.ErrUnauthorized},
			check: func(t *testing.T, e *client.APIError) {
				if e.Message != "forbidden" {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name:  "422 list envelope",
			fault: secretstest.Fault{Status: 422, Header: json, Body: `{"detail":[{"loc":["body","name"],"msg":"Field required","type":"missing"},{"loc":["query","page_size",0],"msg":"too big","type":"less_than_equal"}]}`},
			is:    []error{client.ErrValidation},
			check: func(t *testing.T, e *client.APIError) {
				if len(e.Fields) != 2 || strings.Join(e.Fields[0].Loc, ".") != "body.name" || e.Fields[0].Type != "missing" ||
					strings.Join(e.Fields[1].Loc, ".") != "query.page_size.0" {
					t.Errorf("%+v", e.Fields)
				}
				if !strings.Contains(e.Error(), "body.name: Field required") {
					t.Errorf("Error() = %q", e.Error())
				}
			},
		},
		{
			name:  "422 with content {} and no content type",
			fault: secretstest.Fault{Status: 422, Body: `{"detail":[{"loc":["path","secret_id"],"msg":"bad","type":"value_error"}]}`},
			is:    []error{client.ErrValidation},
			check: func(t *testing.T, e *client.APIError) {
				if len(e.Fields) != 1 {
					t.Errorf("%+v", e)
				}
			},
		},
		{
			name:  "html 502",
			fault: secretstest.Fault{Status: 502, Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><body>Bad gateway</body></html>"},
			check: func(t *testing.T, e *client.APIError) {
				if e.Message != "Bad Gateway" || !strings.Contains(e.Body, "Bad gateway") || strings.Contains(e.Error(), "<html>") {
					t.Errorf("%+v / %q", e, e.Error())
				}
			},
		},
		{
			name:  "429",
			fault: secretstest.Fault{Status: 429, Header: json, Body: `{"detail":{"status":"too_many_concurrent_requests","message":"slow down"}}`},
			is:    []error{client.ErrRateLimited},
		},
		{
			name:   "DELETE 400 whose message says in use",
			method: "DELETE",
			fault:  secretstest.Fault{Status: 400, Header: json, Body: `{"detail":{"message":"Secret is in use by 2 tools"}}`},
			is:     []error{client.ErrSecretInUse},
		},
		{
			name:  "GET 400 saying in use is not ErrSecretInUse",
			fault: secretstest.Fault{Status: 400, Header: json, Body: `{"detail":{"message":"in use"}}`},
			isNot: []error{client.ErrSecretInUse},
		},
		{
			name:  "huge error body is bounded",
			fault: secretstest.Fault{Status: 500, Body: strings.Repeat("x", 200<<10)},
			check: func(t *testing.T, e *client.APIError) {
				if len(e.Body) > 2<<10 || len(e.Error()) > 1<<10 {
					t.Errorf("Body %d bytes, Error() %d bytes", len(e.Body), len(e.Error()))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, _ := fake(t, client.WithMaxRetries(0))
			var err error
			if tt.method == "DELETE" {
				tt.fault.Method = "DELETE"
				srv.Inject(tt.fault)
				err = c.Secrets.Delete(context.Background(), "x")
			} else {
				srv.Inject(tt.fault)
				_, err = c.Secrets.Get(context.Background(), "x")
			}
			var e *client.APIError
			if !errors.As(err, &e) || e.StatusCode != tt.fault.Status {
				t.Fatalf("err = %v, want *APIError %d", err, tt.fault.Status)
			}
			for _, s := range tt.is {
				if !errors.Is(err, s) {
					t.Errorf("errors.Is(%v, %v) = false", err, s)
				}
			}
			for _, s := range tt.isNot {
				if errors.Is(err, s) {
					t.Errorf("errors.Is(%v, %v) = true", err, s)
				}
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

func TestWrongKeyIsUnauthorized(t *testing.T) {
	srv := secretstest.NewServer(t)
	c, err := client.New(client.WithAPIKey("wrong-key"), client.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = collect(t, c.Secrets.List(context.Background(), client.ListOptions{}))
	if !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "wrong-key") {
		t.Errorf("key in error: %v", err)
	}
}

func TestDelete204Forms(t *testing.T) {
	for _, h := range []http.Header{nil, {"Content-Type": {"application/json"}}} {
		srv, c, _ := fake(t)
		srv.Inject(secretstest.Fault{Method: "DELETE", Status: 204, Header: h})
		if err := c.Secrets.Delete(context.Background(), "x"); err != nil {
			t.Errorf("204 with header %v: %v", h, err)
		}
	}
}

func TestSuccessBodyTooLarge(t *testing.T) {
	srv, c, _ := fake(t)
	srv.Inject(secretstest.Fault{Status: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: `{"secrets":[],"pad":"` + strings.Repeat("x", 2<<20) + `"}`})
	_, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{}))
	if !errors.Is(err, client.ErrResponseTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if len(srv.Requests()) != 1 {
		t.Errorf("too-large response retried: %d requests", len(srv.Requests()))
	}
}

func TestMalformedSuccessBody(t *testing.T) {
	srv, c, _ := fake(t)
	srv.Inject(secretstest.Fault{Method: "POST", Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: `{"secret_id":`})
	if _, err := c.Secrets.Create(context.Background(), "N", "v"); err == nil {
		t.Fatal("want decode error")
	}
	srv.Inject(secretstest.Fault{Method: "POST", Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: `{}`})
	if _, err := c.Secrets.Create(context.Background(), "N", "v"); err == nil {
		t.Fatal("want an error for a response without secret_id")
	}
}

// A 422 listing thousands of fields, or a loc thousands deep, keeps the
// first 100 fields and 32 loc items: each kept one is redacted, and a
// hostile body must not make that cost grow with it. Error() still
// counts every field.
func TestValidationErrorListsAreBounded(t *testing.T) {
	var items []string
	for range 1000 {
		items = append(items, `{"loc":["body","name"],"msg":"bad","type":"x"}`)
	}
	deepLoc := `{"loc":[` + strings.Repeat(`0,`, 99) + `0],"msg":"deep","type":"x"}`
	body := `{"detail":[` + deepLoc + "," + strings.Join(items, ",") + `]}`
	srv, c, _ := fake(t)
	srv.Inject(secretstest.Fault{Status: 422, Header: http.Header{"Content-Type": {"application/json"}}, Body: body})
	_, err := c.Secrets.Create(context.Background(), "N", "sk-bounded-value-0123")
	var e *client.APIError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	if len(e.Fields) != 100 || !strings.Contains(err.Error(), "; and 998 more") {
		t.Errorf("kept %d fields, error %q; want 100 kept and the other 998 counted", len(e.Fields), err)
	}
	if loc := e.Fields[0].Loc; len(loc) != 33 || loc[32] != "…" {
		t.Errorf("a 100-deep loc kept %d items ending %q, want 32 and \"…\"", len(loc), loc[len(loc)-1])
	}
}
