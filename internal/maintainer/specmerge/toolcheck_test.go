package specmerge

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
)

// specmerge writes the Go that `go tool oapi-codegen -config` (the version
// pinned in internal/maintainer/go.mod) would write from the merged document, byte for byte:
// the header naming the generator, the embedded spec generated after the
// models from the same merge, all of it. TestVendorCorpus checks the same
// on the vendor's 314 operations.
func TestGeneratedGoIsTheTools(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool oapi-codegen")
	}
	d := newRunDir(t)
	if _, err := d.run(); err != nil {
		t.Fatal(err)
	}
	sameAsTool(t, d.out, d.configs...)
}

// sameAsTool runs `go tool oapi-codegen -config` on spec for each config,
// into a directory of its own, and fails unless each file it writes is the
// one at the config's output.
func sameAsTool(t *testing.T, spec string, configs ...string) {
	t.Helper()
	dir := t.TempDir()
	for i, config := range configs {
		cfg, err := loadGeneratorConfig(config)
		if err != nil {
			t.Fatal(err)
		}
		toolConfig := filepath.Join(dir, fmt.Sprintf("config-%d.yaml", i))
		toolOutput := filepath.Join(dir, fmt.Sprintf("output-%d.go", i))
		scratchConfig(t, config, toolConfig, toolOutput)
		run(t, maintainerModule, "go", "tool", "oapi-codegen", "-config", toolConfig, spec)
		want, got := readFile(t, toolOutput), readFile(t, cfg.Output)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: specmerge wrote other Go than go tool oapi-codegen:\n%s", config, firstLineDiff(want, got))
		}
	}
}

// oapi-codegen keeps options in package variables between Generate calls;
// one config's must not reach the next config's Go.
func TestGenerateGoKeepsNoStateBetweenConfigs(t *testing.T) {
	res := mustMerge(t, realSources(t))
	alone := generate(t, res)
	other := repoGeneratorConfig(t)
	other.OutputOptions.ResponseTypeSuffix = "Reply"
	if _, err := generateGo(res.yaml, specName, other); err != nil {
		t.Fatal(err)
	}
	if after := generate(t, res); after != alone {
		t.Errorf("generating with another config first changes the Go:\n%s", firstLineDiff([]byte(alone), []byte(after)))
	}
}
