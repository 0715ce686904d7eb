package cli

import "github.com/xisecrets/xisecrets/client"

// RegionNames are the names client.ParseRegion accepts.
func RegionNames() []string {
	var names []string
	for _, r := range client.Regions() {
		names = append(names, r.String())
	}
	return names
}
