#!/usr/bin/env bash
# Builds OpenTofu from its source in the Go module proxy, for a machine
# with Go and no Terraform or OpenTofu 1.11 or later (neither is a Debian
# package, and a vendor's download site may be out of reach where the
# module proxy is not). `go install` refuses the module (its go.mod has a
# replace directive), so this downloads the module and builds cmd/tofu
# inside it. The binary is kept under XDG_CACHE_HOME (or ~/.cache) and
# reused; the directory holding it is printed on stdout. A first build
# takes about 5 minutes on 2 cores. .ci/run calls it when
# require-terraform.sh finds nothing.
set -euo pipefail
version=v1.11.0
dir=${XDG_CACHE_HOME:-$HOME/.cache}/xisecrets/opentofu-$version
if [ ! -x "$dir/tofu" ]; then
	echo "build-opentofu: building OpenTofu $version from the Go module proxy into $dir (about 5 minutes the first time)" >&2
	src=$(go mod download -json "github.com/opentofu/opentofu@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -n "$src" ] || { echo "build-opentofu: go mod download of github.com/opentofu/opentofu@$version gave no directory" >&2; exit 1; }
	mkdir -p "$dir"
	(cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$dir/tofu.tmp" ./cmd/tofu)
	mv "$dir/tofu.tmp" "$dir/tofu"
fi
echo "$dir"
