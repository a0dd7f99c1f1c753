#!/usr/bin/env bash
# Builds and tests the C ABI (bindings/c, include/signaal.h):
#  1. header drift (scripts/check-header.sh, pinned cbindgen, installed if missing);
#  2. the library in release (libsignaal.so and libsignaal.a);
#  3. the crate's Rust tests, which also write the Rust API's analyses of the
#     dev split to $TARGET/c-expected.jsonl (and c-expected-configured.jsonl);
#  4. tests/c/test_signaal.c (C11, -Wall -Wextra -Wpedantic -Werror) against
#     the shared library, then under valgrind (no errors, no leaks);
#  5. the same tests with AddressSanitizer + UBSan, linked against the
#     static library of a debug build (gcc's ASan with a Rust staticlib);
#  6. examples/c/triage.c, built as the README says and run once, and the
#     README's C snippet compiled and run under valgrind.
# Needs the Rust toolchain, gcc and valgrind. Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

for tool in cargo gcc valgrind; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is needed (Rust toolchain via rustup; gcc and valgrind from your package manager)" >&2
    exit 1
  fi
done

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET
OUT=$TARGET/c-tests
mkdir -p "$OUT"
# What a Rust staticlib needs on Linux (`cargo rustc -p signaal-c --lib
# --crate-type staticlib -- --print native-static-libs`).
NATIVE_LIBS="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
CFLAGS="-std=c11 -Wall -Wextra -Wpedantic -Werror -g -I$ROOT/include"
MODEL=$ROOT/data/model/signaal-nl.bin

echo "== header drift"
scripts/check-header.sh

echo "== cargo build --release -p signaal-c"
cargo build --quiet --release -p signaal-c

echo "== cargo test --release -p signaal-c (writes $TARGET/c-expected.jsonl)"
SIGNAAL_C_EXPECTED_DIR=$TARGET cargo test --quiet --release -p signaal-c

echo "== C tests against libsignaal.so"
gcc $CFLAGS -O1 tests/c/test_signaal.c -o "$OUT/test_signaal" \
  -L"$TARGET/release" -lsignaal -Wl,-rpath,"$TARGET/release" -lpthread
"$OUT/test_signaal" "$TARGET" "$MODEL"

echo "== C tests under valgrind (memcheck, leak check)"
# Still-reachable blocks (the built-in model, lexicons, rayon's pool) and
# the "possibly lost" blocks of tests/c/valgrind.supp live as long as the
# process; any other leak or memory error fails the run.
valgrind --quiet --error-exitcode=1 --leak-check=full --suppressions=tests/c/valgrind.supp \
  --show-leak-kinds=definite,possible "$OUT/test_signaal" "$TARGET" "$MODEL"

echo "== C tests with AddressSanitizer + UBSan (static debug library)"
cargo build --quiet -p signaal-c
gcc $CFLAGS -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
  tests/c/test_signaal.c -o "$OUT/test_signaal_asan" "$TARGET/debug/libsignaal.a" $NATIVE_LIBS
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  "$OUT/test_signaal_asan" "$TARGET" "$MODEL"

echo "== examples/c/triage.c (static, as in the README)"
gcc -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -I"$ROOT/include" examples/c/triage.c \
  -o "$OUT/triage" "$TARGET/release/libsignaal.a" $NATIVE_LIBS
printf 'Ik weet waar je woont Jan de Vries, pas maar op\nBedankt voor de snelle hulp!\n' | "$OUT/triage"

echo "== the README's C snippet (first \`\`\`c block after '### C quick start')"
{
  printf '#include <stdio.h>\n#include <string.h>\n#include "signaal.h"\nint main(void) {\n'
  printf 'const char *post = "Ik weet waar je woont Jan de Vries, pas maar op";\n'
  awk '/^### C quick start/{q=1} q&&/^```c$/{c=1;next} c&&/^```$/{exit} c' README.md
  printf 'return 0;\n}\n'
} > "$OUT/readme_snippet.c"
grep -q signaal_analyze "$OUT/readme_snippet.c"
gcc -std=c11 -Wall -Wextra -Wpedantic -Werror -O1 -I"$ROOT/include" "$OUT/readme_snippet.c" \
  -o "$OUT/readme_snippet" "$TARGET/release/libsignaal.a" $NATIVE_LIBS
valgrind --quiet --error-exitcode=1 --leak-check=full --suppressions=tests/c/valgrind.supp \
  --show-leak-kinds=definite,possible "$OUT/readme_snippet" > "$OUT/readme_snippet.out"
grep -q '"labels":\["threat"\]' "$OUT/readme_snippet.out"

echo "C ABI: all checks passed"
