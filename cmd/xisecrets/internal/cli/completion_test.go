package cli

import (
	"context"
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// words is a flag.Value that takes one of a few words (a choicer).
type words struct{ value string }

func (w *words) String() string     { return w.value }
func (w *words) Set(s string) error { w.value = s; return nil }
func (*words) Choices() []string    { return []string{"tools", "agents"} }
func (*words) IsBoolFlag() bool     { return false }

// testGlobals are global flags as package config declares them.
type testGlobals struct{}

func (g *testGlobals) Register(fs *flag.FlagSet) {
	fs.String("base-url", "", "base `URL`")
	fs.Var(&profileWords{}, "profile", "profile `NAME`")
	fs.Var(&regionWords{}, "region", "`region`")
}
func (*testGlobals) Client(Env) (*client.Client, error) { return nil, nil }
func (*testGlobals) Explain(err error) error            { return err }

// regionWords is --region: its words are the regions.
type regionWords struct{ words }

func (*regionWords) Choices() []string { return RegionNames() }

// profileWords is --profile: its words are what a command prints.
type profileWords struct{ value string }

func (w *profileWords) String() string         { return w.value }
func (w *profileWords) Set(s string) error     { w.value = s; return nil }
func (*profileWords) DynamicChoices() []string { return []string{"auth", "list", "--names"} }

// testApp is a small command table with what completion reads: a
// command's own flags (a bool, a value, one of a few words), an offline
// command whose argument takes a few words, and a group.
func testApp() App {
	act := func(context.Context, Env, *client.Client, []string) error { return nil }
	return App{
		NewGlobals: func() Globals { return &testGlobals{} },
		Commands: func() []Command {
			return []Command{
				{Name: "list", Summary: "List.", Flags: func(fs *flag.FlagSet) Action {
					fs.Bool("json", false, "print JSON")
					fs.Int("page-size", 100, "page size")
					return act
				}},
				{Name: "deps", Args: []string{"NAME|ID"}, Summary: "Deps.", Flags: func(fs *flag.FlagSet) Action {
					fs.Var(&words{}, "type", "`kind`")
					return act
				}},
				{Name: "completion", Args: []string{"SHELL"}, Offline: true, Choices: CompletionShells(), Summary: "Completion.",
					Flags: func(*flag.FlagSet) Action { return act }},
				{Name: "auth login", Offline: true, Summary: "Log in.", Flags: func(fs *flag.FlagSet) Action {
					fs.Bool("insecure-storage", false, "plain text")
					return act
				}},
				{Name: "auth logout", Offline: true, Summary: "Log out.", Flags: func(fs *flag.FlagSet) Action {
					fs.Var(&profileWords{}, "profile", "profile `NAME`")
					return act
				}},
			}
		},
	}
}

// TestCompletionWordsAreShellWords: the scripts quote the words they
// offer as one single-quoted list, and the scripts' case patterns hold
// command and flag names bare: every one must be a plain word (a group's
// command, "auth login", two of them, which the scripts join with
// groupSep).
func TestCompletionWordsAreShellWords(t *testing.T) {
	plain := regexp.MustCompile(`^[a-z0-9_-]+$`)
	a := testApp()
	m := a.newCompletionModel()
	check := func(what string, words ...string) {
		for _, w := range words {
			if !plain.MatchString(w) {
				t.Errorf("%s %q is not a plain word", what, w)
			}
		}
	}
	for _, f := range m.global {
		check("global flag", f.name)
		check("value of --"+f.name, f.choices...)
		check("command of --"+f.name, f.run...)
	}
	for _, c := range m.commands {
		check("command", strings.Fields(c.name)...)
		check("argument of "+c.name, c.args...)
		for _, f := range c.flags {
			check(c.name+" flag", f.name)
			check("value of "+c.name+" --"+f.name, f.choices...)
			check("command of "+c.name+" --"+f.name, f.run...)
		}
	}
}

// TestCompletionFollowsTheFlagSets: every command and every flag run
// parses is in the model the scripts are written from.
func TestCompletionFollowsTheFlagSets(t *testing.T) {
	a := testApp()
	m := a.newCompletionModel()
	if want := []string{"list", "deps", "completion", "auth", "help"}; !slices.Equal(m.commandNames(), want) {
		t.Errorf("commands %v, want %v", m.commandNames(), want)
	}
	for _, c := range a.Commands() {
		fs, _, _ := a.FlagSet(&c)
		var want []string
		fs.VisitAll(func(f *flag.Flag) { want = append(want, "--"+f.Name) })
		i := slices.IndexFunc(m.commands, func(e completionEntry) bool { return e.name == c.Name })
		if i < 0 {
			t.Errorf("%s: not in the model", c.Name)
			continue
		}
		// A group's command ("auth login") has its own flags, not those
		// of the group's other commands.
		if got := flagWords(m.commands[i].flags); !slices.Equal(got, append(want, "--help")) {
			t.Errorf("%s: flags %v, want %v and --help", c.Name, got, want)
		}
		word, sub, grouped := strings.Cut(c.Name, " ")
		if !grouped {
			continue
		}
		// Its group's word completes the subcommands, and no flag but --help.
		g := slices.IndexFunc(m.commands, func(e completionEntry) bool { return e.name == word })
		switch {
		case g < 0 || !m.commands[g].group:
			t.Errorf("%s: no group %s in the model", c.Name, word)
		case !slices.Contains(m.commands[g].args, sub):
			t.Errorf("%s: %s's arguments %v lack %s", c.Name, word, m.commands[g].args, sub)
		case !slices.Equal(flagWords(m.commands[g].flags), []string{"--help"}):
			t.Errorf("%s: flags %v, want --help alone", word, flagWords(m.commands[g].flags))
		}
	}
	if got := m.groupKeys(); !slices.Equal(got, []string{"auth"}) {
		t.Errorf("groups %v, want [auth]", got)
	}
	for _, f := range m.global {
		if f.name == "region" && !slices.Equal(f.choices, RegionNames()) {
			t.Errorf("--region completes %v, want the regions %v", f.choices, RegionNames())
		}
	}
}

// TestCompletionRunsForProfile: a flag whose Value names a command
// (--profile, before a command and in auth logout) completes that command's
// output; no other flag runs anything, and the scripts run it only where
// that flag's value is completed (__xisecrets_run), not where a command
// line is merely read (__xisecrets_value).
func TestCompletionRunsForProfile(t *testing.T) {
	m := testApp().newCompletionModel()
	want := []string{"auth", "list", "--names"}
	var profiles []string
	check := func(where string, flags []completionFlag) {
		for _, f := range flags {
			switch {
			case f.name == "profile":
				profiles = append(profiles, where)
				if !slices.Equal(f.run, want) || len(f.choices) > 0 || !f.value {
					t.Errorf("%s --profile runs %v with words %v, want it to take a value and run %v", where, f.run, f.choices, want)
				}
			case len(f.run) > 0:
				t.Errorf("%s --%s runs %v", where, f.name, f.run)
			}
		}
	}
	check("xisecrets", m.global)
	for _, c := range m.commands {
		check(c.name, c.flags)
	}
	if !slices.Contains(profiles, "xisecrets") || !slices.Contains(profiles, "auth logout") || slices.Contains(profiles, "auth login") {
		t.Errorf("--profile completes its names in %v, want before the command and in auth logout, not auth login", profiles)
	}
	tables := shellTables(m)
	value, run, _ := strings.Cut(tables, "__xisecrets_run() {")
	if strings.Contains(value, "command xisecrets") {
		t.Errorf("__xisecrets_value runs a command:\n%s", value)
	}
	if !strings.Contains(run, "/profile|") || !strings.Contains(run, "|auth"+groupSep+"logout/profile)") || !strings.Contains(run, "command xisecrets 'auth' 'list' '--names' 2>/dev/null") {
		t.Errorf("__xisecrets_run does not run auth list --names for --profile:\n%s", run)
	}
}
