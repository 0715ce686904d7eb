package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// configIDBytes is the size of a configuration's random id.
const configIDBytes = 16

// newConfigID is a new configuration's id: random, so that no other
// configuration directory (another project's, a scratch one) ever has it.
func newConfigID() string {
	b := make([]byte, configIDBytes)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b)
}

// isConfigID tells an id newConfigID could have made: lower-case hex.
func isConfigID(s string) bool {
	if len(s) != 2*configIDBytes {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// keyAccount is where profile's key is kept in the configuration whose
// id is configID: its keyring account (service xisecrets), and its entry
// in credentials.json. Two configurations never share one, and a
// configuration that never logged in has none, so its logout removes
// nobody's key. The old scheme's account, the bare profile name, has no
// '@'.
func keyAccount(profile, configID string) string { return profile + "@" + configID }

// RecordsFor is the store named by a profile's key_storage.
func RecordsFor(e cli.Env, storage string) (recordStore, error) {
	if storage == KeyFromFile {
		dir, err := Dir(e)
		return FileKeys{dir}, err
	}
	if e.Keyring == nil {
		return nil, errNoKeyring
	}
	return keyringRecords{e.Keyring}, nil
}

// errNoKeyring is the answer of an environment with no OS keyring.
var errNoKeyring = errors.New("the OS keyring is not reachable")

// Client builds the API Client for the chosen key and host. A stored key
// is used only if its record was stored by this configuration, for this
// host: else the error names the profile and says to log in again, and
// nothing is sent.
func (c Choice) Client(e cli.Env) (*client.Client, error) {
	switch c.KeyFrom {
	case KeyFromEnv:
		return NewClient(c.envKey, c.Host)
	case KeyFromNowhere:
		if c.explicit() {
			return nil, cli.Usagef("the profile given by %s is not logged in: run xisecrets auth login --profile NAME", c.ProfileFrom)
		}
		return nil, cli.Usagef("no API key: set %s or run xisecrets auth login", EnvKey)
	}
	rec, err := c.storedKey(e)
	if errors.Is(err, cli.ErrNoKey) {
		return nil, fmt.Errorf("profile %s has no key in its %s: log in again with xisecrets auth login --profile %s", c.Profile, c.KeyFrom, c.Profile)
	}
	if err != nil {
		return nil, fmt.Errorf("the key of profile %s: %w", c.Profile, err)
	}
	cl, err := NewClient(rec.Key, c.Host)
	if err != nil {
		return nil, err
	}
	if cl.BaseURL() != rec.Host {
		return nil, fmt.Errorf("the key of profile %s was stored for %s, and this command's host is %s (%s): a stored key goes only to the host it was stored for, so nothing was sent. Leave out the other host, or log in again for it with xisecrets auth login --profile %s",
			c.Profile, textsafe.EscapeHidden(rec.Host), textsafe.EscapeHidden(cl.BaseURL()), From(c.HostFrom), c.Profile)
	}
	return cl, nil
}

// storedKey reads the chosen profile's record, checked to be this
// configuration's; a key stored the old way is moved first.
func (c Choice) storedKey(e cli.Env) (KeyRecord, error) {
	store, err := RecordsFor(e, c.KeyFrom)
	if err != nil {
		return KeyRecord{}, err
	}
	if c.stored.KeyAccount == "" {
		return moveLegacyKey(e, c.Profile, c.stored)
	}
	return boundRecord(store, c.stored.KeyAccount, c.configID)
}

// boundRecord reads the record at account and checks that configuration
// configID stored it.
func boundRecord(store recordStore, account, configID string) (KeyRecord, error) {
	rec, legacy, err := store.Get(account)
	if err != nil {
		return rec, err
	}
	if legacy || rec.ConfigID != configID {
		return KeyRecord{}, fmt.Errorf("the key at account %s was not stored by this configuration; nothing was sent: log in again", account)
	}
	return rec, nil
}

// moveLegacyKey moves the key of a profile logged in before keys were
// bound (under account = profile name, no host) to the profile's own
// account, bound to this configuration and to the profile's host, and
// deletes the old entry; then returns the new record. It runs under the
// configuration's lock and re-reads config.json there: another command
// may have moved it, or logged the profile in, meanwhile.
//
// The old entry is deleted, not kept, because several configuration
// directories may share it (each logged in the same profile name), and
// it then holds the key of whichever logged in last; nothing records
// which. Kept, each of them would copy it, binding one key to several
// hosts for good. Moved, exactly one configuration holds it from then
// on: the first to read it, bound to its own host (as the old scheme
// would have sent it there anyway), and every other gets "has no key:
// log in again", an error that says what to do, never another
// configuration's key. In the common case, one directory, nothing
// changes for the person.
func moveLegacyKey(e cli.Env, name string, seen Profile) (KeyRecord, error) {
	dir, err := Dir(e)
	if err != nil {
		return KeyRecord{}, err
	}
	unlock, err := Lock(dir)
	if err != nil {
		return KeyRecord{}, err
	}
	defer unlock()
	cfg, err := LoadConfig(dir)
	if err != nil {
		return KeyRecord{}, err
	}
	p, ok := cfg.Profiles[name]
	if !ok || p.Storage != seen.Storage || p.host() != seen.host() {
		return KeyRecord{}, fmt.Errorf("the profile changed while it was read (another login or logout?): run the command again")
	}
	store, err := RecordsFor(e, p.Storage)
	if err != nil {
		return KeyRecord{}, err
	}
	if p.KeyAccount != "" { // moved meanwhile
		return boundRecord(store, p.KeyAccount, cfg.ConfigID)
	}
	old, legacy, err := store.Get(name)
	if err != nil {
		return KeyRecord{}, err
	}
	if !legacy {
		return KeyRecord{}, cli.ErrNoKey // a record under a bare name is none of ours
	}
	cl, err := NewClient(old.Key, p.host())
	if err != nil {
		return KeyRecord{}, err
	}
	if cfg.ConfigID == "" {
		cfg.ConfigID = newConfigID()
	}
	rec := KeyRecord{ConfigID: cfg.ConfigID, Host: cl.BaseURL(), Key: old.Key}
	p.KeyAccount = keyAccount(name, cfg.ConfigID)
	if err := store.Set(p.KeyAccount, rec); err != nil {
		return KeyRecord{}, fmt.Errorf("moving the key stored the old way to account %s: %w", p.KeyAccount, err)
	}
	cfg.Profiles[name] = p
	if err := SaveConfig(dir, cfg); err != nil {
		_ = store.Remove(p.KeyAccount) // the old entry is still there
		return KeyRecord{}, fmt.Errorf("recording the move of the key stored the old way: %w", err)
	}
	if err := store.Remove(name); err != nil {
		fmt.Fprintln(e.Stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: warning: the key of profile %s is moved to account %s, but its old entry (account %s) could not be removed (%v): remove it, or another configuration could read it", name, p.KeyAccount, name, err)))
	}
	return rec, nil
}

// configDirExists tells whether dir exists: a configuration that does
// not has stored nothing.
func configDirExists(dir string) (bool, error) {
	_, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
