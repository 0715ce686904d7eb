package commands

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/config"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

func authLoginCommand() cli.Command {
	var insecure bool
	return authCommand("login", "Check an API key (typed at the terminal, not shown, or piped on stdin) and store it for a profile, in the OS keyring.",
		[]string{`printf '%s' "$KEY" | xisecrets auth login --region eu     # the default profile, in the OS keyring`, `xisecrets auth login --profile staging --base-url https://proxy.example.com   # asks for the key, not shown`},
		func(fs *flag.FlagSet, g *config.Globals) {
			g.Register(fs)
			fs.BoolVar(&insecure, "insecure-storage", false, "store the key in plain text in credentials.json (mode 0600) in the configuration directory, not in the OS keyring")
		},
		func(ctx context.Context, e cli.Env, g *config.Globals) error { return login(ctx, e, g, insecure) })
}

// login checks a key read from the terminal or stdin, then stores it and
// the profile. Nothing is stored unless the check passed and the key's
// store took it.
func login(ctx context.Context, e cli.Env, g *config.Globals, insecure bool) error {
	dir, err := config.Dir(e)
	if err != nil {
		return err
	}
	// The key comes from stdin, never the environment; hiding it from
	// resolve also makes it read the profile, to keep its host.
	ch, err := g.ResolveWith(e, func(name string) (string, bool) {
		if name == config.EnvKey {
			return "", false
		}
		return e.Lookup(name)
	})
	if err != nil {
		return err
	}
	if err := config.PrivateIfExists(dir); err != nil {
		return err
	}
	storage := config.KeyFromKeyring
	if insecure {
		storage = config.KeyFromFile
	}
	store, err := config.RecordsFor(e, storage)
	if err != nil {
		return config.NoKeyring(dir, err)
	}
	key, err := readKey(ctx, e)
	if err != nil {
		return err
	}
	c, err := config.NewClient(key, ch.Host)
	if err != nil {
		return err
	}
	if err := apiAnswers(ctx, c); err != nil {
		hc := ch.HintContext()
		hc.Key, hc.Profile = "the key given to auth login", ""
		return hint.For(fmt.Errorf("checking the key with one listing at %s failed, so nothing was stored: %w", c.BaseURL(), err), hc)
	}
	// From here to the end, config.json and the key store change under
	// the configuration's lock: another login at once waits, rather than
	// writing config.json from a copy read before this one's write.
	unlock, err := config.Lock(dir)
	if err != nil {
		return fmt.Errorf("%w; nothing was stored", err)
	}
	defer unlock()
	account, err := config.StoreLogin(e, dir, store, ch, storage, config.KeyRecord{Host: c.BaseURL(), Key: key})
	if err != nil {
		return err
	}
	where := fmt.Sprintf("the OS keyring (service %s, account %s)", config.KeyringService, account)
	if insecure {
		where = filepath.Join(dir, config.CredentialsFile) + " (plain text, mode 0600)"
	}
	fmt.Fprintf(e.Stdout, "logged in: profile %s, host %s, key stored in %s\n", ch.Profile, textsafe.EscapeHidden(c.BaseURL()), textsafe.EscapeHidden(where))
	return nil
}

// maxKeyBytes bounds an API key read from stdin; the vendor's keys are a
// few dozen bytes.
const maxKeyBytes = 1024

// readKey reads the key: at a terminal without echo, else from stdin (one
// trailing newline dropped). It is never quoted in an error.
func readKey(ctx context.Context, e cli.Env) (string, error) {
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
		return "", cli.Usagef("no API key on stdin: pipe it (printf '%%s' \"$KEY\" | xisecrets auth login), or run auth login at a terminal")
	case len(b) > maxKeyBytes:
		return "", cli.Usagef("the API key read is over %d bytes: not a key", maxKeyBytes)
	}
	for _, c := range b {
		if c <= ' ' || c > '~' {
			return "", cli.Usagef("the API key read holds a space, a control character or a non-ASCII byte: not a key (not shown)")
		}
	}
	return string(b), nil
}
