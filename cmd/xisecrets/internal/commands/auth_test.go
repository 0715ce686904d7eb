package commands

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// authHarness runs the CLI in-process against the fake, with its own
// configuration directory and environment, and the keyring it is given
// (none by default: tests that want the OS keyring run in
// keyring_test.go's session).
type authHarness struct {
	t       *testing.T
	srv     *secretstest.Server
	dir     string
	env     map[string]string
	keyring cli.KeyStore
}

func newAuthHarness(t *testing.T) *authHarness {
	dir := filepath.Join(t.TempDir(), "config")
	return &authHarness{t: t, srv: secretstest.NewServer(t, secretstest.WithAPIKey(testKey)), dir: dir,
		env: map[string]string{config.EnvConfigDir: dir}}
}

// run runs the CLI with stdin, and checks that the key never shows.
func (h *authHarness) run(stdin string, args ...string) cliRun {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv:    func(k string) string { return h.env[k] },
		Lookupenv: func(k string) (string, bool) { v, ok := h.env[k]; return v, ok },
		Keyring:   h.keyring,
	}
	r := cliRun{code: run(context.Background(), args, e), stdout: stdout.String(), stderr: stderr.String()}
	if strings.Contains(r.stdout+r.stderr, testKey) || strings.Contains(r.stdout+r.stderr, testKey[:12]) {
		h.t.Errorf("xisecrets %s: the output shows the key or a part of it", strings.Join(args, " "))
	}
	return r
}

func (h *authHarness) mustRun(stdin string, args ...string) cliRun {
	h.t.Helper()
	return h.run(stdin, args...).ok(h.t, args)
}

// files lists the files under the configuration directory, but the lock
// file, which holds nothing and stays once made.
func (h *authHarness) files() []string {
	h.t.Helper()
	var names []string
	err := filepath.WalkDir(h.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path != filepath.Join(h.dir, config.LockFile) {
			names = append(names, path)
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		h.t.Fatal(err)
	}
	return names
}

// account is the key account config.json records for profile.
func (h *authHarness) account(profile string) string {
	h.t.Helper()
	cfg, err := config.LoadConfig(h.dir)
	if err != nil {
		h.t.Fatal(err)
	}
	a := cfg.Profiles[profile].KeyAccount
	if a == "" {
		h.t.Fatalf("profile %s has no key account", profile)
	}
	return a
}

// noKeyInFiles fails if any file under the configuration directory holds
// the key.
func (h *authHarness) noKeyInFiles() {
	h.t.Helper()
	for _, f := range h.files() {
		data, err := os.ReadFile(f)
		if err != nil {
			h.t.Fatal(err)
		}
		if bytes.Contains(data, []byte(testKey)) {
			h.t.Errorf("%s holds the key", f)
		}
	}
}

func wantMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != want {
		t.Errorf("%s: mode %#o, want %#o", path, info.Mode().Perm(), want)
	}
}

// The file fallback: login stores the key in credentials.json (0600)
// and the profile's host in config.json (0600, no key) in a 0700
// directory; later commands need neither --base-url nor the variable;
// logout removes both.
func TestLoginInsecureStorage(t *testing.T) {
	h := newAuthHarness(t)
	r := h.mustRun(testKey+"\n", "auth", "login", "--profile", "staging", "--base-url", h.srv.URL(), "--insecure-storage")
	creds := filepath.Join(h.dir, config.CredentialsFile)
	if !strings.Contains(r.stdout, creds) || !strings.Contains(r.stdout, "profile staging") {
		t.Errorf("login does not say where the key went: %s", r.stdout)
	}
	wantMode(t, h.dir, 0o700)
	wantMode(t, creds, 0o600)
	wantMode(t, filepath.Join(h.dir, config.ConfigFile), 0o600)
	if data, _ := os.ReadFile(filepath.Join(h.dir, config.ConfigFile)); bytes.Contains(data, []byte(testKey)) {
		t.Error("config.json holds the key")
	}

	if _, err := h.srv.Seed("STAGING_TOKEN", testValue); err != nil {
		t.Fatal(err)
	}
	if r := h.mustRun("", "list", "--profile", "staging"); !strings.Contains(r.stdout, "STAGING_TOKEN") {
		t.Errorf("list with the profile: %s", r.stdout)
	}
	h.env[config.EnvProfile] = "staging"
	r = h.mustRun("", "auth", "status")
	for _, want := range []string{"profile  staging (from XISECRETS_PROFILE)", "host     " + h.srv.URL() + " (the profile)", "key      file (" + creds + ")", "works    yes"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status: want %q in:\n%s", want, r.stdout)
		}
	}

	h.mustRun("", "auth", "logout")
	if files := h.files(); len(files) != 0 {
		t.Errorf("logout left %v", files)
	}
	if r := h.run("", "list"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "not logged in") {
		t.Errorf("after logout: want exit 2, not logged in; got %d %s", r.code, r.stderr)
	}
}

