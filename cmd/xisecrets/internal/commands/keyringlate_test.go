package commands

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
)

// lateKeyring is an OS keyring whose store answers only once released,
// after OSKeyring's Timeout: as one waiting on an unlock prompt that is
// answered later. Reads and deletes answer at once.
type lateKeyring struct {
	release chan struct{}
	stored  chan struct{} // closed once the late store is done
	mu      sync.Mutex
	keys    map[string]string
}

func newLateKeyring() *lateKeyring {
	return &lateKeyring{release: make(chan struct{}), stored: make(chan struct{}), keys: map[string]string{}}
}

// cli is the keyring as the CLI sees it. Its timeout is short for the
// store, which waits for release, and long enough that the reads and
// deletes, which answer at once, never hit it on a loaded machine.
func (k *lateKeyring) cli() config.OSKeyring {
	return config.OSKeyring{Timeout: 500 * time.Millisecond, Backend: config.KeyringBackend{
		Set: func(_, user, password string) error {
			<-k.release
			k.mu.Lock()
			defer k.mu.Unlock()
			k.keys[user] = password
			close(k.stored)
			return nil
		},
		Get: func(_, user string) (string, error) {
			k.mu.Lock()
			defer k.mu.Unlock()
			return k.keys[user], nil
		},
		Delete: func(_, user string) error {
			k.mu.Lock()
			defer k.mu.Unlock()
			delete(k.keys, user)
			return nil
		},
	}}
}

// holds tells whether the keyring holds a key for profile, at any account.
func (k *lateKeyring) holds(profile string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for account := range k.keys {
		if account == profile || strings.HasPrefix(account, profile+"@") {
			return true
		}
	}
	return false
}

// A login whose keyring store timed out does not say nothing was stored:
// the keyring may store the key later, and the message says how to remove
// it. Once it has, a login with --insecure-storage makes the file's key
// the one used, and logout removes both copies.
func TestLoginWhoseKeyringTimedOut(t *testing.T) {
	h := newAuthHarness(t)
	k := newLateKeyring()
	h.keyring = k.cli()
	r := h.run(testKey, "auth", "login", "--profile", "work", "--base-url", h.srv.URL())
	if r.code != cli.ExitAPI || strings.Contains(r.stderr, "nothing was stored") ||
		!strings.Contains(r.stderr, "it may still store the key") || !strings.Contains(r.stderr, "xisecrets auth logout --profile work removes it") {
		t.Errorf("want exit 1, the key possibly stored later and how to remove it; got %d: %s", r.code, r.stderr)
	}
	// config.json records the configuration's id, so that logout can
	// find the account the keyring may yet store the key at; no profile.
	if cfg, err := config.LoadConfig(h.dir); err != nil || len(cfg.Profiles) != 0 || cfg.ConfigID == "" {
		t.Errorf("want config.json with the configuration's id and no profile, got %d profile(s), err %v", len(cfg.Profiles), err)
	}

	close(k.release) // the unlock prompt is answered after all
	<-k.stored
	if !k.holds("work") {
		t.Fatal("the late store did not happen: the test proves nothing")
	}
	h.mustRun(testKey, "auth", "login", "--profile", "work", "--base-url", h.srv.URL(), "--insecure-storage")
	if r := h.mustRun("", "auth", "status", "--profile", "work"); !strings.Contains(r.stdout, "key      file (") {
		t.Errorf("want the file's key used, the profile's key_storage:\n%s", r.stdout)
	}
	h.mustRun("", "auth", "logout", "--profile", "work")
	if k.holds("work") {
		t.Error("logout left the keyring's late copy of the key")
	}
	if files := h.files(); len(files) != 0 {
		t.Errorf("logout left %v", files)
	}
}
