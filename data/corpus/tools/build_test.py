#!/usr/bin/env python3
"""Merge the held-out test batches (batches/t*.jsonl) into data/corpus/test.jsonl.

The test split was written after signaal-nl 2026.11.1 and the sklearn peer
were frozen, and is only ever scored (protocol: docs/MODEL_CARD.md, "Held-out
test split"). Posts that are near-duplicates (word 4-gram Jaccard >= 0.6) of
a train or dev post, or of an earlier test post, are left out and listed.
Prints the make-up. Run from the repository root:

    python3 data/corpus/tools/build_test.py
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from check_batch import LABELS, near_duplicates, print_make_up  # noqa: E402

ROOT = "data/corpus"


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    batches = sorted(glob.glob(f"{ROOT}/batches/t*.jsonl"))
    if not batches:
        sys.exit("no test batches (data/corpus/batches/t*.jsonl)")
    test = [p for path in batches for p in read(path)]
    for p in test:
        labels = p["labels"]
        if any(l not in LABELS for l in labels) or labels != sorted(set(labels)):
            sys.exit(f"{p['id']}: labels must be a sorted subset of {LABELS}")
    seen = read(f"{ROOT}/train.jsonl") + read(f"{ROOT}/dev.jsonl")
    ids = {p["id"] for p in seen}
    clash = [p["id"] for p in test if p["id"] in ids]
    if clash or len({p["id"] for p in test}) != len(test):
        sys.exit(f"duplicate ids: {clash or 'within the test batches'}")
    # Near-duplicates: a test post close to a train/dev post, or to an
    # earlier test post, is dropped (the earlier one is kept).
    posts = seen + test
    n_seen = len(seen)
    drop = {}
    for i, j, jac in near_duplicates(posts):
        if j >= n_seen and (i < n_seen or i not in drop):
            drop.setdefault(j, (posts[i]["id"], jac))
    kept = [p for k, p in enumerate(test) if n_seen + k not in drop]
    for j, (other, jac) in sorted(drop.items()):
        print(f"left out {posts[j]['id']}: near-duplicate ({jac:.2f}) of {other}")
    with open(f"{ROOT}/test.jsonl", "w", encoding="utf-8") as f:
        for p in kept:
            f.write(json.dumps({"id": p["id"], "text": p["text"], "labels": p["labels"]}, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(kept)} posts from {len(batches)} batches ({len(test) - len(kept)} left out)")
    print_make_up(kept)


if __name__ == "__main__":
    main()
