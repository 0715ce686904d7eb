package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// leaks collects every text the code under test produced, for one scan at
// the end. It is an io.Writer (for slog) and a logf (for the fake).
type leaks struct {
	mu    sync.Mutex
	texts []string
}

func (l *leaks) add(texts ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.texts = append(l.texts, texts...)
}

func (l *leaks) Write(p []byte) (int, error) { l.add(string(p)); return len(p), nil }

func (l *leaks) logf(format string, a ...any) { l.add(fmt.Sprintf(format, a...)) }

// printed adds every fmt rendering of each value.
func (l *leaks) printed(vs ...any) {
	for _, v := range vs {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			l.add(fmt.Sprintf(verb, v))
		}
	}
}

// errs adds each error's renderings, and an APIError's fields and value.
func (l *leaks) errs(errs ...error) {
	for _, err := range errs {
		if err == nil {
			continue
		}
		l.printed(err)
		l.add(err.Error())
		if e, ok := errors.AsType[*client.APIError](err); ok {
			l.printed(*e)
			l.add(e.Body, e.Message, e.Code)
		}
	}
}

// TestNothingLeaks drives every path of the client, the CLI and the fake
// with a recognisable key and value and asserts that neither (nor the
// wrong key tried on the way) appears in any error, log line, CLI output,
// fmt rendering or recovered panic value. The CLI harness checks each run's
// output as well; this is the one scan that covers everything at once.
// Retries are made instant with "Retry-After: 0", since the client's test
// hooks are not reachable from here.
func TestNothingLeaks(t *testing.T) {
	const wrongKey = "xi-wrong-LEAKCANARY-key"
	secrets := []string{testKey, testValue, wrongKey}
	var out leaks
	h := newHarness(t)
	srv, ctx := h.srv, context.Background()
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := []client.Option{client.WithAPIKey(testKey), client.WithBaseURL(srv.URL()), client.WithLogger(logger)}
	c, err := client.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	// echo is a fault whose body quotes text back, in JSON. Calls that
	// send the value get it quoted with the key; the others only the key,
	// since the client can only redact a value it was given.
	echo := func(status int, text string) secretstest.Fault {
		b, _ := json.Marshal(map[string]any{"detail": []map[string]any{{
			"loc": []string{"body", "value"}, "msg": "bad " + text, "type": "x", "input": text,
		}}})
		return secretstest.Fault{Status: status, Header: http.Header{"Content-Type": {"application/json"}, "Retry-After": {"0"}}, Body: string(b)}
	}
	both := testKey + " " + testValue
	on := func(method string, f secretstest.Fault) secretstest.Fault { f.Method = method; return f }
	html := secretstest.Fault{Status: 502, Header: http.Header{"Retry-After": {"0"}}, Body: "<html>" + testKey + "</html>"}
	cut := secretstest.Fault{Drop: secretstest.DropMidBody, Header: http.Header{"Retry-After": {"0"}}}

	// The client: all six operations, then each error kind.
	s, err := c.Secrets.Create(ctx, "LEAK", testValue)
	out.errs(err)
	for _, err := range c.Secrets.List(ctx, client.ListOptions{}) {
		out.errs(err)
	}
	_, err = c.Secrets.Update(ctx, s.ID, "LEAK", testValue+"-2")
	out.errs(err)
	_, err = c.Secrets.Get(ctx, s.ID)
	out.errs(err)
	if err := srv.MarkInUse(s.ID, "tools", "leak tool"); err != nil {
		t.Fatal(err)
	}
	for _, err := range c.Secrets.Dependencies(ctx, s.ID, client.DependencyTools) {
		out.errs(err)
	}
	out.errs(c.Secrets.Delete(ctx, s.ID)) // in use: 409
	var kinds []error
	srv.Inject(echo(422, both))
	_, err = c.Secrets.Create(ctx, "LEAK", testValue)
	kinds = append(kinds, err)
	srv.Inject(echo(503, both), echo(503, both), echo(503, both))
	_, err = c.Secrets.Update(ctx, s.ID, "LEAK", testValue)
	kinds = append(kinds, err)
	srv.Inject(echo(429, testKey), echo(429, testKey), echo(429, testKey))
	_, err = c.Secrets.Get(ctx, s.ID)
	kinds = append(kinds, err)
	srv.Inject(html, html, html)
	kinds = append(kinds, c.Secrets.Delete(ctx, s.ID))
	srv.Inject(cut, cut, cut)
	_, err = c.Secrets.Update(ctx, s.ID, "LEAK", testValue)
	kinds = append(kinds, err)
	srv.Inject(secretstest.Fault{Method: "PATCH", RedirectTo: "http://127.0.0.1:1/elsewhere"})
	_, err = c.Secrets.Update(ctx, s.ID, "LEAK", testValue)
	kinds = append(kinds, err)
	srv.Inject(secretstest.Fault{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: `{"secret_id":"` + testValue})
	_, err = c.Secrets.Create(ctx, "LEAK", testValue)
	kinds = append(kinds, err)
	_, err = c.Secrets.Get(ctx, "sec_missing")
	kinds = append(kinds, err)
	_, err = c.Secrets.Create(ctx, "", testValue)
	kinds = append(kinds, err)
	slow, err := client.New(append(opts, client.WithTimeout(20*time.Millisecond), client.WithMaxRetries(0))...)
	if err != nil {
		t.Fatal(err)
	}
	srv.Inject(secretstest.Fault{Latency: time.Second})
	_, err = slow.Secrets.Update(ctx, s.ID, "LEAK", testValue)
	kinds = append(kinds, err)
	wrong, err := client.New(client.WithAPIKey(wrongKey), client.WithBaseURL(srv.URL()), client.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	_, err = wrong.Secrets.Get(ctx, s.ID)
	kinds = append(kinds, err)
	_, err = client.New(client.WithAPIKey(testKey + "\n"))
	kinds = append(kinds, err)
	srv.Inject(on("POST", echo(422, both))) // the listing before cannot know the value
	_, _, err = c.Secrets.Upsert(ctx, "LEAK_UPSERT", testValue)
	kinds = append(kinds, err)
	_, _ = srv.Seed("LEAK_DUP", testValue)
	_, _ = srv.Seed("LEAK_DUP", testValue)
	_, _, err = c.Secrets.Upsert(ctx, "LEAK_DUP", testValue)
	kinds = append(kinds, err)
	for i, err := range kinds {
		if err == nil {
			t.Errorf("error path %d succeeded", i)
		}
	}
	out.errs(kinds...)

	// The CLI: every command, successes and failures (h.run also checks
	// each run on its own).
	xi := func(stdin string, args ...string) {
		r := h.run(stdin, args...)
		out.add(r.stdout, r.stderr)
	}
	id := h.createJSON("LEAK_CLI")
	xi("", "list", "--json")
	xi(testValue, "update", id, "LEAK_CLI")
	xi("", "get", id)
	xi("", "get", "LEAK_CLI")
	xi("", "deps", id, "--type", "agents")
	xi("", "deps", "LEAK_CLI")
	xi(testValue, "set", "LEAK_CLI") // updated
	xi(testValue, "set", "LEAK_SET") // created
	xi(testValue, "set", "LEAK_DUP") // two secrets of the name: refused
	srv.Inject(on("PATCH", echo(422, both)))
	xi(testValue, "set", "LEAK_CLI") // the update echoed
	srv.Inject(echo(422, both))
	xi(testValue, "create", "LEAK_CLI", "--allow-duplicate") // LEAK_CLI exists: the echo is create's
	xi(testValue, "create", "LEAK_CLI")                      // refused: names the existing id
	srv.Inject(echo(503, both), echo(503, both), echo(503, both))
	xi(testValue, "update", id, "LEAK_CLI")
	xi("", "delete", id)
	xi("", "get", id)
	envFile := writeFile(t, "LEAK_APPLY="+testValue+"\nLEAK_DUP='"+testValue+"'\nLEAK_"+testValue+"\n")
	xi("", "apply", "--file", envFile) // a bad line: refused, nothing quoted
	envFile = writeFile(t, "LEAK_APPLY="+testValue+"\nLEAK_DUP='"+testValue+"'\nLEAK_NEW=\""+testValue+"\"\n")
	srv.Inject(on("POST", echo(422, both)))
	xi("", "apply", "--file", envFile, "--json") // a create echoed, a duplicate name, a create
	srv.Inject(on("PATCH", echo(503, both)), on("PATCH", echo(503, both)), on("PATCH", echo(503, both)))
	xi("", "apply", "--file", envFile) // an update echoed
	xi("", "apply", "--file", envFile, "--dry-run")
	// The environment variables: a value typed as a flag is never quoted
	// back, nor is a --string in a refusal (env get shows a string
	// variable's text by design: none holds the value here).
	xi("", "env", "set", "LEAK_ENV", "--env", "staging", "--secret", "LEAK_APPLY") // no production yet
	xi("", "env", "set", "LEAK_ENV", "--env", "production", "--secret", "LEAK_APPLY")
	// A value typed as --secret is looked up as a name, then as an id:
	// sent, so on a fake of its own (whose records this test prints).
	r := newHarness(t).run("", "env", "set", "LEAK_ENV", "--env", "staging", "--secret", testValue) // no such secret
	out.add(r.stdout, r.stderr)
	xi("", "env", "set", "LEAK_ENV", "--env", "staging", "--string", testValue)    // a secret variable
	xi("", "env", "set", "LEAK_STR", "--env", "staging", "--string", testValue)    // no production yet
	xi("", "env", "set", "LEAK_ENV", "--env", testValue, "--secret", "LEAK_APPLY") // a bad environment name
	xi("", "env", "set", "LEAK_ENV", "--env", "staging", "--secret", "LEAK_APPLY", "--string", testValue)
	xi("", "env", "unset", "LEAK_ENV", "--env", "production")
	xi("", "env", "unset", "LEAK_ENV", "--env", "staging")
	xi("", "env", "list", "--json")
	xi("", "env", "get", "LEAK_ENV", "--json")
	xi("", "get", "LEAK_APPLY")
	xi("", "deps", "LEAK_APPLY", "--json")
	xi("", "delete", "LEAK_APPLY")                                                                                // bound: refused
	xi("", "apply", "--file", envFile, "--env", "staging")                                                        // labels without production: refused
	xi("", "apply", "--file", envFile, "--env", "production", "--json")                                           // creates and binds
	xi("", "apply", "--file", envFile, "--env", "staging", "--json")                                              // binds staging
	xi("", "apply", "--file", writeFile(t, "LEAK_APPLY="+testValue+"\n"), "--env", "staging", "--prune", "--yes") // unsets, deletes
	h.key = wrongKey
	xi("", "list")
	h.key = testKey
	ended, cancel := context.WithCancel(ctx)
	cancel() // the fake command serves until its context ends: at once
	var stdout, stderr strings.Builder
	run(ended, []string{"fake", "--addr", "127.0.0.1:0"}, cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
		Getenv: keyOnlyEnv})
	out.add(stdout.String(), stderr.String())

	// The fake started for use outside tests, with its log captured.
	started, err := secretstest.Start("127.0.0.1:0", secretstest.WithAPIKey(testKey), secretstest.WithLogf(out.logf))
	if err != nil {
		t.Fatal(err)
	}
	defer started.Close()
	sc, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(started.URL()), client.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := sc.Secrets.Create(ctx, "LEAK", testValue)
	out.errs(err)
	out.errs(sc.Secrets.Delete(ctx, s2.ID))

	// Printers: fmt with every verb, slog, and a panic's recovered value.
	out.printed(c, *c, c.Secrets, srv, started, client.WithAPIKey(testKey), srv.Requests(), started.Requests())
	logger.Info("values", "client", c, "secrets", c.Secrets, "server", srv, "err", kinds[0])
	recovered := func() (v any) {
		defer func() { v = recover() }()
		panic(kinds[0])
	}()
	out.printed(recovered)

	for _, text := range out.texts {
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%q leaked in: %.400s", secret, text)
			}
		}
	}
	if len(out.texts) < 100 {
		t.Errorf("only %d texts scanned: the paths did not run", len(out.texts))
	}
}

