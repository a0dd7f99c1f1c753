#!/usr/bin/env python3
"""One run, the same posts: signaal (command line and Python) against its peers.

Classification (data/corpus/dev.jsonl, 714 posts, four labels):
  - signaal CLI   `signaal classify` (built-in model);
  - signaal Python `signaal.Analyzer().classify_many`;
  - scikit-learn  TF-IDF (word 1-2 + char 2-5) + logistic regression trained on
                  data/corpus/train.jsonl, each label's threshold chosen on dev to
                  maximise F1 (sklearn_baseline.py; signaal also sets its
                  thresholds on dev, so both dev figures are somewhat optimistic).
Redaction (data/redaction/{messy,frames,heldout}.jsonl): signaal CLI
`signaal redact`, signaal Python `redact_many`, and deduce (PyPI `deduce`) with
its default configuration, all scored by the same code (deduce_peer.py:
full-span "exact" and "overlap" matching on character offsets, per kind and micro).

Speed: the dev posts cycled to --posts (default 50,000) for classification,
the redaction posts cycled to --redact-posts (default 20,000) for redaction;
deduce gets one pass over the 1,830 redaction posts (it is slow). The CLI is
timed as a whole process (start, read, parse, analyse, write to /dev/null);
Python and scikit-learn inside this process, after loading. signaal runs on all
cores and on one (`--threads 1`, `threads=1`); scikit-learn and deduce use one
core. Ratios are signaal / peer, from this one run: the machine is shared and
noisy, so compare ratios within a run rather than figures across runs.

Setup (a throwaway virtualenv, from the repository root):

    cargo build --release -p signaal-cli
    python3 -m venv /tmp/peers
    /tmp/peers/bin/pip install scikit-learn deduce
    /tmp/peers/bin/pip install .          # the signaal wheel (builds with maturin)
    /tmp/peers/bin/python benches/peers/run_all.py [--json FILE]

Options: --signaal PATH (the CLI binary; default target/release/signaal or
$CARGO_TARGET_DIR/release/signaal), --posts N, --redact-posts N, --skip-deduce,
--json FILE (all figures as JSON).
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import deduce_peer  # noqa: E402  (scoring and loaders of the redaction sets)

LABELS = ["complaint", "tip", "threat", "polarization"]
KINDS = deduce_peer.KINDS
# signaal's predictions carry our kind names: each is compatible with itself only.
for _k in KINDS:
    deduce_peer.TAG_MAP.setdefault("signaal:" + _k, (_k, (_k,)))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def find_cli(arg):
    if arg:
        return arg
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "signaal")


def run_cli(cli, args, stdin=None):
    out = subprocess.run([cli, *args], cwd=ROOT, input=stdin, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def time_cli(cli, args, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([cli, *args, "-o", os.devnull], cwd=ROOT, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def prf_labels(pred_sets, true_sets):
    out, f1s = {}, []
    for label in LABELS:
        tp = sum(1 for p, t in zip(pred_sets, true_sets) if label in p and label in t)
        npred = sum(1 for p in pred_sets if label in p)
        ntrue = sum(1 for t in true_sets if label in t)
        p = tp / npred if npred else 0.0
        r = tp / ntrue if ntrue else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"precision": p, "recall": r, "f1": f, "support": ntrue}
        f1s.append(f)
    out["macro_f1"] = sum(f1s) / 4
    return out


def cycle(items, n):
    return [items[i % len(items)] for i in range(n)]


def write_jsonl(path, texts):
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- classification

def classification(cli, n_posts, tmp, res):
    import numpy as np
    import signaal
    from sklearn.linear_model import LogisticRegression

    import sklearn_baseline as skb

    dev = read_jsonl(os.path.join(ROOT, "data/corpus/dev.jsonl"))
    texts = [r["text"] for r in dev]
    truth = [set(r.get("labels", [])) for r in dev]

    cli_pred = [set(json.loads(l)["labels"]) for l in run_cli(cli, ["classify", "data/corpus/dev.jsonl"]).splitlines()]
    analyzer = signaal.Analyzer()
    py_pred = [set(c.labels) for c in analyzer.classify_many(texts)]

    xtr, ytr = skb.load(os.path.join(ROOT, "data/corpus/train.jsonl"))
    xdv, ydv = skb.load(os.path.join(ROOT, "data/corpus/dev.jsonl"))
    feats = skb.features()
    xt = feats.fit_transform(xtr)
    models = [LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(xt, ytr[:, i]) for i in range(4)]
    probs = np.stack([m.predict_proba(feats.transform(xdv))[:, 1] for m in models], axis=1)
    thresholds = [skb.best_f1(probs[:, i], ydv[:, i])[1] for i in range(4)]
    sk_pred = [{LABELS[i] for i in range(4) if probs[j, i] >= thresholds[i]} for j in range(len(xdv))]

    quality = {
        "signaal-cli": prf_labels(cli_pred, truth),
        "signaal-python": prf_labels(py_pred, truth),
        "sklearn-tfidf-lr": prf_labels(sk_pred, truth),
    }

    big = cycle(texts, n_posts)
    path = os.path.join(tmp, "classify.jsonl")
    write_jsonl(path, big)
    speed = {}
    for name, args in (("signaal-cli classify", ["classify", path]),
                       ("signaal-cli classify --threads 1", ["classify", path, "--threads", "1"]),
                       ("signaal-cli analyze", ["analyze", path]),
                       ("signaal-cli analyze --threads 1", ["analyze", path, "--threads", "1"])):
        speed[name] = n_posts / time_cli(cli, args)
    for name, kw in (("signaal-python classify_many", {}), ("signaal-python classify_many threads=1", {"threads": 1})):
        t0 = time.perf_counter()
        analyzer.classify_many(big, **kw)
        speed[name] = n_posts / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    xb = feats.transform(big)
    for m in models:
        m.predict_proba(xb)
    speed["sklearn-tfidf-lr predict"] = n_posts / (time.perf_counter() - t0)
    res["classification"] = {"posts_quality": len(dev), "posts_speed": n_posts, "quality": quality, "posts_per_second": speed}

    print(f"\n== Classification: quality on data/corpus/dev.jsonl ({len(dev)} posts)")
    print(f"{'system':18s} " + " ".join(f"{l[:12]:>12s}" for l in LABELS) + f" {'macro-F1':>9s}")
    for name, q in quality.items():
        print(f"{name:18s} " + " ".join(f"{q[l]['f1']:12.3f}" for l in LABELS) + f" {q['macro_f1']:9.3f}")
    d = quality["signaal-cli"]["macro_f1"] - quality["sklearn-tfidf-lr"]["macro_f1"]
    print(f"macro-F1 signaal - sklearn: {d:+.3f}")
    print(f"\n== Classification: speed on {n_posts} posts (dev posts cycled)")
    sk = speed["sklearn-tfidf-lr predict"]
    for name, v in speed.items():
        print(f"{name:42s} {v:10.0f} posts/s  {v / sk:6.1f}x sklearn")


# ---------------------------------------------------------------- redaction

def signaal_spans(entities_per_post):
    return [[("signaal:" + e["kind"], e["char_start"], e["char_end"]) for e in ents] for ents in entities_per_post]


def redaction(cli, n_posts, skip_deduce, tmp, res):
    import signaal

    sets = {
        "messy": deduce_peer.load_messy(os.path.join(ROOT, "data/redaction/messy.jsonl")),
        "frames": deduce_peer.load_frames(os.path.join(ROOT, "data/redaction/frames.jsonl")),
        "heldout": deduce_peer.load_frames(os.path.join(ROOT, "data/redaction/heldout.jsonl")),
    }
    analyzer = signaal.Analyzer()
    model = None
    if not skip_deduce:
        import logging
        logging.disable(logging.INFO)
        from deduce import Deduce
        t0 = time.perf_counter()
        model = Deduce()
        res["deduce_load_seconds"] = time.perf_counter() - t0
    quality, deduce_secs = {}, 0.0
    for name, posts in sets.items():
        texts = [t for _, t, _ in posts]
        path = os.path.join(tmp, f"{name}.jsonl")
        write_jsonl(path, texts)
        cli_ents = [json.loads(l)["entities"] for l in run_cli(cli, ["redact", path]).splitlines()]
        py_ents = [[{"kind": e.kind, "char_start": e.char_start, "char_end": e.char_end} for e in r.entities]
                   for r in analyzer.redact_many(texts)]
        q = {"signaal-cli": deduce_peer.score(posts, signaal_spans(cli_ents)),
             "signaal-python": deduce_peer.score(posts, signaal_spans(py_ents))}
        if model is not None:
            t0 = time.perf_counter()
            preds = [[(a.tag, a.start_char, a.end_char) for a in model.deidentify(t).annotations] for t in texts]
            deduce_secs += time.perf_counter() - t0
            q["deduce"] = deduce_peer.score(posts, preds)
        quality[name] = {k: {"micro": v["micro"], "person": v["kinds"]["person"]} for k, v in q.items()}

    all_texts = [t for posts in sets.values() for _, t, _ in posts]
    big = cycle(all_texts, n_posts)
    path = os.path.join(tmp, "redact.jsonl")
    write_jsonl(path, big)
    speed = {
        "signaal-cli redact": n_posts / time_cli(cli, ["redact", path]),
        "signaal-cli redact --threads 1": n_posts / time_cli(cli, ["redact", path, "--threads", "1"]),
    }
    for name, kw in (("signaal-python redact_many", {}), ("signaal-python redact_many threads=1", {"threads": 1})):
        t0 = time.perf_counter()
        analyzer.redact_many(big, **kw)
        speed[name] = n_posts / (time.perf_counter() - t0)
    if model is not None:
        speed["deduce (one pass over the sets)"] = len(all_texts) / deduce_secs
    res["redaction"] = {"quality": quality, "posts_per_second": speed, "posts_speed": n_posts}

    print("\n== Redaction: quality (micro over all kinds; exact = full span, overlap = any overlap)")
    print(f"{'set':8s} {'system':15s} {'exact P':>8s} {'exact R':>8s} {'exact F1':>8s} {'ovl P':>7s} {'ovl R':>7s} {'ovl F1':>7s} {'person F1':>9s}")
    f = deduce_peer.fmt
    for name, q in quality.items():
        for system, v in q.items():
            e, o = v["micro"]["exact"], v["micro"]["overlap"]
            print(f"{name:8s} {system:15s} {f(e['precision']):>8s} {f(e['recall']):>8s} {f(e['f1']):>8s} "
                  f"{f(o['precision']):>7s} {f(o['recall']):>7s} {f(o['f1']):>7s} {f(v['person']['exact']['f1']):>9s}")
    print(f"\n== Redaction: speed ({n_posts} posts cycled from the three sets; deduce: {len(all_texts)} posts)")
    base = speed.get("deduce (one pass over the sets)")
    for name, v in speed.items():
        ratio = f"{v / base:8.1f}x deduce" if base else ""
        print(f"{name:42s} {v:10.0f} posts/s  {ratio}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--signaal", help="path of the signaal binary")
    ap.add_argument("--posts", type=int, default=50_000, help="posts for classification speed")
    ap.add_argument("--redact-posts", type=int, default=20_000, help="posts for redaction speed")
    ap.add_argument("--skip-deduce", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    cli = find_cli(args.signaal)
    if not os.path.exists(cli):
        sys.exit(f"no signaal binary at {cli}: run `cargo build --release -p signaal-cli` or pass --signaal")
    import signaal
    import sklearn
    res = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "versions": {"signaal_cli": run_cli(cli, ["--version"]).strip(), "signaal_python": getattr(signaal, "__version__", "?"),
                     "sklearn": sklearn.__version__},
    }
    try:
        import deduce
        res["versions"]["deduce"] = getattr(deduce, "__version__", "?")
    except ImportError:
        args.skip_deduce = True
    print("versions: " + ", ".join(f"{k} {v}" for k, v in res["versions"].items())
          + f"; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        classification(cli, args.posts, tmp, res)
        redaction(cli, args.redact_posts, args.skip_deduce, tmp, res)
    res["load_average_after"] = os.getloadavg()[0]
    print(f"\nload average at the end: {res['load_average_after']:.1f} (2 cores shared with other work: figures are noisy)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
