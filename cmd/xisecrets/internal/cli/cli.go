package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Exit statuses: docs/cli.md ("Exit status") is their table, and
// TestExitStatusTable holds the two to each other.
const (
	ExitOK    = 0
	ExitAPI   = 1 // the API or the network failed, or a name did
	ExitUsage = 2 // the command line or a file was wrong, or the run was refused: nothing was written
	// ExitInterrupted is a run Ctrl-C (SIGINT) ended, after it said what
	// it had done: 128+2, as a shell reports a process the signal killed.
	ExitInterrupted = 130
	// ExitTerminated is a run SIGTERM ended (128+15), the same way.
	ExitTerminated = 143
)

// Command is one subcommand.
type Command struct {
	Name    string
	Args    []string // names of the positional arguments, all required
	Summary string
	// Offline commands get no API client from run, nor its global flags:
	// the auth commands register those they take and resolve themselves.
	Offline bool
	// OfflineWhen, if set, is asked once the flags are parsed: true means
	// this run needs no client (apply --check), so no key or configuration
	// is read; the global flags are accepted, and unused.
	OfflineWhen func() bool
	// TakesValue marks create and update, whose value an extra argument
	// most likely is: the error says where values come from instead.
	TakesValue bool
	// Flags declares the command's own Flags on fs and returns its action.
	Flags func(fs *flag.FlagSet) Action
	// Choices are the words the first argument takes, if only a few
	// (completion's SHELL), for completion scripts.
	Choices []string
	// Examples are command lines --help shows, each with what it does
	// after a "#"; every command has some (TestEveryCommandHasExamples).
	Examples []string
}

// Action runs a command once its arguments are checked and, unless the
// command is offline, its client is built: both before anything is sent.
type Action func(ctx context.Context, e Env, c *client.Client, args []string) error

// UsageError is a command-line mistake: exit 2.
type UsageError struct{ Msg string }

// Error implements error.
func (u UsageError) Error() string { return u.Msg }

func Usagef(format string, a ...any) error { return UsageError{fmt.Sprintf(format, a...)} }

func (a App) Run(ctx context.Context, args []string, e Env) int {
	args, err := a.hoistGlobals(args)
	if err != nil {
		return Report(e, err)
	}
	if len(args) == 0 {
		a.printUsage(e.Stderr)
		return ExitUsage
	}
	switch {
	case args[0] == "help" && len(args) == 2:
		args = []string{args[1], "--help"} // "help NAME" is "NAME --help"
	case args[0] == "help" && len(args) == 3 && a.isGroup(args[1]):
		args = []string{args[1], args[2], "--help"}
	case args[0] == "help" && len(args) > 2:
		return Report(e, Usagef("help takes at most one command: xisecrets help [command]"))
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		a.printUsage(e.Stdout)
		return ExitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	if a.isGroup(args[0]) {
		if len(args) == 1 || !a.inGroup(args[0], args[1]) {
			return a.groupUsage(e, args[0], args[1:])
		}
		args = append([]string{args[0] + " " + args[1]}, args[2:]...)
	}
	var cmd *Command
	for _, c := range a.Commands() {
		if c.Name == args[0] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		var names []string
		for _, c := range a.Commands() {
			names = append(names, c.Name)
		}
		return Report(e, Usagef("%s (see xisecrets --help)", unknownName("command", "", args[0], names)))
	}
	fs, g, act := a.FlagSet(cmd)
	positional, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(e.Stdout, fs, cmd)
		return ExitOK
	}
	if err != nil {
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		fmt.Fprintln(e.Stderr, textsafe.EscapeHidden(flagError(err, known, args[1:])))
		printCommandUsage(e.Stderr, fs, cmd)
		return ExitUsage
	}
	if err := wantArgs(cmd, positional); err != nil {
		return Report(e, err)
	}
	var c *client.Client
	if !cmd.Offline && (cmd.OfflineWhen == nil || !cmd.OfflineWhen()) {
		if c, err = g.Client(e); err != nil {
			return Report(e, err)
		}
	}
	return finish(ctx, e, g.Explain(act(ctx, e, c, positional)))
}

// finish reports err and picks the status; a run that a signal ended and
// that did not complete exits with the signal's status (Interrupted),
// after its own message said what was done.
func finish(ctx context.Context, e Env, err error) int {
	code := Report(e, err)
	if ic := interruptedCode(ctx); code != ExitOK && ic != 0 {
		return ic
	}
	return code
}

// FlagSet declares cmd's flags as run parses them: the global flags
// (unless cmd is offline), then the command's own. Completion scripts are
// generated from the same sets.
func (a App) FlagSet(cmd *Command) (*flag.FlagSet, Globals, Action) {
	fs := flag.NewFlagSet("xisecrets "+cmd.Name, flag.ContinueOnError)
	// The flag package would print its errors raw, and they quote the
	// command line: we print them, escaped, and the usage after.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	g := a.NewGlobals()
	if !cmd.Offline {
		g.Register(fs)
	}
	return fs, g, cmd.Flags(fs)
}

// printCommandUsage prints a command's usage and flags, if it has any.
func printCommandUsage(w io.Writer, fs *flag.FlagSet, cmd *Command) {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	usage := []string{"xisecrets", cmd.Name}
	if n > 0 {
		usage = append(usage, "[flags]")
	}
	fmt.Fprintf(w, "usage: %s\n\n%s\n", strings.Join(append(usage, cmd.Args...), " "), cmd.Summary)
	if n > 0 {
		fmt.Fprint(w, "\nflags:\n")
		printFlags(w, fs)
	}
	if len(cmd.Examples) > 0 {
		fmt.Fprint(w, "\nexamples:\n")
		for _, ex := range cmd.Examples {
			fmt.Fprintf(w, "  %s\n", ex)
		}
	}
}