// --base-url with the key as user info (or in a query) is refused, and the
// refusal never prints the key.
func TestBaseURLRefusalNeverPrintsTheKey(t *testing.T) {
	for _, base := range []string{"https://" + testKey + "@api.elevenlabs.io", "https://api.elevenlabs.io?xi-api-key=" + testKey} {
		r := runWithout(t, "list", "--base-url", base)
		if strings.Contains(r.stdout+r.stderr, testKey) {
			t.Errorf("--base-url refusal printed the key: %s", strings.ReplaceAll(r.stderr, testKey, "<key>"))
		}
	}
}

// A server that echoes the key as next_cursor and then drops the
// connection cannot get `xisecrets list` to print the key on stderr (a CI
// log): errors never quote a request's query.
func TestListNeverPrintsAKeyEchoedAsCursor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"secrets":[{"secret_id":"s1","name":"n1","used_by":{}}],"next_cursor":"` + r.Header.Get("xi-api-key") + `"}`))
			return
		}
		conn, _, _ := http.NewResponseController(w).Hijack()
		_ = conn.Close()
	}))
	defer srv.Close()
	r := runWithout(t, "list", "--base-url", srv.URL)
	if strings.Contains(r.stdout+r.stderr, testKey) {
		t.Errorf("xisecrets list printed the key (echoed as a cursor): %s", strings.ReplaceAll(r.stderr, testKey, "<key>"))
	}
}
