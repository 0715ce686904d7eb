package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// authGroup is the first word of the auth subcommands, whose command
// names are "auth login", "auth status" and "auth logout".
const authGroup = "auth"

func isAuthSubcommand(word string) bool {
	return word == "login" || word == "status" || word == "logout"
}

// authUsage is "xisecrets auth" without a subcommand: the subcommands and
// precedenceTable, on stdout for --help, else on stderr with exit 2.
func authUsage(e env, rest []string) int {
	help := len(rest) == 1 && (rest[0] == "-h" || rest[0] == "--help" || rest[0] == "help")
	if len(rest) > 0 && !help {
		return report(e, usagef("%s (see xisecrets auth --help)", unknownName("command", "auth ", rest[0], []string{"login", "status", "logout"})))
	}
	w := e.stderr
	if help {
		w = e.stdout
	}
	fmt.Fprint(w, "usage: xisecrets auth login|status|logout [flags]\n\n")
	for _, c := range commands() {
		if sub, ok := strings.CutPrefix(c.name, authGroup+" "); ok {
			fmt.Fprintf(w, "  %-7s %s\n", sub, c.summary)
		}
	}
	fmt.Fprintf(w, "\nWhere each setting comes from:\n\n%s\n%s", precedenceTable, precedenceNotes)
	if help {
		return exitOK
	}
	return exitUsage
}

func authLoginCommand() command {
	var insecure bool
	return authCommand("login", "Check an API key (typed at the terminal, not shown, or piped on stdin) and store it for a profile, in the OS keyring.",
		func(fs *flag.FlagSet, g *globals) {
			g.register(fs)
			fs.BoolVar(&insecure, "insecure-storage", false, "store the key in plain text in credentials.json (mode 0600) in the configuration directory, not in the OS keyring")
		},
		func(ctx context.Context, e env, g *globals) error { return login(ctx, e, g, insecure) })
}

func authStatusCommand() command {
	return authCommand("status", "Show the profile, where the key comes from, the host, and whether the key works (one listing call).",
		func(fs *flag.FlagSet, g *globals) { g.register(fs) }, status)
}

func authLogoutCommand() command {
	return authCommand("logout", "Remove a profile and its stored key (from the OS keyring and credentials.json).",
		func(fs *flag.FlagSet, g *globals) { g.registerProfile(fs) },
		func(_ context.Context, e env, g *globals) error { return logout(e, g) })
}

// authCommand declares "auth SUB". It is offline, so run builds no client:
// register declares the global flags it takes (and its own), and do
// resolves the settings itself.
func authCommand(sub, summary string, register func(*flag.FlagSet, *globals), do func(context.Context, env, *globals) error) command {
	return command{name: authGroup + " " + sub, offline: true, summary: summary,
		flags: func(fs *flag.FlagSet) action {
			g := &globals{}
			register(fs, g)
			return func(ctx context.Context, e env, _ *client.Client, _ []string) error { return do(ctx, e, g) }
		}}
}

// login checks a key read from the terminal or stdin, then stores it and
// the profile. Nothing is stored unless the check passed and the key's
// store took it.
func login(ctx context.Context, e env, g *globals, insecure bool) error {
	dir, err := configDir(e)
	if err != nil {
		return err
	}
	// The key comes from stdin, never the environment; hiding it from
	// resolve also makes it read the profile, to keep its host.
	ch, err := g.resolveWith(e, func(name string) (string, bool) {
		if name == envKey {
			return "", false
		}
		return e.lookup(name)
	})
	if err != nil {
		return err
	}
	if err := privateIfExists(dir); err != nil {
		return err
	}
	storage := keyFromKeyring
	if insecure {
		storage = keyFromFile
	}
	store, err := recordsFor(e, storage)
	if err != nil {
		return noKeyring(dir, err)
	}
	key, err := readKey(ctx, e)
	if err != nil {
		return err
	}
	c, err := newClient(key, ch.host)
	if err != nil {
		return err
	}
	if err := apiAnswers(ctx, c); err != nil {
		return fmt.Errorf("checking the key with one listing at %s failed, so nothing was stored: %w", c.BaseURL(), err)
	}
	// From here to the end, config.json and the key store change under
	// the configuration's lock: another login at once waits, rather than
	// writing config.json from a copy read before this one's write.
	unlock, err := lockConfig(dir)
	if err != nil {
		return fmt.Errorf("%w; nothing was stored", err)
	}
	defer unlock()
	account, err := storeLogin(e, dir, store, ch, storage, keyRecord{Host: c.BaseURL(), Key: key})
	if err != nil {
		return err
	}
	where := fmt.Sprintf("the OS keyring (service %s, account %s)", keyringService, account)
	if insecure {
		where = filepath.Join(dir, credentialsFile) + " (plain text, mode 0600)"
	}
	fmt.Fprintf(e.stdout, "logged in: profile %s, host %s, key stored in %s\n", ch.profile, textsafe.EscapeHidden(c.BaseURL()), textsafe.EscapeHidden(where))
	return nil
}

