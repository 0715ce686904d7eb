package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/xisecrets/xisecrets/client/secretstest"
)

// refreshCost is what the fake received for one plan: pages of the
// secrets' listing, reads of one secret, pages of the environment
// variables' listing (who binds each secret).
type refreshCost struct{ pages, gets, envPages, other int }

func (c refreshCost) total() int { return c.pages + c.gets + c.envPages + c.other }

func (c refreshCost) String() string {
	return fmt.Sprintf("%d requests: %d pages of secrets, %d reads by id, %d pages of environment variables, %d other",
		c.total(), c.pages, c.gets, c.envPages, c.other)
}

func costOf(reqs []secretstest.RecordedRequest) refreshCost {
	var c refreshCost
	for _, r := range reqs {
		switch {
		case r.Method == http.MethodGet && r.Path == "/v1/convai/secrets":
			c.pages++
		case r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/v1/convai/secrets/") && strings.Count(r.Path, "/") == 4:
			c.gets++
		case r.Method == http.MethodGet && r.Path == "/v1/convai/environment-variables":
			c.envPages++
		default:
			c.other++
		}
	}
	return c
}

// The cost of refreshing 500 managed secrets, with the run's listing
// cache and without it (one read per secret): the figures of this
// directory's BENCHMARKS.md. A count of requests, not a duration.
//
//	go -C terraform-provider-xisecrets test -count=1 -v -run TestAccRefreshCost ./internal/provider
func TestAccRefreshCost(t *testing.T) {
	if testing.Short() {
		t.Skip("500 resources: make test-all")
	}
	const n = 500
	for _, noCache := range []bool{true, false} {
		t.Run(fmt.Sprintf("noCache=%v", noCache), func(t *testing.T) {
			f := newAccFake(t)
			f.noCache = noCache
			cfg := f.config(fmt.Sprintf(`
resource "xisecrets_secret" "s" {
  count            = %d
  name             = "SECRET_${count.index}"
  value_wo         = "value-${count.index}"
  value_wo_version = 1
}
`, n))
			var before int
			var cost refreshCost
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: f.factories(),
				Steps: []resource.TestStep{
					{Config: cfg},
					{PreConfig: func() { before = len(f.srv.Requests()) }, Config: cfg, PlanOnly: true},
					{PreConfig: func() { cost = costOf(f.srv.Requests()[before:]) }, Config: cfg, PlanOnly: true},
				},
			})
			t.Logf("refreshing %d secrets (one terraform plan): %v", n, cost)
			if !noCache && cost.total() > n/100+1 {
				t.Errorf("with the cache, a refresh of %d secrets cost %v; want one listing of each (%d pages and 1)", n, cost, n/100)
			}
		})
	}
}
