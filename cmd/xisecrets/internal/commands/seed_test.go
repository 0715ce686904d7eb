package commands

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// startFake runs `xisecrets fake --seed` in-process and returns its base
// URL and the seeded name -> id rows; it stops when the test ends.
func startFake(t *testing.T, seed string) (string, map[string]string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: pw, Stderr: &stderr,
		Getenv: func(k string) string { return map[string]string{"ELEVENLABS_API_KEY": testKey}[k] }}
	go func() {
		done <- run(ctx, []string{"fake", "--addr", "127.0.0.1:0", "--seed", writeFile(t, seed)}, e)
		pw.Close()
	}()
	t.Cleanup(func() { cancel(); <-done })
	sc := bufio.NewScanner(pr)
	var url string
	ids := map[string]string{}
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case strings.HasPrefix(sc.Text(), "serving"):
			url = f[len(f)-1]
		case len(f) == 2 && f[0] != "SEEDED":
			ids[f[0]] = f[1]
		}
		if len(ids) == strings.Count(seed, `"name"`) && url != "" {
			go func() { _, _ = io.Copy(io.Discard, pr) }()
			return url, ids
		}
	}
	t.Fatalf("fake --seed did not start: %s", stderr.String())
	return "", nil
}

func TestFakeSeed(t *testing.T) {
	url, ids := startFake(t, `{"secrets":[
		{"name":"USED","value":"`+testValue+`","used_by":{"tools":["weather tool"],"mcp_servers":["search"]}},
		{"name":"FREE","value":"v"}]}`)
	xi := func(args ...string) cliRun {
		var stdout, stderr bytes.Buffer
		e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: keyOnlyEnv}
		code := run(context.Background(), append(args, "--base-url", url), e)
		if strings.Contains(stdout.String()+stderr.String(), testValue) {
			t.Errorf("xisecrets %s printed a seeded value", args[0])
		}
		return cliRun{code, stdout.String(), stderr.String()}
	}
	if r := xi("get", "USED"); r.code != cli.ExitOK || !strings.Contains(r.stdout, "tool: weather tool") || !strings.Contains(r.stdout, "MCP server: search") {
		t.Errorf("get of a seeded secret in use: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := xi("delete", ids["USED"]); r.code != cli.ExitAPI || !strings.Contains(r.stderr, "in use") {
		t.Errorf("delete of a seeded secret in use: want exit 1 and 'in use', got %d %s", r.code, r.stderr)
	}
	if r := xi("delete", ids["FREE"]); r.code != cli.ExitOK {
		t.Errorf("delete of a seeded free secret: %d %s", r.code, r.stderr)
	}
}

func TestFakeSeedErrors(t *testing.T) {
	for _, tc := range []struct{ what, seed, want string }{
		{"empty name", `{"secrets":[{"name":"A","value":"v"},{"name":"","value":"` + testValue + `"}]}`, "secrets[1]: name must not be empty"},
		{"unknown kind", `{"secrets":[{"name":"A","value":"` + testValue + `","used_by":{"users":["u"]}}]}`, `secrets[0].used_by: unknown kind "users" (want tools, agents, phone_numbers, mcp_servers)`},
		{"misspelt field", `{"secrets":[{"name":"A","value":"` + testValue + `","usedby":{}}]}`, `unknown field "usedby"`},
		{"not JSON", `name=` + testValue, "invalid character"},
	} {
		var stdout, stderr bytes.Buffer
		e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
		code := run(context.Background(), []string{"fake", "--addr", "127.0.0.1:0", "--seed", writeFile(t, tc.seed)}, e)
		if code != cli.ExitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%s: want exit 2 and %q, got %d: %s", tc.what, tc.want, code, stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), testValue) {
			t.Errorf("%s: a seeded value was printed", tc.what)
		}
	}
}
