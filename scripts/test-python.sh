#!/usr/bin/env bash
# Build the signaal wheel, install it in a fresh virtual environment and run
# the Python checks against the installed package (not the source tree):
# pytest (tests/python), mypy.stubtest on the stubs, and the example notebook.
#
# Needs only Rust (cargo) and python3 >= 3.9; everything else comes from PyPI.
#
#   scripts/test-python.sh            # build, install, test
#   VENV=/tmp/sv scripts/test-python.sh
#   SKIP_NOTEBOOK=1 scripts/test-python.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${VENV:-$CARGO_TARGET_DIR/venv-python-test}"
WHEELS="$CARGO_TARGET_DIR/wheels-python-test"

echo "== venv $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet "maturin>=1.5,<2" pytest hypothesis mypy typing_extensions \
    pandas-stubs nbclient nbformat ipykernel pandas matplotlib

echo "== build the wheel (release, abi3)"
rm -rf "$WHEELS"
"$VENV/bin/maturin" build --release --out "$WHEELS" --interpreter "$PY"
"$PY" -m pip install --quiet --force-reinstall --no-deps "$WHEELS"/signaal-*.whl

echo "== expected analyses of the dev split from the CLI (the Rust API's serde JSON)"
EXPECTED="$CARGO_TARGET_DIR/python-test-dev-expected.jsonl"
cargo run --quiet --release -p signaal-cli -- analyze data/corpus/dev.jsonl > "$EXPECTED"
export SIGNAAL_EXPECTED_DEV="$EXPECTED"

echo "== pytest (installed wheel)"
# Run from tests/python with -p no:cacheprovider so `import signaal` can only
# find the installed package, never ./python/signaal.
(cd tests/python && "$PY" -m pytest -q -p no:cacheprovider .)

echo "== stubtest"
(cd tests/python && "$PY" -m mypy.stubtest signaal --allowlist stubtest-allowlist.txt)

if [ -z "${SKIP_NOTEBOOK:-}" ]; then
    echo "== notebook"
    "$PY" - <<'PYEOF'
import os, sys
import nbformat
from nbclient import NotebookClient

path = os.path.join("examples", "notebook.ipynb")
nb = nbformat.read(path, as_version=4)
# python3 kernel of this venv: the notebook runs against the installed wheel.
client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "examples"}})
client.execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
if errors:
    sys.exit(f"notebook failed: {errors[0].get('ename')}: {errors[0].get('evalue')}")
print(f"notebook ok: {sum(1 for c in nb.cells if c.cell_type == 'code')} code cells executed")
PYEOF
fi
echo "== python checks passed"
