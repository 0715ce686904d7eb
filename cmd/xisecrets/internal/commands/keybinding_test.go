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

// otherKey is the key of a second configuration's host: a fake that
// accepts it and refuses testKey (and the reverse for testKey's fake), so
// that a key sent to the wrong host shows as a 401.
const otherKey = "xi-key-OTHER-LEAKCANARY-9876543210"

// twoConfigs are two configuration directories (one per project, or a
// scratch one for a local fake) sharing one keyring, each with its own
// host and key.
type twoConfigs struct{ a, b *authHarness }

func newTwoConfigs(t *testing.T, keyring cli.KeyStore) twoConfigs {
	a, b := newAuthHarness(t), newAuthHarness(t)
	b.srv = secretstest.NewServer(t, secretstest.WithAPIKey(otherKey))
	a.keyring, b.keyring = keyring, keyring
	return twoConfigs{a, b}
}

// noKeyRefused fails if a host was sent a key it refuses: the other
// configuration's.
func noKeyRefused(t *testing.T, hs ...*authHarness) {
	t.Helper()
	for _, h := range hs {
		for _, r := range h.srv.Requests() {
			if r.Status == 401 {
				t.Errorf("%s was sent a key that is not its own (401 on %s %s)", h.srv.URL(), r.Method, r.Path)
			}
		}
	}
}

// Two configurations that each log in profile default keep their own
// keys: the second login does not replace the first's, and each sends
// only its own key to its own host. Logging one out leaves the other.
func TestTwoConfigurationsKeepTheirOwnKeys(t *testing.T) {
	for _, storage := range [][]string{nil, {"--insecure-storage"}} {
		t.Run(strings.Join(append([]string{"keyring"}, storage...), " "), func(t *testing.T) {
			twoConfigurations(t, &memKeys{keys: map[string]string{}}, storage...)
		})
	}
}

func twoConfigurations(t *testing.T, keyring cli.KeyStore, storage ...string) {
	c := newTwoConfigs(t, keyring)
	c.a.mustRun(testKey, append([]string{"auth", "login", "--base-url", c.a.srv.URL()}, storage...)...)
	c.b.mustRun(otherKey, append([]string{"auth", "login", "--base-url", c.b.srv.URL()}, storage...)...)
	c.a.mustRun("", "list")
	c.b.mustRun("", "list")
	c.b.mustRun("", "auth", "logout")
	c.a.mustRun("", "list")
	noKeyRefused(t, c.a, c.b)
}

// auth logout in a scratch configuration that never logged in removes no
// other configuration's key, whichever profile it names.
func TestScratchLogoutKeepsOtherKeys(t *testing.T) {
	scratchLogout(t, &memKeys{keys: map[string]string{}})
}

func scratchLogout(t *testing.T, keyring cli.KeyStore) {
	c := newTwoConfigs(t, keyring)
	c.a.mustRun(testKey, "auth", "login", "--profile", "prod", "--base-url", c.a.srv.URL())
	c.b.run("", "auth", "logout", "--profile", "prod")
	// A scratch configuration that logged in another profile has a
	// configuration of its own; its logout of prod touches only that.
	c.b.mustRun(otherKey, "auth", "login", "--profile", "dev", "--base-url", c.b.srv.URL())
	c.b.run("", "auth", "logout", "--profile", "prod")
	c.a.mustRun("", "list", "--profile", "prod")
	noKeyRefused(t, c.a, c.b)
}

// A stored key goes only to the host it was stored for: a flag or a
// variable naming another host, or a config.json edited to name one, is
// refused naming the profile, and nothing is sent.
func TestStoredKeyGoesOnlyToItsHost(t *testing.T) {
	for _, storage := range [][]string{nil, {"--insecure-storage"}} {
		t.Run(strings.Join(append([]string{"keyring"}, storage...), " "), func(t *testing.T) {
			c := newTwoConfigs(t, &memKeys{keys: map[string]string{}})
			c.a.mustRun(testKey, append([]string{"auth", "login", "--profile", "prod", "--base-url", c.a.srv.URL()}, storage...)...)
			want := "the key of profile prod was stored for " + c.a.srv.URL()
			for _, args := range [][]string{{"list", "--profile", "prod", "--base-url", c.b.srv.URL()}, {"auth", "status", "--profile", "prod", "--base-url", c.b.srv.URL()}} {
				if r := c.a.run("", args...); r.code == cli.ExitOK || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "nothing was sent") {
					t.Errorf("%s: want %q, got %d: %s", strings.Join(args, " "), want, r.code, r.stderr)
				}
			}
			cfg, err := config.LoadConfig(c.a.dir)
			if err != nil {
				t.Fatal(err)
			}
			p := cfg.Profiles["prod"]
			p.BaseURL = c.b.srv.URL()
			cfg.Profiles["prod"] = p
			if err := config.SaveConfig(c.a.dir, cfg); err != nil {
				t.Fatal(err)
			}
			if r := c.a.run("", "list", "--profile", "prod"); r.code == cli.ExitOK || !strings.Contains(r.stderr, want) {
				t.Errorf("config.json edited to another host: want %q, got %d: %s", want, r.code, r.stderr)
			}
			if n := len(c.b.srv.Requests()); n != 0 {
				t.Errorf("%d request(s) reached the other host", n)
			}
		})
	}
}