// storeLogin stores rec (its host and key) for the chosen profile under
// the configuration's lock, and returns the account. config.json is read
// again here, not taken from resolve: another login may have written it
// since. The key is stored in place of the profile's earlier one first,
// then config.json names the new host; should that fail, the earlier
// record is put back, so the key and the host change together or not at
// all, and every read checks the record's host against config.json's.
func storeLogin(e env, dir string, store recordStore, ch choice, storage string, rec keyRecord) (string, error) {
	cfg, err := loadConfig(dir)
	if err != nil {
		return "", fmt.Errorf("%w; nothing was stored", err)
	}
	earlierProfile, found := cfg.Profiles[ch.profile]
	newID := cfg.ConfigID == ""
	if newID {
		cfg.ConfigID = newConfigID()
	}
	rec.ConfigID = cfg.ConfigID
	account := keyAccount(ch.profile, cfg.ConfigID)
	// What the account holds now, to put back if the profile cannot be
	// saved.
	earlier, _, err := store.get(account)
	if errors.Is(err, errNoKey) {
		earlier, err = keyRecord{}, nil
	}
	if err != nil && storage == keyFromKeyring {
		return "", noKeyring(dir, err)
	}
	if err != nil {
		return "", fmt.Errorf("reading the profile's earlier key, to keep it if this login fails: %w; nothing was stored", err)
	}
	if err := store.set(account, rec); err != nil {
		switch {
		case storage == keyFromFile:
			return "", fmt.Errorf("storing the key: %w", err)
		case errors.Is(err, errKeyringTimeout):
			// The keyring may store the key later: record this
			// configuration's id, so that logout can find the account.
			if newID {
				if werr := writeJSONAtomic(dir, configFile, cfg); werr != nil {
					return "", fmt.Errorf("%w; and recording the configuration's id failed (%v)", err, werr)
				}
			}
			return "", keyringMayStore(dir, ch.profile, account, err)
		}
		return "", noKeyring(dir, err)
	}
	cfg.Profiles[ch.profile] = storedProfile(ch.host, storage, account)
	if err := saveConfig(dir, cfg); err != nil {
		return "", undoLogin(store, account, earlier, err)
	}
	if found {
		removeEarlierKey(e, ch.profile, earlierProfile, storage, account)
	}
	return account, nil
}

// removeEarlierKey removes what the profile's earlier login stored
// elsewhere: its copy in the other store, or its key stored the old way
// (by bare profile name, in this configuration's store). A removal that
// fails is said, not an error: the login is done.
func removeEarlierKey(e env, name string, earlier profile, storage, account string) {
	old, err := recordsFor(e, earlier.Storage)
	switch {
	case err != nil:
	case earlier.KeyAccount == "":
		// The old entry may be shared with another configuration that
		// logged in the same profile name; it holds whichever key was
		// stored last, and is deleted so that none can take this one's.
		err = old.remove(name)
	case earlier.Storage != storage:
		err = old.remove(account)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "xisecrets: warning: the profile's earlier key may still be in its %s (it could not be removed)\n", earlier.Storage)
	}
}

// undoLogin takes back the key login stored when the profile could not be
// saved: the earlier record goes back, or with none the new one is removed.
func undoLogin(store recordStore, account string, earlier keyRecord, saveErr error) error {
	undo, kept := func() error { return store.remove(account) }, "the key was not kept"
	if earlier.Key != "" {
		undo, kept = func() error { return store.set(account, earlier) }, "the earlier key is kept"
	}
	if err := undo(); err != nil {
		return fmt.Errorf("saving the profile failed: %w; and the key store could not be restored (%v): log in again", saveErr, err)
	}
	return fmt.Errorf("saving the profile failed, so %s: %w", kept, saveErr)
}

