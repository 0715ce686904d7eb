package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// valueUnsent is the private-state key of a secret imported into the
// state: its value in the state's workspace is not known to be the
// configured one, so the next apply sends it (an update in place).
const valueUnsent = "value_unsent"

// secretResource is xisecrets_secret.
type secretResource struct{ d *providerData }

func newSecretResource() resource.Resource { return &secretResource{} }

// secretModel is xisecrets_secret's state; ValueWO is always null there
// (a write-only argument is in the configuration only).
type secretModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	ValueWO        types.String `tfsdk:"value_wo"`
	ValueWOVersion types.Int64  `tfsdk:"value_wo_version"`
	Dependents     types.Object `tfsdk:"dependents"`
}

var (
	_ resource.ResourceWithImportState = (*secretResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*secretResource)(nil)
	_ resource.ResourceWithConfigure   = (*secretResource)(nil)
)

// Metadata implements resource.Resource.
func (r *secretResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secret"
}

// Schema implements resource.Resource.
func (r *secretResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A workspace secret. Its value is a write-only argument: Terraform passes it to the provider during an apply and never stores it in the plan or the state. Change value_wo_version to send a new value.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The secret's id."),
			"name": schema.StringAttribute{
				Required: true, Description: "The secret's name; a rename is an update in place (it sends value_wo too).",
				Validators: []validator.String{checked{"a secret name: UTF-8, not blank, at most 873 bytes", client.CheckName}},
			},
			"value_wo": schema.StringAttribute{
				Required: true, WriteOnly: true, Sensitive: true,
				Description: "The secret's value, write-only (Terraform or OpenTofu 1.11 or later): sent on create, on a rename, and when value_wo_version changes; never stored.",
				Validators:  []validator.String{checked{"a secret value: UTF-8, not empty, at most 64 KiB", client.CheckValue}},
			},
			"value_wo_version": schema.Int64Attribute{
				Optional:    true,
				Description: "Any number: change it to send value_wo again (an update in place). A change of value_wo alone plans nothing, since Terraform never stores it.",
			},
			"dependents": schema.ObjectAttribute{
				Computed: true, AttributeTypes: dependentsType.AttrTypes,
				Description: "Who uses the secret (ids and names): tools, agents, phone_numbers, mcp_servers (each a list of {id, name}), environment_variables (the environments of the variables that bind it: a list of {id, label, environment}) and others (a list of strings). A secret still used or bound cannot be destroyed.",
			},
		},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *secretResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.d = configured(req.ProviderData, &resp.Diagnostics)
}

// idAttribute is a resource's computed id, which never changes once made.
func idAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed: true, Description: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// configuredValue is value_wo from the configuration of an apply, the one
// place it is (the plan and the state hold null).
func configuredValue(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) string {
	var v types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("value_wo"), &v)...)
	if !diags.HasError() && (v.IsNull() || v.IsUnknown()) {
		diags.AddAttributeError(path.Root("value_wo"), "No value", "value_wo must be known during the apply: it is required.")
	}
	return v.ValueString()
}

