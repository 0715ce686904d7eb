package client

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/internal/transport"
	"github.com/xisecrets/xisecrets/gen"
	"github.com/xisecrets/xisecrets/internal/apijson"
)

// ordinaryGetBody is an ordinary Get response: three tools, an agent that
// uses the secret through one of them, a phone number and a non-resource
// user.
const ordinaryGetBody = `{"secret_id":"sec_0123456789abcdef01234567","name":"stripe-key","type":"stored","used_by":{` +
	`"tools":[{"type":"available","id":"tool_1","name":"Charge","created_at_unix_secs":1700000000,"access_level":"admin"},` +
	`{"type":"available","id":"tool_2","name":"Refund","created_at_unix_secs":1700000100,"access_level":"editor"},` +
	`{"type":"unknown","id":"tool_3"}],` +
	`"agents":[{"type":"available","id":"agent_1","name":"Billing","created_at_unix_secs":1700000200,"access_level":"viewer","referenced_resource_ids":["tool_1"]}],` +
	`"phone_numbers":[{"phone_number_id":"phnum_1","phone_number":"+15550000001","label":"Support","provider":"twilio"}],` +
	`"others":["conversation_initiation_webhook"],"tools_has_more":false,"agents_has_more":false,"phone_numbers_has_more":false}}`

// BenchmarkDecodeGet is the decoding of an ordinary Get body, without the
// HTTP exchange: "facade" as Get decodes it (one pass into the apijson
// types, then toStoredSecret); "raw" through the generated model instead,
// each dependent's union then decoded from its raw JSON (the least any use
// of the generated types costs: reading a union by its discriminator
// decodes it once more); "floor" into the apijson types alone, as the size
// check's floor program does. The variant names are those
// internal/benchinstr/instructions.sh counts (the at-limit body with few
// operations: each decodes 8,192 dependents):
//
//	GOGC=off N=2000 internal/benchinstr/instructions.sh DecodeGet
//	N=20 internal/benchinstr/instructions.sh DecodeGetAtLimit
func BenchmarkDecodeGet(b *testing.B) { benchDecode(b, []byte(ordinaryGetBody)) }

// BenchmarkDecodeGetAtLimit is BenchmarkDecodeGet on the hostile Get body
// with the most elements the transport accepts, each an empty tool ({}).
func BenchmarkDecodeGetAtLimit(b *testing.B) {
	var body strings.Builder
	body.WriteString(`{"secret_id":"s","name":"n","type":"stored","used_by":{"others":[],"agents":[],"tools":[{}`)
	body.WriteString(strings.Repeat(`,{}`, transport.SuccessBodyElements-1))
	body.WriteString(`]}}`)
	benchDecode(b, []byte(body.String()))
}

func benchDecode(b *testing.B, body []byte) {
	variants := []struct {
		name   string
		decode func() error
	}{
		{"floor", func() error {
			var w apijson.Secret
			return json.Unmarshal(body, &w)
		}},
		{"raw", func() error { _, err := decodeThroughGenerated(body); return err }},
		{"facade", func() error {
			var w apijson.Secret
			if err := json.Unmarshal(body, &w); err != nil {
				return err
			}
			_, err := toStoredSecret("get secret", w)
			return err
		}},
	}
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := v.decode(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// decodeThroughGenerated is Get's decoding done with the generated model:
// the path the apijson types replace, kept to measure it against them.
func decodeThroughGenerated(body []byte) (StoredSecret, error) {
	var g gen.ConvAIWorkspaceStoredSecretConfig
	if err := json.Unmarshal(body, &g); err != nil {
		return StoredSecret{}, err
	}
	var w apijson.Secret
	w.SecretID, w.Name = g.SecretID, g.Name
	u := &w.UsedBy
	var err error
	if u.Tools, err = unionDependents(g.UsedBy.Tools); err != nil {
		return StoredSecret{}, err
	}
	if u.Agents, err = unionDependents(g.UsedBy.Agents); err != nil {
		return StoredSecret{}, err
	}
	if g.UsedBy.PhoneNumbers != nil {
		for _, p := range *g.UsedBy.PhoneNumbers {
			u.PhoneNumbers = append(u.PhoneNumbers, apijson.Dependent{
				PhoneNumberID: p.PhoneNumberID, PhoneNumber: p.PhoneNumber, Label: p.Label, Provider: string(p.Provider),
			})
		}
	}
	if g.UsedBy.MCPServers != nil {
		if u.MCPServers, err = unionDependents(*g.UsedBy.MCPServers); err != nil {
			return StoredSecret{}, err
		}
	}
	for _, o := range g.UsedBy.Others {
		u.Others = append(u.Others, string(o))
	}
	deref := func(p *bool) bool { return p != nil && *p }
	u.ToolsHasMore, u.AgentsHasMore, u.PhoneNumbersHasMore = deref(g.UsedBy.ToolsHasMore), deref(g.UsedBy.AgentsHasMore), deref(g.UsedBy.PhoneNumbersHasMore)
	return toStoredSecret("get secret", w)
}

// unionDependents decodes each generated union item (which holds its raw
// JSON) again, into an apijson.Dependent.
func unionDependents[T json.Marshaler](items []T) ([]apijson.Dependent, error) {
	out := make([]apijson.Dependent, len(items))
	for i, item := range items {
		raw, err := item.MarshalJSON()
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// The generated path measured above must do the facade's work: same body,
// same StoredSecret.
func TestDecodeThroughGeneratedMatchesGet(t *testing.T) {
	var w apijson.Secret
	if err := json.Unmarshal([]byte(ordinaryGetBody), &w); err != nil {
		t.Fatal(err)
	}
	want, err := toStoredSecret("get secret", w)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeThroughGenerated([]byte(ordinaryGetBody))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("through the generated model:\n%+v\nthrough the apijson types:\n%+v", got, want)
	}
	if len(want.UsedBy.Tools) != 3 || len(want.UsedBy.PhoneNumbers) != 1 || len(want.UsedBy.Agents[0].ReferencedResourceIDs) != 1 {
		t.Errorf("the body lost dependents: %+v", want.UsedBy)
	}
}