// noKeyring is login's refusal when the keyring cannot take the key.
func noKeyring(dir string, err error) error {
	return fmt.Errorf("%w; nothing was stored. On a machine without one (a container, CI, SSH), --insecure-storage stores the key in plain text in %s (mode 0600)", err, filepath.Join(dir, credentialsFile))
}

// keyringMayStore is login's refusal when the keyring did not answer in
// time. The call goes on (an unlock prompt answered later; on macOS, the
// security tool go-keyring runs outlives us), so the key may be stored
// yet: saying "nothing was stored" would leave a copy nobody knows of.
func keyringMayStore(dir, profile, account string, err error) error {
	return fmt.Errorf("%w; it may still store the key (account "+account+") once it answers, but no profile was saved, so nothing uses that copy: xisecrets auth logout --profile %s removes it. --insecure-storage stores the key in plain text in %s (mode 0600) instead; the profile then reads that file only, and auth logout removes both", err, profile, filepath.Join(dir, credentialsFile))
}

// privateIfExists refuses a configuration directory open to other users
// before the key is asked for, not after.
func privateIfExists(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return privateMode(dir, info, othersAny, "700")
}

// maxKeyBytes bounds an API key read from stdin; the vendor's keys are a
// few dozen bytes.
const maxKeyBytes = 1024

// readKey reads the key: at a terminal without echo, else from stdin (one
// trailing newline dropped). It is never quoted in an error.
func readKey(ctx context.Context, e env) (string, error) {
	var b []byte
	var err error
	if tty, ok := stdinTerminal(e); ok {
		b, err = readHidden(ctx, e, tty, "API key")
	} else {
		b, err = readAside(ctx, func() ([]byte, error) { return readInput(e, "", "", maxKeyBytes+2) })
		if rest, ok := bytes.CutSuffix(b, []byte("\n")); ok {
			b = bytes.TrimSuffix(rest, []byte("\r"))
		}
	}
	if err != nil {
		return "", err
	}
	switch {
	case len(b) == 0:
		return "", usagef("no API key on stdin: pipe it (printf '%%s' \"$KEY\" | xisecrets auth login), or run auth login at a terminal")
	case len(b) > maxKeyBytes:
		return "", usagef("the API key read is over %d bytes: not a key", maxKeyBytes)
	}
	for _, c := range b {
		if c <= ' ' || c > '~' {
			return "", usagef("the API key read holds a space, a control character or a non-ASCII byte: not a key (not shown)")
		}
	}
	return string(b), nil
}

// status prints the choice resolve makes, then checks the key with one
// listing. It exits 1 when there is no key or it does not work.
func status(ctx context.Context, e env, g *globals) error {
	ch, err := g.resolve(e)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "profile  %s (%s)\n", ch.profile, from(ch.profileFrom))
	fmt.Fprintf(w, "host     %s (%s)\n", textsafe.EscapeHidden(ch.host.String()), from(ch.hostFrom))
	fmt.Fprintf(w, "key      %s\n", keySource(e, ch))
	c, err := ch.client(e)
	if err != nil {
		fmt.Fprintln(w, "works    unknown: no key to check (none sent)")
		return err
	}
	if err := apiAnswers(ctx, c); err != nil {
		fmt.Fprintln(w, "works    no")
		return g.explain(err)
	}
	fmt.Fprintln(w, "works    yes (one listing answered)")
	return nil
}

// from words where a setting came from.
func from(level string) string {
	switch {
	case level == defaultProfile:
		return "the default"
	case strings.HasPrefix(level, "the "):
		return level
	}
	return "from " + level
}

