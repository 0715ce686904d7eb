package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Import by name with terraform import: the first apply afterwards sends
// the configured value (an update in place), and the next plans nothing.
func TestAccSecretImportByName(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	const old, v = "old-value-c4a1e9", "configured-value-2b7d40"
	if _, err := f.srv.Seed("IMPORTED", old); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: f.secretConfig("IMPORTED", 1), ConfigVariables: value(v),
				ResourceName: res, ImportState: true, ImportStateId: "IMPORTED", ImportStatePersist: true,
			},
			{
				Config: f.secretConfig("IMPORTED", 1), ConfigVariables: value(v),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate), noValueInPlan(old, v),
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "IMPORTED", v), noValueInState(old, v)},
			},
			{
				Config: f.secretConfig("IMPORTED", 1), ConfigVariables: value(v),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Import with an import block, by id and without value_wo_version: the
// plan imports and updates, and the apply sends the value.
func TestAccSecretImportBlockByID(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	const v = "configured-value-8e0f13"
	id, err := f.srv.Seed("BY_ID", "old-value-77d2aa")
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.config(fmt.Sprintf(`
import {
  to = xisecrets_secret.s
  id = %q
}

resource "xisecrets_secret" "s" {
  name     = "BY_ID"
  value_wo = var.value
}
`, id))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg, ConfigVariables: value(v),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate), noValueInPlan(v),
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.valueIs(t, "BY_ID", v), noValueInState(v)},
			},
		},
	})
}

// A create of a name that exists makes no second secret: the error says
// to import it. So does an import of nothing.
func TestAccSecretCreateExistingNameSaysImport(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	if _, err := f.srv.Seed("TAKEN", "its-value-0a9b8c"); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: f.secretConfig("TAKEN", 1), ConfigVariables: value("another-value-1f2e3d"),
				ExpectError: regexp.MustCompile(`(?s)already has a secret named "TAKEN".*Import\s+it`),
			},
			{
				Config: f.secretConfig("NOWHERE", 1), ConfigVariables: value("v-3c4d5e"),
				ResourceName: res, ImportState: true, ImportStateId: "NOWHERE",
				ExpectError: regexp.MustCompile(`no secret is named "NOWHERE", and none has it as its id`),
			},
		},
	})
	if n := f.srv.Len(); n != 1 {
		t.Errorf("the fake holds %d secrets, want 1", n)
	}
}
