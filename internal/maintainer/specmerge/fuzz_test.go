package specmerge

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzMerge feeds arbitrary bytes to merge as one page (b empty) or two. It
// must never panic or hang, an error must name a file it was given, and a
// success must be deterministic. Seeds: testdata/fuzz/FuzzMerge.
func FuzzMerge(f *testing.F) {
	f.Fuzz(func(t *testing.T, a, b []byte) {
		srcs := []source{{File: "api/a.yaml", Data: a}}
		if len(b) > 0 {
			srcs = append(srcs, source{File: "api/b.yaml", Data: b})
		}
		res, err := merge(srcs)
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, "api/a.yaml") && !strings.Contains(msg, "api/b.yaml") {
				t.Fatalf("error names no file: %v", err)
			}
			return
		}
		again, err := merge(srcs)
		if err != nil {
			t.Fatalf("second merge of the same input failed: %v", err)
		}
		if !bytes.Equal(res.yaml, again.yaml) {
			t.Fatalf("two merges of the same input differ:\n%s", firstLineDiff(res.yaml, again.yaml))
		}
	})
}
