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

func benchMerge(b *testing.B, srcs []Source) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Merge(srcs); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPipeline is what go generate runs, less the file write: merge,
// validate with kin-openapi, trial-generate with oapi-codegen.
func benchPipeline(b *testing.B, srcs []Source) {
	cfg := repoGeneratorConfig(b)
	b.ReportAllocs()
	for b.Loop() {
		res, err := Merge(srcs)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := Validate(res.YAML)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := TrialGenerate(doc, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
