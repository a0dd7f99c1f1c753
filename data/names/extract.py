#!/usr/bin/env python3
"""Regenerate the name lists in data/names/ (development time only).

Run from the repository root with the Python of a virtualenv that has Faker:

    python3 -m venv /tmp/fk && /tmp/fk/bin/pip install faker
    apt-get update && apt-get install -y wdutch
    /tmp/fk/bin/python data/names/extract.py

Inputs (nothing is downloaded by this script):
  * ../shared/data/names/nl_surnames_freq5.lst and LICENSE-family-names.txt
    (Meertens Instituut family names, compiled by digitalheir, MIT)
  * the installed Faker package: faker.providers.person.nl_NL / nl_BE (MIT)
  * /usr/share/dict/dutch and /usr/share/doc/wdutch/copyright (Debian wdutch)

Every output list is UTF-8 (NFC), one entry a line, stripped, without empty
lines, deduplicated exactly (case variants such as "D'Hondt" / "D'hondt" are
kept apart) and sorted by Unicode code point (the order of `LC_ALL=C sort`).
"""

import argparse
import importlib.metadata
import re
import shutil
import sys
import unicodedata
from pathlib import Path

OUT = Path("data/names")
MIN_COUNT = 20  # applied only when the surname file carries counts


def clean(names):
    """NFC, strip, drop empties, dedupe exactly, sort by code point."""
    out = set()
    for n in names:
        n = unicodedata.normalize("NFC", str(n)).strip()
        if n:
            out.add(n)
    return sorted(out)


def write_list(path, names):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for n in names:
            f.write(n + "\n")
    print(f"{path}: {len(names)} lines")


# A trailing count after a tab, comma or semicolon, e.g. "de Jong\t83782".
COUNT_RE = re.compile(r"^(.*?)\s*[\t,;]\s*(\d+)\s*$")


def read_surnames(path, min_count):
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    matched = [COUNT_RE.match(l) for l in lines]
    if lines and all(matched):
        kept = [m.group(1) for m in matched if int(m.group(2)) >= min_count]
        print(f"{path}: has counts, kept {len(kept)} of {len(lines)} with count >= {min_count}")
        return kept
    print(f"{path}: no counts, kept all {len(lines)} lines")
    return lines


def faker_names(module, attrs):
    provider = module.Provider
    names = []
    for attr in attrs:
        value = getattr(provider, attr, None)
        if value is not None:
            names.extend(value)  # tuple, list or OrderedDict (keys are the names)
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data/names"),
                    help="folder holding nl_surnames_freq5.lst and LICENSE-family-names.txt")
    ap.add_argument("--dict", type=Path, default=Path("/usr/share/dict/dutch"))
    ap.add_argument("--wdutch-copyright", type=Path,
                    default=Path("/usr/share/doc/wdutch/copyright"))
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = ap.parse_args()

    if not OUT.is_dir():
        sys.exit("run from the repository root (data/names/ not found)")

    # 1. Meertens surnames.
    nl_surnames = clean(read_surnames(args.shared / "nl_surnames_freq5.lst", args.min_count))
    write_list(OUT / "nl_surnames.txt", nl_surnames)
    shutil.copyfile(args.shared / "LICENSE-family-names.txt",
                    OUT / "LICENSE-meertens-family-names.txt")

    # 2. Faker given names (and Belgian last names).
    from faker.providers.person import nl_BE, nl_NL

    first = ("first_names_male", "first_names_female", "first_names")
    given_nl = clean(faker_names(nl_NL, first))
    given_be = clean(faker_names(nl_BE, first))
    be_surnames = clean(faker_names(nl_BE, ("last_names",)))
    write_list(OUT / "given_nl.txt", given_nl)
    write_list(OUT / "given_be.txt", given_be)
    write_list(OUT / "be_surnames.txt", be_surnames)

    dist = importlib.metadata.distribution("faker")
    lic = [f for f in (dist.files or [])
           if ".dist-info" in str(f) and f.name.upper().startswith("LICEN")]
    if not lic:
        sys.exit("no LICENSE file found in Faker's dist-info")
    shutil.copyfile(lic[0].locate(), OUT / "LICENSE-faker.txt")
    print(f"faker {dist.version}: licence from {lic[0]}")

    # 3. Names that are also ordinary lower-case Dutch words (whole name, case-insensitive).
    words = {}
    for w in args.dict.read_text(encoding="utf-8").splitlines():
        w = unicodedata.normalize("NFC", w.strip())
        if w and w == w.lower():
            words.setdefault(w.casefold(), w)
    common = [words[n.casefold()]
              for n in (*nl_surnames, *be_surnames, *given_nl, *given_be)
              if n.casefold() in words]
    write_list(OUT / "common_word_surnames.txt", clean(common))
    shutil.copyfile(args.wdutch_copyright, OUT / "LICENSE-wdutch.txt")


if __name__ == "__main__":
    main()
