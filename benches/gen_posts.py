#!/usr/bin/env python3
"""Write a large JSON Lines file of posts for throughput runs (not committed).

    python3 benches/gen_posts.py 1000000 > /tmp/posts-1m.jsonl

Cycles through the 200 sample posts of data/samples/posts.jsonl, giving each
line a unique id ("g0000000", ...). Deterministic: same count, same file.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with open(ROOT / "data/samples/posts.jsonl", encoding="utf-8") as f:
        texts = [json.loads(l)["text"] for l in f if l.strip()]
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps({"id": f"g{i:07d}", "text": texts[i % len(texts)]}, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
