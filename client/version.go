package client

import (
	"runtime/debug"
	"strings"
)

// modulePath is the module whose version Version reports.
const modulePath = "github.com/xisecrets/xisecrets"

// develVersion is what Go itself reports for a module without a version.
const develVersion = "(devel)"

// linkedVersion is set by a release build's linker flags
// (-X github.com/xisecrets/xisecrets/client.linkedVersion=..., see
// .goreleaser.yaml) to the version the CLI prints, so the CLI's User-Agent
// names the release even where Go's own stamp would name a pseudo-version
// (a snapshot). Empty in every other build, a consumer's included.
var linkedVersion string

// Version reports the version of this module the running program was built
// with; it is sent in the User-Agent header as "xisecrets-go/<version>".
// In a program that requires the module it is the version go.mod selected
// (v1.2.3, or a pseudo-version). In a program built inside a clone it is
// what Go stamped from the clone's VCS state (the tag at HEAD, else a
// pseudo-version; "+dirty" for uncommitted changes), and "(devel)" when
// nothing was stamped (-buildvcs=false, or the module replaced by a
// directory). Release builds of the CLI report the release's version.
func Version() string {
	if linkedVersion != "" {
		return linkedVersion
	}
	info, _ := debug.ReadBuildInfo()
	return moduleVersion(info)
}

// moduleVersion finds this module in info: the main module when the
// program is built inside it, else the dependency, else "(devel)".
func moduleVersion(info *debug.BuildInfo) string {
	if info == nil {
		return develVersion
	}
	m := &info.Main
	if m.Path != modulePath {
		m = nil
		for _, d := range info.Deps {
			if d.Path == modulePath {
				m = d
				break
			}
		}
	}
	if m != nil && m.Replace != nil {
		m = m.Replace // a replacement's own version; a directory has none
	}
	if m == nil || m.Version == "" {
		return develVersion
	}
	return m.Version
}

// userAgent is computed once: it never changes at run time.
var userAgent = userAgentFor(Version())

// userAgentFor is the User-Agent header for version v. "(devel)" is sent
// as "devel": parentheses would make the version a comment in the
// header's grammar (RFC 9110, section 10.1.5).
func userAgentFor(v string) string {
	return "xisecrets-go/" + strings.Trim(v, "()")
}
