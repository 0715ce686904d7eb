// Package provider is the xisecrets Terraform provider: its configuration,
// the xisecrets_secret and xisecrets_environment_variable resources and
// their data sources, on top of package client. Secret values are write-only arguments: they reach the
// provider in the configuration of an apply and nowhere else, so neither
// the plan nor the state ever holds one.
package provider

import (
	"context"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/xisecrets/xisecrets/client"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/xisecrets/xisecrets"

// New returns the provider factory providerserver.Serve takes.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &xisecretsProvider{version: version, getenv: os.Getenv} }
}

// xisecretsProvider is the provider; one per provider process.
type xisecretsProvider struct {
	version string
	getenv  func(string) string
	// noCache makes every Read a request of its own, as before the
	// listing cache: only the request-count test sets it.
	noCache bool
}

// providerModel is the provider block.
type providerModel struct {
	APIKey  types.String `tfsdk:"api_key"`
	Region  types.String `tfsdk:"region"`
	BaseURL types.String `tfsdk:"base_url"`
}

// Metadata implements provider.Provider.
func (p *xisecretsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "xisecrets"
	resp.Version = p.version
}

// Schema implements provider.Provider.
func (p *xisecretsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	regions := make([]string, 0, len(client.Regions()))
	for _, r := range client.Regions() {
		regions = append(regions, string(r))
	}
	resp.Schema = schema.Schema{
		Description: "Manages ElevenLabs Conversational AI workspace secrets; values are write-only and never stored in the plan or state.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				Description: "The workspace's API key. Default: the environment variable " + envAPIKey + ".",
			},
			"region": schema.StringAttribute{
				Optional:    true,
				Description: "The vendor region: " + strings.Join(regions, ", ") + ". Default: " + envRegion + ", else default. Not with base_url.",
			},
			"base_url": schema.StringAttribute{
				Optional:    true,
				Description: "Any other API host: https, or http to a loopback host only. Default: " + envBaseURL + ". Not with region.",
			},
		},
	}
}

// Configure implements provider.Provider: one client, and one listing
// cache, for every resource and data source of this run.
func (p *xisecretsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for name, v := range map[string]types.String{"api_key": m.APIKey, "region": m.Region, "base_url": m.BaseURL} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown provider argument",
				name+" must be known when the provider is configured: use a variable or a literal, not a value computed during the apply.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	opts, err := clientOptions(settings{
		APIKey: m.APIKey.ValueString(), APIKeySet: !m.APIKey.IsNull(),
		Region: m.Region.ValueString(), BaseURL: m.BaseURL.ValueString(),
	}, p.getenv)
	if err == nil {
		var c *client.Client
		if c, err = client.New(opts...); err == nil {
			d := &providerData{client: c, cache: newSecretCache(c, p.noCache)}
			resp.ResourceData, resp.DataSourceData = d, d
			return
		}
	}
	resp.Diagnostics.AddError("Cannot configure the xisecrets provider", err.Error())
}

// Resources implements provider.Provider.
func (p *xisecretsProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newSecretResource, newEnvironmentVariableResource}
}

// DataSources implements provider.Provider.
func (p *xisecretsProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newSecretDataSource, newSecretsDataSource, newEnvironmentVariableDataSource}
}

// providerData is what Configure hands every resource and data source.
type providerData struct {
	client *client.Client
	cache  *secretCache
}

// configured is the providerData of a resource's or data source's
// Configure request: nil before the provider is configured (Terraform
// validates before it configures), and an error for anything else.
func configured(data any, diags interface{ AddError(string, string) }) *providerData {
	if data == nil {
		return nil
	}
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", "This is a bug in the xisecrets provider: please report it.")
	}
	return d
}
