// Package secretstest is a stateful, in-memory fake of the ElevenLabs
// Conversational AI workspace secrets API, for tests: what httptest and
// stripe-mock are to their APIs. It serves all ten operations of
// gen/openapi.yaml over real HTTP on a loopback address, and checks both
// directions against that spec: a request that does not match it gets the
// vendor's 422, and a response of the fake that does not match it fails
// the test (t.Errorf) and reaches the client as a 500.
//
// A test of code that uses the API points that code at the fake:
//
//	func TestRotate(t *testing.T) {
//		fake := secretstest.NewServer(t) // closed when the test ends
//		c, err := client.New(client.WithBaseURL(fake.URL()), client.WithAPIKey(fake.APIKey()))
//		if err != nil {
//			t.Fatal(err)
//		}
//		id, err := fake.Seed("db-password", "old") // state set up without a request
//		if err != nil {
//			t.Fatal(err)
//		}
//		ctx := context.Background()
//		if err := rotate(ctx, c, id, "new"); err != nil { // the code under test
//			t.Fatal(err)
//		}
//		if !fake.ValueIs(id, "new") {
//			t.Error("rotate did not store the new value")
//		}
//	}
//
// It serves any client, not only package client: point a generated or
// hand-written one at URL() with the xi-api-key header set to APIKey().
//
// It serves the workspace's environment variables too (create, list with
// its filters, get, and the PATCH), which can bind secrets per environment.
//
// Beyond the API, tests can set up state without requests (Seed,
// SeedEnvironmentVariable) and what
// the API cannot (MarkInUse: a tool, agent, phone number or MCP server uses
// a secret), inject faults (Inject: 429s, 503s,
// latency, dropped connections, answers lost after the fake acted,
// malformed bodies, redirects), and inspect
// what the client sent (Requests, redacted) and what is stored (Len,
// ValueIs, EnvironmentVariable).
//
// # Behaviour the vendor does not document
//
// The fake follows the spec where it speaks, and otherwise makes these
// assumptions, which are where it may differ from the real API:
//
//   - Deleting a secret that is in use answers 409 Conflict with
//     {"detail":{"status":"secret_in_use","message":"Secret is in use by 1
//     tool(s), ..."}}. The vendor documents no status for this case; 409 is
//     an assumption, and clients should treat any 4xx with a detail.status
//     as the error. An MCP server using a secret blocks its deletion like
//     a tool does (also an assumption).
//   - A missing or wrong xi-api-key answers 401 with detail.status
//     "missing_api_key" or "invalid_api_key"; an unknown secret answers 404
//     with "secret_not_found". These statuses are not in the spec either.
//   - Secret names need not be unique; list, without page_size, returns all
//     secrets; get returns every dependent in used_by (only list caps them,
//     with dependency_limit).
//   - Names have no length bound over HTTP: the spec sets no maxLength and
//     the vendor documents none, so the fake stores what it is sent, and a
//     listing that holds very long names can then pass a client's response
//     bound, as it would against the vendor. Package client never sends a
//     name over client.MaxNameBytes (its facade and Raw() alike), and Seed
//     applies client.CheckName, so neither sets such a name up.
//   - Cursors are opaque strings valid for the server that made them; a
//     cursor the fake did not make answers 422. Paging is in creation order
//     and stays consistent when secrets are deleted between pages.
//   - Environment variables: a label is unique (a second create answers
//     409, detail.status "environment_variable_already_exists"). PATCH is
//     a per-key merge, our reading of the vendor's "values to replace":
//     the environments given replace theirs, null removes one, absent ones
//     stay; null for production answers 400 "invalid_parameters", as does
//     a value of another type than the variable's, and a create without
//     production. An unknown id answers 404
//     "environment_variable_not_found".
//   - Where the vendor's behaviour is unknown: a secret variable's value
//     must name a secret the fake stores (else 400 "invalid_parameters"
//     naming the environment and the id), and deleting a secret that a
//     variable binds answers the in-use 409 above, its message naming
//     each "label (environment)". There is no delete of a variable, as in
//     the API.
//   - Every response carries request-id, current-concurrent-requests and
//     maximum-concurrent-requests headers; the maximum (10) is reported,
//     not enforced.
//
// The fake stores values only in memory, never logs them, never returns
// them, and redacts them (and the API key) in Requests; a Server prints
// only its URL.
package secretstest
