#!/usr/bin/env bash
# Regenerates include/signaal.h with the pinned cbindgen into a temporary
# file and fails if it differs from the checked-in header (header drift).
# Installs the pinned cbindgen with `cargo install` when it is missing.
#
#   scripts/check-header.sh          check (CI)
#   scripts/check-header.sh --fix    regenerate include/signaal.h
set -euo pipefail
cd "$(dirname "$0")/.."

CBINDGEN_VERSION=0.29.2

if ! command -v cbindgen >/dev/null || [ "$(cbindgen --version)" != "cbindgen $CBINDGEN_VERSION" ]; then
  echo "== installing cbindgen $CBINDGEN_VERSION" >&2
  cargo install --quiet --locked cbindgen --version "$CBINDGEN_VERSION"
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# cbindgen warns about every private item it skips; only its failure matters.
cbindgen --quiet --config bindings/c/cbindgen.toml --output "$tmp" bindings/c

if [ "${1:-}" = "--fix" ]; then
  cp "$tmp" include/signaal.h
  echo "include/signaal.h regenerated"
elif ! diff -u include/signaal.h "$tmp"; then
  echo "include/signaal.h is out of date: run scripts/check-header.sh --fix and commit it" >&2
  exit 1
else
  echo "include/signaal.h is up to date (cbindgen $CBINDGEN_VERSION)"
fi
