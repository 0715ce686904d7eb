package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// MCP servers are a DependencyKind end to end: the fake marks them with the
// same type, Get shows them in UsedBy, Delete refuses, and Dependencies,
// which the API offers for the other kinds only, says where to look.
func TestMCPServerKind(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	s := mustCreate(t, c, "N", "v")
	if err := srv.MarkInUse(s.ID, client.DependencyMCPServers, "search server"); err != nil {
		t.Fatal(err)
	}
	got, err := c.Secrets.Get(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m := got.UsedBy.MCPServers; len(m) != 1 || m[0].Kind != client.DependencyMCPServers || m[0].Name != "search server" || !got.UsedBy.InUse() {
		t.Errorf("UsedBy.MCPServers = %+v, want the server, and InUse", m)
	}
	if err := c.Secrets.Delete(ctx, s.ID); !errors.Is(err, client.ErrSecretInUse) {
		t.Errorf("Delete of a secret an MCP server uses: %v, want ErrSecretInUse", err)
	}
	for _, err := range c.Secrets.Dependencies(ctx, s.ID, client.DependencyMCPServers) {
		if !errors.Is(err, client.ErrInvalidArgument) || !strings.Contains(err.Error(), "UsedBy") {
			t.Errorf("Dependencies(mcp_servers): %v, want ErrInvalidArgument pointing at UsedBy", err)
		}
	}
}
