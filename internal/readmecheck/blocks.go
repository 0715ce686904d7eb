package readmecheck

import (
	"fmt"
	"os"
	"strings"
)

// snippet is one ```go block of a Markdown file.
type snippet struct {
	line int // of the block's first code line, from 1
	code string
}

// goBlocks returns the ```go blocks of a Markdown text.
func goBlocks(md string) ([]snippet, error) {
	var out []snippet
	var cur *snippet
	var b strings.Builder
	for i, line := range strings.Split(md, "\n") {
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = &snippet{line: i + 2}
			b.Reset()
		case cur != nil && strings.TrimSpace(line) == "```":
			cur.code = b.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			b.WriteString(line + "\n")
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("the go block at line %d is not closed", cur.line-1)
	}
	return out, nil
}

// goTool is the go command to build with: $GO (as make passes it), else go.
func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}