// With no keyring and no --insecure-storage, login says so, reads no key
// and stores nothing.
func TestLoginWithoutKeyringStoresNothing(t *testing.T) {
	h := newAuthHarness(t)
	r := h.run(testKey, "auth", "login", "--base-url", h.srv.URL())
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "OS keyring is not reachable") || !strings.Contains(r.stderr, "--insecure-storage") {
		t.Errorf("want exit 1 naming the keyring and --insecure-storage, got %d: %s", r.code, r.stderr)
	}
	if files := h.files(); len(files) != 0 {
		t.Errorf("stored %v", files)
	}
	if n := len(h.srv.Requests()); n != 0 {
		t.Errorf("sent %d requests", n)
	}
}

// A key the API refuses is not stored; the check is one listing.
func TestLoginRefusedKeyStoresNothing(t *testing.T) {
	h := newAuthHarness(t)
	r := h.run("xi-not-the-key\n", "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "nothing was stored") {
		t.Errorf("want exit 1 and nothing was stored, got %d: %s", r.code, r.stderr)
	}
	if files := h.files(); len(files) != 0 {
		t.Errorf("stored %v", files)
	}
	if reqs := h.srv.Requests(); len(reqs) != 1 || reqs[0].Method != "GET" {
		t.Errorf("want one listing, got %d requests", len(reqs))
	}
}

func TestLoginKeyInput(t *testing.T) {
	h := newAuthHarness(t)
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"key as an argument", "", []string{testKey}, "takes no arguments"},
		{"empty stdin", "", nil, "no API key on stdin"},
		{"a space in the key", "xi key\n", nil, "holds a space"},
		{"over the limit", strings.Repeat("k", maxKeyBytes+1), nil, "over 1024 bytes"},
		{"region and base URL", testKey, []string{"--region", "eu", "--base-url", h.srv.URL()}, "--region and --base-url both given"},
		{"bad profile name", testKey, []string{"--profile", "a/b"}, "--profile: a profile name is"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := h.run(tc.stdin, append([]string{"auth", "login", "--insecure-storage"}, tc.args...)...)
			if r.code != cli.ExitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("want exit 2 and %q, got %d: %s", tc.want, r.code, r.stderr)
			}
			if files := h.files(); len(files) != 0 {
				t.Errorf("stored %v", files)
			}
		})
	}
}

// A profile chosen explicitly uses its own key even when the variable
// holds another; with none chosen, the variable wins over the default
// profile's key.
func TestKeyPrecedenceEndToEnd(t *testing.T) {
	h := newAuthHarness(t)
	h.mustRun(testKey, "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage")
	h.env[config.EnvKey] = "xi-wrong-env-key"
	h.mustRun("", "list", "--profile", "default")
	r := h.run("", "list")
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "401") {
		t.Errorf("no profile chosen: want the variable's key used (and refused), got %d: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "auth login") {
		t.Errorf("the refused key was the variable's, but the message blames a profile: %s", r.stderr)
	}
}

