package commands

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/dotenv"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// statusInUse is a secret --prune does not delete because something uses
// it: the listing said so, or the API refused the delete (409).
const statusInUse = "in use"

// notInFile is what --prune deletes: every secret of the listing that no
// name of the file stands for, decided by id. An id the index gives for
// one of the file's names is kept, whatever other name the listing also
// shows it under (a rename between two page fetches lists one id under
// its old and its new name: apply updates it by the one, and must not
// then delete it by the other); so is each of several secrets sharing a
// name the file sets. Each of several sharing a name the file does not
// set goes (none of them is the file's).
func notInFile(ix *client.NameIndex, entries []dotenv.Entry) []client.StoredSecret {
	named := make(map[string]bool, len(entries)) // ids the file's names stand for
	for _, en := range entries {
		found, err := ix.Lookup(en.Name)
		var dup *client.DuplicateNameError
		switch {
		case err == nil:
			named[found.ID] = true
		case errors.As(err, &dup):
			for _, id := range dup.IDs {
				named[id] = true
			}
		}
	}
	var out []client.StoredSecret
	for s := range ix.All() {
		if !named[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// statusKept is a secret --prune would have deleted by the listing but
// does not, because this run wrote it (a create or update answered with
// its id): the file sets it.
const statusKept = "kept"

// prune deletes one secret the file does not name, unless something uses
// it. A 404 means it is gone already: the listing that found it answered
// at this base URL moments ago, so the route is right.
func (a applier) prune(ctx context.Context, s client.StoredSecret) applyResult {
	r := applyResult{name: s.Name, id: s.ID}
	if a.written.has(s.ID) {
		r.status = statusKept
		return r
	}
	if bs := a.bound[s.ID]; len(bs) > 0 {
		r.status, r.err = statusInUse, fmt.Errorf("not deleted: the environment variable %s binds it", bindingsText(bs))
		return r
	}
	if s.UsedBy.InUse() {
		r.status, r.err = statusInUse, fmt.Errorf("not deleted: used by %s", output.UsageSummary(s.UsedBy))
		return r
	}
	if a.dryRun {
		r.status = "would delete"
		return r
	}
	err := a.c.Secrets.Delete(ctx, s.ID)
	switch {
	case err == nil:
		r.status = "deleted"
	case errors.Is(err, client.ErrSecretInUse):
		// In use since the listing, or by something it does not show.
		r.status, r.err = statusInUse, fmt.Errorf("not deleted: %w", err)
	case errors.Is(err, client.ErrNotFound):
		r.status = "not found"
	default:
		r.status, r.err = "failed", err
	}
	return r
}

// errNoTerminal refuses --prune where no one can be asked.
var errNoTerminal = cli.UsageError{Msg: "apply --prune deletes secrets, and there is no terminal to ask on: add --yes to confirm (--dry-run shows what it would delete); nothing was sent"}

// openTTY opens the terminal apply --prune asks on.
func openTTY(e cli.Env) (io.ReadWriteCloser, error) {
	if e.TTY == nil {
		return nil, errNoTerminal
	}
	tty, err := e.TTY()
	if err != nil {
		return nil, errNoTerminal
	}
	return tty, nil
}

// OpenTerminal opens the controlling terminal, /dev/tty, for env.tty:
// not stdin, which may be the apply file (--file -) or a pipe. There is
// none in CI, under cron or nohup, nor on Windows: --yes is needed there.
func OpenTerminal() (io.ReadWriteCloser, error) {
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	if !term.IsTerminal(int(f.Fd())) {
		f.Close()
		return nil, errors.New("/dev/tty is not a terminal")
	}
	return f, nil
}

// confirmPrune shows the secrets --prune would delete and asks on tty
// whether to go on; only "y" or "yes" does. No is a usage error, with
// nothing changed: not the deletions, nor the creates and updates. The
// secrets in use are not asked about: they are never deleted.
func confirmPrune(ctx context.Context, tty io.ReadWriter, shown string, unnamed []client.StoredSecret) error {
	out := output.NewPrinter(tty, false, "NAME", "ID")
	n := 0
	for _, s := range unnamed {
		if !s.UsedBy.InUse() {
			if n == 0 {
				fmt.Fprintln(tty, textsafe.EscapeHidden(fmt.Sprintf("apply --prune would delete these secrets, whose names are not in %s:", shown)))
			}
			out.Row(nil, s.Name, s.ID)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(tty, "Delete %d secret(s), and apply the file? [y/N] ", n)
	// Only keys pressed once the question is on screen answer it.
	discardTypeAhead(tty)
	answer, err := readAside(ctx, func() ([]byte, error) {
		line, err := bufio.NewReader(tty).ReadBytes('\n')
		if err != nil && len(line) == 0 {
			return nil, nil // no answer (Ctrl-D) is no
		}
		return line, nil
	})
	if err != nil {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(string(answer))) {
	case "y", "yes":
		return nil
	}
	return cli.Usagef("apply --prune: not confirmed; nothing was changed")
}
