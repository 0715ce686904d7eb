package output

import (
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

// UsedBy says who uses a secret, one "kind: name" line each, from its
// used_by preview; a kind the preview cut short ends with a line saying
// so, as deps lists them all.
func UsedBy(u client.Usage) []string {
	var lines []string
	add := func(kind string, ds []client.Dependent, more bool) {
		for _, d := range ds {
			lines = append(lines, kind+": "+DependentLabel(d))
		}
		if more {
			lines = append(lines, kind+": more not shown (xisecrets deps lists them all)")
		}
	}
	add("tool", u.Tools, u.ToolsHasMore)
	add("agent", u.Agents, u.AgentsHasMore)
	add("phone number", u.PhoneNumbers, u.PhoneNumbersHasMore)
	add("MCP server", u.MCPServers, false)
	for _, o := range u.Others {
		lines = append(lines, "other: "+o)
	}
	if lines == nil {
		return []string{"-"}
	}
	return lines
}

// DependentLabel names a dependent: its name, or its id when the caller
// may not see the name; an environment variable's label is followed by
// the environment in which it binds the secret.
func DependentLabel(d client.Dependent) string {
	switch {
	case !d.Accessible:
		return d.ID + " (no access)"
	case d.Name == "":
		return d.ID
	case d.Environment != "":
		return d.Name + " (" + d.Environment + ")"
	}
	return d.Name
}

// DependentName is the NAME cell of deps: the dependent's name, and for
// an environment variable the environment in which it binds the secret.
func DependentName(d client.Dependent) string {
	if d.Environment != "" {
		return d.Name + " (" + d.Environment + ")"
	}
	return d.Name
}

// BoundBy is the lines of get's USED BY cell for the environment
// variables that bind the secret, one per environment.
func BoundBy(ds []client.Dependent) []string {
	lines := make([]string, 0, len(ds))
	for _, d := range ds {
		lines = append(lines, "environment variable: "+DependentLabel(d))
	}
	return lines
}

func Access(d client.Dependent) string {
	if !d.Accessible {
		return "no access"
	}
	return d.AccessLevel
}

// UsageSummary says who uses a secret in a few words: "2 tools, 1 agent".
func UsageSummary(u client.Usage) string {
	parts := ""
	add := func(n int, more bool, one, many string) {
		if n == 0 && !more {
			return
		}
		if parts != "" {
			parts += ", "
		}
		word := many
		if n == 1 && !more {
			word = one
		}
		plus := ""
		if more {
			plus = "+"
		}
		parts += fmt.Sprintf("%d%s %s", n, plus, word)
	}
	add(len(u.Tools), u.ToolsHasMore, "tool", "tools")
	add(len(u.Agents), u.AgentsHasMore, "agent", "agents")
	add(len(u.PhoneNumbers), u.PhoneNumbersHasMore, "phone number", "phone numbers")
	add(len(u.MCPServers), false, "MCP server", "MCP servers")
	add(len(u.Others), false, "other", "others")
	if parts == "" {
		return "-"
	}
	return parts
}
