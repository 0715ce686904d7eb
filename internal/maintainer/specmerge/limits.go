package specmerge

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// The merge's work grows with a page's size times its nesting: each level
// of a schema builds the JSON pointers, Go names and indented output of the
// levels above it again, so a page of 100 KB nested 5,000 deep takes
// seconds to merge and far more to validate and generate. Pages beyond
// these limits are refused, naming the file and where, before any of that
// work. The vendor's published document cut into its 314 pages
// (testdata/corpus) nests at most 15 deep, and its largest page is 382 KiB:
// the limits leave four and ten times that room.
const (
	// maxPageDepth is how many mappings and lists a page may nest,
	// counting its top level, with aliases followed.
	maxPageDepth = 64
	// maxPageBytes is the largest page, or overlay, the merge reads.
	maxPageBytes = 4 << 20
)

// checkDepth refuses a parsed page nesting deeper than maxPageDepth,
// naming the file, the line and the JSON pointer where it passes the limit.
func checkDepth(file string, root *yaml.Node) error {
	h := heights{}
	n := root
	if h.of(n) <= maxPageDepth {
		return nil
	}
	var tokens []string
	n = unalias(n)
	// n is at depth; a child one lower than n leads to where the limit is
	// passed.
	for depth := 1; depth <= maxPageDepth; depth++ {
		for i, c := range n.Content {
			if h.of(c) != h.of(n)-1 {
				continue
			}
			switch {
			case n.Kind == yaml.SequenceNode:
				tokens = append(tokens, strconv.Itoa(i))
			case i%2 == 1:
				tokens = append(tokens, n.Content[i-1].Value)
			default: // a mapping's key that is itself a mapping or list
				tokens = append(tokens, "?")
			}
			n = c
			break
		}
		n = unalias(n)
	}
	return fmt.Errorf("%s:%d: %s: nests more than %d mappings and lists deep, the most a page may",
		file, n.Line, pointer(tokens...), maxPageDepth)
}

// unalias is the mapping, list or scalar n stands for.
func unalias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode || n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		} else {
			n = n.Content[0]
		}
	}
	return n
}

// heights memoizes how many mappings and lists nest at and under a node,
// aliases followed: an alias repeats its anchor's nesting wherever it is
// used, so each anchor is counted once, not once per use.
type heights map[*yaml.Node]int

func (h heights) of(n *yaml.Node) int {
	if v, ok := h[n]; ok {
		return v
	}
	h[n] = 0 // an alias inside its own anchor: yaml.v3 refuses it when decoding
	v := 0
	switch n.Kind {
	case yaml.AliasNode:
		v = h.of(n.Alias)
	case yaml.DocumentNode, yaml.MappingNode, yaml.SequenceNode:
		for _, c := range n.Content {
			v = max(v, h.of(c))
		}
		if n.Kind != yaml.DocumentNode {
			v++
		}
	}
	h[n] = v
	return v
}
