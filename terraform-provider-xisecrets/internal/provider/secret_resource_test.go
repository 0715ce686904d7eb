package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/xisecrets/xisecrets/client"
)

const res = "xisecrets_secret.s"

// value is a step's ephemeral variable "value".
func value(v string) config.Variables { return config.Variables{"value": config.StringVariable(v)} }

// The smoke test make test runs: one create, then the harness's own
// refresh and plan, which must find nothing to change.
func TestAccSecretSmoke(t *testing.T) {
	f := newAccFake(t)
	const v = "smoke-value-0d5e8a"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.secretConfig("SMOKE", 1), ConfigVariables: value(v),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{noValueInPlan(v)}},
			ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "SMOKE", v), noValueInState(v)},
		}},
	})
}

// A secret's life: create, no changes, a new value at the same version
// (nothing), a version bump (an update that sends it), a rename (an
// update that sends the value too), deleted out of band (created again),
// and a destroy refused while a tool uses it. No step's plan or state
// holds a value.
func TestAccSecretLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("the acceptance suite runs in make test-all; make test runs TestAccSecretSmoke")
	}
	f := newAccFake(t)
	v1, v2, v3 := "first-value-7c1f2b", "second-value-93ab0e", "third-value-5e62d1"
	all := []string{v1, v2, v3}
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: f.secretConfig("DB_URL", 1), ConfigVariables: value(v1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionCreate), noValueInPlan(all...),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.valueIs(t, "DB_URL", v1), noValueInState(all...),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("value_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("dependents").AtMapKey("tools"), knownvalue.ListExact(nil)),
					stateFunc(func() error { firstID = f.idOf(t, "DB_URL"); return nil }),
				},
			},
			{ // no changes
				Config: f.secretConfig("DB_URL", 1), ConfigVariables: value(v1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // a new value at the same version: nothing planned, nothing sent
				Config: f.secretConfig("DB_URL", 1), ConfigVariables: value(v2),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), noValueInPlan(all...)}},
				ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "DB_URL", v1)},
			},
			{ // the version bump sends it, in place
				Config: f.secretConfig("DB_URL", 2), ConfigVariables: value(v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate), noValueInPlan(all...),
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "DB_URL", v2), noValueInState(all...)},
			},
			{ // a rename is an update in place, and sends the value
				Config: f.secretConfig("DATABASE_URL", 2), ConfigVariables: value(v3),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate), noValueInPlan(all...),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.valueIs(t, "DATABASE_URL", v3), noValueInState(all...),
					stateFunc(func() error {
						if id := f.idOf(t, "DATABASE_URL"); id != firstID {
							t.Errorf("the rename made secret %s, want %s kept", id, firstID)
						}
						return nil
					}),
				},
			},
			{ // deleted out of band: dropped on refresh, created again
				PreConfig: func() {
					if err := f.c.Secrets.Delete(context.Background(), f.idOf(t, "DATABASE_URL")); err != nil {
						t.Fatal(err)
					}
				},
				Config: f.secretConfig("DATABASE_URL", 2), ConfigVariables: value(v3),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "DATABASE_URL", v3)},
			},
			{ // a destroy of a secret in use fails, naming the user, and keeps it
				PreConfig: func() {
					if err := f.srv.MarkInUse(f.idOf(t, "DATABASE_URL"), client.DependencyTools, "billing webhook"); err != nil {
						t.Fatal(err)
					}
				},
				Config: f.secretConfig("DATABASE_URL", 2), ConfigVariables: value(v3), Destroy: true,
				ExpectError: regexp.MustCompile(`(?s)still in use.*tool "billing\s+webhook"`),
			},
			{ // the refresh shows the tool; the state still has the secret
				Config: f.secretConfig("DATABASE_URL", 2), ConfigVariables: value(v3),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("dependents").AtMapKey("tools").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("billing webhook")),
				},
			},
			{ // what the error advises: stop managing it without deleting it
				Config: f.keepSecret(),
			},
		},
	})
	if f.srv.Len() != 1 {
		t.Errorf("the fake holds %d secrets, want the one in use", f.srv.Len())
	}
}
