package client_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/gen"
	"github.com/xisecrets/xisecrets/gen/genspec"
)

func TestRegions(t *testing.T) {
	want := map[string]string{
		"default": gen.ServerURLDefault, "us": gen.ServerURLUS, "eu": gen.ServerURLEU,
		"in": gen.ServerURLIndia, "sg": gen.ServerURLSingapore, " EU ": gen.ServerURLEU,
	}
	for name, u := range want {
		r, err := client.ParseRegion(name)
		if err != nil {
			t.Fatalf("ParseRegion(%q): %v", name, err)
		}
		c, err := client.New(client.WithAPIKey("k"), client.WithRegion(r))
		if err != nil || c.BaseURL() != u || c.Region() != r {
			t.Errorf("%s: BaseURL %q, Region %q, err %v; want %q", name, c.BaseURL(), c.Region(), err, u)
		}
	}
	for _, bad := range []string{"", "mars", "europe", "eu-west"} {
		if _, err := client.ParseRegion(bad); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("ParseRegion(%q) = %v", bad, err)
		}
	}
	c, err := client.New(client.WithAPIKey("k"))
	if err != nil || c.BaseURL() != gen.ServerURLDefault {
		t.Errorf("default BaseURL %q, %v", c.BaseURL(), err)
	}
}

// A region comes from a flag or a config file, where a secret may be
// pasted by mistake: the errors list the valid names, never the value.
func TestRegionErrorsNeverQuoteTheValue(t *testing.T) {
	const pasted = "sk_live_LEAKCANARY"
	_, perr := client.ParseRegion(pasted)
	_, werr := client.New(client.WithAPIKey("k"), client.WithRegion(pasted))
	for name, err := range map[string]error{"ParseRegion": perr, "WithRegion": werr} {
		if err == nil || strings.Contains(err.Error(), "LEAKCANARY") || !strings.Contains(err.Error(), "default, us, eu, in, sg") {
			t.Errorf("%s: want the valid names and not the value, got %v", name, err)
		}
	}
}

// Every server of the spec is one Region and every Region a server of the
// spec: the overlay's servers are the one list of hosts, and a host added
// there fails here until it has a Region constant and a row in regions.
func TestRegionsAreTheSpecsServers(t *testing.T) {
	doc, err := genspec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	var servers []string
	for _, s := range doc.Servers {
		servers = append(servers, s.URL)
	}
	var urls []string
	for _, r := range client.Regions() {
		urls = append(urls, r.BaseURL())
	}
	if !slices.Equal(servers, urls) {
		t.Errorf("the spec's servers are %v, the regions' URLs %v: give each server a Region (client/region.go), in the spec's order", servers, urls)
	}
}
