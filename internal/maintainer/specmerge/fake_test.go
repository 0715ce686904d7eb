package specmerge

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	// Linked for its hook: fakespec.Serve starts a secretstest fake.
	_ "github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/internal/fakespec"
)

// What the pipeline accepts, the fake serves: the tests that generate
// (every fixture here, TestVendorCorpus, TestGrammarPages) start the fake
// (client/secretstest, through internal/fakespec's hook) on the spec they
// generated, the embedded one of gen/genspec as the spec config writes it,
// and send it a request.

// serveGenerated generates the embedded spec of the merged document spec
// as repoSpecConfig does (cfg), and starts the fake on it.
func serveGenerated(t testing.TB, spec []byte, cfg generatorConfig) (fakespec.Server, error) {
	code, err := generateGo(spec, specName, cfg)
	if err != nil {
		return nil, fmt.Errorf("generating the embedded spec: %w", err)
	}
	return serveSpecGo(t, []byte(code))
}

// serveSpecGo starts the fake on the spec embedded in genspec's generated
// Go, code.
func serveSpecGo(t testing.TB, code []byte) (fakespec.Server, error) {
	embedded, err := embeddedSpec(code)
	if err != nil {
		return nil, fmt.Errorf("the generated genspec: %w", err)
	}
	return fakespec.Serve(t, embedded)
}

// mustServe fails t if the fake refused to start.
func mustServe(t testing.TB, srv fakespec.Server, err error) fakespec.Server {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// embeddedSpec decodes the spec oapi-codegen embeds in generated Go: the
// string chunks of swaggerSpec, base64 of the deflated JSON, as genspec's
// decodeSpec reads them.
func embeddedSpec(code []byte) ([]byte, error) {
	file, err := parser.ParseFile(token.NewFileSet(), "spec.gen.go", code, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var chunks []string
	ast.Inspect(file, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "swaggerSpec" || len(vs.Values) != 1 {
			return true
		}
		if lit, ok := vs.Values[0].(*ast.CompositeLit); ok {
			for _, e := range lit.Elts {
				if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
					s, err := strconv.Unquote(b.Value)
					if err == nil {
						chunks = append(chunks, s)
					}
				}
			}
		}
		return false
	})
	if len(chunks) == 0 {
		return nil, fmt.Errorf("no swaggerSpec chunks")
	}
	compressed, err := base64.StdEncoding.DecodeString(strings.Join(chunks, ""))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(flate.NewReader(bytes.NewReader(compressed)))
}

// fakeRequest sends a request to the fake, with its key, and returns the
// status and body.
func fakeRequest(srv fakespec.Server, method, path, body string) (int, string, error) {
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("xi-api-key", srv.APIKey())
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", fmt.Errorf("%s %s: %w", method, path, err)
	}
	return resp.StatusCode, string(data), nil
}

// probeFake sends the fake a request for a path no spec has: it must
// answer it as FastAPI does, 404 and {"detail":"Not Found"}, which it does
// only once it has routed the spec (and tried every method on the path).
func probeFake(srv fakespec.Server) error {
	status, body, err := fakeRequest(srv, http.MethodGet, "/xisecrets-probe/no/such/path", "")
	if err != nil {
		return err
	}
	if status != http.StatusNotFound || !strings.Contains(body, "Not Found") {
		return fmt.Errorf("the fake answered a probe with %d %s, want 404 Not Found", status, body)
	}
	return nil
}

// Every fixture that generates, the fake serves (testdata/cases/
// mismatched-examples is the one it once refused).
func TestFakeServesEveryCase(t *testing.T) {
	dirs, err := readCaseDirs()
	if err != nil {
		t.Fatal(err)
	}
	cfg := repoSpecGeneratorConfig(t)
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			res := mergeCase(t, dir)
			generate(t, res)
			srv, err := serveGenerated(t, res.yaml, cfg)
			if err := probeFake(mustServe(t, srv, err)); err != nil {
				t.Error(err)
			}
		})
	}
}

// The committed spec (gen/genspec) is served, and its secrets operations
// answer through the hook as through secretstest.NewServer.
func TestFakeServesTheCommittedSpec(t *testing.T) {
	srv, err := serveSpecGo(t, readFile(t, committedSpecGo))
	checkSecretsServed(t, mustServe(t, srv, err))
}

// checkSecretsServed probes the fake, creates a secret and lists it: the
// fake routes, validates and answers the secrets operations of the spec it
// was started on, and its answers match that spec (a mismatch fails the
// test through the fake's report).
func checkSecretsServed(t testing.TB, srv fakespec.Server) {
	t.Helper()
	if err := probeFake(srv); err != nil {
		t.Error(err)
	}
	for _, r := range []struct{ method, body, want string }{
		{http.MethodPost, `{"type":"new","name":"probe","value":"v"}`, `"secret_id"`},
		{http.MethodGet, "", `"name":"probe"`},
	} {
		status, body, err := fakeRequest(srv, r.method, "/v1/convai/secrets", r.body)
		if err != nil {
			t.Fatal(err)
		}
		if status != http.StatusOK || !strings.Contains(body, r.want) {
			t.Fatalf("%s /v1/convai/secrets: %d %s, want 200 with %s", r.method, status, body, r.want)
		}
	}
}
