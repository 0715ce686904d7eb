package secretstest

import (
	"fmt"

	"github.com/xisecrets/xisecrets/gen"
)

// A dependent is sent as the generated model of its resource type, so that
// a field the vendor adds to the spec reaches the fake's responses with
// `make generate`. Tools, agents and MCP servers are the "available" variant
// (the caller made them, so it has access); a phone number's label is the
// name given to MarkInUse, and its number is made up from its sequence.

// The three available variants have the same fields but are distinct
// generated types (their access levels are too), so each has its own line.

func (d dependent) tool() gen.DependentAvailableToolIdentifier {
	return gen.DependentAvailableToolIdentifier{ID: d.id, Name: d.name, CreatedAtUnixSecs: int(d.created), AccessLevel: gen.DependentAvailableToolIdentifierAccessLevelAdmin}
}

func (d dependent) agent() gen.DependentAvailableAgentIdentifier {
	return gen.DependentAvailableAgentIdentifier{ID: d.id, Name: d.name, CreatedAtUnixSecs: int(d.created), AccessLevel: gen.DependentAvailableAgentIdentifierAccessLevelAdmin}
}

func (d dependent) mcpServer() gen.DependentAvailableMCPServerIdentifier {
	return gen.DependentAvailableMCPServerIdentifier{ID: d.id, Name: d.name, CreatedAtUnixSecs: int(d.created), AccessLevel: gen.DependentAvailableMCPServerIdentifierAccessLevelAdmin}
}

func (d dependent) phoneNumber() gen.DependentPhoneNumberIdentifier {
	return gen.DependentPhoneNumberIdentifier{
		PhoneNumberID: d.id,
		PhoneNumber:   fmt.Sprintf("+1555%07d", d.seq%10_000_000),
		Label:         d.name,
		Provider:      gen.TelephonyProviderTwilio,
	}
}

// render is each of deps as as makes it; never nil, since the spec wants an
// array, and null would (rightly) fail response validation.
func render[V any](deps []dependent, as func(dependent) V) []V {
	out := make([]V, len(deps))
	for i, d := range deps {
		out[i] = as(d)
	}
	return out
}

// union is each of deps as as makes it, put into the generated union item
// T by from, one of T's From... methods (which also set the variant's
// discriminator). Never nil, like render's.
func union[T, V any](deps []dependent, as func(dependent) V, from func(*T, V) error) []T {
	out := make([]T, len(deps))
	for i, d := range deps {
		mustEncode(from(&out[i], as(d)))
	}
	return out
}

// mustEncode panics on an error of a generated From... method: they only
// marshal the generated models, which cannot fail.
func mustEncode(err error) {
	if err != nil {
		panic(err)
	}
}
