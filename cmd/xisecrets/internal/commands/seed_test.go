package commands

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
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

// Seeded environment variables bind seeded secrets by name: the fake then
// refuses to delete a bound secret, naming the label and environment.
func TestFakeSeedEnvironmentVariables(t *testing.T) {
	url, ids := startFake(t, `{"secrets":[
		{"name":"KEY","value":"`+testValue+`"},
		{"name":"KEY_STAGING","value":"v-staging"}],
	 "environment_variables":[
		{"label":"KEY","type":"secret","values":{"production":"KEY","staging":"KEY_STAGING"}},
		{"label":"API_URL","type":"string","values":{"production":"https://api.example"}}]}`)
	c, err := client.New(client.WithBaseURL(url), client.WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := c.EnvironmentVariables.GetByLabel(context.Background(), "KEY")
	if err != nil || ev.Values["staging"].SecretID() != ids["KEY_STAGING"] || ev.Values["production"].SecretID() != ids["KEY"] {
		t.Fatalf("the seeded KEY: %+v, %v", ev, err)
	}
	if _, err := c.EnvironmentVariables.GetByLabel(context.Background(), "API_URL"); err != nil {
		t.Error(err)
	}
	var stdout, stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: keyOnlyEnv}
	if code := run(context.Background(), []string{"delete", ids["KEY_STAGING"], "--base-url", url}, e); code != cli.ExitAPI || !strings.Contains(stderr.String(), "KEY (staging)") {
		t.Errorf("delete of a bound seeded secret: want exit 1 naming KEY (staging), got %d %s", code, stderr.String())
	}
}

func TestFakeSeedErrors(t *testing.T) {
	for _, tc := range []struct{ what, seed, want string }{
		{"empty name", `{"secrets":[{"name":"A","value":"v"},{"name":"","value":"` + testValue + `"}]}`, "secrets[1]: name must not be empty"},
		{"unknown kind", `{"secrets":[{"name":"A","value":"` + testValue + `","used_by":{"users":["u"]}}]}`, `secrets[0].used_by: unknown kind "users" (want tools, agents, phone_numbers, mcp_servers)`},
		{"misspelt field", `{"secrets":[{"name":"A","value":"` + testValue + `","usedby":{}}]}`, `unknown field "usedby"`},
		{"not JSON", `name=` + testValue, "invalid character"},
		{"env var of an unknown secret", `{"secrets":[{"name":"A","value":"` + testValue + `"}],"environment_variables":[{"label":"A","type":"secret","values":{"production":"B"}}]}`, "environment_variables[0].values.production: names 0 secrets of this file"},
		{"env var without production", `{"environment_variables":[{"label":"U","type":"string","values":{"staging":"https://s"}}]}`, "environment_variables[0]: Values must include the 'production' key"},
		{"env var of an unknown type", `{"environment_variables":[{"label":"U","type":"number","values":{"production":"1"}}]}`, "environment_variables[0].type: want string, secret or auth_connection"},
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
