package commands

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// The completion scripts are tested in the real shells: each test loads
// the script the CLI prints and asks the shell for completions. A shell
// not on PATH skips its test, saying so, unless XISECRETS_REQUIRE_SHELLS is
// set (make ci sets it, and .ci/run installs bash-completion, zsh and
// fish), where a missing shell fails.

// requireShell returns the path of a shell, or skips (fails, when shells
// are required) without it.
func requireShell(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" is not on PATH: its completion script is untested (make ci installs it)")
	}
	return path
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("XISECRETS_REQUIRE_SHELLS") != "" {
		t.Fatalf("XISECRETS_REQUIRE_SHELLS is set, but %s", why)
	}
	t.Skip(why)
}

// completionScript writes `xisecrets completion SHELL` to a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	r := runWithout(t, "completion", shell)
	if r.code != cli.ExitOK || r.stderr != "" {
		t.Fatalf("completion %s: exit %d: %s", shell, r.code, r.stderr)
	}
	path := filepath.Join(t.TempDir(), "xisecrets."+shell)
	if err := os.WriteFile(path, []byte(r.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// runShell runs a shell with args, bounded in time, and returns stdout.
func runShell(t *testing.T, stdin string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "TERM=dumb")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s: %v; stderr:\n%s", name, err, stderr.String())
	}
	return string(out)
}

// commandWords are the words completed after "xisecrets ": every command
// of the table, and help.
func commandWords() []string {
	var words []string
	for _, c := range commands() {
		word, _, _ := strings.Cut(c.Name, " ") // "auth login" completes as auth, then login
		if !slices.Contains(words, word) {
			words = append(words, word)
		}
	}
	return append(words, "help")
}

// flagWords are the words completed after "xisecrets NAME --": the flags
// run parses for the command NAME ("auth list"), and --help.
func flagWords(t *testing.T, name string) []string {
	t.Helper()
	a := App()
	for _, c := range a.Commands() {
		if c.Name == name {
			fs, _, _ := a.FlagSet(&c)
			var words []string
			fs.VisitAll(func(f *flag.Flag) { words = append(words, "--"+f.Name) })
			return append(words, "--help")
		}
	}
	t.Fatalf("no command %q in the table", name)
	return nil
}

// completionCase is a command line, as typed up to the cursor, and the
// candidates the shell must offer there, exactly (sorted).
type completionCase struct {
	line string
	want []string
}

// listCases hold for every shell that lists candidates (bash, fish).
// dir holds one file, "value.txt".
func listCases(t *testing.T, dir string) []completionCase {
	return []completionCase{
		{"xisecrets ", commandWords()},
		{"xisecrets de", []string{"delete", "deps"}},
		{"xisecrets --region eu de", []string{"delete", "deps"}},
		{"xisecrets --region ", cli.RegionNames()},
		{"xisecrets --base-url http://x s", []string{"set"}},
		{"xisecrets deps X --type ", []string{"agents", "environment_variables", "mcp_servers", "phone_numbers", "tools"}},
		{"xisecrets deps OPENAI_KEY --ty", []string{"--type"}},
		{"xisecrets delete X --i", []string{"--id", "--ignore-not-found"}},
		{"xisecrets get X --region e", []string{"eu"}},
		{"xisecrets completion ", []string{"bash", "fish", "zsh"}},
		{"xisecrets auth ", []string{"list", "login", "logout", "status"}},
		{"xisecrets env ", []string{"get", "list", "set", "unset"}},
		{"xisecrets auth login --ins", []string{"--insecure-storage"}},
		// A group's command offers its own flags, not its group's other
		// commands'; the group's word alone, --help.
		{"xisecrets auth list --", flagWords(t, "auth list")},
		{"xisecrets auth list --", []string{"--help", "--json", "--names"}}, // spelled too: the table read right
		{"xisecrets auth login --", flagWords(t, "auth login")},
		{"xisecrets env set --", flagWords(t, "env set")},
		{"xisecrets env list --", flagWords(t, "env list")},
		{"xisecrets --region eu auth status --", flagWords(t, "auth status")},
		{"xisecrets env set --secret X --env prod --", flagWords(t, "env set")},
		{"xisecrets auth --", []string{"--help"}},
		{"xisecrets auth list ", nil},
		{"xisecrets auth list --profile ", nil},
		{"xisecrets auth login --profile ", profileNames},
		{"xisecrets env unset --profile s", []string{"staging"}},
		{"xisecrets auth status --profile x --re", []string{"--region"}},
		{"xisecrets help up", []string{"update"}},
		{"xisecrets set NAME --value-file " + dir + "/v", []string{dir + "/value.txt"}},
		// fakeProfileNames's, and no file (dir's, or the working
		// directory's) beside them.
		{"xisecrets --profile ", profileNames},
		{"xisecrets -profile ", profileNames},
		{"xisecrets list --profile st", []string{"staging"}},
		{"xisecrets auth logout --profile ", profileNames},
		{"xisecrets auth status --profile t", []string{"test_1"}},
		{"xisecrets set NAME --profile " + dir + "/v", nil},
	}
}

