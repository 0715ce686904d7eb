package cli

import (
	"strconv"
	"strings"
)

// The words for a command line the CLI cannot parse. An unknown flag or
// command, or a flag's bad value, may well be a secret typed where it
// should not be ("create NAME -Xk9p…", "--json=$TOKEN", "xisecrets
// $TOKEN"), and stderr ends up in CI logs: the text typed is quoted only
// when it reads as a flag or command name, never a flag's value.

// maxNamedBytes bounds what is quoted as an unknown flag or command: the
// longest of ours ("ignore-not-found") has 16 bytes.
const maxNamedBytes = 24

// valueTyped is said in place of an argument that may be a value.
const valueTyped = "or a value typed as an argument (values are never taken from arguments: pipe on stdin or use --value-file)"

// nameShaped reports whether s reads as a flag or command name:
// lower-case words joined by single hyphens, at most maxNamedBytes. A
// token, key or base64 value has digits, capitals or other symbols, or is
// longer.
func nameShaped(s string) bool {
	if s == "" || len(s) > maxNamedBytes || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

// unknownName words an unknown flag or command ("flag" or "command";
// dashes is what was typed before the name: "-" or "--" for a flag, "" for
// a command, "auth " for a subcommand of auth). typed is named only when it is name-shaped, as typed ("-v"
// is "unknown flag -v"); a misspelling of a known name gets that name
// suggested, a flag always as --flag.
func unknownName(kind, dashes, typed string, known []string) string {
	hint := ""
	if k, ok := closest(typed, known); ok {
		if strings.HasPrefix(dashes, "-") {
			k = "--" + k // a flag is suggested as README writes it
		} else {
			k = dashes + k // a subcommand with its group: "auth login"
		}
		hint = " (did you mean " + k + "?)"
	}
	switch {
	case nameShaped(typed):
		return "unknown " + kind + " " + dashes + typed + hint
	case hint != "":
		return "unknown " + kind + hint
	}
	return "an unknown " + kind + ", " + valueTyped
}

// closest returns the known name that typed most likely stands for: one it
// is a prefix of, or one within two edits (one for names of four bytes or
// fewer), letter case aside.
func closest(typed string, known []string) (string, bool) {
	t := strings.ToLower(typed)
	if t == "" {
		return "", false
	}
	best, bestDist := "", 3
	for _, k := range known {
		if strings.HasPrefix(k, t) {
			return k, true
		}
		limit := 2
		if len(k) <= 4 {
			limit = 1
		}
		if d := editDistance(t, k); d <= limit && d < bestDist {
			best, bestDist = k, d
		}
	}
	return best, best != ""
}

// editDistance counts the byte insertions, deletions, changes and swaps of
// neighbours that turn a into b (optimal string alignment: "lsit" is one
// from "list"). A text longer or shorter by three or more is never near:
// it stops early.
func editDistance(a, b string) int {
	if len(a) > len(b)+2 || len(b) > len(a)+2 {
		return 3
	}
	// d[i][j] is the distance of a[:i] and b[:j].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// flagError words the flag package's errors as ours. Its own texts quote
// what was typed: an unknown flag whole, a bad value in %q, a malformed
// argument as is. Each is reworded to name only a flag we know or a
// name-shaped unknown one; a text not recognised is not shown at all. args
// are the arguments parsed, to name an unknown flag with the dashes it was
// typed with (the flag package always writes one).
func flagError(err error, known, args []string) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "xisecrets: " + unknownName("flag", typedDashes(args, name), name, known)
	}
	if arg, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		if name := strings.TrimLeft(arg, "-"); nameShaped(name) {
			return "xisecrets: bad flag syntax: " + arg + " (write --" + name + ")"
		}
		return "xisecrets: bad flag syntax: an argument starting with - that is not a flag, " + valueTyped
	}
	if name, why, ok := afterQuoted(msg, "invalid boolean value ", " for -"); ok {
		return "xisecrets: --" + name + " takes no value (or =true, =false): " + why
	}
	if name, why, ok := afterQuoted(msg, "invalid value ", " for flag -"); ok {
		// why is the flag's own Set error (ours, or the flag package's
		// "parse error"), which does not quote the value.
		return "xisecrets: flag --" + name + ": " + why
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "xisecrets: --" + name + " needs a value"
	}
	return "xisecrets: the command line has a malformed flag"
}

// typedDashes returns the dashes the flag name was typed with in args,
// "-" or "--" ("--" if it is not there).
func typedDashes(args []string, name string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		for _, dashes := range []string{"--", "-"} {
			if rest, ok := strings.CutPrefix(a, dashes+name); ok && (rest == "" || rest[0] == '=') {
				return dashes
			}
		}
	}
	return "--"
}

// afterQuoted parses the flag package's "<lead>%q<sep>NAME: WHY", skipping
// the quoted value whatever it holds.
func afterQuoted(msg, lead, sep string) (name, why string, ok bool) {
	rest, ok := strings.CutPrefix(msg, lead)
	if !ok {
		return "", "", false
	}
	quoted, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", "", false
	}
	rest, ok = strings.CutPrefix(rest[len(quoted):], sep)
	if !ok {
		return "", "", false
	}
	name, why, ok = strings.Cut(rest, ": ")
	return name, why, ok
}
