package config

import (
	"fmt"
	"slices"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Logout removes the profile and what this configuration stored for it:
// the key at its account in both stores (a login whose keyring call timed
// out may have left a copy in the keyring, unused, before a login with
// --insecure-storage), and a key it stored the old way. It never removes
// another configuration's key: a configuration that never logged in has
// no id, so no account to remove. A key the keyring holds but cannot
// remove keeps the profile, so that Logout can be run again.
func Logout(e cli.Env, g *Globals) error {
	dir, err := Dir(e)
	if err != nil {
		return err
	}
	name, _, err := pickProfile(sources{flagProfile: string(g.profile.nonEmpty), lookupenv: e.Lookup})
	if err != nil {
		return err
	}
	if ok, err := configDirExists(dir); err != nil || !ok {
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stderr, "xisecrets: profile %s was never logged in with this configuration (%s): nothing was removed, from credentials.json or the OS keyring\n", name, textsafe.EscapeHidden(dir))
		return nil
	}
	unlock, err := Lock(dir)
	if err != nil {
		return fmt.Errorf("%w; nothing was removed", err)
	}
	defer unlock()
	cfg, err := LoadConfig(dir)
	if err != nil {
		return err
	}
	// credentials.json is read before anything is removed: a refusal
	// there (open to other users, malformed) must not come after the
	// keyring's key is gone.
	if _, err := (FileKeys{dir}).read(); err != nil {
		return fmt.Errorf("%w; nothing was removed", err)
	}
	p, found := cfg.Profiles[name]
	var accounts []string // this configuration's, in either store
	if cfg.ConfigID != "" {
		accounts = append(accounts, keyAccount(name, cfg.ConfigID))
	}
	keyringAccounts := slices.Clone(accounts)
	if found && p.KeyAccount == "" && p.Storage == KeyFromKeyring {
		// Stored the old way by this configuration's login. It may be
		// shared with another configuration of the same profile name, as
		// it always was; an old entry this configuration never used is
		// left alone.
		keyringAccounts = append(keyringAccounts, name)
	}
	// keyringErr is why the keyring's copies could not be removed.
	var keyringErr error
	for _, account := range keyringAccounts {
		if e.Keyring == nil {
			keyringErr = errNoKeyring
			break
		}
		if keyringErr = e.Keyring.Remove(account); keyringErr != nil {
			break
		}
	}
	if keyringErr != nil && found && p.Storage == KeyFromKeyring {
		return fmt.Errorf("removing the key of profile %s from the OS keyring: %w; nothing was removed", name, keyringErr)
	}
	// credentials.json is this configuration's own: its old-style entry
	// (by bare name) is removed too.
	for _, account := range append(accounts, name) {
		if err := (FileKeys{dir}).Remove(account); err != nil {
			return err
		}
	}
	if !found {
		if keyringErr != nil {
			fmt.Fprintln(e.Stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: no such profile was logged in; any key this configuration stored for it in %s is removed, but the OS keyring could not be checked (%v)", CredentialsFile, keyringErr)))
			return nil
		}
		fmt.Fprintln(e.Stderr, "xisecrets: no such profile was logged in; any key this configuration stored for it is removed")
		return nil
	}
	delete(cfg.Profiles, name)
	if err := SaveConfig(dir, cfg); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "logged out: profile %s and its key are removed\n", name)
	if keyringErr != nil {
		fmt.Fprintln(e.Stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: any copy of the key in the OS keyring (from a login that timed out) could not be checked (%v): run auth logout --profile %s again once it answers", keyringErr, name)))
	}
	return nil
}