// quietCases complete words after a --profile's value: none may run the
// command that lists the profiles (bash, fish).
func quietCases(t *testing.T) []completionCase {
	return []completionCase{
		{"xisecrets --profile prod list ", nil},
		{"xisecrets --profile prod de", []string{"delete", "deps"}},
		{"xisecrets -profile prod list --pa", []string{"--page-size"}},
		{"xisecrets auth logout --profile prod --he", []string{"--help"}},
		{"xisecrets auth login --profile prod --in", []string{"--insecure-storage"}},
		{"xisecrets auth login --profile prod ", nil},
		{"xisecrets --profile prod auth ", []string{"list", "login", "logout", "status"}},
		{"xisecrets --profile prod env set --", flagWords(t, "env set")},
		{"xisecrets list --profile prod --region ", cli.RegionNames()},
	}
}

// noNameCases: with no profile names to offer, --profile offers nothing,
// not the working directory's files (bash, fish).
func noNameCases() []completionCase {
	return []completionCase{
		{"xisecrets --profile ", nil},
		{"xisecrets auth logout --profile c", nil},
	}
}

// profileNames are what the fake xisecrets of fakeProfileNames prints.
var profileNames = []string{"prod", "staging", "test_1"}

// fakeProfileNames puts first on PATH an xisecrets that answers "auth list
// --names" (the command --profile's completion runs) with names, one a
// line, and nothing else, and returns the file where each of its runs adds
// a line. Given no names, it fails printing nothing, as an xisecrets
// without auth list would.
func fakeProfileNames(t *testing.T, names ...string) (runs string) {
	t.Helper()
	bin := t.TempDir()
	runs = filepath.Join(t.TempDir(), "runs")
	answer := "exit 2"
	if len(names) > 0 {
		answer = "[ \"$*\" = 'auth list --names' ] && printf '%s\\n' " + strings.Join(names, " ")
	}
	fake := "#!/bin/sh\necho \"$*\" >> \"$XISECRETS_TEST_RUNS\"\n" + answer + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xisecrets"), []byte(fake), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("XISECRETS_TEST_RUNS", runs)
	return runs
}

// noRuns fails unless the fake xisecrets never ran.
func noRuns(t *testing.T, shell, runs string) {
	t.Helper()
	if b, err := os.ReadFile(runs); err == nil {
		t.Errorf("%s ran xisecrets completing words after --profile's value:\n%s", shell, b)
	}
}

func sortedFields(s string) []string {
	f := strings.Fields(s)
	slices.Sort(f)
	return f
}

func checkCandidates(t *testing.T, shell string, cases []completionCase, got []string) {
	t.Helper()
	if len(got) != len(cases) {
		t.Fatalf("%s answered %d lines for %d command lines:\n%s", shell, len(got), len(cases), strings.Join(got, "\n"))
	}
	for i, tc := range cases {
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if g := sortedFields(got[i]); !slices.Equal(g, want) {
			t.Errorf("%s completes %q to %q, want %q", shell, tc.line, g, want)
		}
	}
}

func valueDir(t *testing.T) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "value.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// bashDriver loads bash-completion, when given, and the script, finds the
// function the script registered for xisecrets (complete -p), and calls it
// as bash does for each line of stdin: COMP_WORDS split as readline splits
// them (at spaces and at "="), COMP_CWORD the last word. It prints
// COMPREPLY, one line per command line.
const bashDriver = `
[[ -n $1 ]] && source "$1"
source "$2"
spec=$(complete -p xisecrets) || exit 1
fn=${spec##*-F }; fn=${fn%% *}
while IFS= read -r line; do
    words=${line//=/ = }
    read -ra COMP_WORDS <<< "$words"
    [[ $words == *' ' ]] && COMP_WORDS+=('')
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE=$line COMP_POINT=${#line}
    COMPREPLY=()
    "$fn" xisecrets "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "${COMPREPLY[*]}"
done
`

