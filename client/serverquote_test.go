package client_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// rawServer answers every request on 127.0.0.1 with the bytes reply
// writes, below net/http, so that a response can be as malformed as a
// hostile peer likes.
func rawServer(t *testing.T, reply string) string {
	return rawServerFunc(t, func(*http.Request) string { return reply })
}

// rawServerFunc is rawServer with the reply made from each request.
func rawServerFunc(t *testing.T, reply func(*http.Request) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if req, err := http.ReadRequest(bufio.NewReader(conn)); err == nil {
					_, _ = conn.Write([]byte(reply(req)))
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// Issue 10, class 1: when net/http quotes server bytes in an error, neither
// the key nor the call's value reaches a log line (Debug attempts, Info
// retries) or the error, and a request id that echoes either is redacted.
func TestServerQuotedBytesNotLogged(t *testing.T) {
	v := hostileValue
	rows := []struct{ name, reply string }{
		{"malformed status code", "HTTP/1.1 " + v + " OK\r\nContent-Length: 0\r\n\r\n"},
		{"malformed status line", "HTTP/1.1" + v + "\r\n\r\n"},
		{"malformed header line", "HTTP/1.1 200 OK\r\n" + v + " " + hostileKey + "\r\nContent-Length: 0\r\n\r\n"},
		{"unparsable Location", "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://[" + v + "/" + hostileKey + "\r\nContent-Length: 0\r\n\r\n"},
		{"malformed Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: " + uEscape(v) + "\r\n\r\n"},
		{"request id echoes JSON-escaped", "HTTP/1.1 503 Service Unavailable\r\nrequest-id: " + uEscape(v) + "\r\nContent-Length: 0\r\n\r\n"},
		{"request id echoes raw", "HTTP/1.1 503 Service Unavailable\r\nrequest-id: " + v + " " + hostileKey + "\r\nContent-Length: 0\r\n\r\n"},
	}
	secrets := map[string]string{"key": hostileKey, "value": hostileValue}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			logger, lines := newCapture()
			c, err := client.New(client.WithAPIKey(hostileKey), client.WithBaseURL(rawServer(t, row.reply)),
				client.WithLogger(logger), client.WithBackoffForTest(0, 0), client.WithSleepForTest((&waits{}).sleep))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Secrets.Update(context.Background(), "sec_1", "N", hostileValue)
			if err == nil {
				t.Fatal("a malformed response was accepted")
			}
			logs := lines()
			if !strings.Contains(strings.Join(logs, "\n"), "INFO xisecrets: retrying") {
				t.Errorf("no retry was logged: %d lines", len(logs))
			}
			checkNoLeak(t, "logs", secrets, logs, uEscape)
			checkNoLeak(t, "error", secrets, errorTexts(err), uEscape)
			// Redacted, the error keeps its use: errors.As still finds
			// net/http's error (which, asked for, holds the raw text).
			_, isAPI := errors.AsType[*client.APIError](err)
			if _, ok := errors.AsType[*url.Error](err); !ok && !isAPI {
				t.Errorf("errors.As no longer finds the *url.Error")
			}
		})
	}
}

// The same through Raw(): the retry layer's own error text is redacted too.
func TestRawErrorTextRedacted(t *testing.T) {
	c, _ := hostileClientAt(t, rawServer(t, "HTTP/1.1 200 OK\r\n"+hostileValue+" "+hostileKey+"\r\n\r\n"))
	body := strings.NewReader(`{"type":"new","name":"N","value":"` + hostileValue + `"}`)
	_, err := c.Raw().SecretsCreateWithBodyWithResponse(context.Background(), "application/json", body)
	if err == nil {
		t.Fatal("a malformed response was accepted")
	}
	checkNoLeak(t, "raw error", map[string]string{"key": hostileKey, "value": hostileValue}, []string{err.Error(), fmt.Sprintf("%+v", err)})
}

// Issue 10, class 4: a one-character value neither garbles the path or
// host in a message nor breaks the key's redaction; an echo of it as a
// word is still redacted.
func TestShortSecretsDoNotGarble(t *testing.T) {
	for _, value := range []string{"v", "1", "0", "c"} {
		t.Run(value, func(t *testing.T) {
			c, _ := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprintf(w, `{"detail":{"message":"value '%s' rejected for key %s"}}`, value, hostileKey)
			})
			_, err := c.Secrets.Update(context.Background(), "sec_1", "N", value)
			e, ok := errors.AsType[*client.APIError](err)
			if !ok {
				t.Fatalf("want an *APIError, got %T", err)
			}
			if !strings.Contains(err.Error(), "PATCH /v1/convai/secrets/sec_1: 400 Bad Request") {
				t.Errorf("the request line is garbled: %q", masked(err.Error()))
			}
			if !strings.Contains(e.Message, "value '[REDACTED]' rejected for key [REDACTED]") {
				t.Errorf("Message = %q, want the echo of the value and the key redacted as words", masked(e.Message))
			}
			checkNoLeak(t, "error", map[string]string{"key": hostileKey}, errorTexts(err))

			// A transport error quotes our own URL: host, port and path
			// must survive.
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close()
			}))
			t.Cleanup(srv.Close)
			c, _ = hostileClientAt(t, srv.URL)
			_, err = c.Secrets.Update(context.Background(), "sec_1", "N", value)
			if err == nil || !strings.Contains(err.Error(), srv.URL+"/v1/convai/secrets/sec_1") {
				t.Errorf("the URL in the transport error is garbled: %s", masked(fmt.Sprint(err)))
			}
		})
	}
}

