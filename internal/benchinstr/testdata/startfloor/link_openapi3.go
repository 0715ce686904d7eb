//go:build openapi3

package main

// Built with -tags openapi3 (internal/benchinstr/startup.sh), the floor also
// links github.com/getkin/kin-openapi/openapi3 and runs its initialisers: the difference is what that
// package, and what it imports beyond the floor, costs every start.
import _ "github.com/getkin/kin-openapi/openapi3"
