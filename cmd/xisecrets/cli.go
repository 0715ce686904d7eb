package main

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

// Exit statuses.
const (
	exitOK    = 0
	exitAPI   = 1 // the API or the network failed
	exitUsage = 2 // the command line was wrong; nothing was sent
)

// env is everything a command may touch outside its arguments, so tests run
// commands in-process with their own streams and environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// tty opens the terminal to ask a question on (apply --prune's
	// confirmation). nil, or an error: there is none, as in CI.
	tty func() (io.ReadWriteCloser, error)
	// lookupenv tells a variable set but empty from an unset one; nil:
	// getenv alone, whose "" is unset.
	lookupenv func(string) (string, bool)
	// userConfigDir is os.UserConfigDir; nil: no configuration directory
	// but XISECRETS_CONFIG_DIR.
	userConfigDir func() (string, error)
	// keyring is the OS keyring; nil: none is reachable.
	keyring keyStore
}

// lookup is os.LookupEnv in e.
func (e env) lookup(name string) (string, bool) {
	if e.lookupenv != nil {
		return e.lookupenv(name)
	}
	v := e.getenv(name)
	return v, v != ""
}

// command is one subcommand.
type command struct {
	name    string
	args    []string // names of the positional arguments, all required
	summary string
	// offline commands get no API client from run, nor its global flags:
	// the auth commands register those they take and resolve themselves.
	offline bool
	// offlineWhen, if set, is asked once the flags are parsed: true means
	// this run needs no client (apply --check), so no key or configuration
	// is read; the global flags are accepted, and unused.
	offlineWhen func() bool
	// takesValue marks create and update, whose value an extra argument
	// most likely is: the error says where values come from instead.
	takesValue bool
	// flags declares the command's own flags on fs and returns its action.
	flags func(fs *flag.FlagSet) action
	// choices are the words the first argument takes, if only a few
	// (completion's SHELL), for completion scripts.
	choices []string
}

// action runs a command once its arguments are checked and, unless the
// command is offline, its client is built: both before anything is sent.
type action func(ctx context.Context, e env, c *client.Client, args []string) error

// usageError is a command-line mistake: exit 2.
type usageError struct{ msg string }

// Error implements error.
func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func commands() []command {
	return []command{
		setCommand(), listCommand(), getCommand(), createCommand(), updateCommand(),
		deleteCommand(), depsCommand(), applyCommand(), fakeCommand(), completionCommand(), versionCommand(),
		authLoginCommand(), authStatusCommand(), authLogoutCommand(),
	}
}

func run(ctx context.Context, args []string, e env) int {
	args, err := hoistGlobals(args)
	if err != nil {
		return report(e, err)
	}
	if len(args) == 0 {
		printUsage(e.stderr)
		return exitUsage
	}
	switch {
	case args[0] == "help" && len(args) == 2:
		args = []string{args[1], "--help"} // "help NAME" is "NAME --help"
	case args[0] == "help" && len(args) == 3 && args[1] == authGroup:
		args = []string{args[1], args[2], "--help"}
	case args[0] == "help" && len(args) > 2:
		return report(e, usagef("help takes at most one command: xisecrets help [command]"))
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		printUsage(e.stdout)
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	if args[0] == authGroup {
		if len(args) == 1 || !isAuthSubcommand(args[1]) {
			return authUsage(e, args[1:])
		}
		args = append([]string{args[0] + " " + args[1]}, args[2:]...)
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		return report(e, usagef("%s (see xisecrets --help)", unknownName("command", "", args[0], names)))
	}
	fs, g, act := cmd.flagSet()
	positional, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(e.stdout, fs, cmd)
		return exitOK
	}
	if err != nil {
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		fmt.Fprintln(e.stderr, textsafe.EscapeHidden(flagError(err, known, args[1:])))
		printCommandUsage(e.stderr, fs, cmd)
		return exitUsage
	}
	if err := wantArgs(cmd, positional); err != nil {
		return report(e, err)
	}
	var c *client.Client
	if !cmd.offline && (cmd.offlineWhen == nil || !cmd.offlineWhen()) {
		if c, err = g.client(e); err != nil {
			return report(e, err)
		}
	}
	return report(e, g.explain(act(ctx, e, c, positional)))
}

