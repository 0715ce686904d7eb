#!/usr/bin/env bash
# What make provider-release-check runs after `goreleaser check`: what a
# release build of the provider left in dist/ (make
# provider-release-snapshot, or a real release), as a registry reads it:
#   - six zips, terraform-provider-xisecrets_<version>_<os>_<arch>.zip, each
#     holding only the binary terraform-provider-xisecrets_v<version>;
#   - SHA256SUMS verifies and lists every zip and the manifest;
#   - the manifest names protocol 6.0;
#   - the linux/amd64 binary runs, and says it is a plugin.
set -euo pipefail
cd "$(dirname "$0")"
dist=dist
fail() { echo "provider-release-check: $*" >&2; exit 1; }

[ -f "$dist/metadata.json" ] || fail "no release build in $dist/: run make provider-release-snapshot first"
version=$(grep -o '"version": *"[^"]*"' "$dist/metadata.json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$version" ] || fail "$dist/metadata.json names no version"
name=terraform-provider-xisecrets_$version
sums=$dist/${name}_SHA256SUMS
[ -f "$sums" ] || fail "no $sums"
# The manifest is uploaded from terraform-registry-manifest.json under its
# release name (.goreleaser.yaml's extra_files), so dist/ has no copy.
manifest=terraform-registry-manifest.json
(cd "$dist" && grep -v "  ${name}_manifest.json\$" "$(basename "$sums")" | sha256sum --quiet -c -) || fail "$sums does not match $dist/"
listed=$(grep "  ${name}_manifest.json\$" "$sums" | cut -d' ' -f1) || fail "$sums does not list the manifest"
[ "$listed" = "$(sha256sum < "$manifest" | cut -d' ' -f1)" ] || fail "$sums lists another manifest than $manifest"
grep -q '"protocol_versions": *\[ *"6.0" *\]' "$manifest" || fail "$manifest does not name protocol 6.0"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for os in linux darwin windows; do
	for arch in amd64 arm64; do
		zip=${name}_${os}_${arch}.zip
		[ -f "$dist/$zip" ] || fail "no $zip"
		grep -q "  $zip\$" "$sums" || fail "$sums does not list $zip"
		exe=terraform-provider-xisecrets_v$version
		[ "$os" = windows ] && exe=$exe.exe
		# A zip's listing, without unzip: Go's archive/zip, through go run.
		got=$(cd "$tmp" && printf 'package main\nimport ("archive/zip";"fmt";"os")\nfunc main(){r,err:=zip.OpenReader(os.Args[1]);if err!=nil{panic(err)};for _,f:=range r.File{fmt.Println(f.Name)}}\n' > ls.go && go run ls.go "$OLDPWD/$dist/$zip")
		[ "$got" = "$exe" ] || fail "$zip holds '$got', want only $exe"
	done
done
echo "provider-release-check: 6 zips, $(basename "$sums") and the manifest (protocol 6.0), version $version"

bin=$dist/provider_linux_amd64_v1/terraform-provider-xisecrets_v$version
[ -x "$bin" ] || fail "no linux/amd64 binary at $bin"
out=$("$bin" 2>&1 || true)
case "$out" in
*"plugin"*) ;;
*) fail "the linux/amd64 binary, run alone, printed '$out'" ;;
esac
echo "provider-release-check: ok"