// Create implements resource.Resource. It never makes a second secret of a
// name: the API would, and every later lookup by name would then refuse.
func (r *secretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan secretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	val := configuredValue(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	existing, err := r.d.client.Secrets.FindByName(ctx, name)
	switch {
	case err == nil:
		resp.Diagnostics.AddError("A secret of this name exists",
			fmt.Sprintf("The workspace already has a secret named %q (id %s). Import it rather than create a second: "+
				"an import block (import { to = <this resource's address>, id = %q }) or terraform import <address> %q. "+
				"The first apply after the import sends the configured value.", name, existing.ID, name, name))
		return
	case errors.Is(err, client.ErrDuplicateName):
		resp.Diagnostics.AddError("Secrets of this name exist", err.Error()+": import the one to manage by its id, and delete or rename the others.")
		return
	case !errors.Is(err, client.ErrNoSuchName):
		resp.Diagnostics.AddError("Cannot check whether a secret of this name exists", err.Error())
		return
	}
	s, err := r.d.client.Secrets.Create(ctx, name, val)
	r.d.cache.Invalidate()
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the secret", err.Error())
		return
	}
	plan.ID, plan.Name, plan.ValueWO = types.StringValue(s.ID), types.StringValue(s.Name), types.StringNull()
	var diags diag.Diagnostics
	plan.Dependents, diags = dependentsModel{}.empty().value(ctx)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read implements resource.Resource, from the run's listing: a secret
// gone from the workspace is dropped from the state (the next apply
// creates it again), not an error.
func (r *secretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state secretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	st, err := r.d.cache.Get(ctx, state.ID.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the secret", err.Error())
		return
	}
	resp.Diagnostics.Append(r.setStored(ctx, &state, st)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// setStored puts what the API shows of st into m: name and dependents.
func (r *secretResource) setStored(ctx context.Context, m *secretModel, st client.StoredSecret) diag.Diagnostics {
	var diags diag.Diagnostics
	deps, err := dependents(ctx, r.d.client.Secrets, r.d.cache.BindingsOf, st)
	if err != nil {
		diags.AddError("Cannot list who uses the secret", err.Error())
		return diags
	}
	m.ID, m.Name, m.ValueWO = types.StringValue(st.ID), types.StringValue(st.Name), types.StringNull()
	m.Dependents, diags = deps.value(ctx)
	return diags
}

// ModifyPlan implements resource.ResourceWithModifyPlan: after an import
// the state has no value_wo_version, and the workspace's value is not
// known to be the configured one, so the first apply sends it.
func (r *secretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	unsent, diags := req.Private.GetKey(ctx, valueUnsent)
	resp.Diagnostics.Append(diags...)
	if len(unsent) > 0 {
		// An unknown computed attribute is a change: an update in place.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("dependents"), types.ObjectUnknown(dependentsType.AttrTypes))...)
	}
}

// Update implements resource.Resource: a rename, a new value_wo_version,
// or the first apply after an import. The API's PATCH replaces name and
// value together, so the value is sent every time.
func (r *secretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state secretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	val := configuredValue(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	_, err := r.d.client.Secrets.Update(ctx, id, plan.Name.ValueString(), val)
	r.d.cache.Invalidate()
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the secret", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, valueUnsent, nil)...)
	st, err := r.d.client.Secrets.Get(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("Updated the secret, but cannot read it back", err.Error())
		return
	}
	resp.Diagnostics.Append(r.setStored(ctx, &plan, st)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete implements resource.Resource. A secret still in use is not
// deleted (the API refuses): the error names its users, and the state
// keeps it.
func (r *secretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state secretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := r.d.client.Secrets.Delete(ctx, id)
	r.d.cache.Invalidate()
	switch {
	case err == nil, errors.Is(err, client.ErrNotFound):
		return
	case errors.Is(err, client.ErrSecretInUse):
		users := "users the API did not list"
		if st, gerr := r.d.client.Secrets.Get(ctx, id); gerr == nil {
			// Fresh, not from the run's listing: the delete just said "in use".
			fresh := newSecretCache(r.d.client, true)
			if deps, derr := dependents(ctx, r.d.client.Secrets, fresh.BindingsOf, st); derr == nil {
				users = deps.String()
			}
		}
		resp.Diagnostics.AddError("The secret is still in use",
			fmt.Sprintf("Secret %q (%s) is used by %s. Remove it from them first; nothing was deleted. "+
				"To stop managing it without deleting it, use a removed block with destroy = false.", state.Name.ValueString(), id, users))
	default:
		resp.Diagnostics.AddError("Cannot delete the secret", err.Error())
	}
}

// ImportState implements resource.ResourceWithImportState: the argument
// is a name (looked up exactly, as the CLI does) or, if no secret has that
// name, an id. The first apply afterwards sends the configured value.
func (r *secretResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.d == nil {
		resp.Diagnostics.AddError("Provider not configured", "The xisecrets provider must be configured to import.")
		return
	}
	arg := req.ID
	st, err := r.d.cache.FindByName(ctx, arg)
	if errors.Is(err, client.ErrNoSuchName) {
		st, err = r.d.cache.Get(ctx, arg)
		if errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrInvalidArgument) {
			err = fmt.Errorf("no secret is named %q, and none has it as its id", arg)
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot import the secret", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), st.ID)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, valueUnsent, []byte("true"))...)
}
