package cli

import (
	"flag"
	"slices"
	"strings"
)

// completionShells are the shells completion writes a script for.
var completionShells = map[string]func(completionModel) string{
	"bash": bashCompletion,
	"zsh":  zshCompletion,
	"fish": fishCompletion,
}

func completionShellNames() []string {
	names := make([]string, 0, len(completionShells))
	for n := range completionShells {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// completionModel is what a completion script knows, all of it read from
// the command table (commands) and the flag sets run parses with, so a new
// command or flag is completed without anyone editing the scripts.
type completionModel struct {
	global   []completionFlag  // the flags that may come before the command
	commands []completionEntry // in commands() order, then help
}

type completionEntry struct {
	// name is the command's words ("list", "auth", "auth login"); a
	// group's word ("auth") is an entry whose args are its subcommands,
	// and each of its commands ("auth login") is an entry of its own.
	name, summary string
	group         bool
	flags         []completionFlag
	args          []string // the words the first argument takes, if few
}

// groupSep joins a group's word and its subcommand's in the scripts' case
// patterns, where a space would need quoting: "auth login" is auth:login.
const groupSep = ":"

// key is the entry's name as bash and zsh scripts spell the command.
func (c completionEntry) key() string { return strings.ReplaceAll(c.name, " ", groupSep) }

type completionFlag struct {
	name, help string
	value      bool     // it takes a value
	choices    []string // the words its value may be, if few
	// run is the argv of an xisecrets command whose output lines are the
	// words its value may be, run when that value is completed (--profile:
	// auth list --names). With neither choices nor run, a file is offered.
	run []string
}

// helpFlag is the --help every flag set answers (the flag package's -help),
// versionFlag the one run answers before any command.
var (
	helpFlag    = completionFlag{name: "help", help: "show help"}
	versionFlag = completionFlag{name: "version", help: "print the version"}
)

func (a App) newCompletionModel() completionModel {
	var m completionModel
	global := flag.NewFlagSet("xisecrets", flag.ContinueOnError)
	a.NewGlobals().Register(global)
	m.global = append(completionFlags(global), helpFlag, versionFlag)
	for _, c := range a.Commands() {
		fs, _, _ := a.FlagSet(&c)
		entry := completionEntry{name: c.Name, summary: c.Summary, args: c.Choices, flags: append(completionFlags(fs), helpFlag)}
		// A command of a group ("auth login") completes as the group's
		// word, whose first argument is the subcommand and whose only flag
		// is --help (run takes no other before the subcommand), then as
		// itself, with its own flags.
		if group, sub, ok := strings.Cut(c.Name, " "); ok {
			i := slices.IndexFunc(m.commands, func(e completionEntry) bool { return e.group && e.name == group })
			if i < 0 {
				i = len(m.commands)
				m.commands = append(m.commands, completionEntry{name: group, summary: group + " commands", group: true, flags: []completionFlag{helpFlag}})
			}
			m.commands[i].args = append(m.commands[i].args, sub)
		}
		m.commands = append(m.commands, entry)
	}
	// "help NAME" is run's own, not a command of the table.
	m.commands = append(m.commands, completionEntry{name: "help", summary: "Show a command's help.", args: m.commandNames()})
	return m
}

// choicer is a flag.Value that takes one of a few words (choiceFlag).
type choicer interface{ Choices() []string }

// dynamicChoicer is a flag.Value whose words only the user's machine
// knows (--profile's: the profiles of the configuration directory).
// DynamicChoices is the argv, without "xisecrets", of a command of this
// CLI that prints them one a line, offline and quickly, exiting 0 with
// nothing printed when there are none; completion runs it for the flag's
// value, never for a word after it.
type dynamicChoicer interface{ DynamicChoices() []string }

// completionFlags describes fs's flags. A flag's value words come from its
// Value (choicer: --region's regionFlag, deps --type's choiceFlag;
// dynamicChoicer: --profile's profileFlag).
func completionFlags(fs *flag.FlagSet) []completionFlag {
	var out []completionFlag
	fs.VisitAll(func(f *flag.Flag) {
		_, help := flag.UnquoteUsage(f)
		cf := completionFlag{name: f.Name, help: help, value: !isBoolFlag(f)}
		if ch, ok := f.Value.(choicer); ok {
			cf.choices = ch.Choices()
		}
		if d, ok := f.Value.(dynamicChoicer); ok {
			cf.run = d.DynamicChoices()
		}
		out = append(out, cf)
	})
	return out
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// commandNames are the words that name a command, help included: a
// group's word, not its commands'.
func (m completionModel) commandNames() []string {
	var names []string
	for _, c := range m.commands {
		if !strings.Contains(c.name, " ") {
			names = append(names, c.name)
		}
	}
	return names
}

// groupKeys are the group words.
func (m completionModel) groupKeys() []string {
	var keys []string
	for _, c := range m.commands {
		if c.group {
			keys = append(keys, c.key())
		}
	}
	return keys
}

// flagWords are flags written as --name.
func flagWords(flags []completionFlag) []string {
	words := make([]string, len(flags))
	for i, f := range flags {
		words[i] = "--" + f.name
	}
	return words
}
