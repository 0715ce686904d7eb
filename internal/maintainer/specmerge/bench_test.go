package specmerge

import "testing"

// go -C internal/maintainer test -run '^$' -bench . -benchmem ./specmerge/
// Results and the machine they ran on: BENCHMARKS.md at the repo root.

func BenchmarkMergeSynthetic300(b *testing.B) { benchMerge(b, syntheticPages(300)) }
func BenchmarkMergeReal(b *testing.B)         { benchMerge(b, realSources(b)) }
func BenchmarkMergeVendor(b *testing.B)       { benchMerge(b, vendorPages(b)) }

func BenchmarkPipelineSynthetic300(b *testing.B) { benchPipeline(b, syntheticPages(300)) }
func BenchmarkPipelineReal(b *testing.B)         { benchPipeline(b, realSources(b)) }
func BenchmarkPipelineVendor(b *testing.B)       { benchPipeline(b, vendorPages(b)) }

func benchMerge(b *testing.B, srcs []source) {
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := merge(srcs); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPipeline is what go generate's specmerge step runs, less the file
// writes: merge, validate with kin-openapi, generate each of the
// repository's oapi-codegen configs with oapi-codegen.
func benchPipeline(b *testing.B, srcs []source) {
	var cfgs []generatorConfig
	for _, path := range []string{repoConfig, repoSpecConfig} {
		cfg, err := loadGeneratorConfig(path)
		if err != nil {
			b.Fatal(err)
		}
		cfgs = append(cfgs, cfg)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		res, err := merge(srcs)
		if err != nil {
			b.Fatal(err)
		}
		if err := validate(res.yaml); err != nil {
			b.Fatal(err)
		}
		for _, cfg := range cfgs {
			if _, err := generateGo(res.yaml, specName, cfg); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// reportCPU adds the process's CPU time per operation (user + system, the
// garbage collector's included) as cpu-ns/op. On the shared machine the
// wall-clock ns/op mostly measures the other users; CPU time much less so.
// Call it after any setup, and call what it returns after the loop.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}
