package commands

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
	"github.com/xisecrets/xisecrets/internal/textsafe"
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

// build describes the running binary.
type build struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`   // "" when unknown
	Date     string `json:"date"`     // the commit's time; "" when unknown
	Modified bool   `json:"modified"` // uncommitted changes, as far as Go's VCS stamp tells
	Go       string `json:"go"`
	Platform string `json:"platform"` // GOOS/GOARCH
	// ClientVersion is the version the library sends in its User-Agent:
	// the same as Version, unless a build set main.version alone.
	ClientVersion string `json:"client_version"`
}

// describeBuild prefers what a release's linker flags set; a build without
// them gets moduleVersion, the version the client reports (the one its
// User-Agent carries), and the commit Go's VCS stamping recorded in info.
func describeBuild(linkedVersion, linkedCommit, linkedDate, moduleVersion string, info *debug.BuildInfo) build {
	b := build{Version: cmp.Or(linkedVersion, moduleVersion), Commit: linkedCommit, Date: linkedDate,
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

// String is the one line `xisecrets version` prints, e.g.
// "xisecrets v1.2.3 (commit 0123abc, 2026-01-02T03:04:05Z; go1.26.0 linux/amd64)".
// Every part is escaped: linker flags are text from outside the code.
func (b build) String() string {
	var s strings.Builder
	s.WriteString("xisecrets " + textsafe.Escape(b.Version) + " (")
	if b.Commit != "" {
		s.WriteString("commit " + textsafe.Escape(b.Commit))
		if b.Modified {
			s.WriteString(" with uncommitted changes")
		}
		if b.Date != "" {
			s.WriteString(", " + textsafe.Escape(b.Date))
		}
		s.WriteString("; ")
	}
	s.WriteString(textsafe.Escape(b.Go) + " " + b.Platform + ")")
	return s.String()
}
