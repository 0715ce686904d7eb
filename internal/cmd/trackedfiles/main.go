// Command trackedfiles is make lint's check that the repository tracks no
// executable and no file over 4 MiB (package internal/trackedfiles). It
// prints one line per refused file, naming it, and exits 1 if there is
// any; run from the repository root:
//
//	go run ./internal/cmd/trackedfiles
package main

import (
	"fmt"
	"os"

	"github.com/xisecrets/xisecrets/internal/trackedfiles"
)

func main() {
	problems, err := trackedfiles.Check(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "trackedfiles:", err)
		os.Exit(2)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "trackedfiles:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}
