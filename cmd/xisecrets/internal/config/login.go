package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// StoreLogin stores rec (its host and key) for the chosen profile under
// the configuration's lock, and returns the account. config.json is read
// again here, not taken from resolve: another login may have written it
// since. The key is stored in place of the profile's earlier one first,
// then config.json names the new host; should that fail, the earlier
// record is put back, so the key and the host change together or not at
// all, and every read checks the record's host against config.json's.
func StoreLogin(e cli.Env, dir string, store recordStore, ch Choice, storage string, rec KeyRecord) (string, error) {
	cfg, err := LoadConfig(dir)
	if err != nil {
		return "", fmt.Errorf("%w; nothing was stored", err)
	}
	earlierProfile, found := cfg.Profiles[ch.Profile]
	newID := cfg.ConfigID == ""
	if newID {
		cfg.ConfigID = newConfigID()
	}
	rec.ConfigID = cfg.ConfigID
	account := keyAccount(ch.Profile, cfg.ConfigID)
	// What the account holds now, to put back if the profile cannot be
	// saved.
	earlier, _, err := store.Get(account)
	if errors.Is(err, cli.ErrNoKey) {
		earlier, err = KeyRecord{}, nil
	}
	if err != nil && storage == KeyFromKeyring {
		return "", NoKeyring(dir, err)
	}
	if err != nil {
		return "", fmt.Errorf("reading the profile's earlier key, to keep it if this login fails: %w; nothing was stored", err)
	}
	if err := store.Set(account, rec); err != nil {
		switch {
		case storage == KeyFromFile:
			return "", fmt.Errorf("storing the key: %w", err)
		case errors.Is(err, ErrKeyringTimeout):
			// The keyring may store the key later: record this
			// configuration's id, so that logout can find the account.
			if newID {
				if werr := writeJSONAtomic(dir, ConfigFile, cfg); werr != nil {
					return "", fmt.Errorf("%w; and recording the configuration's id failed (%v)", err, werr)
				}
			}
			return "", keyringMayStore(dir, ch.Profile, account, err)
		}
		return "", NoKeyring(dir, err)
	}
	cfg.Profiles[ch.Profile] = storedProfile(ch.Host, storage, account)
	if err := SaveConfig(dir, cfg); err != nil {
		return "", undoLogin(store, account, earlier, err)
	}
	if found {
		removeEarlierKey(e, ch.Profile, earlierProfile, storage, account)
	}
	return account, nil
}

// removeEarlierKey removes what the profile's earlier login stored
// elsewhere: its copy in the other store, or its key stored the old way
// (by bare profile name, in this configuration's store). A removal that
// fails is said, not an error: the login is done.
func removeEarlierKey(e cli.Env, name string, earlier Profile, storage, account string) {
	old, err := RecordsFor(e, earlier.Storage)
	switch {
	case err != nil:
	case earlier.KeyAccount == "":
		// The old entry may be shared with another configuration that
		// logged in the same profile name; it holds whichever key was
		// stored last, and is deleted so that none can take this one's.
		err = old.Remove(name)
	case earlier.Storage != storage:
		err = old.Remove(account)
	}
	if err != nil {
		fmt.Fprintf(e.Stderr, "xisecrets: warning: the profile's earlier key may still be in its %s (it could not be removed)\n", earlier.Storage)
	}
}

// undoLogin takes back the key login stored when the profile could not be
// saved: the earlier record goes back, or with none the new one is removed.
func undoLogin(store recordStore, account string, earlier KeyRecord, saveErr error) error {
	undo, kept := func() error { return store.Remove(account) }, "the key was not kept"
	if earlier.Key != "" {
		undo, kept = func() error { return store.Set(account, earlier) }, "the earlier key is kept"
	}
	if err := undo(); err != nil {
		return fmt.Errorf("saving the profile failed: %w; and the key store could not be restored (%v): log in again", saveErr, err)
	}
	return fmt.Errorf("saving the profile failed, so %s: %w", kept, saveErr)
}

// NoKeyring is login's refusal when the keyring cannot take the key.
func NoKeyring(dir string, err error) error {
	return fmt.Errorf("%w; nothing was stored. On a machine without one (a container, CI, SSH), --insecure-storage stores the key in plain text in %s (mode 0600)", err, filepath.Join(dir, CredentialsFile))
}

// keyringMayStore is login's refusal when the keyring did not answer in
// time. The call goes on (an unlock prompt answered later; on macOS, the
// security tool go-keyring runs outlives us), so the key may be stored
// yet: saying "nothing was stored" would leave a copy nobody knows of.
func keyringMayStore(dir, profile, account string, err error) error {
	return fmt.Errorf("%w; it may still store the key (account "+account+") once it answers, but no profile was saved, so nothing uses that copy: xisecrets auth logout --profile %s removes it. --insecure-storage stores the key in plain text in %s (mode 0600) instead; the profile then reads that file only, and auth logout removes both", err, profile, filepath.Join(dir, CredentialsFile))
}

// PrivateIfExists refuses a configuration directory open to other users
// before the key is asked for, not after.
func PrivateIfExists(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return privateMode(dir, info, othersAny, "700")
}
