package secretstest

// MarkInUse makes the dependent named dependentName, of resourceType
// "tools", "agents" or "phone_numbers", use the secret: it then appears in
// the secret's used_by and dependencies, and deleting the secret fails with
// 409. The API has no call for this (dependents are other resources), so
// tests set it up here. It fails for an unknown secret or resource type.
func (s *Server) MarkInUse(secretID, resourceType, dependentName string) error {
	return s.store.markInUse(secretID, resourceType, dependentName)
}

// Len is the number of secrets stored.
func (s *Server) Len() int { return s.store.len() }

// ValueIs reports whether secretID exists and its stored value is value,
// comparing in constant time. It is the only way to check a stored value:
// the API never returns values, and neither does anything else here.
func (s *Server) ValueIs(secretID, value string) bool { return s.store.valueIs(secretID, value) }
