package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
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
	storage, store := keyFromKeyring, e.keyring
	if insecure {
		storage, store = keyFromFile, fileKeys{dir}
	}
	if store == nil {
		return noKeyring(dir, errNoKeyring)
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
	// A login again replaces the profile's key in its store: keep the
	// earlier one, to put back if the profile cannot be saved.
	earlier, err := earlierKey(store, ch, storage)
	if err != nil {
		return fmt.Errorf("reading the profile's earlier key, to keep it if this login fails: %w; nothing was stored", err)
	}
	if err := store.set(ch.profile, key); err != nil {
		switch {
		case insecure:
			return fmt.Errorf("storing the key: %w", err)
		case errors.Is(err, errKeyringTimeout):
			return keyringMayStore(dir, ch.profile, err)
		}
		return noKeyring(dir, err)
	}
	cfg, err := loadConfig(dir)
	if err == nil {
		cfg.Profiles[ch.profile] = storedProfile(ch.host, storage)
		err = saveConfig(dir, cfg)
	}
	if err != nil {
		return undoLogin(store, ch.profile, earlier, err)
	}
	if ch.found && ch.stored.Storage != storage {
		// The key of an earlier login, in the other store.
		if old, err := storeFor(e, ch.stored.Storage); err != nil || old.remove(ch.profile) != nil {
			fmt.Fprintf(e.stderr, "xisecrets: warning: the profile's earlier key may still be in its %s (it could not be removed)\n", ch.stored.Storage)
		}
	}
	where := fmt.Sprintf("the OS keyring (service %s, account %s)", keyringService, ch.profile)
	if insecure {
		where = filepath.Join(dir, credentialsFile) + " (plain text, mode 0600)"
	}
	fmt.Fprintf(e.stdout, "logged in: profile %s, host %s, key stored in %s\n", ch.profile, textsafe.EscapeHidden(c.BaseURL()), textsafe.EscapeHidden(where))
	return nil
}

// earlierKey is the key a login again is about to replace: the profile's,
// when its key is in the store this login uses; "" when there is none.
func earlierKey(store keyStore, ch choice, storage string) (string, error) {
	if !ch.found || ch.stored.Storage != storage {
		return "", nil
	}
	key, err := store.get(ch.profile)
	if errors.Is(err, errNoKey) {
		return "", nil
	}
	return key, err
}

// undoLogin takes back the key login stored when the profile could not be
// saved: the earlier key goes back, or with none the new one is removed.
func undoLogin(store keyStore, profile, earlier string, saveErr error) error {
	undo, kept := func() error { return store.remove(profile) }, "the key was not kept"
	if earlier != "" {
		undo, kept = func() error { return store.set(profile, earlier) }, "the earlier key is kept"
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
func keyringMayStore(dir, profile string, err error) error {
	return fmt.Errorf("%w; it may still store the key once it answers, but no profile was saved, so nothing uses that copy: xisecrets auth logout --profile %s removes it. --insecure-storage stores the key in plain text in %s (mode 0600) instead; the profile then reads that file only, and auth logout removes both", err, profile, filepath.Join(dir, credentialsFile))
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
	key, err := ch.key(e)
	if err != nil {
		fmt.Fprintln(w, "works    unknown: no key to check")
		return err
	}
	c, err := newClient(key, ch.host)
	if err == nil {
		err = apiAnswers(ctx, c)
	}
	if err != nil {
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
		return fmt.Sprintf("keyring (service %s, account %s)", keyringService, ch.profile)
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

// logout removes the profile's key from both stores, then the profile.
// A key the keyring holds but cannot remove keeps the profile, so that
// logout can be run again.
func logout(e env, g *globals) error {
	dir, err := configDir(e)
	if err != nil {
		return err
	}
	name, _, err := pickProfile(sources{flagProfile: string(g.profile), lookupenv: e.lookup})
	if err != nil {
		return err
	}
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
	// The keyring is asked whatever the profile's storage: a login whose
	// keyring call timed out may have left a copy there, unused, before a
	// login with --insecure-storage. keyringErr is why such a copy could
	// not be removed.
	keyringErr := errNoKeyring
	if e.keyring != nil {
		keyringErr = e.keyring.remove(name)
	}
	if keyringErr != nil && found && p.Storage == keyFromKeyring {
		return fmt.Errorf("removing the key of profile %s from the OS keyring: %w; nothing was removed", name, keyringErr)
	}
	if err := (fileKeys{dir}).remove(name); err != nil {
		return err
	}
	if !found {
		if keyringErr != nil {
			fmt.Fprintln(e.stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: no such profile was logged in; any key for it in %s is removed, but the OS keyring could not be checked (%v)", credentialsFile, keyringErr)))
			return nil
		}
		fmt.Fprintln(e.stderr, "xisecrets: no such profile was logged in; any key stored for it is removed")
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