// Report prints err (already redacted by the client) as one line and picks
// the status. The message quotes the server, a file name or the command
// line, so it is escaped: a newline in it cannot forge a second line, nor
// an escape sequence act on the terminal.
func Report(e Env, err error) int {
	if err == nil {
		return ExitOK
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "xisecrets") {
		msg = "xisecrets: " + msg
	}
	fmt.Fprintln(e.Stderr, textsafe.EscapeHidden(msg))
	// Package hint's advice, on a line of its own (interface, so that
	// the framework needs no package of the configuration's).
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		fmt.Fprintln(e.Stderr, textsafe.EscapeHidden("xisecrets: hint: "+h.Hint()))
	}
	// The client refuses bad input (an id of "..", an empty name) before
	// sending anything: that is the caller's mistake, like a usage error.
	var u UsageError
	if errors.As(err, &u) || errors.Is(err, client.ErrInvalidArgument) {
		return ExitUsage
	}
	return ExitAPI
}

// hoistGlobals moves global flags written before the command
// ("xisecrets --region eu list") to after it (after "auth login" for an
// auth subcommand), where every command parses them. Every global flag
// takes a value, as "--flag=v" or "--flag v". Any other flag before the
// command is an unknown flag (not an unknown command), named only as
// flagError would name it.
func (a App) hoistGlobals(args []string) ([]string, error) {
	var lead []string
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		name, _, withValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		switch name {
		case "h", "help", "version":
			return append(args, lead...), nil
		case "region", "base-url", "profile":
		default:
			return nil, Usagef("%s (global flags: --region, --base-url, --profile; see xisecrets --help)", unknownName("flag", typedDashes(args[:1], name), name, []string{"region", "base-url", "profile", "help", "version"}))
		}
		n := 2
		if withValue || len(args) == 1 {
			n = 1
		}
		lead, args = append(lead, args[:n]...), args[n:]
	}
	switch {
	case len(lead) == 0:
		return args, nil
	case len(args) == 0:
		return nil, Usagef("no command after the global flags (see xisecrets --help)")
	case args[0] == "help":
		return args, nil // help is the same whatever the global flags
	}
	words := 1
	if a.isGroup(args[0]) && len(args) > 1 && a.inGroup(args[0], args[1]) {
		words = 2
	}
	return append(append(append([]string{}, args[:words]...), lead...), args[words:]...), nil
}

// parseInterleaved parses flags that come after positional arguments too
// ("update ID NAME --value-file f"), which the flag package alone stops at.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// wantArgs checks the positional arguments. No message quotes them: an
// extra one may be a value typed where it should not be.
func wantArgs(cmd *Command, args []string) error {
	names := cmd.Args
	switch {
	case len(args) > len(names) && cmd.TakesValue:
		return Usagef("secret values are never taken from arguments, where other users can read them (ps): pipe the value on stdin or use --value-file")
	case len(args) > 0 && len(names) == 0:
		return Usagef("%s takes no arguments", cmd.Name)
	case len(args) != len(names):
		return Usagef("%s wants %d argument(s) (%s), got %d", cmd.Name, len(names), strings.Join(names, " "), len(args))
	}
	for i, a := range args {
		if strings.HasSuffix(names[i], "NAME") { // NAME, NEW_NAME
			// The library's rule for names, so the CLI accepts exactly
			// what the library does.
			if err := client.CheckName(a); err != nil {
				return UsageError{err.Error()}
			}
		} else if strings.TrimSpace(a) == "" {
			return Usagef("%s must not be empty", names[i])
		}
	}
	return nil
}

func (a App) printUsage(w io.Writer) {
	fmt.Fprint(w, `xisecrets manages ElevenLabs Conversational AI workspace secrets.

usage: xisecrets <command> [flags] [args]

commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var offline []string
	for _, c := range a.Commands() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, strings.Join(c.Args, " "), c.Summary)
		// The auth commands are offline to run (they build their own
		// client) but take the global flags: they are not "all but".
		if c.Offline && !strings.Contains(c.Name, " ") {
			offline = append(offline, c.Name)
		}
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "\nglobal flags (every command that calls the API: all but %s):", strings.Join(offline, ", "))
	fmt.Fprintf(w, "\n  %-30s API region (default \"default\"); never empty", "--region "+strings.Join(RegionNames(), "|"))
	fmt.Fprint(w, `
  --base-url URL                 any other API base URL (https, or http on
                                 loopback); not with --region; never empty
  --profile NAME                 a profile stored by auth login (default
                                 "default"); never empty

The API key is read from ELEVENLABS_API_KEY or the profile auth login
stored; "xisecrets auth --help" shows which wins. Secret values are read from
stdin (one trailing newline, as echo adds, is dropped) or --value-file (taken
byte for byte), never from arguments; apply reads NAME=value lines from a
dotenv file. NAME|ID is looked up as an exact name first (one listing
request); if no secret has that name, it is an id (--id skips the lookup).
Run "xisecrets help <command>" for a command's flags.
Exit status: 0 ok, 1 API or network error, 2 usage error (nothing written),
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
`)
}
