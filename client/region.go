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

// regionURLs is the only place a Region meets a URL.
var regionURLs = map[Region]string{
	RegionDefault:   gen.ServerURLDefault,
	RegionUS:        gen.ServerURLUS,
	RegionEU:        gen.ServerURLEU,
	RegionIndia:     gen.ServerURLIndia,
	RegionSingapore: gen.ServerURLSingapore,
}

// ParseRegion turns a user-supplied name ("default", "us", "eu", "in", "sg",
// any case, surrounding spaces ignored) into a Region. Anything else is an
// error listing the accepted names, so a typo in a flag or config file fails
// loudly instead of silently talking to the global region. The error does
// not quote s: a flag's value may be a secret pasted in the wrong place.
func ParseRegion(s string) (Region, error) {
	r := Region(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := regionURLs[r]; !ok {
		return "", invalidf("unknown region %s", regionChoices)
	}
	return r, nil
}

// regionChoices lists the names ParseRegion accepts, for its errors and
// WithRegion's.
const regionChoices = "(want one of default, us, eu, in, sg)"

// BaseURL returns the region's API base URL, or "" for an unknown Region.
func (r Region) BaseURL() string { return regionURLs[r] }

// String returns the region's short name, as ParseRegion accepts it.
func (r Region) String() string { return string(r) }
