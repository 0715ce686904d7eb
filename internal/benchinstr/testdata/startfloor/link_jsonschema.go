//go:build jsonschema

package main

// Built with -tags jsonschema (internal/benchinstr/startup.sh), the floor also
// links github.com/santhosh-tekuri/jsonschema/v6 and runs its initialisers: the difference is what that
// package, and what it imports beyond the floor, costs every start.
import _ "github.com/santhosh-tekuri/jsonschema/v6"
