package main

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/internal/shellquote"
)

// unprintable returns, quoted, the first line of out that holds anything
// but printable UTF-8, or "". The CLI escapes what it prints; the demo
// checks it did, and never passes along what a terminal would act on.
func unprintable(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool { return !unicode.IsPrint(r) }) {
			return strconv.Quote(line)
		}
	}
	return ""
}

// shownCommand is the command line a step shows for xisecrets args, to
// paste into a POSIX shell; with stdin, the value (or the key, for auth)
// is piped from a variable, never shown.
func shownCommand(stdin bool, args []string) (string, error) {
	line, err := shellquote.Command(append([]string{"xisecrets"}, args...)...)
	if err != nil || !stdin {
		return line, err
	}
	variable := "$VALUE"
	if args[0] == "auth" {
		variable = "$KEY"
	}
	return "printf '%s' \"" + variable + "\" | " + line, nil
}
