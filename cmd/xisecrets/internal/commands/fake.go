package commands

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// fakeGrace bounds how long a stopping fake waits for requests in progress
// before it cuts them; fakeNotice is how long it waits before it says so.
const (
	fakeGrace  = 3 * time.Second
	fakeNotice = 200 * time.Millisecond
)

func fakeCommand() cli.Command {
	return cli.Command{Name: "fake", Offline: true, Summary: "Serve the spec-validating fake of the secrets API on loopback until interrupted.",
		Examples: []string{`xisecrets fake --addr 127.0.0.1:8080 --key xi-test   # then: ELEVENLABS_API_KEY=xi-test xisecrets --base-url http://127.0.0.1:8080 list`, `xisecrets fake --seed seed.json                 # start with secrets, and what uses them`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			addr := fs.String("addr", "127.0.0.1:8080", "loopback address to listen on (port 0 picks a free one)")
			fixedKey := fs.String("key", "", "the `KEY` the fake accepts (a made-up one for scripts, never a real key: arguments show in ps); "+
				"without it the fake accepts ELEVENLABS_API_KEY when that is set, else a random key it prints")
			seed := fs.String("seed", "", "JSON `file` of secrets to start with, what uses them, and environment variables (docs/cli.md): "+
				`{"secrets":[{"name":"N","value":"v","used_by":{"tools":["a tool"]}}]}`)
			return func(ctx context.Context, e cli.Env, _ *client.Client, _ []string) error {
				var sf *seedFile
				if *seed != "" {
					var err error
					if sf, err = readSeed(*seed); err != nil {
						return err
					}
				}
				// The fake accepts the key the clients will send. When the
				// caller has none, make one up: it is the fake's own key,
				// good for nothing but this process, so it may be shown.
				key, generated := cmp.Or(*fixedKey, e.Getenv("ELEVENLABS_API_KEY")), false
				if key == "" {
					key, generated = randomKey(), true
				}
				srv, err := secretstest.Start(*addr, secretstest.WithAPIKey(key), secretstest.WithLogf(fakeLogf(e.Stderr)))
				switch {
				case errors.Is(err, syscall.EADDRINUSE), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EADDRNOTAVAIL):
					return err // a fine address that cannot be used now: not a usage error
				case err != nil:
					return cli.Usagef("%v", err) // not a loopback address, or malformed
				}
				defer srv.Close()
				var seeded [][2]string
				if sf != nil {
					if seeded, err = seedServer(srv, sf, *seed); err != nil {
						return err
					}
				}
				fmt.Fprintf(e.Stdout, "serving the secrets API fake on %s\n", srv.URL())
				if generated {
					fmt.Fprintf(e.Stdout, "use it with: export ELEVENLABS_API_KEY=%s; xisecrets --base-url %s list\n", key, srv.URL())
				} else if *fixedKey != "" {
					fmt.Fprintf(e.Stdout, "it accepts the key given with --key; use it with --base-url %s\n", srv.URL())
				} else {
					fmt.Fprintf(e.Stdout, "it accepts the key in ELEVENLABS_API_KEY; use it with --base-url %s\n", srv.URL())
				}
				if seeded != nil {
					out := output.NewPrinter(e.Stdout, false, "SEEDED", "ID")
					for _, r := range seeded {
						out.Row(nil, r[0], r[1])
					}
					if err := out.Flush(); err != nil {
						return err
					}
				}
				<-ctx.Done()
				stopFake(srv, e.Stderr)
				return nil
			}
		}}
}

// stopFake stops srv once the command's context has ended (main ends it
// on the first interrupt or SIGTERM): requests in progress get fakeGrace to
// end, then their connections are cut, so a client that stalled cannot
// keep the fake running. Another interrupt or SIGTERM meanwhile cuts them
// at once; one that comes before stopFake listens ends the process, as
// after any command (cli.NotifyContext releases the signals).
func stopFake(srv *secretstest.Server, stderr io.Writer) {
	again := make(chan os.Signal, 1)
	signal.Notify(again, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(again)
	ctx, cancel := context.WithTimeout(context.Background(), fakeGrace)
	defer cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- srv.Shutdown(ctx) }()
	notice := time.NewTimer(fakeNotice)
	defer notice.Stop()
	for {
		select {
		case err := <-stopped:
			if err != nil {
				fmt.Fprintf(stderr, "xisecrets fake: requests still in progress after %v were cut\n", fakeGrace)
			}
			return
		case <-notice.C:
			fmt.Fprintf(stderr, "xisecrets fake: stopping: waiting up to %v for requests in progress (interrupt again to stop now)\n", fakeGrace)
		case <-again:
			cancel()
			<-stopped // soon: Shutdown closes the connections once ctx ends
			fmt.Fprintln(stderr, "xisecrets fake: interrupted again: requests in progress were cut")
			return
		}
	}
}

// fakeLogf prints the fake's own failure reports, one escaped line each:
// they can quote what a client sent (a path, a name echoed back).
func fakeLogf(w io.Writer) func(format string, a ...any) {
	return func(format string, a ...any) {
		fmt.Fprintln(w, "xisecrets fake:", textsafe.EscapeHidden(fmt.Sprintf(format, a...)))
	}
}

func randomKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "xi-fake-" + hex.EncodeToString(b)
}
