//go:build genspec

package main

// Built with -tags genspec (internal/benchinstr/startup.sh), the floor also
// links github.com/xisecrets/xisecrets/gen/genspec and runs its initialisers: the difference is what that
// package, and what it imports beyond the floor, costs every start.
import _ "github.com/xisecrets/xisecrets/gen/genspec"
