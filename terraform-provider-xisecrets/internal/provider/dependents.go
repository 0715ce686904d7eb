package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// dependentModel is one user of a secret: ids and names, never a value.
type dependentModel struct {
	ID   string `tfsdk:"id"`
	Name string `tfsdk:"name"`
}

// bindingModel is one environment of an environment variable that binds
// a secret.
type bindingModel struct {
	ID          string `tfsdk:"id"`
	Label       string `tfsdk:"label"`
	Environment string `tfsdk:"environment"`
}

// dependentsModel is the dependents attribute: who uses a secret, by kind.
type dependentsModel struct {
	Tools                []dependentModel `tfsdk:"tools"`
	Agents               []dependentModel `tfsdk:"agents"`
	PhoneNumbers         []dependentModel `tfsdk:"phone_numbers"`
	MCPServers           []dependentModel `tfsdk:"mcp_servers"`
	EnvironmentVariables []bindingModel   `tfsdk:"environment_variables"`
	Others               []string         `tfsdk:"others"`
}

var dependentType = types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.StringType, "name": types.StringType}}

// dependentsType is the attribute's type, for the resource and the data source.
var dependentsType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"tools":         types.ListType{ElemType: dependentType},
	"agents":        types.ListType{ElemType: dependentType},
	"phone_numbers": types.ListType{ElemType: dependentType},
	"mcp_servers":   types.ListType{ElemType: dependentType},
	"environment_variables": types.ListType{ElemType: types.ObjectType{AttrTypes: map[string]attr.Type{
		"id": types.StringType, "label": types.StringType, "environment": types.StringType,
	}}},
	"others": types.ListType{ElemType: types.StringType},
}}

// dependents is who uses st: the listing's preview of each kind, and for a
// kind whose preview was cut, the full list (one more listing); and the
// environment variables that bind it, from bindings.
func dependents(ctx context.Context, secrets *client.SecretsService, bindings func(context.Context, string) ([]client.Binding, error), st client.StoredSecret) (dependentsModel, error) {
	u := st.UsedBy
	full := func(preview []client.Dependent, more bool, kind client.DependencyKind) ([]dependentModel, error) {
		if more {
			preview = nil
			for d, err := range secrets.Dependencies(ctx, st.ID, kind) {
				if err != nil {
					return nil, err
				}
				preview = append(preview, d)
			}
		}
		out := make([]dependentModel, len(preview)) // never nil: an empty list, not null
		for i, d := range preview {
			out[i] = dependentModel{ID: d.ID, Name: d.Name}
		}
		return out, nil
	}
	var m dependentsModel
	var err error
	if m.Tools, err = full(u.Tools, u.ToolsHasMore, client.DependencyTools); err != nil {
		return m, err
	}
	if m.Agents, err = full(u.Agents, u.AgentsHasMore, client.DependencyAgents); err != nil {
		return m, err
	}
	if m.PhoneNumbers, err = full(u.PhoneNumbers, u.PhoneNumbersHasMore, client.DependencyPhoneNumbers); err != nil {
		return m, err
	}
	m.MCPServers, _ = full(u.MCPServers, false, client.DependencyMCPServers)
	bs, err := bindings(ctx, st.ID)
	if err != nil {
		return m, err
	}
	m.EnvironmentVariables = make([]bindingModel, len(bs))
	for i, b := range bs {
		m.EnvironmentVariables[i] = bindingModel{ID: b.VariableID, Label: b.Label, Environment: b.Environment}
	}
	m.Others = append([]string{}, u.Others...)
	return m, nil
}

// value is m as the attribute's value.
func (m dependentsModel) value(ctx context.Context) (types.Object, diag.Diagnostics) {
	return types.ObjectValueFrom(ctx, dependentsType.AttrTypes, m)
}

// String names every dependent, for the error of a delete refused: kind,
// name and id, the server's text escaped by %q.
func (m dependentsModel) String() string {
	var parts []string
	add := func(kind string, ds []dependentModel) {
		for _, d := range ds {
			parts = append(parts, fmt.Sprintf("%s %q (%s)", kind, d.Name, d.ID))
		}
	}
	add("tool", m.Tools)
	add("agent", m.Agents)
	add("phone number", m.PhoneNumbers)
	add("MCP server", m.MCPServers)
	for _, b := range m.EnvironmentVariables {
		parts = append(parts, fmt.Sprintf("environment variable %q (%s) in %q", b.Label, b.ID, b.Environment))
	}
	for _, o := range m.Others {
		parts = append(parts, fmt.Sprintf("%q", o))
	}
	if len(parts) == 0 {
		return "users the API does not name"
	}
	const maxNamed = 20
	if len(parts) > maxNamed {
		parts = append(parts[:maxNamed], fmt.Sprintf("and %d more", len(parts)-maxNamed))
	}
	return strings.Join(parts, ", ")
}

// empty is m with every list empty: a new secret's.
func (m dependentsModel) empty() dependentsModel {
	return dependentsModel{Tools: []dependentModel{}, Agents: []dependentModel{}, PhoneNumbers: []dependentModel{},
		MCPServers: []dependentModel{}, EnvironmentVariables: []bindingModel{}, Others: []string{}}
}
