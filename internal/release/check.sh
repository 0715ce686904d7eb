#!/usr/bin/env bash
# What make release-check runs after `goreleaser check`: checks what a
# release build left in dist/ (make release-snapshot, or a real release)
# as a user would meet it. Needs bash, tar, sha256sum and Go.
#   - checksums.txt verifies every file it lists;
#   - the six archives (tar.gz, zip for windows) and one SBOM per binary;
#   - the linux/amd64 archive holds the binary, README.md and LICENSE;
#   - its binary's `version` names the release's version and commit, not
#     (devel), and `version --json` says the library in it sends the same
#     version in its User-Agent (the linker flag .goreleaser.yaml sets);
#   - its `--help` works.
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=dist
fail() { echo "release-check: $*" >&2; exit 1; }

[ -f "$dist/metadata.json" ] || fail "no release build in $dist/: run make release-snapshot first"
# goreleaser's metadata.json: the version (without its v) and the commit it built.
field() { grep -o "\"$1\": *\"[^\"]*\"" "$dist/metadata.json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/'; }
version=v$(field version)
commit=$(field commit)
[ "$version" != v ] && [ -n "$commit" ] || fail "$dist/metadata.json names no version or commit"

(cd "$dist" && sha256sum --quiet -c checksums.txt) || fail "checksums.txt does not match $dist/"
echo "release-check: checksums.txt verifies $(wc -l < "$dist/checksums.txt") files"

archives=0
for os in linux darwin windows; do
	for arch in amd64 arm64; do
		ext=tar.gz
		[ "$os" = windows ] && ext=zip
		name="xisecrets_${version#v}_${os}_${arch}"
		[ -f "$dist/$name.$ext" ] || fail "no archive $name.$ext"
		[ -s "$dist/$name.cdx.json" ] || fail "no SBOM $name.cdx.json"
		grep -q "\"$name.$ext\"\|  $name.$ext\$" "$dist/checksums.txt" || fail "checksums.txt does not list $name.$ext"
		archives=$((archives + 1))
	done
done
echo "release-check: $archives archives and their SBOMs, version $version"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$dist/xisecrets_${version#v}_linux_amd64.tar.gz" -C "$tmp"
for f in xisecrets README.md LICENSE; do
	[ -f "$tmp/$f" ] || fail "the linux/amd64 archive has no $f"
done

got=$("$tmp/xisecrets" version)
case "$got" in
"xisecrets $version (commit $commit, "*) ;;
*) fail "xisecrets version printed '$got', want 'xisecrets $version (commit $commit, ...)'" ;;
esac
echo "release-check: $got"
# The library is linked with the same version, which its User-Agent sends.
"$tmp/xisecrets" version --json | grep -q "\"client_version\":\"$version\"" ||
	fail "the library in the binary does not report $version (its User-Agent would differ): $("$tmp/xisecrets" version --json)"
"$tmp/xisecrets" --help > /dev/null || fail "xisecrets --help failed"
echo "release-check: ok"
