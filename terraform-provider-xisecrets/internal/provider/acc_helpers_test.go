package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// requireEnv is the variable make test-all and make ci set: without a
// Terraform the acceptance tests then fail rather than skip.
const requireEnv = "XISECRETS_REQUIRE_TERRAFORM"

// cli is the Terraform or OpenTofu the acceptance tests run.
type cli struct {
	bin string
	// host is the registry that a source without one, as
	// "xisecrets/xisecrets", names under this binary: OpenTofu's own
	// registry.opentofu.org, or registry.terraform.io.
	host string
}

// address is the provider's full address under this binary.
func (c cli) address() string { return c.host + "/" + providerSource }

// providerSource is the provider's source in every test configuration, as
// a user writes it: the binary running it supplies the registry host.
const providerSource = "xisecrets/xisecrets"

// terraformCLI returns a Terraform or OpenTofu of version 1.11 or later
// (write-only arguments): TF_ACC_TERRAFORM_PATH, else terraform, else tofu
// on PATH. It skips the test without one, or fails it under requireEnv.
// It sets what terraform-plugin-testing reads, and CHECKPOINT_DISABLE, so
// that no version check leaves the machine; and an empty CLI
// configuration, so that a developer's dev_overrides play no part.
//
// terraform-plugin-testing reattaches the in-process provider at
// TF_ACC_PROVIDER_HOST/TF_ACC_PROVIDER_NAMESPACE/xisecrets. Its defaults
// (registry.terraform.io, with both the namespaces "-" and "hashicorp")
// break OpenTofu, which rejects "-" on any host but its own
// (opentofu/opentofu#977), and resolves an undeclared provider to
// registry.opentofu.org/hashicorp. So the host is the binary's own, the
// namespace is the provider's, and every configuration declares
// providerSource (withProvider), which resolves to exactly that address.
func terraformCLI(t *testing.T) cli {
	t.Helper()
	c, why := findTerraform()
	if why != "" {
		if os.Getenv(requireEnv) != "" {
			t.Fatalf("%s; %s is set, so the acceptance tests are required: install Terraform or OpenTofu 1.11 or later on PATH", why, requireEnv)
		}
		t.Skipf("%s: the provider's acceptance tests are skipped", why)
	}
	cfg := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	namespace, _, _ := strings.Cut(providerSource, "/")
	t.Setenv("TF_ACC", "1")
	t.Setenv("TF_ACC_TERRAFORM_PATH", c.bin)
	t.Setenv("TF_ACC_PROVIDER_HOST", c.host)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", namespace)
	t.Setenv("CHECKPOINT_DISABLE", "1")
	t.Setenv("TF_CLI_CONFIG_FILE", cfg)
	t.Setenv("TF_IN_AUTOMATION", "1")
	return c
}

// findTerraform is terraformCLI's search; why says what is missing.
func findTerraform() (c cli, why string) {
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	for _, name := range []string{"terraform", "tofu"} {
		if bin != "" {
			break
		}
		bin, _ = exec.LookPath(name)
	}
	if bin == "" {
		return cli{}, "no terraform or tofu on PATH"
	}
	// The first line, "Terraform v1.11.4" or "OpenTofu v1.11.0", says
	// both which binary this is and its version (version -json says only
	// the version, under the same key for both).
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	line, _, _ := bytes.Cut(out, []byte("\n"))
	name, version, ok := strings.Cut(string(line), " v")
	if err != nil || !ok {
		return cli{}, fmt.Sprintf("%s version failed or said no version (%v)", bin, err)
	}
	parts := strings.SplitN(version, ".", 3)
	major, _ := strconv.Atoi(parts[0])
	minor := 0
	if len(parts) > 1 {
		minor, _ = strconv.Atoi(parts[1])
	}
	if major < 1 || (major == 1 && minor < 11) {
		return cli{}, fmt.Sprintf("%s is version %s; write-only arguments need 1.11 or later", bin, version)
	}
	c = cli{bin: bin, host: "registry.terraform.io"}
	if name == "OpenTofu" {
		c.host = "registry.opentofu.org"
	}
	return c, ""
}

