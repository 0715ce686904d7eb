package secretstest

import (
	"errors"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

// MarkInUse makes a dependent of the given kind, named dependentName, use
// the secret: it then appears in the secret's used_by (and, but for MCP
// servers, which the API cannot list, in its dependencies), and deleting
// the secret fails with 409. The kinds are client's: DependencyTools,
// DependencyAgents, DependencyPhoneNumbers and DependencyMCPServers. The
// API has no call for this (dependents are other resources), so tests set
// it up here. It fails for an unknown secret or kind.
func (s *Server) MarkInUse(secretID string, kind client.DependencyKind, dependentName string) error {
	return s.store.markInUse(secretID, string(kind), dependentName)
}

// Seed stores a secret as if it had been created through the API, without
// a request (nothing is recorded), and returns its id. Name and value must
// pass the client's own rule (client.CheckName, client.CheckValue). It
// sets up a fake for a test or for `xisecrets fake --seed`; unlike the
// API, it also makes duplicate names easy to set up.
func (s *Server) Seed(name, value string) (string, error) {
	if err := errors.Join(client.CheckName(name), client.CheckValue(value)); err != nil {
		return "", fmt.Errorf("secretstest: Seed: %w", err)
	}
	return s.store.create(name, value).SecretID, nil
}

// Len is the number of secrets stored.
func (s *Server) Len() int { return s.store.len() }

// ValueIs reports whether secretID exists and its stored value is value,
// comparing in constant time. It is the only way to check a stored value:
// the API never returns values, and neither does anything else here.
func (s *Server) ValueIs(secretID, value string) bool { return s.store.valueIs(secretID, value) }
