package cli

import (
	"strings"
	"text/tabwriter"
)

// PlainTable renders a Markdown table (docs/cli.md holds tables such as
// config.PrecedenceTable verbatim) as help text: aligned columns under
// an upper-case header, without pipes, rule or backticks.
func PlainTable(md string) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for i, line := range strings.Split(strings.TrimSpace(md), "\n") {
		line = strings.Trim(strings.TrimSpace(line), "|")
		if strings.Trim(line, "|-: ") == "" {
			continue // the rule under the header
		}
		cells := strings.Split(line, "|")
		for j, c := range cells {
			c = strings.ReplaceAll(strings.TrimSpace(c), "`", "")
			if i == 0 {
				c = strings.ToUpper(c)
			}
			cells[j] = c
		}
		tw.Write([]byte("  " + strings.Join(cells, "\t") + "\n"))
	}
	_ = tw.Flush()
	return b.String()
}
