package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// maxValueBytes bounds a secret value read from stdin or a file.
const maxValueBytes = 64 << 10

// readValue reads a secret value from --value-file, or else from stdin.
// One trailing newline is dropped: `echo "$TOKEN" | xisecrets create NAME`
// must store the token, not the token and a newline.
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
	data, err := io.ReadAll(io.LimitReader(src, maxValueBytes+1))
	if err != nil {
		return "", usagef("reading the secret value from %s: %v", from, err)
	}
	if len(data) > maxValueBytes {
		return "", usagef("the secret value from %s is over %d bytes", from, maxValueBytes)
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	data = bytes.TrimSuffix(data, []byte("\r"))
	if len(data) == 0 {
		return "", usagef("empty secret value: pipe it on stdin or use --value-file (never an argument)")
	}
	return string(data), nil
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
	switch {
	case r.err != nil:
		return "", usagef("reading the secret value from the terminal: %v", r.err)
	case len(r.b) == 0:
		return "", usagef("empty secret value")
	case len(r.b) > maxValueBytes:
		return "", usagef("the secret value is over %d bytes", maxValueBytes)
	}
	return string(r.b), nil
}

// valueFlagHelp is shared by the commands that take a value.
var valueFlagHelp = fmt.Sprintf("read the secret value from this file instead of stdin (max %d KiB)", maxValueBytes>>10)
