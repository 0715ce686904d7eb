package client

import (
	"strings"

	"github.com/xisecrets/xisecrets/gen"
)

// Region selects one of the vendor's API hosts. The URLs come from the
// generated gen.ServerURL* constants (the spec's servers list), so a new or
// changed host is picked up by regenerating, never by editing this file.
type Region string

// The regions the vendor serves. Use WithBaseURL for anything else (a proxy,
// a fake server in tests).
const (
	RegionDefault   Region = "default" // global, gen.ServerURLDefault
	RegionUS        Region = "us"      // gen.ServerURLUS
	RegionEU        Region = "eu"      // EU data residency, gen.ServerURLEU
	RegionIndia     Region = "in"      // India data residency, gen.ServerURLIndia
	RegionSingapore Region = "sg"      // Singapore data residency, gen.ServerURLSingapore
)

// regions is the only place a Region meets a URL, in the spec's order of
// servers; TestRegionsAreTheSpecsServers checks it against the spec, and
// everything else that lists regions (Regions, ParseRegion's errors, the
// CLI's help and completion) derives from it.
var regions = []struct {
	region Region
	url    string
}{
	{RegionDefault, gen.ServerURLDefault},
	{RegionUS, gen.ServerURLUS},
	{RegionEU, gen.ServerURLEU},
	{RegionIndia, gen.ServerURLIndia},
	{RegionSingapore, gen.ServerURLSingapore},
}

// Regions returns every Region the vendor serves, in the spec's order.
func Regions() []Region {
	out := make([]Region, len(regions))
	for i, r := range regions {
		out[i] = r.region
	}
	return out
}

// ParseRegion turns a user-supplied name ("default", "us", "eu", "in", "sg",
// any case, surrounding spaces ignored) into a Region. Anything else is an
// error listing the accepted names, so a typo in a flag or config file fails
// loudly instead of silently talking to the global region. The error does
// not quote s: a flag's value may be a secret pasted in the wrong place.
func ParseRegion(s string) (Region, error) {
	r := Region(strings.ToLower(strings.TrimSpace(s)))
	if r.BaseURL() == "" {
		return "", invalidf("unknown region %s", regionChoices())
	}
	return r, nil
}

// regionChoices lists the names ParseRegion accepts, for its errors and
// WithRegion's.
func regionChoices() string {
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = string(r.region)
	}
	return "(want one of " + strings.Join(names, ", ") + ")"
}

// BaseURL returns the region's API base URL, or "" for an unknown Region.
func (r Region) BaseURL() string {
	for _, known := range regions {
		if known.region == r {
			return known.url
		}
	}
	return ""
}

// String returns the region's short name, as ParseRegion accepts it.
func (r Region) String() string { return string(r) }
