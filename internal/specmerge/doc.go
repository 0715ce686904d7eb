// Package specmerge turns the vendor's API reference pages in api/ into one
// OpenAPI 3.0 document that oapi-codegen v2.8 turns into Go that compiles.
//
// The pages are data: they are kept as the vendor publishes them, and every
// defect is repaired here, in code, with a named and tested [Repair]. The
// pipeline is
//
//	load pages (+ overlay) -> repair each page -> merge -> name operations
//	-> prevent Go name collisions -> prune -> validate -> trial-generate -> write
//
// and it is deterministic: the same pages, in any order, give byte-identical
// output. Any error leaves the output untouched.
package specmerge