// withProvider is body after a terraform block that declares the
// provider's source. terraform-plugin-testing writes such a block itself
// into a step's configuration, but not into an import step's (it writes
// that one verbatim), and under OpenTofu an undeclared provider is
// registry.opentofu.org/hashicorp/xisecrets, which nothing serves.
func withProvider(body string) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    xisecrets = {
      source = %q
    }
  }
}
`, providerSource) + body
}

// accFake is a fake workspace and a provider configured for it.
type accFake struct {
	srv *secretstest.Server
	c   *client.Client // for changes "out of band"
	// noCache: the provider reads each secret with a request of its own.
	noCache bool
}

func newAccFake(t *testing.T) *accFake {
	t.Helper()
	terraformCLI(t)
	srv := secretstest.NewServer(t)
	c, err := client.New(client.WithBaseURL(srv.URL()), client.WithAPIKey(srv.APIKey()))
	if err != nil {
		t.Fatal(err)
	}
	return &accFake{srv: srv, c: c}
}

// factories is ProtoV6ProviderFactories: the provider in this process.
func (f *accFake) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"xisecrets": func() (tfprotov6.ProviderServer, error) {
			p := &xisecretsProvider{version: "test", getenv: func(string) string { return "" }, noCache: f.noCache}
			return providerserver.NewProtocol6WithError(p)()
		},
	}
}

// config is the provider block for the fake, the ephemeral variable
// "value" (as a real configuration would pass a value: never a literal in
// a file) and body.
func (f *accFake) config(body string) string {
	return withProvider(fmt.Sprintf(`
provider "xisecrets" {
  base_url = %q
  api_key  = %q
}

variable "value" {
  type      = string
  ephemeral = true
  sensitive = true
  default   = null
}
`, f.srv.URL(), f.srv.APIKey())) + body
}

// secretConfig is one xisecrets_secret "s" of this name and version.
func (f *accFake) secretConfig(name string, version int) string {
	return f.config(fmt.Sprintf(`
resource "xisecrets_secret" "s" {
  name             = %q
  value_wo         = var.value
  value_wo_version = %d
}
`, name, version))
}

// keepSecret is a configuration that stops managing xisecrets_secret.s
// without destroying it: what the error of a destroy in use advises, and
// how a test ends whose secret a dependent of the fake keeps.
func (f *accFake) keepSecret() string {
	return f.config(`
removed {
  from = xisecrets_secret.s
  lifecycle {
    destroy = false
  }
}
`)
}

// idOf is the id of the one secret named name in the fake.
func (f *accFake) idOf(t *testing.T, name string) string {
	t.Helper()
	st, err := f.c.Secrets.FindByName(context.Background(), name)
	if err != nil {
		t.Fatalf("FindByName(%q): %v", name, err)
	}
	return st.ID
}

// noValueInState fails if the state, as terraform show -json prints it,
// holds any of the values.
func noValueInState(values ...string) statecheck.StateCheck { return jsonLeak{values} }

// noValueInPlan fails if the plan, as terraform show -json prints it,
// holds any of the values.
func noValueInPlan(values ...string) plancheck.PlanCheck { return jsonLeak{values} }

type jsonLeak struct{ values []string }

func (j jsonLeak) search(what string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	for _, val := range j.values {
		if bytes.Contains(b, []byte(val)) {
			return fmt.Errorf("the %s JSON holds a secret value (%d bytes of JSON)", what, len(b))
		}
	}
	return nil
}

func (j jsonLeak) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = j.search("state", req.State)
}

func (j jsonLeak) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = j.search("plan", req.Plan)
}

// valueIs is a state check (it runs after an apply) that the fake holds
// value for the secret named name.
func (f *accFake) valueIs(t *testing.T, name, value string) statecheck.StateCheck {
	return stateFunc(func() error {
		if id := f.idOf(t, name); !f.srv.ValueIs(id, value) {
			return fmt.Errorf("the fake does not hold the expected value for %q", name)
		}
		return nil
	})
}

type stateFunc func() error

func (f stateFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}