// A stored key the API refuses says which profile, and how to log in again.
func TestRefusedStoredKeyNamesTheProfile(t *testing.T) {
	h := newAuthHarness(t)
	h.mustRun(testKey, "auth", "login", "--profile", "prod", "--base-url", h.srv.URL(), "--insecure-storage")
	cfg, err := config.LoadConfig(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	revoked := config.KeyRecord{ConfigID: cfg.ConfigID, Host: h.srv.URL(), Key: "xi-revoked-key"}
	if err := (config.FileKeys{Dir: h.dir}).Set(cfg.Profiles["prod"].KeyAccount, revoked); err != nil {
		t.Fatal(err)
	}
	want := "the key stored for profile prod (in the file) was refused by " + h.srv.URL() + " (host from the profile): log in again with xisecrets auth login --profile prod"
	for _, args := range [][]string{{"list", "--profile", "prod"}, {"auth", "status", "--profile", "prod"}} {
		if r := h.run("", args...); r.code != cli.ExitAPI || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: want exit 1 and %q, got %d: %s", args[0], want, r.code, r.stderr)
		}
	}
}

// XISECRETS_BASE_URL, which README's quick start sets, is honoured.
func TestBaseURLFromTheEnvironment(t *testing.T) {
	h := newAuthHarness(t)
	h.env[config.EnvKey] = testKey
	h.env[config.EnvBaseURL] = h.srv.URL()
	h.mustRun("", "list")
	if len(h.srv.Requests()) != 1 {
		t.Error("list did not reach the fake named by XISECRETS_BASE_URL")
	}
	h.env[config.EnvBaseURL] = ""
	if r := h.run("", "list"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "XISECRETS_BASE_URL is set but empty") {
		t.Errorf("empty XISECRETS_BASE_URL: want exit 2, got %d: %s", r.code, r.stderr)
	}
}

// A malformed config.json fails naming the file and the field (or line),
// and never runs the command.
func TestMalformedConfig(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"syntax", "{\n\"profiles\": {,}\n}", "line 2: not valid JSON"},
		{"not an object", `{"profiles": {"default": "eu"}}`, "profiles.default must be a JSON object"},
		{"type", `{"profiles": {"default": {"region": 5, "key_storage": "file"}}}`, "profiles.default.region must be a string"},
		{"unknown field", `{"profiles": {"default": {"regoin": "eu", "key_storage": "file"}}}`, "unknown field profiles.default.regoin"},
		{"bad region", `{"profiles": {"default": {"region": "LEAKCANARY", "key_storage": "file"}}}`, "profiles.default.region: unknown region (want one of"},
		{"both hosts", `{"profiles": {"default": {"region": "eu", "base_url": "https://x", "key_storage": "file"}}}`, "profiles.default.region and profiles.default.base_url are both set"},
		{"no storage", `{"profiles": {"default": {"region": "eu"}}}`, "profiles.default.key_storage must be"},
		{"bad name", `{"profiles": {"a/b": {"region": "eu", "key_storage": "file"}}}`, "profiles: a profile name is"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHarness(t)
			if err := os.MkdirAll(h.dir, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(h.dir, config.ConfigFile)
			if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			r := h.run("", "list")
			if r.code == cli.ExitOK || !strings.Contains(r.stderr, path+": ") || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "LEAKCANARY") {
				t.Errorf("want the file and %q, got %d: %s", tc.want, r.code, r.stderr)
			}
		})
	}
}

