package provider

import (
	"context"
	"errors"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// A value written as a literal in the configuration reaches neither the
// state nor what the plan computes (planned values, changes, prior
// state); but Terraform copies the configuration's literals into the
// plan (its configuration section), which is why the docs say to pass
// values through ephemeral variables or resources, never literals. The
// last check pins that: if a Terraform stops copying them, it fails, and
// docs/index.md's warning can go.
func TestAccLiteralValueNotInPlanOrState(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	const v = "literal-value-90c3e1"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(`
resource "xisecrets_secret" "s" {
  name     = "LITERAL"
  value_wo = "` + v + `"
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				planFunc(func(p *tfjson.Plan) error {
					computed := *p
					computed.Config = nil
					if err := (jsonLeak{[]string{v}}).search("plan (less its configuration)", &computed); err != nil {
						return err
					}
					if (jsonLeak{[]string{v}}).search("configuration", p.Config) == nil {
						return errors.New("the plan's configuration section no longer holds a literal value_wo: update docs/index.md")
					}
					return nil
				}),
			}},
			ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "LITERAL", v), noValueInState(v)},
		}},
	})
}

type planFunc func(*tfjson.Plan) error

func (f planFunc) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(req.Plan)
}
