package commands

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// runEnv runs the CLI with env as its whole environment.
func runEnv(t *testing.T, env map[string]string, args ...string) cliRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
		Getenv:    func(k string) string { return env[k] },
		Lookupenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	r := cliRun{code: run(context.Background(), args, e), stdout: stdout.String(), stderr: stderr.String()}
	if strings.Contains(r.stdout+r.stderr, testKey) {
		t.Errorf("xisecrets %s: the output shows the key", strings.Join(args, " "))
	}
	return r
}

// closedLoopback is a loopback URL nothing listens on.
func closedLoopback(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "http://" + l.Addr().String()
}

// Every command's error says what to check, naming where the key and the
// host came from (package hint); none points at --id for a host that
// cannot be reached.
func TestHintsSayWhatToCheck(t *testing.T) {
	srv := newHarness(t).srv
	closed := closedLoopback(t)
	key := map[string]string{config.EnvKey: testKey}
	withVar := map[string]string{config.EnvKey: testKey, config.EnvBaseURL: closed}
	wrongKey := map[string]string{config.EnvKey: "xi-wrong-key"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want []string
		not  string
	}{
		{"refused, by flag", key, []string{"get", "OPENAI_KEY", "--base-url", closed}, cli.ExitAPI,
			[]string{"hint: the API at " + closed + " cannot be reached (connection refused; host set by --base-url)", "check --base-url"}, "--id skips"},
		{"refused, by variable", withVar, []string{"list"}, cli.ExitAPI,
			[]string{"(connection refused; host set by XISECRETS_BASE_URL)"}, ""},
		{"wrong key", wrongKey, []string{"list", "--base-url", srv.URL()}, cli.ExitAPI,
			[]string{"hint: the key in ELEVENLABS_API_KEY was refused by " + srv.URL() + " (host set by --base-url)", "--region"}, ""},
		{"no scheme", key, []string{"list", "--base-url", "127.0.0.1:8080"}, cli.ExitUsage,
			[]string{"did you mean http://127.0.0.1:8080?"}, ""},
		{"apply file", key, []string{"apply", "--file", "missing/prod.env", "--base-url", srv.URL()}, cli.ExitUsage,
			[]string{"--file missing/prod.env: cannot open the file"}, ""},
	} {
		r := runEnv(t, tc.env, tc.args...)
		if r.code != tc.code {
			t.Errorf("%s: exit %d, want %d: %s", tc.name, r.code, tc.code, r.stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%s: stderr does not say %q:\n%s", tc.name, w, r.stderr)
			}
		}
		if tc.not != "" && strings.Contains(r.stderr, tc.not) {
			t.Errorf("%s: stderr says %q:\n%s", tc.name, tc.not, r.stderr)
		}
	}
}
