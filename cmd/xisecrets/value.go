package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/xisecrets/xisecrets/client"
)

// readValue reads a secret value from --value-file, byte for byte, or
// else from stdin, dropping one trailing newline ("\n" or "\r\n"):
// `echo "$TOKEN" | xisecrets create NAME` must store the token, not the
// token and the newline echo adds, while a PEM file given with
// --value-file keeps its last newline. The value must then pass the
// library's own rule (client.CheckValue).
func readValue(ctx context.Context, e env, valueFile string) (string, error) {
	src, from := e.stdin, "stdin"
	if f, ok := src.(*os.File); ok && valueFile == "" && term.IsTerminal(int(f.Fd())) {
		return promptValue(ctx, e, f)
	}
	if valueFile != "" {
		f, err := os.Open(valueFile)
		if err != nil {
			return "", usagef("--value-file: %v", err)
		}
		defer f.Close()
		src, from = f, valueFile
	}
	// Two bytes more than the limit: room for the newline stdin may drop,
	// and one to tell a value over the limit.
	data, err := io.ReadAll(io.LimitReader(src, client.MaxValueBytes+3))
	if err != nil {
		return "", usagef("reading the secret value from %s: %v", from, err)
	}
	if valueFile == "" {
		data = bytes.TrimSuffix(data, []byte("\n"))
		data = bytes.TrimSuffix(data, []byte("\r"))
	}
	return checkValue(string(data), from)
}

// checkValue applies the library's rule to a value read from "from", with
// the CLI's advice for an empty one.
func checkValue(v, from string) (string, error) {
	if v == "" {
		return "", usagef("empty secret value from %s: pipe it on stdin or use --value-file (never an argument)", from)
	}
	if err := client.CheckValue(v); err != nil {
		return "", usagef("the secret value from %s: %s", from, trimPrefix(err))
	}
	return v, nil
}

// promptValue asks for the value on a terminal without echoing it, so it
// lands neither on the screen nor in the terminal's scrollback. The read
// runs aside so that Ctrl-C (which main turns into a cancelled ctx) ends
// the prompt at once, with the terminal's echo restored.
func promptValue(ctx context.Context, e env, tty *os.File) (string, error) {
	fd := int(tty.Fd())
	saved, err := term.GetState(fd)
	if err != nil {
		return "", usagef("reading the secret value from the terminal: %v", err)
	}
	fmt.Fprint(e.stderr, "secret value (not shown): ")
	type result struct {
		b   []byte
		err error
	}
	read := make(chan result, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		read <- result{b, err}
	}()
	var r result
	select {
	case r = <-read:
	case <-ctx.Done():
		_ = term.Restore(fd, saved)
		fmt.Fprintln(e.stderr)
		return "", usagef("interrupted: nothing was sent")
	}
	fmt.Fprintln(e.stderr)
	if r.err != nil {
		return "", usagef("reading the secret value from the terminal: %v", r.err)
	}
	return checkValue(string(r.b), "the terminal")
}

// valueFlagHelp is shared by the commands that take a value.
var valueFlagHelp = fmt.Sprintf("read the secret value from this file, byte for byte (a final newline is kept; from stdin one is dropped); max %d KiB", client.MaxValueBytes>>10)
