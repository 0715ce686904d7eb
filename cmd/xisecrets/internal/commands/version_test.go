package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

func runVersion(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	if code := run(context.Background(), args, e); code != cli.ExitOK || stderr.Len() > 0 {
		t.Fatalf("xisecrets %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// TestVersion: without a release's linker flags (as in this test binary)
// the CLI reports the version the client sends in its User-Agent.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		if out := runVersion(t, args...); !strings.HasPrefix(out, "xisecrets "+client.Version()+" (") || !strings.HasSuffix(out, runtime.GOOS+"/"+runtime.GOARCH+")\n") {
			t.Errorf("xisecrets %s = %q, want 'xisecrets %s (... %s/%s)'", args[0], out, client.Version(), runtime.GOOS, runtime.GOARCH)
		}
	}
	out := runVersion(t, "version", "--json")
	var b output.Build
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil || strings.Count(out, "\n") != 1 {
		t.Fatalf("version --json = %q: %v; want one JSON line", out, err)
	}
	if b.Version != client.Version() || b.ClientVersion != client.Version() || b.Go != runtime.Version() || b.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("version --json = %+v, want version and client_version %q, go %q, this platform", b, client.Version(), runtime.Version())
	}
}

func TestDescribeBuild(t *testing.T) {
	stamped := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	platform := runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		name                  string
		version, commit, date string
		info                  *debug.BuildInfo
		want                  output.Build
	}{
		{"a release: the linker flags win", "v1.2.3", "feedface", "2026-05-06T07:08:09Z", stamped,
			output.Build{Version: "v1.2.3", Commit: "feedface", Date: "2026-05-06T07:08:09Z", Modified: true, Go: runtime.Version(), Platform: platform, ClientVersion: "v0.0.0-module"}},
		{"a clone with VCS stamping", "", "", "", stamped,
			output.Build{Version: "v0.0.0-module", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-01-02T03:04:05Z", Modified: true, Go: runtime.Version(), Platform: platform, ClientVersion: "v0.0.0-module"}},
		{"a build without build info", "", "", "", nil,
			output.Build{Version: "v0.0.0-module", Commit: "", Date: "", Modified: false, Go: runtime.Version(), Platform: platform, ClientVersion: "v0.0.0-module"}},
	} {
		if got := describeBuild(tc.version, tc.commit, tc.date, "v0.0.0-module", tc.info); got != tc.want {
			t.Errorf("%s: describeBuild = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