// keySource says where the key comes from: never the key, nor any part.
func keySource(e env, ch choice) string {
	switch ch.keyFrom {
	case keyFromEnv:
		return keyFromEnv + " (" + envKey + ")"
	case keyFromKeyring:
		return fmt.Sprintf("keyring (service %s, account %s)", keyringService, cmp.Or(ch.stored.KeyAccount, ch.profile))
	case keyFromFile:
		dir, _ := configDir(e)
		return "file (" + textsafe.EscapeHidden(filepath.Join(dir, credentialsFile)) + ")"
	}
	if ch.explicit() {
		// Setting the variable would not help: a chosen profile never uses it.
		return fmt.Sprintf("none: the profile is not logged in (a chosen profile never uses %s): run xisecrets auth login --profile %s", envKey, ch.profile)
	}
	return "none: set " + envKey + " or run xisecrets auth login"
}

// String is the host's base URL, and its region if it has one.
func (h host) String() string {
	switch {
	case h.baseURL != "":
		return h.baseURL
	case h.region != "":
		return h.region.BaseURL() + " (region " + string(h.region) + ")"
	}
	return client.RegionDefault.BaseURL()
}

// logout removes the profile and what this configuration stored for it:
// the key at its account in both stores (a login whose keyring call timed
// out may have left a copy in the keyring, unused, before a login with
// --insecure-storage), and a key it stored the old way. It never removes
// another configuration's key: a configuration that never logged in has
// no id, so no account to remove. A key the keyring holds but cannot
// remove keeps the profile, so that logout can be run again.
func logout(e env, g *globals) error {
	dir, err := configDir(e)
	if err != nil {
		return err
	}
	name, _, err := pickProfile(sources{flagProfile: string(g.profile), lookupenv: e.lookup})
	if err != nil {
		return err
	}
	if ok, err := configDirExists(dir); err != nil || !ok {
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "xisecrets: profile %s was never logged in with this configuration (%s): nothing was removed, from credentials.json or the OS keyring\n", name, textsafe.EscapeHidden(dir))
		return nil
	}
	unlock, err := lockConfig(dir)
	if err != nil {
		return fmt.Errorf("%w; nothing was removed", err)
	}
	defer unlock()
	cfg, err := loadConfig(dir)
	if err != nil {
		return err
	}
	// credentials.json is read before anything is removed: a refusal
	// there (open to other users, malformed) must not come after the
	// keyring's key is gone.
	if _, err := (fileKeys{dir}).read(); err != nil {
		return fmt.Errorf("%w; nothing was removed", err)
	}
	p, found := cfg.Profiles[name]
	var accounts []string // this configuration's, in either store
	if cfg.ConfigID != "" {
		accounts = append(accounts, keyAccount(name, cfg.ConfigID))
	}
	keyringAccounts := slices.Clone(accounts)
	if found && p.KeyAccount == "" && p.Storage == keyFromKeyring {
		// Stored the old way by this configuration's login. It may be
		// shared with another configuration of the same profile name, as
		// it always was; an old entry this configuration never used is
		// left alone.
		keyringAccounts = append(keyringAccounts, name)
	}
	// keyringErr is why the keyring's copies could not be removed.
	var keyringErr error
	for _, account := range keyringAccounts {
		if e.keyring == nil {
			keyringErr = errNoKeyring
			break
		}
		if keyringErr = e.keyring.remove(account); keyringErr != nil {
			break
		}
	}
	if keyringErr != nil && found && p.Storage == keyFromKeyring {
		return fmt.Errorf("removing the key of profile %s from the OS keyring: %w; nothing was removed", name, keyringErr)
	}
	// credentials.json is this configuration's own: its old-style entry
	// (by bare name) is removed too.
	for _, account := range append(accounts, name) {
		if err := (fileKeys{dir}).remove(account); err != nil {
			return err
		}
	}
	if !found {
		if keyringErr != nil {
			fmt.Fprintln(e.stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: no such profile was logged in; any key this configuration stored for it in %s is removed, but the OS keyring could not be checked (%v)", credentialsFile, keyringErr)))
			return nil
		}
		fmt.Fprintln(e.stderr, "xisecrets: no such profile was logged in; any key this configuration stored for it is removed")
		return nil
	}
	delete(cfg.Profiles, name)
	if err := saveConfig(dir, cfg); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "logged out: profile %s and its key are removed\n", name)
	if keyringErr != nil {
		fmt.Fprintln(e.stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: any copy of the key in the OS keyring (from a login that timed out) could not be checked (%v): run auth logout --profile %s again once it answers", keyringErr, name)))
	}
	return nil
}
