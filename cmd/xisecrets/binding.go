package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"

	"github.com/xisecrets/xisecrets/client"
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

// recordsFor is the store named by a profile's key_storage.
func recordsFor(e env, storage string) (recordStore, error) {
	if storage == keyFromFile {
		dir, err := configDir(e)
		return fileKeys{dir}, err
	}
	if e.keyring == nil {
		return nil, errNoKeyring
	}
	return keyringRecords{e.keyring}, nil
}

// errNoKeyring is the answer of an environment with no OS keyring.
var errNoKeyring = errors.New("the OS keyring is not reachable")

// client builds the API client for the chosen key and host. A stored key
// is used only if its record was stored by this configuration, for this
// host: else the error names the profile and says to log in again, and
// nothing is sent.
func (c choice) client(e env) (*client.Client, error) {
	switch c.keyFrom {
	case keyFromEnv:
		return newClient(c.envKey, c.host)
	case keyFromNowhere:
		if c.explicit() {
			return nil, usagef("the profile given by %s is not logged in: run xisecrets auth login --profile NAME", c.profileFrom)
		}
		return nil, usagef("no API key: set %s or run xisecrets auth login", envKey)
	}
	rec, err := c.storedKey(e)
	if errors.Is(err, errNoKey) {
		return nil, fmt.Errorf("profile %s has no key in its %s: log in again with xisecrets auth login --profile %s", c.profile, c.keyFrom, c.profile)
	}
	if err != nil {
		return nil, fmt.Errorf("the key of profile %s: %w", c.profile, err)
	}
	cl, err := newClient(rec.Key, c.host)
	if err != nil {
		return nil, err
	}
	if cl.BaseURL() != rec.Host {
		return nil, fmt.Errorf("the key of profile %s was stored for %s, and this command's host is %s (%s): a stored key goes only to the host it was stored for, so nothing was sent. Leave out the other host, or log in again for it with xisecrets auth login --profile %s",
			c.profile, textsafe.EscapeHidden(rec.Host), textsafe.EscapeHidden(cl.BaseURL()), from(c.hostFrom), c.profile)
	}
	return cl, nil
}

// storedKey reads the chosen profile's record, checked to be this
// configuration's; a key stored the old way is moved first.
func (c choice) storedKey(e env) (keyRecord, error) {
	store, err := recordsFor(e, c.keyFrom)
	if err != nil {
		return keyRecord{}, err
	}
	if c.stored.KeyAccount == "" {
		return moveLegacyKey(e, c.profile, c.stored)
	}
	return boundRecord(store, c.stored.KeyAccount, c.configID)
}

// boundRecord reads the record at account and checks that configuration
// configID stored it.
func boundRecord(store recordStore, account, configID string) (keyRecord, error) {
	rec, legacy, err := store.get(account)
	if err != nil {
		return rec, err
	}
	if legacy || rec.ConfigID != configID {
		return keyRecord{}, fmt.Errorf("the key at account %s was not stored by this configuration; nothing was sent: log in again", account)
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
func moveLegacyKey(e env, name string, seen profile) (keyRecord, error) {
	dir, err := configDir(e)
	if err != nil {
		return keyRecord{}, err
	}
	unlock, err := lockConfig(dir)
	if err != nil {
		return keyRecord{}, err
	}
	defer unlock()
	cfg, err := loadConfig(dir)
	if err != nil {
		return keyRecord{}, err
	}
	p, ok := cfg.Profiles[name]
	if !ok || p.Storage != seen.Storage || p.host() != seen.host() {
		return keyRecord{}, fmt.Errorf("the profile changed while it was read (another login or logout?): run the command again")
	}
	store, err := recordsFor(e, p.Storage)
	if err != nil {
		return keyRecord{}, err
	}
	if p.KeyAccount != "" { // moved meanwhile
		return boundRecord(store, p.KeyAccount, cfg.ConfigID)
	}
	old, legacy, err := store.get(name)
	if err != nil {
		return keyRecord{}, err
	}
	if !legacy {
		return keyRecord{}, errNoKey // a record under a bare name is none of ours
	}
	cl, err := newClient(old.Key, p.host())
	if err != nil {
		return keyRecord{}, err
	}
	if cfg.ConfigID == "" {
		cfg.ConfigID = newConfigID()
	}
	rec := keyRecord{ConfigID: cfg.ConfigID, Host: cl.BaseURL(), Key: old.Key}
	p.KeyAccount = keyAccount(name, cfg.ConfigID)
	if err := store.set(p.KeyAccount, rec); err != nil {
		return keyRecord{}, fmt.Errorf("moving the key stored the old way to account %s: %w", p.KeyAccount, err)
	}
	cfg.Profiles[name] = p
	if err := saveConfig(dir, cfg); err != nil {
		_ = store.remove(p.KeyAccount) // the old entry is still there
		return keyRecord{}, fmt.Errorf("recording the move of the key stored the old way: %w", err)
	}
	if err := store.remove(name); err != nil {
		fmt.Fprintln(e.stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: warning: the key of profile %s is moved to account %s, but its old entry (account %s) could not be removed (%v): remove it, or another configuration could read it", name, p.KeyAccount, name, err)))
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
