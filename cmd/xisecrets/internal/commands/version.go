package commands

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

// Linked is what a release build's linker flags set in package main
// (-X main.version=v1.2.3 -X main.commit=... -X main.date=..., see
// .goreleaser.yaml), which main copies here before it runs the command;
// empty in any other build, which reports what Go stamped instead.
var Linked struct {
	Version string // the release's version, as its tag names it
	Commit  string // the full commit hash the release was built from
	Date    string // the commit's time, RFC 3339
}

func versionCommand() cli.Command {
	return cli.Command{Name: "version", Offline: true, Summary: "Print xisecrets' version and commit (also --version).",
		Examples: []string{`xisecrets version --json`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			asJSON := jsonFlag(fs, "print JSON: version, commit, date, modified, go, platform, client_version")
			return func(_ context.Context, e cli.Env, _ *client.Client, _ []string) error {
				info, _ := debug.ReadBuildInfo()
				b := describeBuild(Linked.Version, Linked.Commit, Linked.Date, client.Version(), info)
				if *asJSON {
					_, err := e.Stdout.Write(append(output.TerminalJSON(b), '\n'))
					return err
				}
				_, err := fmt.Fprintln(e.Stdout, b)
				return err
			}
		}}
}

// describeBuild prefers what a release's linker flags set; a build without
// them gets moduleVersion, the version the client reports (the one its
// User-Agent carries), and the commit Go's VCS stamping recorded in info.
func describeBuild(linkedVersion, linkedCommit, linkedDate, moduleVersion string, info *debug.BuildInfo) output.Build {
	b := output.Build{Version: cmp.Or(linkedVersion, moduleVersion), Commit: linkedCommit, Date: linkedDate,
		Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH, ClientVersion: moduleVersion}
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = cmp.Or(b.Commit, s.Value)
			case "vcs.time":
				b.Date = cmp.Or(b.Date, s.Value)
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	return b
}
