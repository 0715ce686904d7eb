package client_test

import (
	"errors"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/gen"
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
