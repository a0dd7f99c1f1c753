#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, the corpus
# batch check, API docs, unit, integration, property and doc tests, the C
# ABI tests (valgrind, ASan) and the Python wheel tests (pytest, stubtest, notebook).
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
echo "== redaction sets (python checks)"
python3 data/redaction/tools/check_frames.py data/redaction/frames.jsonl > /dev/null
echo "== C ABI: header drift, C tests under valgrind and ASan/UBSan"
bash scripts/test-c.sh
echo "== Python wheel: pytest, stubtest, notebook"
bash scripts/test-python.sh