// flagSet declares cmd's flags as run parses them: the global flags
// (unless cmd is offline), then the command's own. Completion scripts are
// generated from the same sets.
func (cmd *command) flagSet() (*flag.FlagSet, *globals, action) {
	fs := flag.NewFlagSet("xisecrets "+cmd.name, flag.ContinueOnError)
	// The flag package would print its errors raw, and they quote the
	// command line: we print them, escaped, and the usage after.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	g := &globals{}
	if !cmd.offline {
		g.register(fs)
	}
	return fs, g, cmd.flags(fs)
}

// printCommandUsage prints a command's usage and flags, if it has any.
func printCommandUsage(w io.Writer, fs *flag.FlagSet, cmd *command) {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	usage := []string{"xisecrets", cmd.name}
	if n > 0 {
		usage = append(usage, "[flags]")
	}
	fmt.Fprintf(w, "usage: %s\n\n%s\n", strings.Join(append(usage, cmd.args...), " "), cmd.summary)
	if n == 0 {
		return
	}
	fmt.Fprint(w, "\nflags:\n")
	printFlags(w, fs)
}

// report prints err (already redacted by the client) as one line and picks
// the status. The message quotes the server, a file name or the command
// line, so it is escaped: a newline in it cannot forge a second line, nor
// an escape sequence act on the terminal.
func report(e env, err error) int {
	if err == nil {
		return exitOK
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "xisecrets") {
		msg = "xisecrets: " + msg
	}
	fmt.Fprintln(e.stderr, textsafe.EscapeHidden(msg))
	// The client refuses bad input (an id of "..", an empty name) before
	// sending anything: that is the caller's mistake, like a usage error.
	var u usageError
	if errors.As(err, &u) || errors.Is(err, client.ErrInvalidArgument) {
		return exitUsage
	}
	return exitAPI
}

// hoistGlobals moves global flags written before the command
// ("xisecrets --region eu list") to after it (after "auth login" for an
// auth subcommand), where every command parses them. Every global flag
// takes a value, as "--flag=v" or "--flag v". Any other flag before the
// command is an unknown flag (not an unknown command), named only as
// flagError would name it.
func hoistGlobals(args []string) ([]string, error) {
	var lead []string
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		name, _, withValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		switch name {
		case "h", "help", "version":
			return append(args, lead...), nil
		case "region", "base-url", "profile":
		default:
			return nil, usagef("%s (global flags: --region, --base-url, --profile; see xisecrets --help)", unknownName("flag", typedDashes(args[:1], name), name, []string{"region", "base-url", "profile", "help", "version"}))
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
		return nil, usagef("no command after the global flags (see xisecrets --help)")
	case args[0] == "help":
		return args, nil // help is the same whatever the global flags
	}
	words := 1
	if args[0] == authGroup && len(args) > 1 && isAuthSubcommand(args[1]) {
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
func wantArgs(cmd *command, args []string) error {
	names := cmd.args
	switch {
	case len(args) > len(names) && cmd.takesValue:
		return usagef("secret values are never taken from arguments, where other users can read them (ps): pipe the value on stdin or use --value-file")
	case len(args) > 0 && len(names) == 0:
		return usagef("%s takes no arguments", cmd.name)
	case len(args) != len(names):
		return usagef("%s wants %d argument(s) (%s), got %d", cmd.name, len(names), strings.Join(names, " "), len(args))
	}
	for i, a := range args {
		if names[i] == "NAME" {
			// The library's rule for names, so the CLI accepts exactly
			// what the library does.
			if err := client.CheckName(a); err != nil {
				return usageError{err.Error()}
			}
		} else if strings.TrimSpace(a) == "" {
			return usagef("%s must not be empty", names[i])
		}
	}
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `xisecrets manages ElevenLabs Conversational AI workspace secrets.

usage: xisecrets <command> [flags] [args]

commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var offline []string
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.name, strings.Join(c.args, " "), c.summary)
		// The auth commands are offline to run (they build their own
		// client) but take the global flags: they are not "all but".
		if c.offline && !strings.HasPrefix(c.name, authGroup+" ") {
			offline = append(offline, c.name)
		}
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "\nglobal flags (every command that calls the API: all but %s):", strings.Join(offline, ", "))
	fmt.Fprintf(w, "\n  %-30s API region (default \"default\"); never empty", "--region "+strings.Join(regionNames(), "|"))
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
Exit status: 0 ok, 1 API or network error, 2 usage error (nothing sent).
`)
}
