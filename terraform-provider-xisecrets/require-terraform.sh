#!/usr/bin/env bash
# Finds the Terraform or OpenTofu that the provider's acceptance tests run:
# terraform, else tofu, on PATH, of version 1.11 or later (write-only
# arguments). Prints "<path> <version>" and exits 0; otherwise says what is
# missing on stderr and exits 1. make test-all and make ci require one
# (through this script and XISECRETS_REQUIRE_TERRAFORM); make test runs
# the provider's smoke test only when there is one; .ci/run stops first.
set -euo pipefail
why="no terraform or tofu on PATH"
for name in terraform tofu; do
	bin=$(command -v "$name" 2>/dev/null) || continue
	v=$(CHECKPOINT_DISABLE=1 "$bin" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' | head -n 1)
	major=${v%%.*} rest=${v#*.} minor=${rest%%.*}
	if [ -n "$v" ] && { [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 11 ]; }; } 2>/dev/null; then
		echo "$bin $v"
		exit 0
	fi
	why="$bin is version ${v:-unknown}"
done
echo "require-terraform: $why; the provider's acceptance tests need Terraform or OpenTofu 1.11 or later (install one from its vendor's releases; Debian packages neither)" >&2
exit 1