// legacyLogin writes what auth login stored before keys were bound to
// their configuration: config.json without ids, and the key under account
// = profile in the keyring, or in credentials.json's "keys".
func legacyLogin(t *testing.T, h *authHarness, keyring cli.KeyStore, profile, key, storage string) {
	t.Helper()
	cfg := `{"profiles": {"` + profile + `": {"base_url": "` + h.srv.URL() + `", "key_storage": "` + storage + `"}}}`
	writePrivate(t, filepath.Join(h.dir, config.ConfigFile), cfg)
	if storage == config.KeyFromFile {
		writePrivate(t, filepath.Join(h.dir, config.CredentialsFile), `{"keys": {"`+profile+`": "`+key+`"}}`)
		return
	}
	if err := keyring.Set(profile, key); err != nil {
		t.Fatal(err)
	}
}

// Keys stored by the earlier auth login keep working: read once from the
// old entry, re-stored bound to the configuration that read it, the old
// entry removed. Nobody is logged out.
func TestLegacyKeysKeepWorking(t *testing.T) {
	for _, storage := range []string{config.KeyFromKeyring, config.KeyFromFile} {
		t.Run(storage, func(t *testing.T) { legacyKeysKeepWorking(t, &memKeys{keys: map[string]string{}}, storage) })
	}
}

func legacyKeysKeepWorking(t *testing.T, keyring cli.KeyStore, storage string) {
	h := newAuthHarness(t)
	h.keyring = keyring
	legacyLogin(t, h, keyring, "work", testKey, storage)
	h.mustRun("", "list", "--profile", "work")
	if _, err := keyring.Get("work"); err != cli.ErrNoKey && storage == config.KeyFromKeyring {
		t.Errorf("the old keyring entry is left (%v)", err)
	}
	if data, _ := os.ReadFile(filepath.Join(h.dir, config.CredentialsFile)); strings.Contains(string(data), `"work": "`) {
		t.Errorf("credentials.json keeps the old entry:\n%s", strings.ReplaceAll(string(data), testKey, "<the key>"))
	}
	h.mustRun("", "list", "--profile", "work")
	h.mustRun("", "auth", "status", "--profile", "work")
	h.mustRun("", "auth", "logout", "--profile", "work")
	if files := h.files(); len(files) != 0 {
		t.Errorf("logout left %v", files)
	}
	noKeyRefused(t, h)
}

// Two configurations that shared one old keyring entry cannot both take
// it: the first to read it after the upgrade takes it, and the other gets
// a clear error to log in again; once it has, neither can read the
// other's key.
func TestSharedLegacyEntryIsTakenOnce(t *testing.T) {
	sharedLegacyEntry(t, &memKeys{keys: map[string]string{}})
}

func sharedLegacyEntry(t *testing.T, keyring cli.KeyStore) {
	c := newTwoConfigs(t, keyring)
	legacyLogin(t, c.a, keyring, config.DefaultProfile, testKey, config.KeyFromKeyring)
	legacyLogin(t, c.b, keyring, config.DefaultProfile, testKey, config.KeyFromKeyring) // a's key, as the last login left it
	c.a.mustRun("", "list")
	if r := c.b.run("", "list"); r.code == cli.ExitOK || !strings.Contains(r.stderr, "log in again with xisecrets auth login --profile default") {
		t.Errorf("the second configuration: want a clear error to log in again, got %d: %s", r.code, r.stderr)
	}
	c.b.mustRun(otherKey, "auth", "login")
	c.a.mustRun("", "list")
	c.b.mustRun("", "list")
	noKeyRefused(t, c.a, c.b)
}
