package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/xisecrets/xisecrets/client"
)

// App is a command-line program: its command table and the global flags
// every command that calls the API takes. The framework knows no command
// and no configuration: package commands gives it both.
type App struct {
	// Commands returns the command table, made anew for each use: a
	// command's Flags binds its flag values to the table it is in.
	Commands func() []Command
	// NewGlobals makes the global flags of one run (--region, --base-url,
	// --profile: hoistGlobals and the usage text name them) and the
	// client they choose.
	NewGlobals func() Globals
	// GroupNotes is said after a group's subcommands in its usage
	// ("xisecrets auth"), by group word.
	GroupNotes map[string]string
}

// Globals are the global flags of one run, and the API client they
// choose, as package config implements them.
type Globals interface {
	// Register declares the global flags on fs.
	Register(fs *flag.FlagSet)
	// Client builds the API client the flags, the environment and the
	// configuration choose.
	Client(e Env) (*client.Client, error)
	// Explain adds to a command's error what the choice knows (which
	// stored key a 401 refused); nil stays nil.
	Explain(err error) error
}

// isGroup reports whether word is the first word of a group of commands
// ("auth" of "auth login").
func (a App) isGroup(word string) bool { return len(a.subcommands(word)) > 0 }

// inGroup reports whether sub is a subcommand of group.
func (a App) inGroup(group, sub string) bool {
	for _, s := range a.subcommands(group) {
		if s == sub {
			return true
		}
	}
	return false
}

// subcommands are group's subcommands, in table order.
func (a App) subcommands(group string) []string {
	var subs []string
	for _, c := range a.Commands() {
		if sub, ok := strings.CutPrefix(c.Name, group+" "); ok {
			subs = append(subs, sub)
		}
	}
	return subs
}

// groupUsage is a group's word without a subcommand ("xisecrets auth"):
// the subcommands and the group's notes, on stdout for --help, else on
// stderr with exit 2.
func (a App) groupUsage(e Env, group string, rest []string) int {
	subs := a.subcommands(group)
	help := len(rest) == 1 && (rest[0] == "-h" || rest[0] == "--help" || rest[0] == "help")
	if len(rest) > 0 && !help {
		return Report(e, Usagef("%s (see xisecrets %s --help)", unknownName("command", group+" ", rest[0], subs), group))
	}
	w := e.Stderr
	if help {
		w = e.Stdout
	}
	fmt.Fprintf(w, "usage: xisecrets %s %s [flags]\n\n", group, strings.Join(subs, "|"))
	for _, c := range a.Commands() {
		if sub, ok := strings.CutPrefix(c.Name, group+" "); ok {
			fmt.Fprintf(w, "  %-7s %s\n", sub, c.Summary)
		}
	}
	fmt.Fprint(w, a.GroupNotes[group])
	if help {
		return ExitOK
	}
	return ExitUsage
}

// CompletionShells are the shells CompletionScript writes for.
func CompletionShells() []string { return completionShellNames() }

// CompletionScript is a's completion script for shell, read from its
// command table and flag sets; false for a shell it has none for.
func (a App) CompletionScript(shell string) (string, bool) {
	script, ok := completionShells[shell]
	if !ok {
		return "", false
	}
	return script(a.newCompletionModel()), true
}
