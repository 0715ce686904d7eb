package cli

import (
	"errors"
	"strings"
	"testing"
)

func TestNameShaped(t *testing.T) {
	for s, want := range map[string]bool{
		"colour": true, "ignore-not-found": true, "a": true, strings.Repeat("a", maxNamedBytes): true,
		"": false, strings.Repeat("a", maxNamedBytes+1): false, "-a": false, "a-": false, "a--b": false,
		"Json": false, "k9": false, "a_b": false, "a=b": false, "dGhpc2lz": false,
	} {
		if got := nameShaped(s); got != want {
			t.Errorf("nameShaped(%q) = %t, want %t", s, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"list", "list", 0}, {"lsit", "list", 1}, {"jsn", "json", 1}, {"colour", "color", 1},
		{"", "ab", 2}, {"abc", "", 3}, {"regoin", "region", 1}, {"vlaue-flie", "value-file", 2},
		{"kitten", "sitting", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// A text of the flag package flagError does not know (a newer Go's) is not
// shown: it may quote what was typed.
func TestFlagErrorHidesTextItDoesNotKnow(t *testing.T) {
	const value = "Xk9pLEAKCANARYvalue"
	for _, msg := range []string{
		"some new flag error: " + value,
		`invalid value "` + value + `" for flag -page-size`, // no ": why"
		`invalid boolean value "` + value,                   // cut short
	} {
		if got := flagError(errors.New(msg), []string{"json"}, nil); strings.Contains(got, value) || !strings.HasPrefix(got, "xisecrets: ") {
			t.Errorf("flagError of an unknown text: %s", strings.ReplaceAll(got, value, "<value>"))
		}
	}
}
