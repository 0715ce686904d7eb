package specmerge

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
)

// The same pages in any order give byte-identical output and the same fixes.
func TestDeterministicOrder(t *testing.T) {
	srcs := realSources(t)
	want := mustMerge(t, srcs)
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: a failure reproduces
	for i := range 8 {
		shuffled := append([]source(nil), srcs...)
		if i == 0 {
			for l, r := 0, len(shuffled)-1; l < r; l, r = l+1, r-1 {
				shuffled[l], shuffled[r] = shuffled[r], shuffled[l]
			}
		} else {
			rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		}
		got := mustMerge(t, shuffled)
		if !bytes.Equal(got.yaml, want.yaml) {
			t.Fatalf("order %s gives different YAML:\n%s", files(shuffled), firstLineDiff(want.yaml, got.yaml))
		}
		if !reflect.DeepEqual(got.Fixes, want.Fixes) {
			t.Errorf("order %s gives different fixes", files(shuffled))
		}
	}
}

// firstLineDiff shows where two texts part.
func firstLineDiff(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return "line " + itoa(i+1) + ":\n  want " + string(al[i]) + "\n  got  " + string(bl[i])
		}
	}
	return "one is a prefix of the other: " + itoa(len(al)) + " vs " + itoa(len(bl)) + " lines"
}
