package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/gen"
)

// The benchmarks compare the facade with the raw generated client and with
// the floor: the least a hand-written net/http caller can do for the same
// result (build the request, set the key header, Do, check the status, and
// for Update decode the JSON reply into the secret it returns, as the
// facade and the raw client do; then read and close the body). All variants of one benchmark hit the same trivial loopback
// handler in one run, so their ratios are fair on a loaded machine. See
// BENCHMARKS.md for the figures.

const (
	benchKey = "bench-key-0123456789"
	benchID  = "sec_bench"
	// benchUpdateReply is what the handler answers a PATCH with.
	benchUpdateReply = `{"secret_id":"sec_bench","name":"N","type":"update"}`
)

// benchServer is the trivial handler: 200 and a canned JSON body for PATCH,
// 204 for DELETE. It drains the request body as a real server would, and
// counts the TCP connections it accepts.
type benchServer struct {
	*httptest.Server
	conns atomic.Int64
}

func newBenchServer(b *testing.B) *benchServer {
	b.Helper()
	s := &benchServer{}
	reply := []byte(benchUpdateReply)
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(reply)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	b.Cleanup(s.Close)
	return s
}

// benchTransport is tuned like the facade's default transport (a clone of
// http.DefaultTransport with 64 idle and at most 64 connections per host),
// so the floor and raw variants are not handicapped by the default of 2.
func benchTransport(b *testing.B) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	t.MaxConnsPerHost = 64
	b.Cleanup(t.CloseIdleConnections)
	return t
}

// benchVariant is one way of making an update and a delete.
type benchVariant struct {
	name   string
	update func(ctx context.Context) error
	del    func(ctx context.Context) error
}

func benchVariants(b *testing.B, base string) []benchVariant {
	return []benchVariant{floorVariant(b, base), rawVariant(b, base), facadeVariant(b, base)}
}

// floorVariant is the hand-written net/http baseline.
func floorVariant(b *testing.B, base string) benchVariant {
	hc := &http.Client{Transport: benchTransport(b)}
	url := base + "/v1/convai/secrets/" + benchID
	do := func(ctx context.Context, method string, body io.Reader, want int, out any) error {
		req, err := http.NewRequestWithContext(ctx, method, url, body)
		if err != nil {
			return err
		}
		req.Header.Set("xi-api-key", benchKey)
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		if out != nil && resp.StatusCode == want {
			err = json.NewDecoder(resp.Body).Decode(out)
		}
		if _, cerr := io.Copy(io.Discard, resp.Body); err == nil {
			err = cerr
		}
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != want {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
	return benchVariant{
		name: "floor",
		update: func(ctx context.Context) error {
			body, err := json.Marshal(gen.SecretsUpdateJSONRequestBody{Type: gen.PatchWorkspaceSecretRequestTypeUpdate, Name: "N", Value: "v"})
			if err != nil {
				return err
			}
			var out gen.PostWorkspaceSecretResponseModel
			return do(ctx, http.MethodPatch, bytes.NewReader(body), http.StatusOK, &out)
		},
		del: func(ctx context.Context) error { return do(ctx, http.MethodDelete, nil, http.StatusNoContent, nil) },
	}
}

// rawVariant is the generated client used directly, with the key set by a
// request editor.
func rawVariant(b *testing.B, base string) benchVariant {
	raw, err := gen.NewClientWithResponses(base+"/",
		gen.WithHTTPClient(&http.Client{Transport: benchTransport(b)}),
		gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("xi-api-key", benchKey)
			return nil
		}))
	if err != nil {
		b.Fatal(err)
	}
	return benchVariant{
		name: "raw",
		update: func(ctx context.Context) error {
			r, err := raw.SecretsUpdateWithResponse(ctx, benchID, gen.SecretsUpdateJSONRequestBody{Type: gen.PatchWorkspaceSecretRequestTypeUpdate, Name: "N", Value: "v"})
			if err == nil && r.JSON200 == nil {
				err = fmt.Errorf("status %d", r.StatusCode())
			}
			return err
		},
		del: func(ctx context.Context) error {
			r, err := raw.SecretsDeleteWithResponse(ctx, benchID)
			if err == nil && r.StatusCode() != http.StatusNoContent {
				err = fmt.Errorf("status %d", r.StatusCode())
			}
			return err
		},
	}
}

// facadeVariant is client.Client with its defaults (its own tuned transport,
// retries and per-attempt timeout on).
func facadeVariant(b *testing.B, base string) benchVariant {
	c, err := client.New(client.WithAPIKey(benchKey), client.WithBaseURL(base))
	if err != nil {
		b.Fatal(err)
	}
	return benchVariant{
		name: "facade",
		update: func(ctx context.Context) error {
			_, err := c.Secrets.Update(ctx, benchID, "N", "v")
			return err
		},
		del: func(ctx context.Context) error { return c.Secrets.Delete(ctx, benchID) },
	}
}

// benchSerial runs op b.N times on one goroutine, under ctx.
func benchSerial(b *testing.B, ctx context.Context, op func(*benchVariant) func(context.Context) error) {
	srv := newBenchServer(b)
	for _, v := range benchVariants(b, srv.URL) {
		f := op(&v)
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// callerDeadline is the context of the ...Deadline benchmarks: a caller
// with a time budget for the whole run (a CI job, a request handler), well
// within the facade's per-attempt timeout.
func callerDeadline(b *testing.B) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Second)
	b.Cleanup(cancel)
	return ctx
}

func updateOf(v *benchVariant) func(context.Context) error { return v.update }
func deleteOf(v *benchVariant) func(context.Context) error { return v.del }

// BenchmarkUpdate is one Secrets.Update per op, under context.Background().
func BenchmarkUpdate(b *testing.B) { benchSerial(b, context.Background(), updateOf) }

// BenchmarkDelete is one Secrets.Delete per op, under context.Background().
func BenchmarkDelete(b *testing.B) { benchSerial(b, context.Background(), deleteOf) }

// BenchmarkUpdateDeadline is BenchmarkUpdate under a caller's deadline.
func BenchmarkUpdateDeadline(b *testing.B) { benchSerial(b, callerDeadline(b), updateOf) }

// BenchmarkDeleteDeadline is BenchmarkDelete under a caller's deadline.
func BenchmarkDeleteDeadline(b *testing.B) { benchSerial(b, callerDeadline(b), deleteOf) }

// benchGoroutines is how many goroutines share one client.
const benchGoroutines = 64

// BenchmarkUpdateParallel64 shares one client (and so one connection pool)
// among 64 goroutines that make b.N updates between them, and reports how
// many TCP connections the server accepted ("conns"): at most one per
// goroutine if idle connections are reused. Each variant gets a fresh
// server so that its count is its own. ns/op is wall time over all
// goroutines, so its inverse is the throughput.
func BenchmarkUpdateParallel64(b *testing.B) {
	for _, name := range []string{"floor", "facade"} {
		b.Run(name, func(b *testing.B) {
			srv := newBenchServer(b)
			v := floorVariant(b, srv.URL)
			if name == "facade" {
				v = facadeVariant(b, srv.URL)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var next atomic.Int64
			var wg sync.WaitGroup
			for range benchGoroutines {
				wg.Go(func() {
					ctx := context.Background()
					for next.Add(1) <= int64(b.N) {
						if err := v.update(ctx); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			b.ReportMetric(float64(srv.conns.Load()), "conns")
		})
	}
}
