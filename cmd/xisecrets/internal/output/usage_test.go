package output

import (
	"slices"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

func TestUsedByLines(t *testing.T) {
	u := client.Usage{
		Tools:        []client.Dependent{{Name: "web", Accessible: true}, {ID: "tool_9"}},
		ToolsHasMore: true,
		Others:       []string{"conversation_initiation_webhook"},
	}
	want := []string{"tool: web", "tool: tool_9 (no access)", "tool: more not shown (xisecrets deps lists them all)", "other: conversation_initiation_webhook"}
	if got := UsedBy(u); !slices.Equal(got, want) {
		t.Errorf("usedBy = %q, want %q", got, want)
	}
	if got := UsedBy(client.Usage{}); !slices.Equal(got, []string{"-"}) {
		t.Errorf("usedBy of nothing = %q", got)
	}
}
