package provider

import (
	"fmt"
	"maps"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/xisecrets/xisecrets/client"
)

const envRes = "xisecrets_environment_variable.e"

// envIs is a state check that the fake holds label with exactly the
// values want returns when the check runs (environment to text or id).
func (f *accFake) envIs(label string, want func() map[string]string) statecheck.StateCheck {
	return stateFunc(func() error {
		ev, ok := f.srv.EnvironmentVariable(label)
		if !ok {
			return fmt.Errorf("the fake has no environment variable %q", label)
		}
		if got, w := fromEnvValues(ev.Values), want(); !maps.Equal(got, w) {
			return fmt.Errorf("the fake's %q holds %v, want %v", label, got, w)
		}
		return nil
	})
}

// An environment variable that binds a managed secret: created, its
// environments changed in place, production required at plan time, the
// binding shown in the secret's dependents; destroyed, it keeps only
// production, and the secret it binds then cannot be destroyed.
func TestAccEnvironmentVariableBindsSecret(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	secret := `
resource "xisecrets_secret" "s" {
  name             = "DB_URL"
  value_wo         = var.value
  value_wo_version = 1
}
`
	env := func(values string) string {
		return f.config(secret + `
resource "xisecrets_environment_variable" "e" {
  label  = "DB"
  type   = "secret"
  values = ` + values + `
}
`)
	}
	v := value("db-value-3e8a10")
	id := func() string { return f.idOf(t, "DB_URL") }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: env(`{ production = xisecrets_secret.s.id, staging = xisecrets_secret.s.id }`), ConfigVariables: v,
				ConfigStateChecks: []statecheck.StateCheck{
					f.envIs("DB", func() map[string]string { return map[string]string{"production": id(), "staging": id()} }),
				},
			},
			{ // the refresh shows the bindings in the secret's dependents
				Config: env(`{ production = xisecrets_secret.s.id, staging = xisecrets_secret.s.id }`), ConfigVariables: v,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("dependents").AtMapKey("environment_variables"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"label": knownvalue.StringExact("DB"), "environment": knownvalue.StringExact("production")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"label": knownvalue.StringExact("DB"), "environment": knownvalue.StringExact("staging")}),
					})),
				},
			},
			{ // staging goes, dev comes: in place
				Config: env(`{ production = xisecrets_secret.s.id, dev = xisecrets_secret.s.id }`), ConfigVariables: v,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(envRes, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.envIs("DB", func() map[string]string { return map[string]string{"production": id(), "dev": id()} }),
				},
			},
			{ // no production: the plan fails, nothing is sent
				Config: env(`{ dev = xisecrets_secret.s.id }`), ConfigVariables: v, PlanOnly: true,
				ExpectError: regexp.MustCompile(`values must have a "production" entry`),
			},
			{ // destroying the variable leaves production bound
				Config: f.config(secret), ConfigVariables: v,
				ConfigStateChecks: []statecheck.StateCheck{
					f.envIs("DB", func() map[string]string { return map[string]string{"production": id()} }),
				},
			},
			{ // so the secret it binds cannot be destroyed, and says why
				Config: f.config(secret), ConfigVariables: v, Destroy: true,
				ExpectError: regexp.MustCompile(`(?s)still in use.*environment\s+variable\s+"DB"`),
			},
			{
				Config: f.keepSecret(),
			},
		},
	})
}

// A string variable with its data source; import by label; a create of a
// label that exists says to import it.
func TestAccEnvironmentVariableImportAndDataSource(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	if _, err := f.srv.SeedEnvironmentVariable("API_HOST", client.EnvironmentVariableString,
		map[string]client.EnvironmentValue{"production": client.StringValue("api.example.com"), "staging": client.StringValue("staging.example.com")}); err != nil {
		t.Fatal(err)
	}
	cfg := func(label string) string {
		return f.config(fmt.Sprintf(`
resource "xisecrets_environment_variable" "e" {
  label  = %q
  type   = "string"
  values = { production = "api.example.com", staging = "staging.example.com" }
}

data "xisecrets_environment_variable" "d" {
  label = "API_HOST"
}
`, label))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg("API_HOST"),
				ExpectError: regexp.MustCompile(`(?s)already has an environment variable labelled "API_HOST".*Import\s+it`),
			},
			{
				Config: cfg("API_HOST"), ResourceName: envRes, ImportState: true, ImportStateId: "API_HOST", ImportStatePersist: true,
			},
			{
				Config:           cfg("API_HOST"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.xisecrets_environment_variable.d", tfjsonpath.New("type"), knownvalue.StringExact("string")),
					statecheck.ExpectKnownValue("data.xisecrets_environment_variable.d", tfjsonpath.New("values"), knownvalue.MapExact(map[string]knownvalue.Check{
						"production": knownvalue.StringExact("api.example.com"), "staging": knownvalue.StringExact("staging.example.com"),
					})),
				},
			},
		},
	})
	if ev, ok := f.srv.EnvironmentVariable("API_HOST"); !ok || len(ev.Values) != 1 {
		t.Errorf("after destroy the fake's API_HOST is %v (present %v), want its production value alone", ev.Values, ok)
	}
}
