package main

// A small transcript runner for the tests of the built binary (see
// transcript_test.go). Not testscript: go-internal v1.16.0 adds itself and
// golang.org/x/tools (indirect) to our go.mod and a module to every
// consumer's graph (38 of the 40 TestConsumerModuleGraph allows, measured),
// and the ids of the fake would still need commands of our own; the little
// this needs fits in one file.
//
// A transcript is a txtar archive: its comment is the script, its files are
// the stdin inputs and the expected outputs. Script lines:
//
//	exec xisecrets ARGS...  run the binary; it must exit 0
//	! exec xisecrets ARGS   run it; it must exit non-zero
//	status N                the last exec exited exactly N
//	stdout FILE             the last exec's stdout is exactly FILE
//	stderr FILE             the last exec's stderr is exactly FILE
//	stdout -prefix FILE     its stdout begins with FILE, less its final newline
//	stdout -empty           its stdout is empty (also stderr)
//	stdin FILE              the next exec reads FILE on stdin
//	env K=V                 set K for the following execs
//	unset K                 unset K for the following execs
//	inuse $ID1 KIND NAME    the fake records a dependent of that secret
//
// Blank lines and lines starting with # are comments. In outputs, each id
// of the fake (sec_ or tool_ ... and hex digits) becomes $ID1, $ID2, ... in
// order of first appearance (so a table's columns no longer line up), a
// request id $REQ, a time $TIME, the script's directory $WORK and the
// fake's URL $URL; arguments may use the same names. Each section is also a file
// in $WORK, the directory the binary runs in.

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// archive is a parsed txtar file: the script and the named sections.
type archive struct {
	script string
	files  map[string]string
	order  []string // section names as they appear
}

// format writes the archive back, new sections last.
func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.script)
	for _, name := range a.order {
		fmt.Fprintf(&b, "-- %s --\n%s", name, a.files[name])
	}
	return b.String()
}

var sectionLine = regexp.MustCompile(`^-- (\S+) --$`)

// parseArchive splits a txtar file into its script and sections.
func parseArchive(data string) (archive, error) {
	a := archive{files: map[string]string{}}
	current := ""
	var buf strings.Builder
	inFile := false
	flush := func() {
		if inFile {
			a.files[current] = buf.String()
		} else {
			a.script = buf.String()
		}
		buf.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		if m := sectionLine.FindStringSubmatch(strings.TrimRight(line, "\n")); m != nil {
			flush()
			if _, dup := a.files[m[1]]; dup {
				return a, fmt.Errorf("section %q twice", m[1])
			}
			current, inFile = m[1], true
			a.order = append(a.order, current)
			continue
		}
		buf.WriteString(line)
	}
	flush()
	return a, nil
}

// runner runs one script's lines and records the first mismatch.
type runner struct {
	binary string   // the built xisecrets
	env    []string // the environment of each exec
	work   string   // the script's directory, shown as $WORK
	url    string   // the fake's URL, shown as $URL
	files  map[string]string
	update func(name, got string)            // set: rewrite a differing section instead of failing
	inUse  func(id, kind, name string) error // the fake's MarkInUse

	ids            []string // secret ids in order of first appearance
	stdin          string
	stdout, stderr string
	code           int
	ran            bool
	execs          []result // every exec, for the leak check
	piped          []string // every stdin and key given, for the leak check
}

// result is one exec's outputs.
type result struct{ line, stdout, stderr string }

var (
	// secretID matches the fake's ids: of secrets (sec_) and dependents.
	secretID = regexp.MustCompile(`\b[a-z]+_[0-9a-f]{20,24}\b`)
	// requestID and timestamp change on every run.
	requestID = regexp.MustCompile(`request id [0-9a-f]{32}`)
	timestamp = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)
)

// normalize shows ids, the work directory and the URL by their names, so
// a transcript can be exact.
func (r *runner) normalize(s string) string {
	s = secretID.ReplaceAllStringFunc(s, func(id string) string {
		for i, known := range r.ids {
			if known == id {
				return "$ID" + strconv.Itoa(i+1)
			}
		}
		r.ids = append(r.ids, id)
		return "$ID" + strconv.Itoa(len(r.ids))
	})
	s = requestID.ReplaceAllLiteralString(s, "request id $REQ")
	s = timestamp.ReplaceAllLiteralString(s, "$TIME")
	s = strings.ReplaceAll(s, r.url, "$URL")
	return strings.ReplaceAll(s, r.work, "$WORK")
}

// expand is normalize's inverse, for arguments.
func (r *runner) expand(s string) string {
	for i := len(r.ids); i >= 1; i-- {
		s = strings.ReplaceAll(s, "$ID"+strconv.Itoa(i), r.ids[i-1])
	}
	s = strings.ReplaceAll(s, "$URL", r.url)
	return strings.ReplaceAll(s, "$WORK", r.work)
}

