package output

import (
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

func TestVersionLine(t *testing.T) {
	for _, tc := range []struct {
		b    Build
		want string
	}{
		{Build{"v1.2.3", "0123abc", "2026-01-02T03:04:05Z", false, "go1.26.0", "linux/amd64", ""},
			"xisecrets v1.2.3 (commit 0123abc, 2026-01-02T03:04:05Z; go1.26.0 linux/amd64)"},
		{Build{"(devel)", "0123abc", "", true, "go1.26.0", "linux/amd64", ""},
			"xisecrets (devel) (commit 0123abc with uncommitted changes; go1.26.0 linux/amd64)"},
		{Build{"(devel)", "", "", false, "go1.26.0", "darwin/arm64", ""},
			"xisecrets (devel) (go1.26.0 darwin/arm64)"},
		// Linker flags are outside text: a control character is shown, not obeyed.
		{Build{"v1\x1b[2J", "", "", false, "go1.26.0", "linux/amd64", ""},
			`xisecrets v1\x1b[2J (go1.26.0 linux/amd64)`},
	} {
		if got := tc.b.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.b, got, tc.want)
		}
	}
}

// TestDependentOmitsUnsetFields: a dependent's optional fields appear only
// when set, each on its own; a phone number the API sent without a
// provider once printed "provider":"".
func TestDependentOmitsUnsetFields(t *testing.T) {
	for _, tc := range []struct {
		d    client.Dependent
		want string
	}{
		{client.Dependent{Kind: client.DependencyTools, ID: "t", Name: "T", Accessible: true},
			`{"accessible":true,"id":"t","kind":"tools","name":"T"}`},
		{client.Dependent{Kind: client.DependencyPhoneNumbers, ID: "p", Name: "P", Accessible: true, PhoneNumber: "+15550100"},
			`{"accessible":true,"id":"p","kind":"phone_numbers","name":"P","phone_number":"+15550100"}`},
		{client.Dependent{Kind: client.DependencyAgents, ID: "a", ReferencedResourceIDs: []string{}},
			`{"accessible":false,"id":"a","kind":"agents","name":""}`},
	} {
		if got := string(TerminalJSON(NewDependent(tc.d))); got != tc.want {
			t.Errorf("NewDependent(%+v) = %s, want %s", tc.d, got, tc.want)
		}
	}
}