// A configuration directory other users can enter is refused before the
// key is read.
func TestLoginRefusesAnOpenDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits")
	}
	h := newAuthHarness(t)
	if err := os.MkdirAll(h.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(h.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := h.run(testKey, "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage"); r.code != cli.ExitAPI || !strings.Contains(r.stderr, "chmod 700") {
		t.Errorf("want exit 1 and chmod 700, got %d: %s", r.code, r.stderr)
	}
	if files := h.files(); len(files) != 0 {
		t.Errorf("stored %v", files)
	}
}

// A keyring that never answers (an unlock prompt nobody sees) costs the
// keyring's timeout, not forever.
func TestKeyringCallsAreBounded(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	k := config.OSKeyring{Timeout: time.Millisecond, Backend: config.KeyringBackend{
		Set:    func(string, string, string) error { <-block; return nil },
		Get:    func(string, string) (string, error) { <-block; return "", nil },
		Delete: func(string, string) error { <-block; return nil },
	}}
	if _, err := k.Get("default"); !errors.Is(err, config.ErrKeyringTimeout) {
		t.Errorf("get: %v", err)
	}
	if err := k.Set("default", testKey); !errors.Is(err, config.ErrKeyringTimeout) {
		t.Errorf("set: %v", err)
	}
	if err := k.Remove("default"); !errors.Is(err, config.ErrKeyringTimeout) {
		t.Errorf("remove: %v", err)
	}
}

func TestAuthUsage(t *testing.T) {
	h := newAuthHarness(t)
	if r := h.run("", "auth"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "login") {
		t.Errorf("auth alone: %d %s", r.code, r.stderr)
	}
	if r := h.run("", "auth", "logon"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "did you mean auth login?") {
		t.Errorf("auth logon: %d %s", r.code, r.stderr)
	}
	if r := h.run("", "help", "auth", "login"); r.code != cli.ExitOK || !strings.Contains(r.stdout, "insecure-storage") {
		t.Errorf("help auth login: %d %s", r.code, r.stdout)
	}
	h.env[config.EnvKey] = testKey
	if r := h.run("", "--profile", "default", "--base-url", h.srv.URL(), "auth", "status"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "not logged in") {
		t.Errorf("global flags before auth status: %d %s", r.code, r.stderr)
	}
}

// credentials.json that other users can read is refused, as ssh refuses
// such a key file: the key may already have leaked, and must be replaced.
func TestOpenCredentialsFileIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits")
	}
	h := newAuthHarness(t)
	h.mustRun(testKey, "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage")
	creds := filepath.Join(h.dir, config.CredentialsFile)
	if err := os.Chmod(creds, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := h.run("", "list"); r.code == cli.ExitOK || !strings.Contains(r.stderr, "chmod 600 "+creds) {
		t.Errorf("want a refusal naming chmod 600, got %d: %s", r.code, r.stderr)
	}
}

// Logout of a profile whose key is in a keyring it cannot reach removes
// nothing, so that it can be run again once the keyring is back.
func TestLogoutWithoutKeyringRemovesNothing(t *testing.T) {
	h := newAuthHarness(t)
	cfg := config.Config{Profiles: map[string]config.Profile{"default": {Region: "eu", Storage: config.KeyFromKeyring}}}
	if err := config.SaveConfig(h.dir, cfg); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(h.dir, config.ConfigFile))
	if r := h.run("", "auth", "logout"); r.code != cli.ExitAPI || !strings.Contains(r.stderr, "nothing was removed") {
		t.Errorf("want exit 1 and nothing was removed, got %d: %s", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(h.dir, config.ConfigFile)); !bytes.Equal(before, after) {
		t.Error("config.json changed")
	}
}

// memKeys is a key store in memory, standing in for the OS keyring;
// afterSet, when set, runs once the store has taken a key.
type memKeys struct {
	keys     map[string]string
	afterSet func()
}

func (m *memKeys) Get(profile string) (string, error) {
	if k, ok := m.keys[profile]; ok {
		return k, nil
	}
	return "", cli.ErrNoKey
}

func (m *memKeys) Set(profile, key string) error {
	m.keys[profile] = key
	if m.afterSet != nil {
		m.afterSet()
	}
	return nil
}

func (m *memKeys) Remove(profile string) error { delete(m.keys, profile); return nil }

