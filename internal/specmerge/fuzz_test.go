package specmerge

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzMerge feeds arbitrary bytes to Merge as one page (b empty) or two. It
// must never panic or hang, an error must name a file it was given, and a
// success must be deterministic. Seeds: testdata/fuzz/FuzzMerge.
func FuzzMerge(f *testing.F) {
	f.Fuzz(func(t *testing.T, a, b []byte) {
		srcs := []Source{{File: "api/a.yaml", Data: a}}
		if len(b) > 0 {
			srcs = append(srcs, Source{File: "api/b.yaml", Data: b})
		}
		res, err := Merge(srcs)
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, "api/a.yaml") && !strings.Contains(msg, "api/b.yaml") {
				t.Fatalf("error names no file: %v", err)
			}
			return
		}
		again, err := Merge(srcs)
		if err != nil {
			t.Fatalf("second Merge of the same input failed: %v", err)
		}
		if !bytes.Equal(res.YAML, again.YAML) {
			t.Fatalf("two merges of the same input differ:\n%s", firstLineDiff(res.YAML, again.YAML))
		}
	})
}