// Issue 10, class 4: a value that is part of the key, short or long, does
// not break the key's own redaction.
func TestValueInsideKeyStillRedactsKey(t *testing.T) {
	for _, value := range []string{"1", "HOSTILE-key", "key-0123", "xi-HOSTILE"} {
		t.Run(value, func(t *testing.T) {
			c, logs := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("request-id", hostileKey)
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprintf(w, `{"detail":{"message":"key %s, value %s"}}`, hostileKey, value)
			})
			_, err := c.Secrets.Update(context.Background(), "sec_1", "N", value)
			if err == nil {
				t.Fatal("want an error")
			}
			checkNoLeak(t, "error", map[string]string{"key": hostileKey}, append(errorTexts(err), logs.String()))
		})
	}
}

// Issue 10, class 7: a 2xx body that fails to decode or lacks fields
// quotes nothing the client knows as a secret, even when the secret id or
// a number in it echoes the key.
func TestSuccessPathErrorsRedacted(t *testing.T) {
	const numericKey = "98765432109876543210987"
	brokenUsage := func(id, created string) string {
		return `{"secret_id":"` + id + `","name":"N","used_by":{"tools":[{"type":"available","id":"t","name":"T","created_at_unix_secs":` +
			created + `,"access_level":"admin"}],"agents":[],"others":[]}}`
	}
	rows := []struct {
		name, key, body string
		run             func(c *client.Client) error
	}{
		{"Get: key as secret_id", hostileKey, brokenUsage(hostileKey, `"x"`), getSecret},
		{"Get: key as escaped secret_id", hostileKey, brokenUsage(uEscape(hostileKey), `"x"`), getSecret},
		{"Get: key as a number", numericKey, brokenUsage("sec_1", numericKey), getSecret},
		{"List: key as secret_id", hostileKey, `{"secrets":[` + brokenUsage(hostileKey, `"x"`) + `]}`, listSecrets},
		{"List: key as a number", numericKey, `{"secrets":[` + brokenUsage("s", numericKey) + `]}`, listSecrets},
		{"Dependencies: key as a number", numericKey, `{"dependencies":[{"type":"available","id":"t","name":"T","created_at_unix_secs":` + numericKey + `,"access_level":"admin"}]}`,
			func(c *client.Client) error {
				_, err := collect(t, c.Secrets.Dependencies(context.Background(), "sec_1", client.DependencyTools))
				return err
			}},
		{"Get: syntax error after the key", hostileKey, `{"secret_id":"` + hostileKey + `"}` + hostileKey, getSecret},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(row.body))
			}))
			t.Cleanup(srv.Close)
			logger, lines := newCapture()
			c, err := client.New(client.WithAPIKey(row.key), client.WithBaseURL(srv.URL), client.WithLogger(logger))
			if err != nil {
				t.Fatal(err)
			}
			err = row.run(c)
			if err == nil {
				t.Fatal("a broken 2xx body was accepted")
			}
			checkNoLeak(t, "error", map[string]string{"key": row.key}, append(errorTexts(err), lines()...), uEscape)
			if !errors.Is(err, client.ErrUnexpectedResponse) {
				t.Errorf("err does not match ErrUnexpectedResponse")
			}
		})
	}
}

// A 2xx body that is not what the API documents matches
// ErrUnexpectedResponse and names the call, whatever is wrong with it.
func TestUnexpectedSuccessBodies(t *testing.T) {
	for _, row := range []struct {
		name, contentType, body, op string
		run                         func(c *client.Client) error
	}{
		{"a proxy's HTML page", "text/html", "<html>sign in</html>", "get secret", getSecret},
		{"Get without secret_id", "application/json", `{"name":"N"}`, "get secret", getSecret},
		{"Create without secret_id", "application/json", `{"secret_id":"","name":"N"}`, "create secret", func(c *client.Client) error {
			_, err := c.Secrets.Create(context.Background(), "N", "v")
			return err
		}},
		{"List with a secret without secret_id", "application/json", `{"secrets":[{"name":"N"}]}`, "list secrets", listSecrets},
		// Read as an empty page, these would hide every secret (and let a
		// duplicate-name check pass).
		{"List page without secrets", "application/json", `{"next_cursor":null}`, "list secrets", listSecrets},
		{"List answered with one secret", "application/json", `{"secret_id":"s","name":"N"}`, "list secrets", listSecrets},
		{"List page with secrets null", "application/json", `{"secrets":null}`, "list secrets", listSecrets},
		{"Dependencies page without dependencies", "application/json", `{}`, "list dependencies", func(c *client.Client) error {
			_, err := collect(t, c.Secrets.Dependencies(context.Background(), "sec_1", client.DependencyTools))
			return err
		}},
	} {
		t.Run(row.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", row.contentType)
				_, _ = w.Write([]byte(row.body))
			}))
			t.Cleanup(srv.Close)
			c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			err = row.run(c)
			if !errors.Is(err, client.ErrUnexpectedResponse) || !strings.Contains(fmt.Sprint(err), "xisecrets: "+row.op+": ") {
				t.Errorf("err = %v, want ErrUnexpectedResponse naming %q", err, row.op)
			}
		})
	}
}

