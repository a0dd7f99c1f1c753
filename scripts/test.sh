#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, the corpus
# batch check, API docs, unit, integration, property and doc tests.
# Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "cargo is needed: install Rust with rustup first" >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== corpus batch check (python)"
python3 data/corpus/tools/check_batch.py data/corpus/batches/b*.jsonl > /dev/null
echo "== cargo doc (warnings are errors: broken links, missing docs)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p signaal
echo "== cargo test"
cargo test --workspace
