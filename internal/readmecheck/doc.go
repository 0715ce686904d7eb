// Package readmecheck holds the tests that keep the repository's
// documentation true to the code: every Go block of README.md,
// CONTRIBUTING.md and docs/*.md compiles, and every relative link of
// those and of BENCHMARKS.md and RELIABILITY.md points at a file that
// exists (and, for an #anchor of a Markdown file, at one of its headings).
//
// Each Go block must be a whole file (package clause, imports); the test
// builds it as a package of this module through a go build overlay,
// writing nothing into the tree, with a //line directive so that a
// compiler error names the Markdown file and line. README's quick start,
// its first Go block, is also run twice against the fake: README promises
// it is safe to run again.
package readmecheck