func getSecret(c *client.Client) error {
	_, err := c.Secrets.Get(context.Background(), "sec_1")
	return err
}

func listSecrets(c *client.Client) error {
	for _, err := range c.Secrets.List(context.Background(), client.ListOptions{}) {
		if err != nil {
			return err
		}
	}
	return nil
}

// A page cursor is server text: a server that echoes the key as
// next_cursor, then drops the next page's connection, must not see the
// key quoted in the transport error (which names the request by scheme,
// host and path, never the query) or in the Debug log.
func TestCursorEchoedByServerNotInErrors(t *testing.T) {
	c, logs := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"secrets":[{"secret_id":"s1","name":"n1","used_by":{}}],"next_cursor":"` + hostileKey + `"}`))
			return
		}
		conn, _, _ := http.NewResponseController(w).Hijack()
		_ = conn.Close()
	})
	_, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{}))
	if err == nil {
		t.Fatal("want an error for the dropped second page")
	}
	if leaks(err.Error(), hostileKey) {
		t.Errorf("the page-2 transport error leaked the key (echoed as next_cursor): %s", masked(err.Error()))
	}
	if !strings.Contains(err.Error(), `/v1/convai/secrets"`) {
		t.Errorf("the transport error does not name the request's path: %s", masked(err.Error()))
	}
	if leaks(logs.String(), hostileKey) {
		t.Errorf("the Debug log leaked the key (echoed as next_cursor)")
	}

	// An id is the caller's, but may come from the server (a listing's
	// secret_id, then Dependencies): a run of a secret in the path of a
	// transport error is redacted too.
	_, err = collect(t, c.Secrets.Dependencies(context.Background(), "id-"+hostileKey, client.DependencyTools))
	if err == nil || leaks(err.Error(), hostileKey) {
		t.Errorf("the transport error for an id holding the key: %v", masked(fmt.Sprint(err)))
	}
}

// echoBodyValueServer answers every request with a malformed header line
// quoting the "value" of its JSON body (its first 512 bytes), which
// net/http quotes in its error.
func echoBodyValueServer(t *testing.T) string {
	return rawServerFunc(t, func(req *http.Request) string {
		var b struct{ Value string }
		_ = json.NewDecoder(req.Body).Decode(&b)
		return "HTTP/1.1 200 OK\r\necho " + b.Value[:min(len(b.Value), 512)] + "\r\n\r\n"
	})
}

// A Raw() call whose body cannot be read again (a file, a pipe, any
// io.Reader but the bytes and strings readers) is redacted of its secret
// value too: the retry layer keeps a copy of the body as it is sent.
func TestRawStreamedBodyValueRedacted(t *testing.T) {
	c, logs := hostileClientAt(t, echoBodyValueServer(t))
	body := `{"type":"new","name":"N","value":"` + hostileValue + `"}`
	pipe := func() io.Reader {
		pr, pw := io.Pipe()
		go func() { _, _ = io.WriteString(pw, body); _ = pw.Close() }()
		return pr
	}
	for name, r := range map[string]io.Reader{
		"MultiReader": io.MultiReader(strings.NewReader(body)),
		"pipe":        pipe(),
	} {
		_, err := c.Raw().SecretsCreateWithBody(context.Background(), "application/json", r)
		if err == nil {
			t.Fatalf("%s: want a transport error", name)
		}
		if leaks(err.Error(), hostileValue) {
			t.Errorf("%s: a Raw() create with a streamed body leaked the value in its error: %s", name, masked(err.Error()))
		}
	}
	if leaks(logs.String(), hostileValue) {
		t.Errorf("a Raw() create with a streamed body leaked the value in the Debug log")
	}

	// A body bigger than the copy kept (a value of 1 MiB, which Raw()
	// does not refuse): the part of the value kept is redacted.
	big := hostileValue + strings.Repeat("0123456789abcdef", 1<<16)
	body = `{"type":"new","name":"N","value":"` + big + `"}`
	_, err := c.Raw().SecretsCreateWithBody(context.Background(), "application/json", io.MultiReader(strings.NewReader(body)))
	if err == nil || leaks(err.Error(), hostileValue) || strings.Contains(err.Error(), "0123456789abcdef") {
		t.Errorf("a Raw() create with a 1 MiB streamed value: %s", masked(fmt.Sprint(err)))
	}
}
