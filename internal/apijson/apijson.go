// Package apijson holds the one hand-written copy of the API's response
// JSON that is decoded rather than read through gen: the bodies of Get,
// List and Dependencies, and the used_by and dependents in them. Package
// client decodes them here in one pass, and the size check's floor program
// decodes the same types, so that it stays the same work done without
// client.
//
// Why not the generated models: gen holds each dependent as a union, its
// raw JSON, to be decoded again through a switch on its discriminator, one
// per list type. Every dependent would be decoded twice and
// allocated on its own, which costs an ordinary Get markedly more
// instructions and allocations; one flat Dependent decodes every variant of
// every list in the same pass instead. The memory bound on a hostile body
// holds either way (BENCHMARKS.md, "Decode path: wire shapes").
//
// What keeps these types true to the spec: TestMatchesGenerated walks
// each of them beside its generated model, so a field gen gains (or
// loses), in a model or in any variant of a dependent, fails it by name.
// The fake (client/secretstest) encodes with the generated models, which
// it validates against the spec; client/fields_test.go makes every new
// property a reviewed decision of the facade.
//
// The package imports nothing: a program that decodes these links only
// encoding/json's work on them.
package apijson

// Secret is a stored secret (gen.ConvAIWorkspaceStoredSecretConfig), the
// body of Get and an item of a List page. Its "type" is always "stored".
type Secret struct {
	SecretID string `json:"secret_id"`
	Name     string `json:"name"`
	UsedBy   Usage  `json:"used_by"`
}

// SecretsPage is a List page (gen.GetWorkspaceSecretsResponseModel).
type SecretsPage struct {
	Secrets    []Secret `json:"secrets"`
	NextCursor *string  `json:"next_cursor"`
}

// DependentsPage is a Dependencies page
// (gen.GetSecretDependenciesResponseModel); its list is a union of arrays
// of the dependent shapes, all of which Dependent decodes.
type DependentsPage struct {
	Dependencies []Dependent `json:"dependencies"`
	NextCursor   *string     `json:"next_cursor"`
}

// Usage is a secret's used_by (gen.ConvAIStoredSecretDependencies).
type Usage struct {
	Tools               []Dependent `json:"tools"`
	Agents              []Dependent `json:"agents"`
	PhoneNumbers        []Dependent `json:"phone_numbers"`
	MCPServers          []Dependent `json:"mcp_servers"`
	Others              []string    `json:"others"`
	ToolsHasMore        bool        `json:"tools_has_more"`
	AgentsHasMore       bool        `json:"agents_has_more"`
	PhoneNumbersHasMore bool        `json:"phone_numbers_has_more"`
}

// Dependent is every variant of the vendor's dependents at once (available
// and unknown tools, agents and MCP servers; phone numbers): each field is
// some variant's, and a variant leaves the others' fields zero. "type" is
// "available" or "unknown" (absent for phone numbers).
type Dependent struct {
	Type                  string   `json:"type"`
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	AccessLevel           string   `json:"access_level"`
	CreatedAtUnixSecs     *int64   `json:"created_at_unix_secs"`
	ReferencedResourceIDs []string `json:"referenced_resource_ids"`
	PhoneNumberID         string   `json:"phone_number_id"`
	PhoneNumber           string   `json:"phone_number"`
	Label                 string   `json:"label"`
	Provider              string   `json:"provider"`
}
