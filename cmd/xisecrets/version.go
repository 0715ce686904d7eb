package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

func versionCommand() command {
	return command{name: "version", offline: true, summary: "Print xisecrets' version (also --version).",
		flags: func(fs *flag.FlagSet) action {
			return func(_ context.Context, e env, _ *client.Client, _ []string) error {
				info, _ := debug.ReadBuildInfo()
				fmt.Fprintln(e.stdout, "xisecrets", textsafe.Escape(version(info)))
				return nil
			}
		}}
}

// version is the module version `go install module@version` records, or,
// for a build from a clone, "(devel)" and the VCS revision go build
// stamps, with "+dirty" for uncommitted changes.
func version(info *debug.BuildInfo) string {
	if info == nil {
		return "(devel)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if rev == "" {
		return "(devel)"
	}
	return "(devel) " + rev + dirty
}
