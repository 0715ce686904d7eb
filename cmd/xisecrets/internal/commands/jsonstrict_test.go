package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// A config.json whose field is given twice, or in two letter cases, at
// any level, is refused naming the file, the line and the field, and
// nothing is sent: encoding/json would take the last, case-insensitively,
// where jq or Python (what a person reviews the file with) take the
// first. Here the first base_url is the host the person sees, the last
// another that accepts the same key; neither is reached.
func TestRepeatedConfigFieldsRefused(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"base_url twice", `{"profiles": {"default": {"base_url": "SEEN", "key_storage": "file",
"base_url": "OTHER"}}}`, "line 2: field profiles.default.base_url is given twice (also on line 1)"},
		{"base_url and BASE_URL", `{"profiles": {"default": {"base_url": "SEEN", "key_storage": "file",
"BASE_URL": "OTHER"}}}`, "line 2: field profiles.default.BASE_URL repeats profiles.default.base_url (line 1) in another letter case"},
		{"a Unicode case fold (long s)", `{"profiles": {"default": {"base_url": "SEEN", "key_storage": "file",
"ba` + "\u017f" + `e_url": "OTHER"}}}`, "line 2: field profiles.default.ba\u017fe_url repeats profiles.default.base_url"},
		{"a profile twice", `{"profiles": {"default": {"base_url": "SEEN", "key_storage": "file"},
"default": {"base_url": "OTHER", "key_storage": "file"}}}`, "line 2: field profiles.default is given twice (also on line 1)"},
		{"profiles and Profiles", `{"profiles": {"default": {"base_url": "SEEN", "key_storage": "file"}},
"Profiles": {"default": {"base_url": "OTHER", "key_storage": "file"}}}`, "line 2: field Profiles repeats profiles (line 1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHarness(t)
			other := secretstest.NewServer(t, secretstest.WithAPIKey(testKey))
			text := strings.NewReplacer("SEEN", h.srv.URL(), "OTHER", other.URL()).Replace(tc.text)
			writePrivate(t, filepath.Join(h.dir, config.ConfigFile), text)
			writePrivate(t, filepath.Join(h.dir, config.CredentialsFile), `{"keys": {"default": "`+testKey+`"}}`)
			r := h.run("", "list")
			path := filepath.Join(h.dir, config.ConfigFile)
			if r.code == cli.ExitOK || !strings.Contains(r.stderr, path+": "+tc.want) {
				t.Errorf("want %s: %q, got %d: %s", path, tc.want, r.code, r.stderr)
			}
			if strings.Contains(r.stderr, "127.0.0.1") {
				t.Errorf("the error quotes a value: %s", r.stderr)
			}
			if n := len(h.srv.Requests()) + len(other.Requests()); n != 0 {
				t.Errorf("%d request(s) sent", n)
			}
		})
	}
}

// credentials.json with a profile's key given twice is refused the same
// way, naming the field and never a key.
func TestRepeatedCredentialsFieldsRefused(t *testing.T) {
	h := newAuthHarness(t)
	h.mustRun(testKey, "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage")
	creds := filepath.Join(h.dir, config.CredentialsFile)
	writePrivate(t, creds, `{"keys": {"default": "`+testKey+`"},
"KEYS": {"default": "xi-other-LEAKCANARY"}}`)
	r := h.run("", "list")
	if r.code == cli.ExitOK || !strings.Contains(r.stderr, creds+": line 2: field KEYS repeats keys (line 1)") || strings.Contains(r.stderr, "LEAKCANARY") {
		t.Errorf("want the file, line and field, no key; got %d: %s", r.code, r.stderr)
	}
	if n := len(h.srv.Requests()); n != 1 { // the login's check
		t.Errorf("%d request(s) sent after the login", n-1)
	}
}

// writePrivate writes text to path (mode 0600, its directory 0700).
func writePrivate(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
