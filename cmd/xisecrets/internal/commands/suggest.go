package commands

import (
	"strings"

	"github.com/xisecrets/xisecrets/internal/shellquote"
)

// suggest is a command for a message to suggest: "xisecrets" and args when
// each is a plain shell word (internal/shellquote leaves it unquoted), else
// placeholder. The arguments may be a secret's name that anyone in the
// workspace chose, and "$(...)" inside Go's %q quoting still runs when
// pasted; a quoted word is no answer either, since stderr shows each
// backslash of it doubled (textsafe), so the line would not paste as it
// was written.
func suggest(placeholder string, args ...string) string {
	cmd := append([]string{"xisecrets"}, args...)
	line, err := shellquote.Command(cmd...)
	if err != nil || line != strings.Join(cmd, " ") {
		return placeholder
	}
	return line
}
