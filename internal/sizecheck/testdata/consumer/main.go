// Command consumer is the smallest real use of package client: it gets one
// secret, so its binary holds what every program importing client links.
// Usage: ELEVENLABS_API_KEY=... consumer BASE_URL SECRET_ID
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/xisecrets/xisecrets/client"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: consumer BASE_URL SECRET_ID")
		os.Exit(2)
	}
	c, err := client.New(client.WithBaseURL(os.Args[1]))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s, err := c.Secrets.Get(context.Background(), os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(s.ID, s.Name, s.UsedBy.InUse())
}
