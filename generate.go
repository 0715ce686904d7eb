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
// (in internal/maintainer) would for each config: package gen and, apart,
// the embedded spec (gen/genspec). client imports gen, and what gen imports every program
// using client links; the spec would add kin-openapi and its dependencies,
// which only the fake needs. From the spec and the client's Go, the same
// step writes the API's paths (-routes), for the client's guard that
// refuses requests to any other path, and CheckPathParams (-pathparams),
// which the client wraps around the generated client: it refuses a path
// parameter such as "" or ".." before the generated client resolves the
// URL (where "/v1/a/{id}/b" with the id "." would become "/v1/a/b", another
// template's path). specmerge writes nothing unless every output came out
// whole (Go that parses, no name declared twice, routes the guard can
// match, a client the wrapper knows): gen/ is never half regenerated.
// specmerge is built in its own module, internal/maintainer, so that the
// generator's dependencies stay out of this module's go.mod and so out of
// every consumer's module graph; -C ../.. runs it at this root.
//go:generate go -C internal/maintainer run ./cmd/specmerge -C ../.. -api api -out gen/openapi.yaml -config oapi-codegen.yaml -config oapi-codegen-spec.yaml -routes gen/routes.gen.go -pathparams gen/pathparams.gen.go
