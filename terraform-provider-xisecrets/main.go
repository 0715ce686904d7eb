// Command terraform-provider-xisecrets is the Terraform and OpenTofu
// provider for ElevenLabs workspace secrets (registry address
// xisecrets/xisecrets), on top of package client. Terraform starts it; run
// by hand it says so. With -debug it serves for a debugger
// (TF_REATTACH_PROVIDERS).
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/xisecrets/xisecrets/terraform-provider-xisecrets/internal/provider"
)

// version is set by the release build (-X main.version=...).
var version = "dev"

func main() {
	debug := flag.Bool("debug", false, "serve for a debugger: print TF_REATTACH_PROVIDERS and wait")
	flag.Parse()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         provider.Address,
		Debug:           *debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
