package commands

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// readValue reads a secret value from --value-file, byte for byte, or
// else from stdin, dropping one trailing newline ("\n" or "\r\n"):
// `echo "$TOKEN" | xisecrets create NAME` must store the token, not the
// token and the newline echo adds, while a PEM file given with
// --value-file keeps its last newline. The value must then pass the
// library's own rule (client.CheckValue).
//
// Any file is read: /dev/stdin, a process substitution's <(...) and a
// FIFO too, which is why the read runs aside (readAside): Ctrl-C must end
// a wait for a writer that never comes.
func readValue(ctx context.Context, e cli.Env, valueFile string) (string, error) {
	if f, ok := stdinTerminal(e); ok && valueFile == "" {
		return promptValue(ctx, e, f)
	}
	from := "stdin"
	if valueFile != "" {
		from = valueFile
	}
	// Three bytes more than the limit: room for the "\r\n" stdin may drop,
	// and one to tell a value over the limit. Reading stops there, so an
	// endless input (--value-file /dev/zero) ends too; a value cut there is
	// "more than" the limit, its size unknown.
	data, err := readAside(ctx, func() ([]byte, error) {
		return readInput(e, valueFile, "--value-file", client.MaxValueBytes+3)
	})
	if err != nil {
		return "", err
	}
	if valueFile == "" {
		// One line ending, "\n" or "\r\n"; a lone "\r" is the value's own.
		if rest, ok := bytes.CutSuffix(data, []byte("\n")); ok {
			data = bytes.TrimSuffix(rest, []byte("\r"))
		}
	}
	return checkValue(string(data), from)
}

// checkValue applies the library's rule to a value read from "from", with
// the CLI's advice for an empty one.
func checkValue(v, from string) (string, error) {
	if v == "" {
		return "", cli.Usagef("empty secret value from %s: pipe it on stdin or use --value-file (never an argument)", from)
	}
	if len(v) > client.MaxValueBytes {
		return "", cli.Usagef("the secret value from %s is more than %d KiB, the limit", from, client.MaxValueBytes>>10)
	}
	if err := client.CheckValue(v); err != nil {
		return "", cli.Usagef("the secret value from %s: %s", from, cli.TrimPrefix(err))
	}
	return v, nil
}

// stdinTerminal returns stdin if it is a terminal.
func stdinTerminal(e cli.Env) (*os.File, bool) {
	f, ok := e.Stdin.(*os.File)
	return f, ok && term.IsTerminal(int(f.Fd()))
}

// promptValue asks for the value on a terminal without echoing it.
func promptValue(ctx context.Context, e cli.Env, tty *os.File) (string, error) {
	b, err := readHidden(ctx, e, tty, "secret value")
	if err != nil {
		return "", err
	}
	return checkValue(string(b), "the terminal")
}

// readHidden asks for what (a secret value, an API key) on a terminal
// without echoing it, so it lands neither on the screen nor in the
// terminal's scrollback. The read runs aside so that Ctrl-C (which main
// turns into a cancelled ctx) ends the prompt at once, with the
// terminal's echo restored.
func readHidden(ctx context.Context, e cli.Env, tty *os.File, what string) ([]byte, error) {
	fd := int(tty.Fd())
	saved, err := term.GetState(fd)
	if err != nil {
		return nil, cli.Usagef("reading the %s from the terminal: %v", what, err)
	}
	fmt.Fprintf(e.Stderr, "%s (not shown): ", what)
	b, err := readAside(ctx, func() ([]byte, error) {
		b, err := term.ReadPassword(fd)
		if err != nil {
			return nil, cli.Usagef("reading the %s from the terminal: %v", what, err)
		}
		return b, nil
	})
	if err == errInterrupted {
		_ = term.Restore(fd, saved)
	}
	fmt.Fprintln(e.Stderr)
	return b, err
}

// errInterrupted is what a read ended by Ctrl-C returns.
var errInterrupted = cli.UsageError{Msg: "interrupted: nothing was sent"}

// readAside runs read in a goroutine and returns its result, or
// errInterrupted as soon as ctx is done. main turns SIGINT and SIGTERM
// into a cancelled ctx, so they no longer end the process by themselves,
// and no read looks at ctx: opening a FIFO blocks until a writer comes,
// reading a stalled pipe or a terminal until input does. An abandoned
// read ends with the process, which is about to exit.
func readAside(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	b, err := cli.Aside(ctx, read)
	if ctx.Err() != nil && err == ctx.Err() {
		return nil, errInterrupted
	}
	return b, err
}

// readInput reads at most limit bytes of the file at path, or of stdin if
// path is ""; flagName names the flag that gave path in an error.
func readInput(e cli.Env, path, flagName string, limit int64) ([]byte, error) {
	src, from := e.Stdin, "stdin"
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			if flagName == "--file" && looksLikePath(path) {
				return nil, cli.Usagef("%s %s: cannot open the file: %v", flagName, path, err)
			}
			// Else the path is not quoted: a file that cannot be opened
			// may be a value typed where its path belongs.
			return nil, cli.Usagef("%s: cannot open the file (not named here, in case it was a value): %v", flagName, err)
		}
		defer f.Close()
		src, from = f, path
	}
	data, err := io.ReadAll(io.LimitReader(src, limit))
	if err != nil {
		return nil, cli.Usagef("reading %s: %v", from, err)
	}
	return data, nil
}

// looksLikePath tells an apply file's path, which an error may name, from
// a value pasted where the path belongs, which it must not: a path starts
// with /, ./, ../ or ~/, or its file name has an extension (secrets.env,
// prod.txt) of one to eight letters or digits; a key or token has
// neither (a JWT's last part is no extension: too long).
func looksLikePath(p string) bool {
	if len(p) > maxShownPath || strings.ContainsAny(p, " \t\n") {
		return false
	}
	for _, prefix := range []string{"/", "./", "../", "~/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	ext := strings.TrimPrefix(filepath.Ext(p), ".")
	if ext == "" || len(ext) > 8 {
		return false
	}
	for _, c := range ext {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// maxShownPath bounds a path an error quotes (Report escapes it).
const maxShownPath = 200

// valueFlagHelp is shared by the commands that take a value.
var valueFlagHelp = fmt.Sprintf("read the secret value from this file, byte for byte (a final newline is kept; from stdin one is dropped); max %d KiB", client.MaxValueBytes>>10)