// run executes the script; the error names the line that failed.
func (r *runner) run(script string) error {
	for n, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := r.step(line); err != nil {
			return fmt.Errorf("line %d: %s: %w", n+1, line, err)
		}
	}
	return nil
}

// step runs one script line.
func (r *runner) step(line string) error {
	negate := false
	if rest, ok := strings.CutPrefix(line, "! "); ok {
		negate, line = true, rest
	}
	words := strings.Fields(line)
	if negate && words[0] != "exec" {
		return fmt.Errorf("! applies only to exec")
	}
	switch words[0] {
	case "exec":
		return r.exec(words[1:], negate, line)
	case "status":
		want, err := strconv.Atoi(arg(words, 1))
		if err != nil || !r.ran {
			return fmt.Errorf("want status N after an exec")
		}
		if r.code != want {
			return fmt.Errorf("exit status %d, want %d\nstderr:\n%s", r.code, want, r.stderr)
		}
	case "stdout", "stderr":
		got := r.stdout
		if words[0] == "stderr" {
			got = r.stderr
		}
		return r.compare(words, got)
	case "stdin":
		content, ok := r.files[arg(words, 1)]
		if !ok {
			return fmt.Errorf("no section %q", arg(words, 1))
		}
		r.stdin = content
		r.piped = append(r.piped, content)
	case "env":
		if !strings.Contains(arg(words, 1), "=") {
			return fmt.Errorf("want env K=V")
		}
		key, _, _ := strings.Cut(words[1], "=")
		r.env = append(withoutVar(r.env, key), r.expand(words[1]))
		if value := strings.TrimPrefix(words[1], key+"="); key == "ELEVENLABS_API_KEY" {
			r.piped = append(r.piped, value) // a key: checked for leaks too
		}
	case "unset":
		r.env = withoutVar(r.env, arg(words, 1))
	case "inuse":
		if len(words) != 4 {
			return fmt.Errorf("want inuse ID KIND NAME")
		}
		return r.inUse(r.expand(words[1]), words[2], words[3])
	default:
		return fmt.Errorf("unknown command %q", words[0])
	}
	return nil
}

// exec runs the binary with the script's stdin and environment.
func (r *runner) exec(args []string, wantFail bool, line string) error {
	if len(args) == 0 || args[0] != "xisecrets" {
		return fmt.Errorf("only xisecrets can be run")
	}
	for i := range args {
		args[i] = r.expand(args[i])
	}
	cmd := exec.Command(r.binary, args[1:]...)
	cmd.Env, cmd.Dir = r.env, r.work
	cmd.Stdin = strings.NewReader(r.stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r.stdin, r.ran, r.code = "", true, 0
	if exit, ok := err.(*exec.ExitError); ok {
		r.code = exit.ExitCode()
	} else if err != nil {
		return err
	}
	r.execs = append(r.execs, result{line, stdout.String(), stderr.String()})
	r.stdout, r.stderr = r.normalize(stdout.String()), r.normalize(stderr.String())
	if wantFail && r.code == 0 {
		return fmt.Errorf("exited 0, want a failure\nstdout:\n%s", r.stdout)
	}
	if !wantFail && r.code != 0 {
		return fmt.Errorf("exit status %d\nstderr:\n%s", r.code, r.stderr)
	}
	return nil
}

// compare checks an output against a section (whole, or its beginning).
func (r *runner) compare(words []string, got string) error {
	if !r.ran {
		return fmt.Errorf("no exec yet")
	}
	prefix, stream := false, words[0]
	switch arg(words, 1) {
	case "-empty":
		if got != "" {
			return fmt.Errorf("%s is not empty:\n%s", stream, got)
		}
		return nil
	case "-prefix":
		prefix, words = true, words[1:]
	}
	want, ok := r.files[arg(words, 1)]
	if r.update != nil && !prefix && (got != want || !ok) {
		r.update(arg(words, 1), got)
		return nil
	}
	if !ok {
		return fmt.Errorf("no section %q", arg(words, 1))
	}
	if prefix && strings.HasPrefix(got, strings.TrimSuffix(want, "\n")) || !prefix && got == want {
		return nil
	}
	return fmt.Errorf("%s differs\n--- got\n%s--- want\n%s", stream, got, want)
}

// withoutVar is env without the variable key.
func withoutVar(env []string, key string) []string {
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			kept = append(kept, kv)
		}
	}
	return kept
}

// arg is words[i], or "" past the end.
func arg(words []string, i int) string {
	if i < len(words) {
		return words[i]
	}
	return ""
}
