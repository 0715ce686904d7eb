package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// checked validates a string attribute at plan time with one of the
// library's own rules (client.CheckName, client.CheckValue), so a bad name
// or value fails the plan, not the apply. The rule's error never quotes
// the value, and neither does this.
type checked struct {
	what  string
	check func(string) error
}

// Description implements validator.String.
func (v checked) Description(context.Context) string { return v.what }

// MarkdownDescription implements validator.String.
func (v checked) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString implements validator.String.
func (v checked) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error())
	}
}
