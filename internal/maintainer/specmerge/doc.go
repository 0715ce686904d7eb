// Package specmerge turns the vendor's API reference pages in api/ into one
// OpenAPI 3.0 document that oapi-codegen v2.8 turns into Go that compiles.
//
// The pages are data: they are kept as the vendor publishes them, and every
// construct oapi-codegen or kin-openapi cannot take is repaired here, in
// code, by a named and tested [Repair], keyed on the construct (never on a
// page, schema or operation name, nor on the page's `openapi` label). The
// pipeline is
//
//	load pages (+ overlay) -> page-level repairs -> merge
//	-> document-level repairs (name operations, make inline union request
//	   bodies components, prevent Go name collisions, prune) -> validate
//	-> generate each oapi-codegen config's Go -> write
//
// with the repairs run in the order of the one registry, [Repairs]. The Go
// is what `go tool oapi-codegen -config` would write from the merged
// document, generated in process with oapi-codegen's library.
//
// The pipeline is deterministic: the same pages, in any order, give byte-identical
// output. Any error leaves every output untouched.
package specmerge
