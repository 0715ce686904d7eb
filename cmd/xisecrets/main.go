// Command xisecrets manages ElevenLabs Conversational AI workspace secrets
// from a terminal or a CI pipeline, and runs a local fake of the API.
//
//	xisecrets [global flags] <command> [flags] [args]
//
// The API key comes from ELEVENLABS_API_KEY or a profile stored by auth
// login (in the OS keyring); secret values come from stdin,
// --value-file or an apply file, never from the command line, where every
// user of the machine could read them. Exit status: 0 ok, 1 API or network error, 2 usage error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], env{
		stdin:         os.Stdin,
		stdout:        os.Stdout,
		stderr:        os.Stderr,
		getenv:        os.Getenv,
		lookupenv:     os.LookupEnv,
		userConfigDir: os.UserConfigDir,
		keyring:       newOSKeyring(),
		tty:           openTerminal,
	})
	stop()
	os.Exit(code)
}
