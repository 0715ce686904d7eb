package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// secretDataSource is xisecrets_secret: a secret by its exact name.
type secretDataSource struct{ d *providerData }

func newSecretDataSource() datasource.DataSource { return &secretDataSource{} }

type secretDataModel struct {
	Name       types.String `tfsdk:"name"`
	ID         types.String `tfsdk:"id"`
	Dependents types.Object `tfsdk:"dependents"`
}

var _ datasource.DataSourceWithConfigure = (*secretDataSource)(nil)

// Metadata implements datasource.DataSource.
func (ds *secretDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secret"
}

// Schema implements datasource.DataSource.
func (ds *secretDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The one secret of an exact name: its id and who uses it (never its value: the API does not return values). None, or several of that name, is an error.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Required: true, Description: "The secret's exact name.",
				Validators: []validator.String{checked{"a secret name", client.CheckName}},
			},
			"id": schema.StringAttribute{Computed: true, Description: "The secret's id."},
			"dependents": schema.ObjectAttribute{
				Computed: true, AttributeTypes: dependentsType.AttrTypes,
				Description: "Who uses the secret, as the resource's dependents attribute.",
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (ds *secretDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	ds.d = configured(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource, from the run's listing.
func (ds *secretDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m secretDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	st, err := ds.d.cache.FindByName(ctx, m.Name.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot find the secret", err.Error())
		return
	}
	deps, err := dependents(ctx, ds.d.client.Secrets, ds.d.cache.BindingsOf, st)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list who uses the secret", err.Error())
		return
	}
	m.ID = types.StringValue(st.ID)
	var diags diag.Diagnostics
	m.Dependents, diags = deps.value(ctx)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
