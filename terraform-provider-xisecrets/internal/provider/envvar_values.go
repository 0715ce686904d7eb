package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// envTypes are the types an environment variable can have, as the
// attribute spells them.
var envTypes = []string{string(client.EnvironmentVariableString), string(client.EnvironmentVariableSecret), string(client.EnvironmentVariableAuthConnection)}

// toEnvValues is the values attribute as the library's typed values: each
// string is the text, the secret id or the auth connection id that typ says.
func toEnvValues(typ client.EnvironmentVariableType, in map[string]string) map[string]client.EnvironmentValue {
	mk := map[client.EnvironmentVariableType]func(string) client.EnvironmentValue{
		client.EnvironmentVariableString:         client.StringValue,
		client.EnvironmentVariableSecret:         client.SecretValue,
		client.EnvironmentVariableAuthConnection: client.AuthConnectionValue,
	}[typ]
	out := make(map[string]client.EnvironmentValue, len(in))
	for env, v := range in {
		out[env] = mk(v)
	}
	return out
}

// fromEnvValues is the inverse of toEnvValues.
func fromEnvValues(in map[string]client.EnvironmentValue) map[string]string {
	out := make(map[string]string, len(in))
	for env, v := range in {
		switch v.Type() {
		case client.EnvironmentVariableString:
			out[env] = v.Text()
		case client.EnvironmentVariableSecret:
			out[env] = v.SecretID()
		case client.EnvironmentVariableAuthConnection:
			out[env] = v.AuthConnectionID()
		}
	}
	return out
}

// envChanges is the update that takes an environment variable's values
// from have to want: the environments to set (new or changed) and those
// to remove, sorted.
func envChanges(have, want map[string]string) (set map[string]string, remove []string) {
	set = map[string]string{}
	for env, v := range want {
		if old, ok := have[env]; !ok || old != v {
			set[env] = v
		}
	}
	for env := range have {
		if _, ok := want[env]; !ok {
			remove = append(remove, env)
		}
	}
	slices.Sort(remove)
	return set, remove
}

// productionRequired checks at plan time that values has a production
// entry and no empty value: the API requires production on create and
// never removes it.
type productionRequired struct{}

// Description implements validator.Map.
func (productionRequired) Description(context.Context) string {
	return "holds " + client.EnvironmentProduction + ", and no empty value"
}

// MarkdownDescription implements validator.Map.
func (v productionRequired) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateMap implements validator.Map.
func (productionRequired) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if _, ok := elems[client.EnvironmentProduction]; !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "No production value",
			fmt.Sprintf("values must have a %q entry: every environment variable has a production value (the API requires it). It has: %s.",
				client.EnvironmentProduction, strings.Join(slices.Sorted(maps.Keys(elems)), ", ")))
	}
	for env, v := range elems {
		if s, ok := v.(types.String); ok && !s.IsUnknown() && !s.IsNull() && s.ValueString() == "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(env), "Empty value", "A value of an environment variable must not be empty: remove the environment instead.")
		}
	}
}

// oneOf checks a string attribute against a fixed list.
type oneOf []string

// Description implements validator.String.
func (o oneOf) Description(context.Context) string { return "one of " + strings.Join(o, ", ") }

// MarkdownDescription implements validator.String.
func (o oneOf) MarkdownDescription(ctx context.Context) string { return o.Description(ctx) }

// ValidateString implements validator.String.
func (o oneOf) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || slices.Contains(o, req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), "It must be "+o.Description(ctx)+".")
}
