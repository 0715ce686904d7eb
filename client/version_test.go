package client

import (
	"runtime/debug"
	"testing"
)

func TestModuleVersion(t *testing.T) {
	dep := func(path, version string, replace *debug.Module) *debug.Module {
		return &debug.Module{Path: path, Version: version, Replace: replace}
	}
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "(devel)"},
		{"built in a tagged clone", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v0.3.0"}}, "v0.3.0"},
		{"built in a clone, pseudo-version", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v0.2.1-0.20260102030405-0123456789ab+dirty"}}, "v0.2.1-0.20260102030405-0123456789ab+dirty"},
		{"built in a clone, no VCS stamp", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}}, "(devel)"},
		{"a consumer's dependency", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app", Version: "(devel)"},
			Deps: []*debug.Module{dep("github.com/google/uuid", "v1.6.0", nil), dep(modulePath, "v0.4.2", nil)}}, "v0.4.2"},
		{"a consumer's dependency replaced by a fork", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{dep(modulePath, "v0.4.2", dep("example.com/fork", "v0.4.3", nil))}}, "v0.4.3"},
		{"a consumer's dependency replaced by a directory", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{dep(modulePath, "v0.4.2", dep("../xisecrets", "", nil))}}, "(devel)"},
		{"a program that does not link the module", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app", Version: "v1.0.0"}}, "(devel)"},
	} {
		if got := moduleVersion(tc.info); got != tc.want {
			t.Errorf("%s: moduleVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestUserAgentFor(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":  "xisecrets-go/v1.2.3",
		"(devel)": "xisecrets-go/devel",
		"v0.0.0-20260102030405-0123456789ab+dirty": "xisecrets-go/v0.0.0-20260102030405-0123456789ab+dirty",
	} {
		if got := userAgentFor(v); got != want {
			t.Errorf("userAgentFor(%q) = %q, want %q", v, got, want)
		}
	}
}
