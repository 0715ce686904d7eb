// Package readmecheck holds the test that builds every Go block of the
// repository's README.md, so that what a newcomer pastes compiles. Each
// block must be a whole file (package clause, imports); the test builds it
// as a package of this module through a go build overlay, writing nothing
// into the tree. The quick start, the first block, is also run twice
// against the fake: README promises it is safe to run again.
package readmecheck
