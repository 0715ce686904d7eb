package specmerge

import "testing"

// go test -run '^$' -bench . -benchmem ./internal/specmerge/
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

// benchPipeline is what go generate runs, less the file write: merge,
// validate with kin-openapi, trial-generate with oapi-codegen.
func benchPipeline(b *testing.B, srcs []source) {
	cfg := repoGeneratorConfig(b)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		res, err := merge(srcs)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := validate(res.yaml)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := trialGenerate(doc, cfg); err != nil {
			b.Fatal(err)
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
