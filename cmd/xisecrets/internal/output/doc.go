// Package output prints what the xisecrets commands show: aligned tables
// for people, JSON lines for scripts, every server text escaped so that it
// cannot act on the terminal (TerminalJSON, Cell), and the wording of who
// uses a secret (UsedBy, UsageSummary).
//
// Every line a command prints with --json is one of the structs of
// shapes.go, and nothing else is:
//
//	list                      Secret: name, secret_id, used_by (a Usage: tools, agents,
//	                          phone_numbers, mcp_servers, each a list of Dependent;
//	                          others; tools_has_more, agents_has_more, phone_numbers_has_more)
//	get                       SecretBound: Secret's fields and environment_variables,
//	                          a list of Dependent
//	deps                      Dependent: kind, id, name, accessible, and when set
//	                          access_level, created_at, environment, phone_number,
//	                          provider, referenced_resource_ids
//	env list                  EnvVariable: id, label, type, environments
//	env get                   EnvVariableValues: id, label, type, values (by environment:
//	                          EnvSecretValue secret_id, secret_name; a string;
//	                          EnvAuthConnectionValue auth_connection_id)
//	env set, env unset        EnvWritten: label, environment, status, id
//	create, update, set       Written: status, secret_id, name
//	delete                    Deleted: status, secret_id
//	apply                     Applied: name, status, and when set secret_id, error,
//	                          label, environment, binding (with --env)
//	auth list                 Profile: profile, active, base_url, region, key_storage,
//	                          keyring_service, keyring_account, credentials_file
//	auth status               AuthStatus: profile, profile_from, base_url, region, host_from,
//	                          key_from, keyring_service, keyring_account, credentials_file,
//	                          works (true, false or null), error
//	version                   Build: version, commit, date, modified, go, platform,
//	                          client_version
//
// A field has one name and one meaning across them. TestJSONShapes (in
// package commands; TestAuthListJSONAndNames and TestAuthStatusJSON for
// auth) runs each command against the fake and pins its
// fields and their JSON types.
//
// It is a leaf of the CLI: it imports the client's types and
// internal/textsafe, never the framework (package cli), the configuration
// (package config) or the commands, which use it.
package output
