package main

import (
	"bytes"
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
func readValue(e env, valueFile string) (string, error) {
	src, from := e.stdin, "stdin"
	if f, ok := src.(*os.File); ok && valueFile == "" && term.IsTerminal(int(f.Fd())) {
		return promptValue(e, f)
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
// lands neither on the screen nor in the terminal's scrollback.
func promptValue(e env, tty *os.File) (string, error) {
	fmt.Fprint(e.stderr, "secret value (not shown): ")
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", usagef("reading the secret value from the terminal: %v", err)
	}
	if len(b) == 0 {
		return "", usagef("empty secret value")
	}
	if len(b) > maxValueBytes {
		return "", usagef("the secret value is over %d bytes", maxValueBytes)
	}
	return string(b), nil
}

// valueFlagHelp is shared by the commands that take a value.
var valueFlagHelp = fmt.Sprintf("read the secret value from this file instead of stdin (max %d KiB)", maxValueBytes>>10)