// A login again that fails after the store took the key (config.json
// could not be saved) leaves the profile as it was, its earlier key
// working: not a profile whose key is gone.
func TestFailedLoginAgainKeepsTheEarlierKey(t *testing.T) {
	h := newAuthHarness(t)
	keys := &memKeys{keys: map[string]string{}}
	h.keyring = keys
	login := []string{"auth", "login", "--profile", "staging", "--base-url", h.srv.URL()}
	h.mustRun(testKey, login...)
	cfg := filepath.Join(h.dir, config.ConfigFile)
	saved := filepath.Join(t.TempDir(), config.ConfigFile)
	keys.afterSet = func() { // the disk fails between the key and the profile
		keys.afterSet = nil
		if err := os.Rename(cfg, saved); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(cfg, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if r := h.run(testKey, login...); r.code == cli.ExitOK || !strings.Contains(r.stderr, "saving the profile failed") {
		t.Fatalf("want the failed save reported, got %d: %s", r.code, r.stderr)
	}
	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(saved, cfg); err != nil {
		t.Fatal(err)
	}
	if r := h.run("", "list", "--profile", "staging"); r.code != cli.ExitOK {
		t.Errorf("the earlier login no longer works: %s", r.stderr)
	}
}

// auth status for a chosen profile that is not logged in gives the remedy
// that works: logging it in. Setting ELEVENLABS_API_KEY, already set
// here, is no remedy: a chosen profile never uses it.
func TestStatusOfAChosenProfileNotLoggedIn(t *testing.T) {
	h := newAuthHarness(t)
	h.env[config.EnvKey] = "xi-env-key"
	r := h.run("", "auth", "status", "--profile", "nobody", "--base-url", h.srv.URL())
	if r.code == cli.ExitOK || strings.Contains(r.stdout, "set "+config.EnvKey) || !strings.Contains(r.stdout, "auth login --profile nobody") {
		t.Errorf("want the remedy of logging the profile in, not setting %s; got %d:\n%s%s", config.EnvKey, r.code, r.stdout, r.stderr)
	}
}

// auth logout of a profile that is not logged in claims only what it did:
// with no keyring to reach, it cannot say a key the keyring holds is gone.
func TestLogoutOfAnUnknownProfileWithoutKeyring(t *testing.T) {
	h := newAuthHarness(t)
	r := h.run("", "auth", "logout", "--profile", "nobody")
	if strings.Contains(r.stderr, "any key stored for it is removed") || !strings.Contains(r.stderr, "keyring") {
		t.Errorf("want the unreachable keyring said, got %d: %s", r.code, r.stderr)
	}
}

// auth logout that cannot read credentials.json (here: open to other
// users) removes nothing, the keyring's key included: not a profile left
// logged in with its key gone.
func TestLogoutRefusedByCredentialsFileRemovesNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits")
	}
	h := newAuthHarness(t)
	keys := &memKeys{keys: map[string]string{}}
	h.keyring = keys
	h.mustRun(testKey, "auth", "login", "--profile", "ci", "--base-url", h.srv.URL(), "--insecure-storage")
	h.mustRun(testKey, "auth", "login", "--profile", "work", "--base-url", h.srv.URL())
	if err := os.Chmod(filepath.Join(h.dir, config.CredentialsFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := h.run("", "auth", "logout", "--profile", "work"); r.code == cli.ExitOK || !strings.Contains(r.stderr, "chmod 600") {
		t.Fatalf("want the open credentials.json refused, got %d: %s", r.code, r.stderr)
	}
	if _, err := keys.Get(h.account("work")); err != nil {
		t.Errorf("the refused logout removed the keyring's key: %v", err)
	}
}

// A relative XISECRETS_CONFIG_DIR (from a project's .envrc, say) would put
// credentials.json inside the working tree, where git may commit it: it is
// refused before anything is read or stored.
func TestRelativeConfigDirRefused(t *testing.T) {
	h := newAuthHarness(t)
	h.env[config.EnvConfigDir] = "xisecrets-config"
	r := h.run(testKey, "auth", "login", "--base-url", h.srv.URL(), "--insecure-storage")
	if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "XISECRETS_CONFIG_DIR must be an absolute path") {
		t.Errorf("want exit 2 naming the variable, got %d: %s", r.code, r.stderr)
	}
	if len(h.srv.Requests()) != 0 {
		t.Errorf("%d requests sent", len(h.srv.Requests()))
	}
	if _, err := os.Stat("xisecrets-config"); !os.IsNotExist(err) {
		t.Errorf("a relative config directory was created: %v", err)
	}
}
