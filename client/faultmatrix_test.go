package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// TestFaultMatrix is the one table of how the client meets a misbehaving
// server; RELIABILITY.md lists the same rows. For each row it checks the
// error the caller gets, the number of attempts as the server counted them
// and as client.Response.Attempts reports them, and that neither the key nor
// the secret value reached the error or the Debug log, even when the
// server echoes both back. Waits are instant (the sleep hook), so no row
// depends on the clock except "slower than the timeout", which uses a
// 500 ms attempt timeout (room for a loaded CI machine) against 5 s of latency.
func TestFaultMatrix(t *testing.T) {
	const value = "sk-FAULTMATRIX-value-0123"
	// In fault bodies and header values, echo becomes the key and the
	// value, as a server that quotes the request back would send them;
	// echoU the same with every character a JSON \u escape, echoHTML in
	// HTML entities, echoCut the first 12 characters of each then "...";
	// other is the URL of another host.
	const echo, other = "{{echo}}", "{{other}}"
	const echoU, echoHTML, echoCut = "{{echo-u}}", "{{echo-html}}", "{{echo-cut}}"
	jsonCT := http.Header{"Content-Type": {"application/json"}}
	in := func(d time.Duration) string { return time.Now().Add(d).UTC().Format(http.TimeFormat) }
	f := func(status int, body string, kv ...string) secretstest.Fault {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return secretstest.Fault{Status: status, Header: h, Body: body}
	}
	times := func(n int, fl secretstest.Fault) []secretstest.Fault {
		out := make([]secretstest.Fault, n)
		for i := range out {
			out[i] = fl
		}
		return out
	}
	once := func(fl secretstest.Fault) []secretstest.Fault { return []secretstest.Fault{fl} }
	// proxy stands in for an HTTP proxy that a row's transport names.
	proxy := newRecorder(t, 200, `{}`)
	proxyURL, err := url.Parse(proxy.URL)
	if err != nil {
		t.Fatal(err)
	}

	rows := []struct {
		name     string
		op       string // create, update, delete
		faults   []secretstest.Fault
		opts     []client.Option
		cancel   bool   // cancel the call's context when it starts a backoff
		attempts int    // server-side and Response.Attempts
		want     error  // nil: success; errAny: any error; else errors.Is
		status   int    // if set, the error is an *APIError with this status
		id       string // if set, the id of an update or delete, instead of a new secret's
		gone     bool   // Response.AlreadyGone
	}{
		{name: "408 once", op: "update", faults: once(f(408, "")), attempts: 2},
		{name: "429 Retry-After seconds", op: "update", faults: once(f(429, "", "Retry-After", "2")), attempts: 2},
		{name: "429 Retry-After HTTP-date", op: "update", faults: once(f(429, "", "Retry-After", in(3*time.Second))), attempts: 2},
		{name: "429 every attempt", op: "update", faults: times(3, f(429, `{"detail":{"status":"too_many_concurrent_requests","message":"`+echo+`"}}`, "Content-Type", "application/json")), attempts: 3, want: client.ErrRateLimited, status: 429},
		{name: "500 once", op: "update", faults: once(f(500, "")), attempts: 2},
		{name: "502 HTML every attempt", op: "update", faults: times(3, f(502, "<html><body>Bad Gateway "+echo+"</body></html>", "Content-Type", "text/html")), attempts: 3, status: 502},
		{name: "503 once", op: "delete", faults: once(f(503, "")), attempts: 2},
		{name: "504 every attempt", op: "delete", faults: times(3, f(504, "")), attempts: 3, status: 504},
		{name: "reset before response", op: "update", faults: once(secretstest.Fault{Drop: secretstest.DropBeforeResponse}), attempts: 2},
		{name: "reset mid-body", op: "update", faults: once(secretstest.Fault{Drop: secretstest.DropMidBody}), attempts: 2},
		{name: "slower than the timeout once", op: "update", faults: once(secretstest.Fault{Latency: 5 * time.Second}), opts: []client.Option{client.WithTimeout(500 * time.Millisecond)}, attempts: 2},
		{name: "slower than the timeout always", op: "delete", faults: times(3, secretstest.Fault{Latency: 5 * time.Second}), opts: []client.Option{client.WithTimeout(500 * time.Millisecond)}, attempts: 3, want: context.DeadlineExceeded},
		{name: "malformed JSON 200", op: "update", faults: once(secretstest.Fault{Status: 200, Header: jsonCT, Body: `{"secret_id":`}), attempts: 1, want: client.ErrUnexpectedResponse},
		{name: "200 with unknown fields", op: "update", faults: once(secretstest.Fault{Status: 200, Header: jsonCT, Body: `{"secret_id":"sec_1","name":"N","type":"update","new_field":{"x":[1,2]}}`}), attempts: 1},
		{name: "204 empty with JSON type", op: "delete", faults: once(secretstest.Fault{Status: 204, Header: jsonCT}), attempts: 1},
		{name: "oversized 200 body", op: "update", faults: once(secretstest.Fault{Status: 200, Header: jsonCT, Body: `{"pad":"` + strings.Repeat("x", 2<<20) + `"}`}), attempts: 1, want: client.ErrResponseTooLarge},
		{name: "oversized 400 body", op: "update", faults: once(f(400, echo+strings.Repeat("x", 2<<20)+echo)), attempts: 1, status: 400},
		{name: "401 object envelope", op: "update", faults: once(secretstest.Fault{Status: 401, Header: jsonCT, Body: `{"detail":{"status":"invalid_api_key","message":"Invalid API key: ` + echo + `"}}`}), attempts: 1, want: client.ErrUnauthorized, status: 401},
		{name: "422 list envelope", op: "update", faults: once(secretstest.Fault{Status: 422, Header: jsonCT, Body: `{"detail":[{"loc":["body","value"],"msg":"bad ` + echo + `","type":"value_error","input":"` + echo + `"}]}`}), attempts: 1, want: client.ErrValidation, status: 422},
		{name: "redirect to another host", op: "update", faults: once(secretstest.Fault{RedirectTo: other + "/v1/convai/secrets/x"}), attempts: 1, want: client.ErrUnsafeRequest},
		{name: "cancelled during backoff", op: "update", faults: once(f(503, "")), cancel: true, attempts: 1, want: context.Canceled},
		{name: "create after reset: not retried", op: "create", faults: once(secretstest.Fault{Drop: secretstest.DropBeforeResponse}), attempts: 1, want: errAny},
		{name: "create after 503: not retried", op: "create", faults: once(f(503, "")), attempts: 1, status: 503},
		{name: "create after 429: retried", op: "create", faults: once(f(429, "", "Retry-After", "1")), attempts: 2},
		{name: "422 echo in \\u escapes", op: "update", faults: once(f(422, `{"detail":[{"loc":["body",{"v":"`+echoU+`"}],"msg":"bad `+echoU+`","type":"value_error"}]}`, "Content-Type", "application/json")), attempts: 1, want: client.ErrValidation, status: 422},
		{name: "400 echo in HTML entities", op: "update", faults: once(f(400, "<html><body>"+echoHTML+"</body></html>", "Content-Type", "text/html")), attempts: 1, status: 400},
		{name: "400 truncated echo", op: "update", faults: once(f(400, `{"detail":"input_value='`+echoCut+`'"}`, "Content-Type", "application/json")), attempts: 1, status: 400},
		{name: "503 request id echoing, every attempt", op: "update", faults: times(3, f(503, "", "request-id", echoU)), attempts: 3, status: 503},
		{name: "200 echoing the request headers", op: "update", faults: once(f(200, `{"secret_id":"sec_1","name":"N","type":"update"}`, "Content-Type", "application/json", "Echo-Xi-Api-Key", echo, "request-id", echoCut)), attempts: 1},
		{name: "200 without secret_id quoting the value", op: "update", faults: once(f(200, `{"name":"`+echoU+`"}`, "Content-Type", "application/json")), attempts: 1, want: client.ErrUnexpectedResponse},
		{name: "200 with too many array elements", op: "update", faults: once(secretstest.Fault{Status: 200, Header: jsonCT, Body: `{"secret_id":"sec_1","name":"N","pad":[` + strings.Repeat("0,", client.MaxBodyElementsForTest) + `0]}`}), attempts: 1, want: client.ErrResponseTooLarge},
		{name: "plain http with a proxy configured", op: "update", opts: []client.Option{client.WithHTTPClient(&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}})}, attempts: 1},
		{name: "id with a dot segment", op: "delete", id: "x/..", attempts: 0, want: client.ErrInvalidArgument},
		{name: "id with a percent-encoded dot segment", op: "delete", id: "%2e%2e", attempts: 0, want: client.ErrInvalidArgument},
		{name: "id with a backslash dot segment", op: "delete", id: `..\`, attempts: 0, want: client.ErrInvalidArgument},
		{name: "delete answered, answer lost", op: "delete", faults: once(secretstest.Fault{Drop: secretstest.DropAfterApply}), attempts: 2, gone: true},
		{name: "delete 404 after a 503", op: "delete", id: "sec_missing", faults: once(f(503, "")), attempts: 2, gone: true},
		{name: "delete 404 after a timeout", op: "delete", id: "sec_missing", faults: once(secretstest.Fault{Latency: 5 * time.Second}), opts: []client.Option{client.WithTimeout(500 * time.Millisecond)}, attempts: 2, gone: true},
		{name: "delete 404 on the first attempt", op: "delete", id: "sec_missing", attempts: 1, want: client.ErrNotFound, status: 404},
		{name: "delete 404 after a 429", op: "delete", id: "sec_missing", faults: once(f(429, "", "Retry-After", "1")), attempts: 2, want: client.ErrNotFound, status: 404},
		{name: "update answered, answer lost", op: "update", faults: once(secretstest.Fault{Drop: secretstest.DropAfterApply}), attempts: 2},
		{name: "update 404 after a reset", op: "update", id: "sec_missing", faults: once(secretstest.Fault{Drop: secretstest.DropBeforeResponse}), attempts: 2, want: client.ErrNotFound, status: 404},
		{name: "response headers over 64 KiB", op: "delete", faults: times(3, f(503, "", "request-id", echoU+strings.Repeat("x", 64<<10))), attempts: 3, want: errAny},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			otherHost := newRecorder(t, 200, `{}`)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var logs logBuffer
			sleep := func(ctx context.Context, _ time.Duration) error {
				if row.cancel {
					cancel()
				}
				return ctx.Err()
			}
			opts := append([]client.Option{client.WithLogger(logs.logger()), client.WithSleepForTest(sleep)}, row.opts...)
			srv, c, _ := fake(t, opts...)
			key := srv.APIKey()
			method := map[string]string{"create": "POST", "update": "PATCH", "delete": "DELETE"}[row.op]
			id := row.id
			if row.op != "create" && id == "" {
				id = mustCreate(t, c, "N", value).ID
			}
			cutEcho := func(s string) string { return prefixRunes(s, 12) + "..." }
			expand := strings.NewReplacer(echo, key+" "+value, echoU, uEscape(key)+" "+uEscape(value),
				echoHTML, htmlNumeric("&#%d;")(key+" "+value), echoCut, cutEcho(key)+" "+cutEcho(value), other, otherHost.URL)
			for _, fl := range row.faults {
				fl.Method, fl.Body, fl.RedirectTo = method, expand.Replace(fl.Body), expand.Replace(fl.RedirectTo)
				h := http.Header{}
				for k, vs := range fl.Header {
					for _, v := range vs {
						h.Add(k, expand.Replace(v))
					}
				}
				fl.Header = h
				srv.Inject(fl)
			}
			before := count(srv, method)

			var resp client.Response
			var err error
			switch row.op {
			case "create":
				_, err = c.Secrets.Create(ctx, "N", value, client.WithResponseInto(&resp))
			case "update":
				_, err = c.Secrets.Update(ctx, id, "N", value, client.WithResponseInto(&resp))
			case "delete":
				err = c.Secrets.Delete(ctx, id, client.WithResponseInto(&resp))
			}
			// Close waits for requests in progress, so an attempt the
			// client abandoned is recorded too.
			srv.Close()

			if got := count(srv, method) - before; got != row.attempts || resp.Attempts != row.attempts {
				t.Errorf("server saw %d %s, Response.Attempts = %d; want %d", got, method, resp.Attempts, row.attempts)
			}
			checkFaultError(t, err, row.want, row.status)
			if resp.AlreadyGone != row.gone {
				t.Errorf("Response.AlreadyGone = %v, want %v", resp.AlreadyGone, row.gone)
			}
			if n := len(otherHost.requests()); n != 0 {
				t.Errorf("the other host got %d requests", n)
			}
			if n := len(proxy.take()); n != 0 {
				t.Errorf("the proxy got %d requests", n)
			}
			texts := append([]string{logs.String()}, responseTexts(&resp)...)
			if err != nil {
				texts = append(texts, errorTexts(err)...)
			}
			var encs []func(string) string
			for _, e := range echoEncodings {
				encs = append(encs, e.enc)
			}
			checkNoLeak(t, "error, response or log", map[string]string{"key": key, "value": value}, texts, encs...)
		})
	}
}

// checkFaultError compares err with a row's expectation: success (want and
// status unset), errAny, a sentinel for errors.Is, and/or an *APIError with
// the given status, whose Body is then a bounded snippet.
func checkFaultError(t *testing.T, err, want error, status int) {
	t.Helper()
	if want == nil && status == 0 {
		if err != nil {
			t.Errorf("err = %v, want success", err)
		}
		return
	}
	if err == nil || (want != nil && want != errAny && !errors.Is(err, want)) {
		t.Errorf("err = %v, want %v", err, want)
		return
	}
	if status != 0 {
		e, ok := errors.AsType[*client.APIError](err)
		if !ok || e.StatusCode != status {
			t.Errorf("err = %v, want an APIError %d", err, status)
			return
		}
		if len(e.Body) > 1<<10+len("…") {
			t.Errorf("APIError.Body is %d bytes, want at most 1 KiB", len(e.Body))
		}
	}
}
