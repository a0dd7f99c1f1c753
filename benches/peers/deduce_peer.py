#!/usr/bin/env python3
"""Peer benchmark: the Dutch de-identification tool deduce on the redaction sets.

Runs deduce (PyPI `deduce`, built for Dutch clinical text) with its default
configuration on data/redaction/messy.jsonl and data/redaction/frames.jsonl,
maps its tags to signaal's entity kinds and scores per kind:

  - exact:   a prediction counts only if its character span equals a gold
             span of a compatible kind (and the gold is found only then);
  - overlap: a prediction counts if it overlaps a gold span of a compatible
             kind; a gold span is found if a compatible prediction overlaps it.

Each prediction is booked under the kind of the gold it matched, otherwise
under its tag's main kind (unmatched `locatie` goes to address, unmatched
`datum` to date_of_birth). Tags with no kind of ours (`leeftijd`,
`ziekenhuis`, `zorginstelling`) and unmatched generic `id` predictions are listed
separately and count as false positives in the micro figures. Kinds deduce
has no tag for (iban, national_id_be, license_plate, ip_address, handle,
credit_card) get no predictions of their own.

Tag map (deduce 3.x):
  persoon, patient -> person        telefoonnummer -> phone
  emailadres -> email               url -> url
  bsn -> bsn                        locatie -> address (also matches postcode:
                                    deduce merges street, number, postcode and
                                    town into one locatie span)
  datum -> date_of_birth            (deduce tags every date; all count as
                                    predictions, which costs precision)
  id -> any of bsn, national_id_be, iban, credit_card (generic 7+ digit ids)

Gold offsets: frames.jsonl stores UTF-8 byte offsets (converted to character
offsets here); messy.jsonl stores only substrings, and the n-th listing of a
value is its n-th occurrence in the post (data/redaction/README.md).

Speed: posts/s is the wall time of deidentifying every post one by one in
one process, after the model is loaded (median of --repeat passes, default 3); load time is reported separately
(the very first Deduce() after installing builds lookup structures and takes
about a minute; later loads read them from a cache).

Setup and run (throwaway virtualenv, from the repository root):
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install deduce
    /tmp/peers/bin/python benches/peers/deduce_peer.py [--json FILE]
"""
import argparse
import json
import os
import platform
import sys
import time

KINDS = ["person", "email", "phone", "iban", "bsn", "national_id_be", "postcode",
         "address", "license_plate", "url", "ip_address", "handle",
         "date_of_birth", "credit_card"]

# deduce tag -> (main kind or None, compatible kinds)
TAG_MAP = {
    "persoon": ("person", ("person",)),
    "patient": ("person", ("person",)),
    "telefoonnummer": ("phone", ("phone",)),
    "emailadres": ("email", ("email",)),
    "email": ("email", ("email",)),
    "url": ("url", ("url",)),
    "bsn": ("bsn", ("bsn",)),
    "locatie": ("address", ("address", "postcode")),
    "datum": ("date_of_birth", ("date_of_birth",)),
    "id": (None, ("bsn", "national_id_be", "iban", "credit_card")),
}

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_frames(path):
    posts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            tb = row["text"].encode("utf-8")
            gold = []
            for e in row["entities"]:
                s = len(tb[:e["start"]].decode("utf-8"))
                t = s + len(e["text"])
                assert row["text"][s:t] == e["text"]
                gold.append((e["kind"], s, t))
            posts.append((row["id"], row["text"], gold))
    return posts


def load_messy(path):
    posts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text, seen, gold = row["text"], {}, []
            for e in row["entities"]:
                n = seen.get(e["text"], 0)
                pos = -1
                for _ in range(n + 1):
                    pos = text.index(e["text"], pos + 1)
                seen[e["text"]] = n + 1
                gold.append((e["kind"], pos, pos + len(e["text"])))
            posts.append((row["id"], text, gold))
    return posts


