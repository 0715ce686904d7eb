package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// envVarDataSource is xisecrets_environment_variable: a variable by label.
type envVarDataSource struct{ d *providerData }

func newEnvironmentVariableDataSource() datasource.DataSource { return &envVarDataSource{} }

var (
	_         datasource.DataSourceWithConfigure = (*envVarDataSource)(nil)
	pathLabel                                    = path.Root("label")
)

// Metadata implements datasource.DataSource.
func (ds *envVarDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_environment_variable"
}

// Schema implements datasource.DataSource.
func (ds *envVarDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The environment variable of a label: its id, type and values (texts for type string, else secret or auth connection ids).",
		Attributes: map[string]schema.Attribute{
			"label": schema.StringAttribute{
				Required: true, Description: "The exact label.",
				Validators: []validator.String{checked{"an environment variable label", client.CheckLabel}},
			},
			"id":     schema.StringAttribute{Computed: true, Description: "The environment variable's id."},
			"type":   schema.StringAttribute{Computed: true, Description: "string, secret or auth_connection."},
			"values": schema.MapAttribute{Computed: true, ElementType: types.StringType, Description: "A value per environment, production among them."},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (ds *envVarDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	ds.d = configured(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource: one listing filtered by the label.
func (ds *envVarDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m envVarModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathLabel, &m.Label)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ev, err := ds.d.client.EnvironmentVariables.GetByLabel(ctx, m.Label.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot find the environment variable", err.Error())
		return
	}
	m.set(ev)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
