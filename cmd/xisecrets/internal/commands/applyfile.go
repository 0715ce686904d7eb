package commands

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/dotenv"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// maxApplyFileBytes bounds an apply file: far more than any workspace's
// secrets, far less than a mistaken log file.
const maxApplyFileBytes = 8 << 20

// maxListedProblems bounds the problems listed for one file: every
// problem of any file an operator wrote, while a wrong file (a binary, a
// log) does not fill the terminal; the count of the others is given.
const maxListedProblems = 100

// shownFile is an apply file as messages name it: its path, or "stdin".
// A path is quoted only once the file is open: one that cannot be opened
// may be a value typed in its place.
func shownFile(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

// readApplyFile reads and checks the whole file before anything is sent.
// Every problem is printed on stderr with its line (never the line's
// text), then the file is refused as a usage error; a value other tools
// would expand is a warning. The file may be a FIFO or <(...), read aside
// so that Ctrl-C ends a wait for it.
func readApplyFile(ctx context.Context, e cli.Env, path string) ([]dotenv.Entry, error) {
	if path == "" {
		return nil, cli.Usagef("--file is required: a dotenv file of NAME=value lines, or - for stdin")
	}
	shown := shownFile(path)
	if path == "-" {
		path = ""
	}
	data, err := readAside(ctx, func() ([]byte, error) {
		return readInput(e, path, "--file", maxApplyFileBytes+1)
	})
	if err != nil {
		return nil, err
	}
	if len(data) > maxApplyFileBytes {
		return nil, cli.Usagef("%s is over %d MiB", shown, maxApplyFileBytes>>20)
	}
	entries, problems := dotenv.Parse(data)
	printFileNotes(e.Stderr, shown, entries, problems)
	switch {
	case len(problems) == 1:
		return nil, cli.Usagef("%s: 1 problem (above); nothing was sent", shown)
	case len(problems) > 1:
		return nil, cli.Usagef("%s: %d problems (above); nothing was sent", shown, len(problems))
	case len(entries) == 0:
		return nil, cli.Usagef("%s holds no NAME=value lines", shown)
	}
	return entries, nil
}

// printFileNotes prints the file's problems and warnings in line order,
// one line each, naming the line and never its text.
func printFileNotes(w io.Writer, shown string, entries []dotenv.Entry, problems []*dotenv.Problem) {
	type note struct {
		line int
		text string
	}
	var notes []note
	for i, p := range problems {
		if i == maxListedProblems {
			notes = append(notes, note{p.Line, fmt.Sprintf("%s: and %d more problems from line %d on", shown, len(problems)-i, p.Line)})
			break
		}
		notes = append(notes, note{p.Line, fmt.Sprintf("%s: %v", shown, p)})
	}
	for _, en := range entries {
		if en.Expands {
			notes = append(notes, note{en.Line, fmt.Sprintf("warning: %s: line %d: the value holds $NAME or ${...}, stored as written, not expanded (other dotenv tools would expand it); single-quote it, or write \\$ in double quotes, to say it is meant", shown, en.Line)})
		}
	}
	slices.SortStableFunc(notes, func(a, b note) int { return a.line - b.line })
	for _, n := range notes {
		fmt.Fprintln(w, textsafe.EscapeHidden("xisecrets: "+n.text))
	}
}
