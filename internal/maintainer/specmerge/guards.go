package specmerge

import (
	"fmt"
	"path/filepath"

	"github.com/xisecrets/xisecrets/internal/maintainer/genroutes"
)

// generatedClient is the Go of a config that generates the client
// (generate.client), which the path parameter wrapper reads and whose
// package the routes and the wrapper join.
type generatedClient struct {
	config string // the config file, for errors
	cfg    generatorConfig
	code   []byte
}

// guardOutputs returns the files the client's guards are generated into,
// as opts asks: the spec's routes (opts.Routes) and the wrapper checking
// path parameters (opts.PathParams), both from the merged document spec and
// the client's Go, in the client's package. outs are the outputs so far,
// none of which they may overwrite.
func guardOutputs(opts Options, spec []byte, clients []generatedClient, outs []output) ([]output, error) {
	if opts.Routes == "" && opts.PathParams == "" {
		return nil, nil
	}
	client, err := theClient(clients)
	if err != nil {
		return nil, err
	}
	pkg := client.cfg.PackageName
	var guards []output
	add := func(flag, path string, code []byte) error {
		if err := checkOutput(flag, path, append(outs, guards...)); err != nil {
			return err
		}
		guards = append(guards, output{path, code})
		return nil
	}
	if opts.Routes != "" {
		code, err := genroutes.Routes(spec, filepath.ToSlash(opts.Out), pkg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", opts.Out, err)
		}
		if err := add("-routes", opts.Routes, code); err != nil {
			return nil, err
		}
	}
	if opts.PathParams != "" {
		// The wrapper's errors name the client's lines at its output, the
		// file a maintainer would read the Go in.
		code, err := genroutes.PathParams(client.code, filepath.ToSlash(client.cfg.Output), pkg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", client.config, err)
		}
		if err := add("-pathparams", opts.PathParams, code); err != nil {
			return nil, err
		}
	}
	return guards, nil
}

// theClient is the one config that generates a client: the routes and the
// wrapper join its package, and the wrapper wraps its ClientInterface.
func theClient(clients []generatedClient) (generatedClient, error) {
	switch len(clients) {
	case 1:
		return clients[0], nil
	case 0:
		return generatedClient{}, fmt.Errorf("-routes and -pathparams need a -config that generates the client (generate.client: true); none does")
	default:
		return generatedClient{}, fmt.Errorf("-routes and -pathparams need one -config that generates the client (generate.client: true); %s and %s both do", clients[0].config, clients[1].config)
	}
}
