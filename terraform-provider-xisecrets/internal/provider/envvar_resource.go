package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// envVarResource is xisecrets_environment_variable.
type envVarResource struct{ d *providerData }

func newEnvironmentVariableResource() resource.Resource { return &envVarResource{} }

// envVarModel is xisecrets_environment_variable's state. Values is known
// whenever the framework hands it over (apply and state); a plan-time
// unknown is the validator's concern only.
type envVarModel struct {
	ID     types.String      `tfsdk:"id"`
	Label  types.String      `tfsdk:"label"`
	Type   types.String      `tfsdk:"type"`
	Values map[string]string `tfsdk:"values"`
}

var (
	_ resource.ResourceWithImportState = (*envVarResource)(nil)
	_ resource.ResourceWithConfigure   = (*envVarResource)(nil)
)

// Metadata implements resource.Resource.
func (r *envVarResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_environment_variable"
}

// Schema implements resource.Resource.
func (r *envVarResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A workspace environment variable: a label that tools reference, with one value per environment (production always). The API cannot delete one: destroy removes every value but production and leaves the label in the workspace.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The environment variable's id."),
			"label": schema.StringAttribute{
				Required: true, Description: "The label, unique in the workspace: no white space or control characters. A new label is a new variable (the old one is destroyed as destroy does).",
				Validators:    []validator.String{checked{"an environment variable label", client.CheckLabel}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				Required: true, Description: "What the values are: string (plain text, stored in the state: never a secret), secret (workspace secret ids) or auth_connection (auth connection ids). A new type is a new variable.",
				Validators:    []validator.String{oneOf(envTypes)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"values": schema.MapAttribute{
				Required: true, ElementType: types.StringType,
				Description: "A value per environment, production required (checked at plan time): the text for type string, else the secret or auth connection id, e.g. xisecrets_secret.db.id.",
				Validators:  []validator.Map{productionRequired{}},
			},
		},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *envVarResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.d = configured(req.ProviderData, &resp.Diagnostics)
}

// set puts what the API shows of ev into m.
func (m *envVarModel) set(ev client.EnvironmentVariable) {
	m.ID, m.Label, m.Type, m.Values = types.StringValue(ev.ID), types.StringValue(ev.Label), types.StringValue(string(ev.Type)), fromEnvValues(ev.Values)
}

// Create implements resource.Resource. A label that exists is an error
// saying to import it: labels are unique, and the API has no delete to
// undo a wrong adoption.
func (r *envVarResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan envVarModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	typ, label := client.EnvironmentVariableType(plan.Type.ValueString()), plan.Label.ValueString()
	ev, err := r.d.client.EnvironmentVariables.Create(ctx, label, typ, toEnvValues(typ, plan.Values))
	r.d.cache.Invalidate()
	switch {
	case errors.Is(err, client.ErrDuplicateLabel):
		resp.Diagnostics.AddError("An environment variable of this label exists",
			fmt.Sprintf("The workspace already has an environment variable labelled %q. Import it rather than create it: "+
				"an import block (import { to = <this resource's address>, id = %q }) or terraform import <address> %q.", label, label, label))
		return
	case err != nil:
		resp.Diagnostics.AddError("Cannot create the environment variable", err.Error())
		return
	}
	plan.set(ev)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read implements resource.Resource, from the run's listing; a variable
// gone is dropped from the state.
func (r *envVarResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state envVarModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ev, err := r.d.cache.EnvironmentVariable(ctx, state.ID.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the environment variable", err.Error())
		return
	}
	state.set(ev)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update implements resource.Resource: the environments whose values
// change are set, those gone from the configuration removed, in one call.
func (r *envVarResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state envVarModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	set, remove := envChanges(state.Values, plan.Values)
	if len(set) == 0 && len(remove) == 0 {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	typ := client.EnvironmentVariableType(state.Type.ValueString())
	ev, err := r.d.client.EnvironmentVariables.Update(ctx, state.ID.ValueString(), toEnvValues(typ, set), remove)
	r.d.cache.Invalidate()
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the environment variable", err.Error())
		return
	}
	plan.set(ev)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete implements resource.Resource. The API has no delete: this
// removes every value but production, which the API keeps, and warns
// that the label stays.
func (r *envVarResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state envVarModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	ev, err := r.d.client.EnvironmentVariables.Get(ctx, id) // what it holds now, not what the state last saw
	if errors.Is(err, client.ErrNotFound) {
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the environment variable to destroy it", err.Error())
		return
	}
	var remove []string
	for _, env := range ev.Environments() {
		if env != client.EnvironmentProduction {
			remove = append(remove, env)
		}
	}
	if len(remove) > 0 {
		_, err = r.d.client.EnvironmentVariables.Update(ctx, id, nil, remove)
		r.d.cache.Invalidate()
		if err != nil {
			resp.Diagnostics.AddError("Cannot remove the environment variable's values", err.Error())
			return
		}
	}
	what := "its production value"
	if ev.Type == client.EnvironmentVariableSecret {
		what = fmt.Sprintf("secret %s in production; that secret cannot be deleted while it is bound (bind production to another secret first)", ev.Values[client.EnvironmentProduction].SecretID())
	}
	resp.Diagnostics.AddWarning("The environment variable's label stays in the workspace",
		fmt.Sprintf("The API cannot delete an environment variable: %q (%s) is no longer managed here, and its values but production were removed. It stays bound to %s.", ev.Label, id, what))
}

// ImportState implements resource.ResourceWithImportState: by label, or
// by id when no variable has that label.
func (r *envVarResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.d == nil {
		resp.Diagnostics.AddError("Provider not configured", "The xisecrets provider must be configured to import.")
		return
	}
	ev, err := r.d.client.EnvironmentVariables.GetByLabel(ctx, req.ID)
	if errors.Is(err, client.ErrNoSuchLabel) || errors.Is(err, client.ErrInvalidArgument) {
		ev, err = r.d.cache.EnvironmentVariable(ctx, req.ID)
		if errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrInvalidArgument) {
			err = fmt.Errorf("no environment variable is labelled %q, and none has it as its id", req.ID)
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot import the environment variable", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), ev.ID)...)
}
