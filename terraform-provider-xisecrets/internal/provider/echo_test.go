package provider

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/xisecrets/xisecrets/client/secretstest"
)

// A server (or a proxy) that quotes the value back in its error: the
// diagnostic Terraform prints says what failed, without the value.
func TestAccServerEchoNotInDiagnostics(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: make test-all")
	}
	f := newAccFake(t)
	const v1, v2 = "echo-value-one-5d2c71", "echo-value-two-a93e04"
	var diagnostic string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		ErrorCheck: func(err error) error {
			diagnostic = err.Error()
			if strings.Contains(diagnostic, v2) {
				return errors.New("the diagnostic quotes the value the server echoed")
			}
			if !strings.Contains(diagnostic, "Cannot update the secret") {
				return fmt.Errorf("not the update's diagnostic: %w", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: f.secretConfig("ECHOED", 1), ConfigVariables: value(v1)},
			{
				PreConfig: func() {
					f.srv.Inject(secretstest.Fault{Method: http.MethodPatch, Status: http.StatusBadRequest,
						Header: http.Header{"Content-Type": {"application/json"}},
						Body:   `{"detail":{"status":"invalid_value","message":"the value ` + v2 + ` is refused"}}`})
				},
				Config: f.secretConfig("ECHOED", 2), ConfigVariables: value(v2),
			},
		},
	})
	if diagnostic == "" {
		t.Fatal("the update did not fail: the fault was not met")
	}
}
