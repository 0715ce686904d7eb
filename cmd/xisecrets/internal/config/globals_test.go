package config

import (
	"flag"
	"slices"
	"testing"
)

// TestProfileCompletesFromAuthList: --profile, however it is registered,
// tells completion to run auth list --names for its words, the command
// that prints the profile names one a line.
func TestProfileCompletesFromAuthList(t *testing.T) {
	var g Globals
	for what, register := range map[string]func(*flag.FlagSet){"Register": g.Register, "RegisterProfile": g.RegisterProfile} {
		fs := flag.NewFlagSet("xisecrets", flag.ContinueOnError)
		register(fs)
		f := fs.Lookup("profile")
		if f == nil {
			t.Fatalf("%s: no --profile", what)
		}
		d, ok := f.Value.(interface{ DynamicChoices() []string })
		if !ok {
			t.Fatalf("%s: --profile's value (%T) names no command for completion", what, f.Value)
		}
		if got, want := d.DynamicChoices(), []string{"auth", "list", "--names"}; !slices.Equal(got, want) {
			t.Errorf("%s: --profile completes from xisecrets %v, want %v", what, got, want)
		}
	}
}
