package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// printFlags prints fs's flags for --help as README writes them,
// "--name VALUE", where the flag package's PrintDefaults writes "-name"
// (both are accepted). Each flag's help is on its own indented line, with
// its default when it has one worth saying.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		valueName, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if valueName != "" {
			line += " " + valueName
		}
		if d := shownDefault(f, valueName); d != "" {
			usage += " (default " + d + ")"
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
	})
}

// shownDefault is f's default as help shows it, or "" for none: a zero
// value (false, 0, "") goes without saying; a string is quoted.
func shownDefault(f *flag.Flag, valueName string) string {
	switch f.DefValue {
	case "", "false", "0":
		return ""
	}
	if valueName == "string" {
		return fmt.Sprintf("%q", f.DefValue)
	}
	return f.DefValue
}
