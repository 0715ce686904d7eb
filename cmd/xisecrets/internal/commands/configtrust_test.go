package commands

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// trustHarness is an authHarness logged in to its fake, whose config.json
// an attacker has since pointed at thief, another loopback fake that
// accepts the same key: what thief receives is what would have leaked.
type trustHarness struct {
	*authHarness
	thief *secretstest.Server
}

// keyring is the harness's keyring (nil: none); login's extra flags follow.
func newTrustHarness(t *testing.T, keyring cli.KeyStore, login ...string) trustHarness {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits")
	}
	h := trustHarness{newAuthHarness(t), secretstest.NewServer(t, secretstest.WithAPIKey(testKey))}
	h.keyring = keyring
	h.mustRun(testKey, append([]string{"auth", "login", "--base-url", h.srv.URL()}, login...)...)
	cfg, err := config.LoadConfig(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Profiles[config.DefaultProfile]
	p.BaseURL = h.thief.URL()
	cfg.Profiles[config.DefaultProfile] = p
	if err := config.SaveConfig(h.dir, cfg); err != nil {
		t.Fatal(err)
	}
	return h
}

// refused runs args and wants them refused naming the fix, with nothing
// sent to thief (the key is never shown: authHarness.run checks).
func (h trustHarness) refused(fix string, args ...string) {
	h.t.Helper()
	r := h.run(testValue, args...)
	if r.code != cli.ExitAPI || !strings.Contains(r.stderr, fix) {
		h.t.Errorf("xisecrets %s: want exit 1 and %q, got %d: %s", strings.Join(args, " "), fix, r.code, r.stderr)
	}
	if n := len(h.thief.Requests()); n != 0 {
		h.t.Fatalf("xisecrets %s: %d request(s) reached the host config.json names", strings.Join(args, " "), n)
	}
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// Every command that would send a stored key to the host a profile names
// refuses a config.json, or a configuration directory, that another user
// can write: that user could have pointed base_url at their own host.
// Once the mode is mended, the same command is refused by the key's own
// binding to the host it was stored for: the mode's refusal, not that
// one, came first, and either keeps the key home.
func TestOpenConfigIsRefusedBeforeSending(t *testing.T) {
	commands := [][]string{
		{"list"}, {"get", "X"}, {"set", "X"}, {"delete", "X"}, {"deps", "X"},
		{"apply", "--file", writeFile(t, "X=1\n")}, {"auth", "status"},
	}
	for _, tc := range []struct {
		name  string
		login []string
		open  func(h trustHarness) (path string, mended os.FileMode)
		fix   string
	}{
		{"group-writable config.json, key in credentials.json", []string{"--insecure-storage"},
			func(h trustHarness) (string, os.FileMode) { return filepath.Join(h.dir, config.ConfigFile), 0o600 }, "chmod 600 "},
		{"group-writable directory, key in credentials.json", []string{"--insecure-storage"},
			func(h trustHarness) (string, os.FileMode) { return h.dir, 0o700 }, "chmod 700 "},
		{"group-writable config.json, key in the keyring", nil,
			func(h trustHarness) (string, os.FileMode) { return filepath.Join(h.dir, config.ConfigFile), 0o600 }, "chmod 600 "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// memKeys stands in for the OS keyring: the refusal comes
			// before any store is asked, so a real one adds nothing.
			h := newTrustHarness(t, &memKeys{keys: map[string]string{}}, tc.login...)
			path, mended := tc.open(h)
			chmod(t, path, mended|0o020)
			for _, args := range commands {
				h.refused(tc.fix+path, args...)
			}
			chmod(t, path, mended|0o002) // others, not only the group
			h.refused(tc.fix+path, "list")
			chmod(t, path, mended)
			h.refused("the key of profile default was stored for "+h.srv.URL(), "list")
		})
	}
}

// ELEVENLABS_API_KEY sent to a host given by a flag or a variable needs
// no profile, so an open configuration directory does not stop it; sent
// to the host a profile names, it is refused like a stored key.
func TestOpenConfigAndTheEnvironmentsKey(t *testing.T) {
	h := newTrustHarness(t, nil, "--insecure-storage")
	chmod(t, filepath.Join(h.dir, config.ConfigFile), 0o666)
	h.env[config.EnvKey] = testKey
	h.mustRun("", "list", "--base-url", h.srv.URL())
	h.env[config.EnvBaseURL] = h.srv.URL()
	h.mustRun("", "list")
	delete(h.env, config.EnvBaseURL)
	h.refused("chmod 600 "+filepath.Join(h.dir, config.ConfigFile), "list")
}

// A config.json that another user owns is refused whatever its mode: its
// owner can change it back at any time. Giving a file away takes root.
func TestConfigOwnedByAnotherUserIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() != 0 {
		t.Skip("giving a file to another user takes root on Unix")
	}
	h := newTrustHarness(t, nil, "--insecure-storage")
	path := filepath.Join(h.dir, config.ConfigFile)
	if err := os.Chown(path, 4242, -1); err != nil {
		t.Fatal(err)
	}
	h.refused(path+" is owned by another user (uid 4242)", "list")
	h.refused("chown 0 "+path, "auth", "status")
}
