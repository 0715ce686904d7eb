package commands

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
	gokeyring "github.com/zalando/go-keyring"
)

// The keyring tests run against a real Secret Service: gnome-keyring-daemon
// in a D-Bus session of its own (dbus-run-session), with a fresh HOME, so
// that its login keyring is new, created and unlocked with a test password.
// The test binary re-runs itself inside that session, marked by
// keyringSessionEnv; the user's own keyring and bus are never touched.
const (
	keyringSessionEnv = "XISECRETS_TEST_KEYRING_SESSION"
	// requireKeyringEnv=1 (make ci) turns a skip for a missing
	// dbus-run-session or gnome-keyring-daemon into a failure.
	requireKeyringEnv = "XISECRETS_REQUIRE_KEYRING"
)

// keyringSession is the shell run inside dbus-run-session: the daemon
// starts, creates the login keyring with the password on stdin and
// unlocks it, then the test binary runs with the arguments.
const keyringSession = `printf 'pw\n' | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
exec "$@"`

// skipWithoutKeyring skips the test (fails it under make ci) where the
// Secret Service cannot run.
func skipWithoutKeyring(t *testing.T) {
	t.Helper()
	why := ""
	if runtime.GOOS != "linux" {
		why = "the Secret Service tests run on Linux"
	} else {
		for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
			if _, err := exec.LookPath(tool); err != nil {
				why = "no " + tool + " (apt-get install gnome-keyring dbus)"
			}
		}
	}
	switch {
	case why == "":
	case os.Getenv(requireKeyringEnv) == "1":
		t.Fatalf("%s, and %s=1 requires the keyring tests", why, requireKeyringEnv)
	default:
		t.Skipf("skipped the keyring tests against a real Secret Service: %s", why)
	}
}

// inKeyringSession re-runs the calling test inside a fresh D-Bus session
// with an unlocked gnome-keyring, and reports whether this is that run.
func inKeyringSession(t *testing.T) bool {
	t.Helper()
	if os.Getenv(keyringSessionEnv) == "1" {
		return true
	}
	skipWithoutKeyring(t)
	home := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name != "HOME" && name != "DBUS_SESSION_BUS_ADDRESS" && !strings.HasPrefix(name, "XDG_") {
			env = append(env, kv)
		}
	}
	env = append(env, keyringSessionEnv+"=1", "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "share"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "dbus-run-session", "--", "sh", "-c", keyringSession, "sh",
		os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	out = bytes.ReplaceAll(out, []byte(testKey), []byte("<the key>"))
	if err != nil || !bytes.Contains(out, []byte("--- PASS: "+t.Name())) {
		t.Fatalf("in a D-Bus session with gnome-keyring: %v\n%s", err, out)
	}
	t.Logf("ran in a D-Bus session with gnome-keyring-daemon in %v", time.Since(start).Round(time.Millisecond))
	return false
}

// Login stores the key in the keyring and nowhere under the configuration
// directory; commands use it; logout removes it; a login with
// --insecure-storage afterwards removes the keyring's copy.
func TestKeyringSecretService(t *testing.T) {
	if !inKeyringSession(t) {
		return
	}
	h := newAuthHarness(t)
	h.keyring = config.NewOSKeyring()
	r := h.mustRun(testKey+"\n", "auth", "login", "--profile", "work", "--base-url", h.srv.URL())
	account := h.account("work")
	if !strings.Contains(r.stdout, "key stored in the OS keyring (service xisecrets, account "+account+")") {
		t.Errorf("login: %s", r.stdout)
	}
	if got, err := gokeyring.Get(config.KeyringService, account); err != nil || !strings.Contains(got, `"key":"`+testKey+`"`) {
		t.Fatalf("the keyring does not hold the key's record for account %s (err %v)", account, err)
	}
	h.noKeyInFiles()
	if files := h.files(); len(files) != 1 || filepath.Base(files[0]) != config.ConfigFile {
		t.Errorf("want config.json alone under the configuration directory, got %v", files)
	}
	h.mustRun("", "list", "--profile", "work")
	if r := h.mustRun("", "auth", "status", "--profile", "work"); !strings.Contains(r.stdout, "key      keyring (service xisecrets, account "+account+")") || !strings.Contains(r.stdout, "works    yes") {
		t.Errorf("status:\n%s", r.stdout)
	}

	h.mustRun("", "auth", "logout", "--profile", "work")
	if _, err := gokeyring.Get(config.KeyringService, account); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Errorf("after logout, the keyring answers %v", err)
	}
	if files := h.files(); len(files) != 0 {
		t.Errorf("logout left %v", files)
	}

	h.mustRun(testKey, "auth", "login", "--base-url", h.srv.URL())
	account = h.account(config.DefaultProfile)
	h.mustRun(testKey, "auth", "login", "--insecure-storage")
	if _, err := gokeyring.Get(config.KeyringService, account); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Errorf("a login to the file left the earlier key in the keyring (%v)", err)
	}
	h.mustRun("", "list")

	t.Run("locked", func(t *testing.T) { lockedKeyring(t, h) })
}