// bashCompletionFile is bash-completion's main script where Debian
// installs it.
const bashCompletionFile = "/usr/share/bash-completion/bash_completion"

func TestCompletionBash(t *testing.T) {
	bash := requireShell(t, "bash")
	lib := bashCompletionFile
	if _, err := os.Stat(lib); err != nil {
		// The script needs none of it; with it, it must still work.
		if os.Getenv("XISECRETS_REQUIRE_SHELLS") != "" {
			t.Fatalf("XISECRETS_REQUIRE_SHELLS is set, but %s is missing", lib)
		}
		t.Logf("%s is missing: testing the script in plain bash only", lib)
		lib = ""
	}
	script := completionScript(t, "bash")
	complete := func(cases []completionCase) {
		t.Helper()
		var lines []string
		for _, c := range cases {
			lines = append(lines, c.line)
		}
		out := runShell(t, strings.Join(lines, "\n")+"\n", bash, "--norc", "--noprofile", "-c", bashDriver, "bash", lib, script)
		checkCandidates(t, "bash", cases, strings.Split(strings.TrimSuffix(out, "\n"), "\n"))
	}
	runs := fakeProfileNames(t, profileNames...)
	complete(append(quietCases(t),
		completionCase{"xisecrets --profile=prod de", []string{"delete", "deps"}},
	))
	noRuns(t, "bash", runs)
	fakeProfileNames(t)
	complete(noNameCases())
	fakeProfileNames(t, profileNames...)
	dir := valueDir(t)
	complete(append(listCases(t, dir),
		completionCase{"xisecrets --region=", cli.RegionNames()},
		completionCase{"xisecrets list --region=e", []string{"eu"}},
		completionCase{"xisecrets deps --type=ph", []string{"phone_numbers"}},
		completionCase{"xisecrets auth logout --profile=", profileNames},
		completionCase{"xisecrets --profile=p", []string{"prod"}},
	))
}

func TestCompletionFish(t *testing.T) {
	fish := requireShell(t, "fish")
	script := completionScript(t, "fish")
	complete := func(cases []completionCase) {
		t.Helper()
		// complete -C prints "candidate<TAB>description" lines; each
		// command line's candidates are joined on one line.
		var code strings.Builder
		code.WriteString("source $argv[1]\n")
		for _, c := range cases {
			code.WriteString("echo (complete -C " + cli.FishQuote(c.line) + " | string replace -r '\\t.*' '')\n")
		}
		out := runShell(t, "", fish, "--no-config", "-c", code.String(), script)
		checkCandidates(t, "fish", cases, strings.Split(strings.TrimSuffix(out, "\n"), "\n"))
	}
	runs := fakeProfileNames(t, profileNames...)
	complete(quietCases(t))
	noRuns(t, "fish", runs)
	fakeProfileNames(t)
	complete(noNameCases())
	fakeProfileNames(t, profileNames...)
	dir := valueDir(t)
	complete(append(listCases(t, dir),
		completionCase{"xisecrets deps X --type=m", []string{"--type=mcp_servers"}},
		completionCase{"xisecrets auth logout --profile=s", []string{"--profile=staging"}},
	))
}

// zshRC is the .zshrc of the interactive zsh the test types into: the
// completion system, the script, and a key (^T) that records the line as
// completion left it, between << >>, and clears it.
const zshRC = `PS1='%% '
autoload -U compinit && compinit -u -D
source "$XISECRETS_SCRIPT"
__record() { print -r -- "<<$BUFFER>>" >> "$XISECRETS_OUT"; BUFFER= }
zle -N __record
bindkey '^T' __record
`

// zshDriver ($1 the .zshrc's directory, $2 zsh) runs an interactive zsh
// on a pseudo-terminal (zpty) and types
// each line of stdin, then Tab, then ^T; it waits until every line is
// recorded. zsh's own completion system runs the script, so only prefixes
// with one candidate are typed: Tab then completes the word in the line.
const zshDriver = `
zmodload zsh/zpty || exit 1
zpty z "ZDOTDIR=${(q)1} ${(q)2} -i"
n=0
while IFS= read -r line; do
    zpty -w -n z "$line"$'\t\x14'
    (( n++ ))
done
for i in {1..300}; do
    [[ -f $XISECRETS_OUT ]] && (( $(wc -l < $XISECRETS_OUT) >= n )) && break
    sleep 0.1
done
zpty -d z
cat $XISECRETS_OUT
`

