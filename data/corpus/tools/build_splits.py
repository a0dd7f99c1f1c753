#!/usr/bin/env python3
"""Merge the hand-written batches into data/corpus/train.jsonl and dev.jsonl.

Deterministic and stratified: within each batch, posts are ordered by their
label set and then by the SHA-256 of their id, and every sixth goes to dev,
so each split mirrors every batch's labels, regions and registers. Writes meta.tsv (id, split, batch, region, register)
and prints the make-up tables used in data/corpus/README.md.

Usage: python3 data/corpus/tools/build_splits.py   (from the repository root)
"""
import glob
import hashlib
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
from check_batch import LABELS, near_duplicates  # noqa: E402

ROOT = "data/corpus"


def load():
    posts = []
    for path in sorted(glob.glob(f"{ROOT}/batches/b*.jsonl")):
        batch = os.path.basename(path).split(".")[0]
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    p = json.loads(line)
                    p["batch"] = batch
                    posts.append(p)
    return posts


def length_bucket(text):
    n = len(text.split())
    return "3-7 words" if n <= 7 else "8-20 words" if n <= 20 else "21-40 words" if n <= 40 else "41+ words"


def table(posts, key):
    c = Counter(key(p) for p in posts)
    return c


def main():
    posts = load()
    ids = Counter(p["id"] for p in posts)
    dup_ids = [i for i, n in ids.items() if n > 1]
    if dup_ids:
        sys.exit(f"duplicate ids: {dup_ids[:10]}")
    pairs = near_duplicates(posts)
    if pairs:
        for i, j, jac in pairs:
            print(f"near-duplicate ({jac:.2f}): {posts[i]['id']} ~ {posts[j]['id']}", file=sys.stderr)
        sys.exit(f"{len(pairs)} near-duplicate pairs: fix the batches first")
    train, dev = [], []
    by_batch = {}
    for p in posts:
        by_batch.setdefault(p["batch"], []).append(p)
    for batch in sorted(by_batch):
        ordered = sorted(by_batch[batch], key=lambda p: (p["labels"], hashlib.sha256(p["id"].encode()).hexdigest()))
        for k, p in enumerate(ordered):
            (dev if k % 6 == 0 else train).append(p)
    key = lambda p: p["id"]
    train.sort(key=key)
    dev.sort(key=key)
    for name, split in (("train", train), ("dev", dev)):
        with open(f"{ROOT}/{name}.jsonl", "w", encoding="utf-8") as f:
            for p in split:
                f.write(json.dumps({"id": p["id"], "text": p["text"], "labels": sorted(p["labels"])}, ensure_ascii=False) + "\n")
    with open(f"{ROOT}/meta.tsv", "w", encoding="utf-8") as f:
        f.write("id\tsplit\tbatch\tregion\tregister\n")
        for name, split in (("train", train), ("dev", dev)):
            for p in split:
                f.write(f"{p['id']}\t{name}\t{p['batch']}\t{p['region']}\t{p['register']}\n")
    # Make-up tables (markdown).
    splits = (("train", train), ("dev", dev))
    print("| | " + " | ".join(n for n, _ in splits) + " |\n|---|---|---|")
    print("| posts | " + " | ".join(str(len(s)) for _, s in splits) + " |")
    for l in LABELS + ["none", "2+ labels", "Flemish (be-*)"]:
        def count(s):
            if l == "none":
                return sum(not p["labels"] for p in s)
            if l == "2+ labels":
                return sum(len(p["labels"]) >= 2 for p in s)
            if l.startswith("Flemish"):
                return sum(p["region"].startswith("be-") for p in s)
            return sum(l in p["labels"] for p in s)
        print(f"| {l} | " + " | ".join(f"{count(s)} ({100 * count(s) / len(s):.1f} %)" for _, s in splits) + " |")
    for title, key in (("region", lambda p: p["region"]), ("register", lambda p: p["register"]),
                       ("length", lambda p: length_bucket(p["text"]))):
        print(f"\n| {title} | train | dev |\n|---|---|---|")
        ct, cd = table(train, key), table(dev, key)
        for k in sorted(set(ct) | set(cd), key=lambda k: -(ct[k] + cd[k])):
            print(f"| {k} | {ct[k]} | {cd[k]} |")


if __name__ == "__main__":
    main()