def score(posts, preds):
    """preds: list (per post) of (tag, start, end) in characters."""
    rows = {k: {"gold": 0, "pred": {"exact": 0, "overlap": 0},
                "tp_pred": {"exact": 0, "overlap": 0}, "tp_gold": {"exact": 0, "overlap": 0}}
            for k in KINDS}
    other = {}
    for (pid, text, gold), pp in zip(posts, preds):
        for kind, s, t in gold:
            rows[kind]["gold"] += 1
        for mode in ("exact", "overlap"):
            def hit(a, b):
                return (a[0] == b[0] and a[1] == b[1]) if mode == "exact" else (a[0] < b[1] and b[0] < a[1])
            for kind, s, t in gold:
                if any(kind in TAG_MAP.get(tag, (None, ()))[1] and hit((s, t), (ps, pt))
                       for tag, ps, pt in pp):
                    rows[kind]["tp_gold"][mode] += 1
            for tag, ps, pt in pp:
                main, compat = TAG_MAP.get(tag, (None, ()))
                matched = [k for k, s, t in gold if k in compat and hit((s, t), (ps, pt))]
                if matched:
                    rows[matched[0]]["pred"][mode] += 1
                    rows[matched[0]]["tp_pred"][mode] += 1
                elif main is not None:
                    rows[main]["pred"][mode] += 1
                else:
                    key = tag if tag not in TAG_MAP else tag + " (no match)"
                    other.setdefault(key, {"exact": 0, "overlap": 0})[mode] += 1

    def prf(tp_p, n_p, tp_g, n_g):
        p = tp_p / n_p if n_p else None
        r = tp_g / n_g if n_g else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return p, r, f

    out = {"kinds": {}, "other_predictions": other}
    for k in KINDS:
        d = rows[k]
        out["kinds"][k] = {"gold": d["gold"]}
        for mode in ("exact", "overlap"):
            p, r, f = prf(d["tp_pred"][mode], d["pred"][mode], d["tp_gold"][mode], d["gold"])
            out["kinds"][k][mode] = {"pred": d["pred"][mode], "precision": p, "recall": r, "f1": f}
    for mode in ("exact", "overlap"):
        n_p = sum(rows[k]["pred"][mode] for k in KINDS) + sum(v[mode] for v in other.values())
        tp_p = sum(rows[k]["tp_pred"][mode] for k in KINDS)
        n_g = sum(rows[k]["gold"] for k in KINDS)
        tp_g = sum(rows[k]["tp_gold"][mode] for k in KINDS)
        p, r, f = prf(tp_p, n_p, tp_g, n_g)
        out.setdefault("micro", {})[mode] = {"pred": n_p, "gold": n_g, "precision": p, "recall": r, "f1": f}
    return out


def fmt(x):
    return "   -" if x is None else "%.3f" % x


def table(name, res, n_posts, secs):
    lines = ["%s: %d posts, %.2f s, %.0f posts/s" % (name, n_posts, secs, n_posts / secs), ""]
    lines.append("%-15s %5s | %5s %5s %5s %5s | %5s %5s %5s %5s" % (
        "kind", "gold", "pred", "P", "R", "F1", "pred", "P", "R", "F1"))
    lines.append("%-15s %5s | %23s | %23s" % ("", "", "exact span", "any overlap"))
    for k in KINDS + ["micro"]:
        d = res["micro"] if k == "micro" else res["kinds"][k]
        g = d["exact"]["gold"] if k == "micro" else d["gold"]
        e, o = d["exact"], d["overlap"]
        lines.append("%-15s %5d | %5d %5s %5s %5s | %5d %5s %5s %5s" % (
            k, g, e["pred"], fmt(e["precision"]), fmt(e["recall"]), fmt(e["f1"]),
            o["pred"], fmt(o["precision"]), fmt(o["recall"]), fmt(o["f1"])))
    if res["other_predictions"]:
        lines.append("other predictions (false positives in micro): " + ", ".join(
            "%s %d/%d" % (k, v["exact"], v["overlap"]) for k, v in sorted(res["other_predictions"].items())))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description="deduce on the redaction sets")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    ap.add_argument("--repeat", type=int, default=3,
                    help="time the full pass this many times and report the median (default 3)")
    ap.add_argument("--messy", default=os.path.join(ROOT, "data", "redaction", "messy.jsonl"))
    ap.add_argument("--frames", default=os.path.join(ROOT, "data", "redaction", "frames.jsonl"))
    args = ap.parse_args()

    import logging
    logging.disable(logging.INFO)
    t0 = time.perf_counter()
    import deduce
    from deduce import Deduce
    model = Deduce()
    load = time.perf_counter() - t0
    version = getattr(deduce, "__version__", "?")

    result = {"tool": "deduce", "deduce_version": version, "python": platform.python_version(),
              "load_seconds": round(load, 3), "tag_map": {k: list(v[1]) for k, v in TAG_MAP.items()},
              "datasets": {}}
    print("deduce %s, Python %s, load %.2f s" % (version, platform.python_version(), load))
    tags_seen = {}
    for name, posts in (("messy", load_messy(args.messy)), ("frames", load_frames(args.frames))):
        times = []
        for rep in range(max(1, args.repeat)):
            preds = []
            t0 = time.perf_counter()
            for _, text, _ in posts:
                doc = model.deidentify(text)
                preds.append([(a.tag, a.start_char, a.end_char) for a in doc.annotations])
            times.append(time.perf_counter() - t0)
        secs = sorted(times)[len(times) // 2]
        for pp in preds:
            for tag, _, _ in pp:
                tags_seen[tag] = tags_seen.get(tag, 0) + 1
        res = score(posts, preds)
        res.update({"posts": len(posts), "seconds": round(secs, 3),
                    "seconds_all_repeats": [round(x, 3) for x in times],
                    "posts_per_second": round(len(posts) / secs, 1)})
        result["datasets"][name] = res
        print()
        print(table(name + ".jsonl", res, len(posts), secs))
    result["tags_seen"] = dict(sorted(tags_seen.items()))
    print("\ndeduce tags seen (both sets): " + ", ".join("%s %d" % kv for kv in sorted(tags_seen.items())))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
