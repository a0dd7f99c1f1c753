#!/usr/bin/env python3
"""Check corpus batch files: schema, labels, make-up and near-duplicates.

Usage: check_batch.py FILE [FILE ...]
Near-duplicate: word 4-gram Jaccard >= 0.6 (posts under 4 words: same word sequence).
"""
import json
import re
import sys
from collections import Counter, defaultdict

LABELS = ["complaint", "tip", "threat", "polarization"]
WORD = re.compile(r"\w+", re.UNICODE)


def grams(text):
    words = WORD.findall(text.lower())
    if len(words) < 4:
        return {" ".join(words)}
    return {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}


def near_duplicates(posts, threshold=0.6):
    """Pairs (i, j, jaccard) with Jaccard >= threshold, via an inverted index."""
    sets = [grams(p["text"]) for p in posts]
    index = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    pairs = []
    for i, s in enumerate(sets):
        shared = Counter()
        for g in s:
            for j in index[g]:
                if j > i:
                    shared[j] += 1
        for j, n in shared.items():
            jac = n / (len(s) + len(sets[j]) - n)
            if jac >= threshold:
                pairs.append((i, j, jac))
    return pairs


def print_make_up(posts):
    """Posts per label, with none and with two or more labels."""
    total = len(posts) or 1
    for l in LABELS:
        c = sum(l in p["labels"] for p in posts)
        print(f"  {l:13s} {c:5d}  {100 * c / total:5.1f} %")
    none = sum(not p["labels"] for p in posts)
    multi = sum(len(p["labels"]) >= 2 for p in posts)
    print(f"  {'none':13s} {none:5d}  {100 * none / total:5.1f} %")
    print(f"  {'2+ labels':13s} {multi:5d}  {100 * multi / total:5.1f} %")


def main(paths):
    posts, errors = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    p = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append(f"{path}:{n}: bad JSON: {e}")
                    continue
                labels = p.get("labels")
                if not isinstance(p.get("id"), str) or not isinstance(p.get("text"), str) or not isinstance(labels, list):
                    errors.append(f"{path}:{n}: needs id (str), text (str), labels (list)")
                    continue
                if any(l not in LABELS for l in labels) or labels != sorted(set(labels)):
                    errors.append(f"{path}:{n}: labels must be a sorted subset of {LABELS}: {labels}")
                posts.append(p)
    ids = Counter(p["id"] for p in posts)
    errors += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    print(f"posts: {len(posts)}")
    print_make_up(posts)
    for key in ("region", "register"):
        c = Counter(p.get(key, "?") for p in posts)
        print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))
    for i, j, jac in near_duplicates(posts):
        errors.append(f"near-duplicate ({jac:.2f}): {posts[i]['id']} ~ {posts[j]['id']}")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