// Keys bound to their configuration, against the real Secret Service: two
// configurations that each log in profile default keep their own keys; a
// scratch configuration's logout removes nobody's; keys stored the old
// way (account = profile name) keep working, moved once; and an old entry
// two configurations shared is taken by one only.
func TestKeyBindingSecretService(t *testing.T) {
	if !inKeyringSession(t) {
		return
	}
	t.Run("two configurations", func(t *testing.T) { twoConfigurations(t, config.NewOSKeyring()) })
	t.Run("two configurations, file", func(t *testing.T) { twoConfigurations(t, config.NewOSKeyring(), "--insecure-storage") })
	t.Run("scratch logout", func(t *testing.T) { scratchLogout(t, config.NewOSKeyring()) })
	t.Run("legacy key", func(t *testing.T) { legacyKeysKeepWorking(t, config.NewOSKeyring(), config.KeyFromKeyring) })
	t.Run("shared legacy entry", func(t *testing.T) { sharedLegacyEntry(t, config.NewOSKeyring()) })
}

// Logins at once, as real processes, to the real Secret Service and to
// credentials.json in turn: none is lost, none pairs one key with another
// host.
func TestConcurrentLoginsSecretService(t *testing.T) {
	if !inKeyringSession(t) {
		return
	}
	concurrentLogins(t, config.NewOSKeyring(), []string{"", "--insecure-storage"}, nil)
}

// lockedKeyring locks the login collection (as a screen lock does), then
// logs in: a clear error, and nothing stored.
func lockedKeyring(t *testing.T, h *authHarness) {
	lock := exec.Command("dbus-send", "--session", "--dest=org.freedesktop.secrets", "--print-reply",
		"/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock", "array:objpath:/org/freedesktop/secrets/collection/login")
	if out, err := lock.CombinedOutput(); err != nil {
		t.Fatalf("dbus-send Lock: %v: %s", err, out)
	}
	before := map[string][]byte{}
	for _, f := range h.files() {
		before[f], _ = os.ReadFile(f)
	}
	r := h.run(testKey, "auth", "login", "--profile", "other", "--base-url", h.srv.URL())
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "OS keyring is locked") || !strings.Contains(r.stderr, "unlock") || !strings.Contains(r.stderr, "nothing was stored") {
		t.Errorf("login to a locked keyring: want exit 1 and a clear error, got %d: %s", r.code, r.stderr)
	}
	after := h.files()
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d", len(before), len(after))
	}
	for _, f := range after {
		if data, _ := os.ReadFile(f); !bytes.Equal(data, before[f]) {
			t.Errorf("%s changed", f)
		}
	}
}

// With no session bus, login fails naming the keyring and stores
// nothing. It runs in the test process, whose D-Bus connection go-keyring
// has never opened (the session tests run in a process of their own).
func TestKeyringNoSessionBus(t *testing.T) {
	if runtime.GOOS != "linux" || os.Getenv(keyringSessionEnv) == "1" {
		t.Skip("the Secret Service is Linux's")
	}
	h := newAuthHarness(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	h.keyring = config.NewOSKeyring()
	r := h.run(testKey, "auth", "login", "--base-url", h.srv.URL())
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, "OS keyring is not reachable") || !strings.Contains(r.stderr, "--insecure-storage") {
		t.Errorf("want exit 1, the keyring named and --insecure-storage offered, got %d: %s", r.code, r.stderr)
	}
	if files := h.files(); len(files) != 0 {
		t.Errorf("stored %v", files)
	}
}
