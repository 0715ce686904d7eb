package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// secretsDataSource is xisecrets_secrets: the secrets whose names start
// with a prefix.
type secretsDataSource struct{ d *providerData }

func newSecretsDataSource() datasource.DataSource { return &secretsDataSource{} }

type secretsDataModel struct {
	Prefix  types.String    `tfsdk:"prefix"`
	Secrets []secretSummary `tfsdk:"secrets"`
}

type secretSummary struct {
	ID   string `tfsdk:"id"`
	Name string `tfsdk:"name"`
}

var _ datasource.DataSourceWithConfigure = (*secretsDataSource)(nil)

// Metadata implements datasource.DataSource.
func (ds *secretsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secrets"
}

// Schema implements datasource.DataSource.
func (ds *secretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The workspace's secrets whose names start with a prefix (the API's search), in the API's order: ids and names, never values.",
		Attributes: map[string]schema.Attribute{
			"prefix": schema.StringAttribute{Optional: true, Description: "Keep only names that start with this; unset or empty: every secret."},
			"secrets": schema.ListAttribute{
				Computed: true, Description: "The secrets: a list of {id, name}.",
				ElementType: types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.StringType, "name": types.StringType}},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (ds *secretsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	ds.d = configured(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource: one listing of the names with the prefix.
func (ds *secretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m secretsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.Secrets = []secretSummary{}
	for st, err := range ds.d.client.Secrets.List(ctx, client.ListOptions{Search: m.Prefix.ValueString()}) {
		if err != nil {
			resp.Diagnostics.AddError("Cannot list the secrets", err.Error())
			return
		}
		m.Secrets = append(m.Secrets, secretSummary{ID: st.ID, Name: st.Name})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
