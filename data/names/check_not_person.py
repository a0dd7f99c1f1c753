#!/usr/bin/env python3
"""Check data/names/not_person.txt and report its overlap with the name lists.

Checks (exit status 1 if any fails):
  * UTF-8, `\\n` line ends, final newline, no empty lines;
  * no leading/trailing whitespace, no double spaces;
  * every entry in Unicode NFC;
  * sorted by code point (the order of `LC_ALL=C sort`), no exact duplicates.

Then prints how many entries also occur (exactly, and case-insensitively) in
the surname and given-name lists in this folder. Standard library only.

Usage: python3 data/names/check_not_person.py [--show]
  --show   also print the overlapping entries
"""

import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
STOPLIST = HERE / "not_person.txt"
NAME_LISTS = ["nl_surnames.txt", "be_surnames.txt", "given_nl.txt", "given_be.txt"]


def read_lines(path):
    raw = path.read_bytes()
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    return raw, text


def main():
    show = "--show" in sys.argv[1:]
    errors = []
    raw, text = read_lines(STOPLIST)
    if b"\r" in raw:
        errors.append("file contains \\r (expected \\n line ends)")
    if text and not text.endswith("\n"):
        errors.append("file does not end with a newline")
    if text.startswith("\ufeff"):
        errors.append("file starts with a BOM")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    for no, line in enumerate(lines, 1):
        if line == "":
            errors.append(f"line {no}: empty line")
            continue
        if line != line.strip():
            errors.append(f"line {no}: leading/trailing whitespace: {line!r}")
        if "  " in line or "\t" in line:
            errors.append(f"line {no}: double space or tab: {line!r}")
        if unicodedata.normalize("NFC", line) != line:
            errors.append(f"line {no}: not NFC: {line!r}")

    seen = set()
    for no, line in enumerate(lines, 1):
        if line in seen:
            errors.append(f"line {no}: duplicate: {line!r}")
        seen.add(line)
    for no in range(1, len(lines)):
        a, b = lines[no - 1], lines[no]
        # LC_ALL=C sort compares bytes; for UTF-8 that equals code-point order.
        if a.encode("utf-8") > b.encode("utf-8"):
            errors.append(f"line {no + 1}: out of order: {a!r} > {b!r}")

    print(f"{STOPLIST.name}: {len(lines)} entries")
    if errors:
        for e in errors[:50]:
            print("ERROR:", e)
        if len(errors) > 50:
            print(f"... and {len(errors) - 50} more errors")
        return 1
    print("OK: sorted (code point), no duplicates, no empty lines, NFC")

    entries = set(lines)
    entries_ci = {}
    for e in lines:
        entries_ci.setdefault(e.casefold(), []).append(e)
    union_exact, union_ci = set(), set()
    for name in NAME_LISTS:
        path = HERE / name
        if not path.exists():
            print(f"{name}: missing, skipped")
            continue
        names = set(read_lines(path)[1].split("\n")) - {""}
        exact = entries & names
        ci = {e for n in names for e in entries_ci.get(n.casefold(), [])}
        union_exact |= exact
        union_ci |= ci
        print(f"{name}: {len(exact)} entries occur exactly, "
              f"{len(ci)} case-insensitively")
        if show and ci:
            print("  " + " | ".join(sorted(ci)))
    print(f"any name list: {len(union_exact)} entries occur exactly, "
          f"{len(union_ci)} case-insensitively")
    return 0


if __name__ == "__main__":
    sys.exit(main())