func TestCompletionZsh(t *testing.T) {
	zsh := requireShell(t, "zsh")
	rc := t.TempDir()
	if err := os.WriteFile(filepath.Join(rc, ".zshrc"), []byte(zshRC), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XISECRETS_SCRIPT", completionScript(t, "zsh"))
	// Each case is a line typed and the line Tab leaves.
	complete := func(cases [][2]string) {
		t.Helper()
		var typed []string
		for _, c := range cases {
			typed = append(typed, c[0])
		}
		t.Setenv("XISECRETS_OUT", filepath.Join(t.TempDir(), "lines"))
		out := runShell(t, strings.Join(typed, "\n")+"\n", zsh, "-f", "-c", zshDriver, "zsh", rc, zsh)
		got := regexp.MustCompile(`<<(.*)>>`).FindAllStringSubmatch(out, -1)
		if len(got) != len(cases) {
			t.Fatalf("zsh recorded %d lines for %d typed:\n%s", len(got), len(cases), out)
		}
		for i, c := range cases {
			if got[i][1] != c[1] {
				t.Errorf("zsh: %q<Tab> gives %q, want %q", c[0], got[i][1], c[1])
			}
		}
	}
	runs := fakeProfileNames(t, profileNames...)
	complete([][2]string{
		{"xisecrets --profile prod comp", "xisecrets --profile prod completion "},
		{"xisecrets -profile prod list --pa", "xisecrets -profile prod list --page-size "},
		{"xisecrets --profile=prod list --reg", "xisecrets --profile=prod list --region "},
		{"xisecrets auth login --profile prod --ins", "xisecrets auth login --profile prod --insecure-storage "},
	})
	noRuns(t, "zsh", runs)
	dir := valueDir(t)
	complete([][2]string{
		{"xisecrets comp", "xisecrets completion "},
		{"xisecrets completion fi", "xisecrets completion fish "},
		{"xisecrets --region e", "xisecrets --region eu "},
		{"xisecrets --region eu se", "xisecrets --region eu set "},
		{"xisecrets deps OPENAI_KEY --ty", "xisecrets deps OPENAI_KEY --type "},
		{"xisecrets deps X --type mc", "xisecrets deps X --type mcp_servers "},
		{"xisecrets deps X --type=ph", "xisecrets deps X --type=phone_numbers "},
		{"xisecrets delete X --ign", "xisecrets delete X --ignore-not-found "},
		{"xisecrets get X --ign", "xisecrets get X --ign"}, // delete's flag, not get's: nothing
		// A group's command completes its own flags, not its group's
		// other commands'.
		{"xisecrets auth st", "xisecrets auth status "},
		{"xisecrets auth login --ins", "xisecrets auth login --insecure-storage "},
		{"xisecrets auth login --na", "xisecrets auth login --na"}, // auth list's
		{"xisecrets auth list --pro", "xisecrets auth list --pro"}, // auth login's
		{"xisecrets env set --sec", "xisecrets env set --secret "},
		{"xisecrets env list --sec", "xisecrets env list --sec"}, // env set's
		{"xisecrets auth login --profile st", "xisecrets auth login --profile staging "},
		{"xisecrets help upd", "xisecrets help update "},
		{"xisecrets set NAME --value-file " + dir + "/v", "xisecrets set NAME --value-file " + dir + "/value.txt "},
		{"xisecrets --profile st", "xisecrets --profile staging "},
		{"xisecrets -profile p", "xisecrets -profile prod "},
		{"xisecrets list --profile t", "xisecrets list --profile test_1 "},
		{"xisecrets auth logout --profile=st", "xisecrets auth logout --profile=staging "},
		// A file of the working directory (this one) is not offered.
		{"xisecrets --profile completion_t", "xisecrets --profile completion_t"},
	})
}

func TestCompletionOfAnUnknownShell(t *testing.T) {
	const value = "Xk9pLEAKCANARYvalue"
	r := runWithout(t, "completion", value)
	if r.code != cli.ExitUsage || strings.Contains(r.stderr, value) || !strings.Contains(r.stderr, "bash, fish, zsh") {
		t.Errorf("want exit 2 listing the shells without the argument, got %d: %s", r.code, strings.ReplaceAll(r.stderr, value, "<value>"))
	}
}

// TestRegionNamesParse: the regions completed are the ones the client
// accepts.
func TestRegionNamesParse(t *testing.T) {
	for _, name := range cli.RegionNames() {
		if r, err := client.ParseRegion(name); err != nil || r.String() != name {
			t.Errorf("ParseRegion(%q) = %v, %v", name, r, err)
		}
	}
}
