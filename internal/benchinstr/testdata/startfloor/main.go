// Command startfloor is the start-up floor `xisecrets version` is measured
// against: it links net/http and encoding/json, as any API client does,
// and prints its version the way the CLI does (from the build info, as one
// line or as JSON), so that what the CLI executes above it is what its own
// packages and their initialisers add.
//
//	startfloor version [--json]
//	startfloor get URL    (only there so that the linker keeps net/http's client)
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "get" {
		resp, err := http.Get(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
		return
	}
	version := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok {
		version = info.Main.Version
	}
	if len(os.Args) == 3 && os.Args[2] == "--json" {
		b, _ := json.Marshal(map[string]string{"version": version, "go": runtime.Version()})
		fmt.Println(string(b))
		return
	}
	fmt.Printf("startfloor %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
