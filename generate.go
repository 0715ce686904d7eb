// Package xisecrets is the module root of the ElevenLabs workspace secrets
// client. The code lives in client/ (the package to import), gen/ (generated
// from the vendor pages in api/) and cmd/xisecrets (the CLI).
//
// Regenerate gen/ after changing api/ with:
//
//	go generate ./...
package xisecrets

// Merge the vendor pages into one repaired, validated spec and generate Go
// from it with oapi-codegen's library, as `go tool oapi-codegen -config`
// would for each config: package gen and, apart, the embedded spec
// (gen/genspec). client imports gen, and what gen imports every program
// using client links; the spec would add kin-openapi and its dependencies,
// which only the fake needs. specmerge writes nothing unless the spec and
// every config's Go came out whole (Go that parses, no name declared twice).
//go:generate go run ./internal/cmd/specmerge -api api -out gen/openapi.yaml -config oapi-codegen.yaml -config oapi-codegen-spec.yaml
// The API's paths, for the client's guard that refuses requests to any
// other path, and CheckPathParams, which the client wraps around the
// generated client: it refuses a path parameter such as "" or ".." before
// the generated client resolves the URL (where "/v1/a/{id}/b" with the id
// "." would become "/v1/a/b", another template's path). Both files or none.
//go:generate go run ./internal/cmd/genroutes -spec gen/openapi.yaml -out gen/routes.gen.go -client gen/secrets.gen.go -params-out gen/pathparams.gen.go
