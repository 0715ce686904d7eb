package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/xisecrets/xisecrets/client"
)

// xisecrets_secret gives a name's id and users; xisecrets_secrets the
// secrets of a prefix; a name that two secrets share is an error.
func TestAccDataSources(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	ids := map[string]string{}
	for _, n := range []string{"APP_A", "APP_B", "OTHER", "TWICE", "TWICE"} {
		id, err := f.srv.Seed(n, "value-of-"+n)
		if err != nil {
			t.Fatal(err)
		}
		ids[n] = id
	}
	if err := f.srv.MarkInUse(ids["APP_A"], client.DependencyAgents, "support agent"); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: f.config(`
data "xisecrets_secret" "a" {
  name = "APP_A"
}

data "xisecrets_secrets" "app" {
  prefix = "APP_"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.xisecrets_secret.a", tfjsonpath.New("id"), knownvalue.StringExact(ids["APP_A"])),
					statecheck.ExpectKnownValue("data.xisecrets_secret.a", tfjsonpath.New("dependents").AtMapKey("agents").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("support agent")),
					statecheck.ExpectKnownValue("data.xisecrets_secrets.app", tfjsonpath.New("secrets"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids["APP_A"]), "name": knownvalue.StringExact("APP_A")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids["APP_B"]), "name": knownvalue.StringExact("APP_B")}),
					})),
				},
			},
			{
				Config: f.config(`
data "xisecrets_secret" "t" {
  name = "TWICE"
}
`),
				ExpectError: regexp.MustCompile(`2 secrets are named "TWICE"`),
			},
		},
	})
}

// The provider block's rules fail the plan: a region and a base URL
// together, and an http base URL to another host.
func TestAccProviderConfigErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	data := `
data "xisecrets_secrets" "all" {}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config:      withProvider(`provider "xisecrets" {` + "\n" + `  api_key = "k"` + "\n" + `  region = "eu"` + "\n" + `  base_url = "https://example.com"` + "\n}\n" + data),
				ExpectError: regexp.MustCompile(`both region and base_url`),
			},
			{
				Config:      withProvider(`provider "xisecrets" {` + "\n" + `  api_key = "k"` + "\n" + `  base_url = "http://example.com"` + "\n}\n" + data),
				ExpectError: regexp.MustCompile(`(?i)loopback`),
			},
		},
	})
}
