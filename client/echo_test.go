package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// echoValue has a character of each kind the encodings treat specially:
// a slash, a plus, a space, quotes, HTML metacharacters, non-ASCII (Latin-1
// and beyond, and one above U+FFFF) and a backslash.
const echoValue = `sk-ECHO/välue+with space "q" & <t> 'p' \ 😀 ünïcödé-0123456789`

// echoServer answers every request with an error that quotes the key and
// the value, both written by enc, in every place a server can put text: a
// 422's loc (as a string and as an object), msg and type, a 400's code and
// message, the raw body, the request id and another header. Odd requests
// get the 422 built with a JSON encoder (fields hold the echo decoded once),
// even ones a hand-built 400 (the echo as it is, valid JSON or not).
func echoServer(t *testing.T, key string, enc func(string) string) *httptest.Server {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo := enc(key) + " " + enc(echoValue)
		w.Header().Set("request-id", "req-"+enc(key)+"-"+enc(echoValue))
		w.Header().Set("X-Echo", echo)
		if n.Add(1)%2 == 1 {
			body, _ := json.Marshal(map[string]any{"detail": []map[string]any{{
				"loc":   []any{"body", echo, map[string]string{"k": echo}, 1.5},
				"msg":   "bad value " + echo,
				"type":  echo,
				"input": echo,
			}}})
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write(body)
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"detail":{"code":"%s","message":"rejected %s"}}`, echo, echo)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// errorTexts is everything of err a caller could print or log, every
// link of its chain included, as error reporters print them.
func errorTexts(err error) []string {
	texts := []string{fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	if e, ok := errors.AsType[*client.APIError](err); ok {
		texts = append(texts, e.Code, e.Message, e.Body, e.RequestID, fmt.Sprintf("%+v", *e), fmt.Sprintf("%#v", *e))
		for _, f := range e.Fields {
			texts = append(texts, f.String(), f.Type, f.Msg)
			texts = append(texts, f.Loc...)
		}
	}
	return texts
}

// responseTexts is everything of a client.Response a caller could print
// or log, through fmt and through slog.
func responseTexts(resp *client.Response) []string {
	logger, lines := newCapture()
	logger.Info("response", "resp", resp, "value", *resp, "header", resp.Header)
	texts := append([]string{fmt.Sprintf("%+v", resp), fmt.Sprintf("%#v", *resp), resp.RequestID()}, lines()...)
	for k, vs := range resp.Header {
		texts = append(texts, k)
		texts = append(texts, vs...)
	}
	return texts
}

// Issue 10, class 3: an echo of the key or the value in any encoding we
// know, whole or truncated, reaches no error, field, body, header or log.
func TestEchoEncodingsRedacted(t *testing.T) {
	var rows []encoding
	for _, e := range echoEncodings {
		rows = append(rows, e, truncatedPrefix(e), truncatedHeadTail(e))
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			srv := echoServer(t, hostileKey, row.enc)
			logger, lines := newCapture()
			c, err := client.New(client.WithAPIKey(hostileKey), client.WithBaseURL(srv.URL),
				client.WithMaxRetries(0), client.WithLogger(logger))
			if err != nil {
				t.Fatal(err)
			}
			secrets := map[string]string{"key": hostileKey, "value": echoValue}
			for range 2 { // the 422 and the 400
				var resp client.Response
				_, err := c.Secrets.Update(context.Background(), "sec_1", "N", echoValue, client.WithResponseInto(&resp))
				e, ok := errors.AsType[*client.APIError](err)
				if !ok {
					t.Fatalf("want an *APIError, got %T", err)
				}
				if !strings.Contains(e.Body, "[REDACTED]") {
					t.Errorf("status %d: the echo was not visibly redacted in Body", e.StatusCode)
				}
				where := fmt.Sprintf("status %d", e.StatusCode)
				checkNoLeak(t, where+" error", secrets, errorTexts(err), row.enc)
				checkNoLeak(t, where+" response", secrets, responseTexts(&resp), row.enc)
			}
			checkNoLeak(t, "logs", secrets, lines(), row.enc)
		})
	}
}

// Issue 10, class 6: a server that echoes the request headers exposes
// nothing through a client.Response, printed or logged.
func TestResponseHeaderRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, vs := range r.Header {
			for _, v := range vs {
				w.Header().Add("Echo-"+k, v)
				w.Header().Add("Echo-Json", jsonString(uEscape(v)))
			}
		}
		w.Header()["Echo-"+hostileKey] = []string{"name"}
		w.Header().Set("request-id", "req-"+hostileKey)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"secret_id":"sec_1","name":"N","type":"update"}`))
	}))
	t.Cleanup(srv.Close)
	c, _ := hostileClientAt(t, srv.URL)
	var resp client.Response
	if _, err := c.Secrets.Update(context.Background(), "sec_1", "N", hostileValue, client.WithResponseInto(&resp)); err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("Echo-User-Agent") == "" {
		t.Errorf("harmless headers lost: %s", masked(fmt.Sprint(resp.Header)))
	}
	if !strings.Contains(resp.Header.Get("Echo-Xi-Api-Key"), "[REDACTED]") {
		t.Errorf("the echoed key header is not visibly redacted")
	}
	checkNoLeak(t, "response", map[string]string{"key": hostileKey}, responseTexts(&resp), uEscape)
	slog.New(slog.NewTextHandler(&strings.Builder{}, nil)).Info("x", "resp", resp) // must not panic
}
