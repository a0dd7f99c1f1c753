#!/usr/bin/env python3
"""Peer baseline: scikit-learn TF-IDF (word 1-2 + char 2-5) + logistic regression.

Trained on data/corpus/train.jsonl, scored on data/corpus/dev.jsonl, with the
same protocol as signaal: class-balanced weights, and each label's decision
threshold chosen on dev to maximise F1. Prints per-label P/R/F1, macro-F1
and prediction throughput (posts/s, one process) on the dev posts, and the
4-fold cross-validated F1 on the training split (folds: index mod 4).
It also runs the peer with C chosen per label by that cross-validation
over C_GRID (as signaal chooses its L2 strength) and scores it on dev, and,
when target/release/signaal is built, compares signaal's dev labels with the
peer's by a paired bootstrap over the posts.

With `--test FILE` (the held-out test split, data/corpus/test.jsonl) it
also scores both systems on that file once, each at its thresholds chosen on
dev, and compares them by a paired bootstrap on the test posts and on dev
and test pooled (protocol: docs/MODEL_CARD.md, "Held-out test split").

Setup (throwaway virtualenv):
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install scikit-learn numpy
    /tmp/peers/bin/python benches/peers/sklearn_baseline.py [--json] [--test data/corpus/test.jsonl]
"""
import json
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline

LABELS = ["complaint", "tip", "threat", "polarization"]


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(l) for l in f if l.strip()]
    return [r["text"] for r in rows], np.array([[l in r["labels"] for l in LABELS] for r in rows])


def best_f1(p, y):
    best = (0.0, 0.5)
    for t in np.unique(p):
        pred = p >= t
        tp = (pred & y).sum()
        prec = tp / max(pred.sum(), 1)
        rec = tp / max(y.sum(), 1)
        f1 = 0 if tp == 0 else 2 * prec * rec / (prec + rec)
        best = max(best, (f1, t))
    return best


def features():
    return FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])


# The grid of C searched by cross-validation (the peer's counterpart of
# signaal's per-label L2 grid); C = 10 is the fixed setting of the first peer.
C_GRID = [0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0]


def cross_validate(x, y, folds=4, grid=(10.0,)):
    """Out-of-fold best-threshold F1 per label and per C on the training
    split (the figure signaal's trainer records for each L2 strength)."""
    oof = {c: np.zeros(y.shape) for c in grid}
    for k in range(folds):
        te = np.arange(len(x)) % folds == k
        f = features()
        xt = f.fit_transform([t for t, m in zip(x, te) if not m])
        xe = f.transform([t for t, m in zip(x, te) if m])
        for c in grid:
            for i in range(4):
                lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
                oof[c][te, i] = lr.fit(xt, y[~te, i]).decision_function(xe)
    return {c: [best_f1(oof[c][:, i], y[:, i])[0] for i in range(4)] for c in grid}


def dev_report(probs, ydv):
    labels, f1s = {}, []
    for i, l in enumerate(LABELS):
        f1, t = best_f1(probs[:, i], ydv[:, i])
        pred = probs[:, i] >= t
        tp = (pred & ydv[:, i]).sum()
        labels[l] = {"precision": round(tp / max(pred.sum(), 1), 4), "recall": round(tp / max(ydv[:, i].sum(), 1), 4), "f1": round(f1, 4)}
        f1s.append(f1)
    return labels, round(float(np.mean(f1s)), 4)


def signaal_dev_predictions(path="data/corpus/dev.jsonl"):
    """signaal's labels on dev from its command line (built-in model), or
    None when the binary is not built."""
    import os
    import subprocess
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    cli = os.path.join(target, "release", "signaal")
    if not os.path.exists(cli):
        return None
    out = subprocess.run([cli, "classify", path], capture_output=True, check=True, text=True).stdout
    info = subprocess.run([cli, "model", "info"], capture_output=True, check=True, text=True).stdout
    version = info.splitlines()[0].split()[-1]
    return version, np.array([[l in json.loads(line)["labels"] for l in LABELS] for line in out.splitlines()])


def macro_f1(pred, y):
    tp = (pred & y).sum(axis=0)
    fp = (pred & ~y).sum(axis=0)
    fn = (~pred & y).sum(axis=0)
    denom = np.maximum(2 * tp + fp + fn, 1)
    return float(np.mean(np.where(tp > 0, 2 * tp / denom, 0.0)))


def paired_bootstrap(pred_a, pred_b, y, rounds=10000, seed=0):
    """Macro-F1 of a minus b on the posts, and its spread over bootstrap
    resamples of the posts (both systems scored on the same resample, each
    at its own fixed thresholds): the mean difference, the 2.5 and 97.5
    percentiles, and the share of resamples where a scores higher."""
    rng = np.random.default_rng(seed)
    n = len(y)
    diffs = np.empty(rounds)
    for r in range(rounds):
        idx = rng.integers(0, n, n)
        diffs[r] = macro_f1(pred_a[idx], y[idx]) - macro_f1(pred_b[idx], y[idx])
    return {
        "difference": round(macro_f1(pred_a, y) - macro_f1(pred_b, y), 4),
        "ci95": [round(float(np.percentile(diffs, 2.5)), 4), round(float(np.percentile(diffs, 97.5)), 4)],
        "share_a_higher": round(float((diffs > 0).mean()), 3),
        "rounds": rounds,
    }


def label_report(pred, y):
    """Per-label precision, recall and F1 of fixed predictions, and macro-F1."""
    out = {}
    for i, l in enumerate(LABELS):
        tp = int((pred[:, i] & y[:, i]).sum())
        p, r = tp / max(int(pred[:, i].sum()), 1), tp / max(int(y[:, i].sum()), 1)
        out[l] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(0 if tp == 0 else 2 * p * r / (p + r), 4)}
    return out, round(macro_f1(pred, y), 4)


def test_report(path, feats, peers, ours_dev, ydv):
    """Both systems on the held-out test file at their dev thresholds: the
    peers' thresholds are their best-F1 cut on dev, signaal's are those of
    its model file (chosen on dev at training)."""
    xte, yte = load(path)
    xe = feats.transform(xte)
    got = signaal_dev_predictions(path)
    if got is None:
        sys.exit("--test needs target/release/signaal (cargo build --release -p signaal-cli)")
    version, ours = got
    report = {"file": path, "posts": len(xte), "signaal_model_version": version}
    report["signaal"] = dict(zip(["labels", "macro_f1"], label_report(ours, yte)))
    for name, (models, probs_dev, pred_dev) in peers.items():
        cuts = [best_f1(probs_dev[:, i], ydv[:, i])[1] for i in range(4)]
        probs = np.stack([m.predict_proba(xe)[:, 1] for m in models], axis=1)
        pred = np.stack([probs[:, i] >= cuts[i] for i in range(4)], axis=1)
        labels, macro = label_report(pred, yte)
        report[name] = {
            "labels": labels,
            "macro_f1": macro,
            "signaal_minus_peer_test": paired_bootstrap(ours, pred, yte),
            "signaal_minus_peer_dev_and_test": paired_bootstrap(
                np.concatenate([ours_dev, ours]), np.concatenate([pred_dev, pred]), np.concatenate([ydv, yte])
            ),
        }
    return report


def main():
    test_path = sys.argv[sys.argv.index("--test") + 1] if "--test" in sys.argv else None
    xtr, ytr = load("data/corpus/train.jsonl")
    xdv, ydv = load("data/corpus/dev.jsonl")
    feats = features()
    t0 = time.perf_counter()
    xt = feats.fit_transform(xtr)
    models = [LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(xt, ytr[:, i]) for i in range(4)]
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    xd = feats.transform(xdv)
    probs = np.stack([m.predict_proba(xd)[:, 1] for m in models], axis=1)
    pred_s = time.perf_counter() - t0
    report = {"train_seconds": round(train_s, 2), "posts": len(xdv), "posts_per_second": round(len(xdv) / pred_s)}
    report["labels"], report["macro_f1"] = dev_report(probs, ydv)
    ours = signaal_dev_predictions()
    if ours is None:
        print("note: target/release/signaal is not built: no paired comparison", file=sys.stderr)
    else:
        report["signaal_model_version"], ours = ours
        # sklearn's predictions at its thresholds chosen on dev (as reported).
        pred_sk = np.stack([probs[:, i] >= best_f1(probs[:, i], ydv[:, i])[1] for i in range(4)], axis=1)
        report["signaal_minus_sklearn_dev"] = paired_bootstrap(ours, pred_sk, ydv)
    cv = cross_validate(xtr, ytr, grid=C_GRID)
    report["train_cv_f1"] = {l: round(float(f), 4) for l, f in zip(LABELS, cv[10.0])}
    report["train_cv_macro_f1"] = round(float(np.mean(cv[10.0])), 4)
    # The peer with C chosen per label by the same cross-validation, as
    # signaal chooses its L2 strength: best CV F1 over the grid, then one
    # fit on all of train, thresholds on dev.
    chosen = [max(C_GRID, key=lambda c: (cv[c][i], -c)) for i in range(4)]
    best_cv = [cv[c][i] for i, c in enumerate(chosen)]
    sel = [LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(xt, ytr[:, i]) for i, c in enumerate(chosen)]
    probs_sel = np.stack([m.predict_proba(xd)[:, 1] for m in sel], axis=1)
    labels_sel, macro_sel = dev_report(probs_sel, ydv)
    if ours is not None:
        pred_sel = np.stack([probs_sel[:, i] >= best_f1(probs_sel[:, i], ydv[:, i])[1] for i in range(4)], axis=1)
        report["signaal_minus_sklearn_c_by_cv_dev"] = paired_bootstrap(ours, pred_sel, ydv)
    if test_path is not None:
        if ours is None:
            sys.exit("--test needs target/release/signaal (cargo build --release -p signaal-cli)")
        pred_sk = np.stack([probs[:, i] >= best_f1(probs[:, i], ydv[:, i])[1] for i in range(4)], axis=1)
        report["test"] = test_report(
            test_path, feats, {"sklearn_c10": (models, probs, pred_sk), "sklearn_c_by_cv": (sel, probs_sel, pred_sel)},
            ours, ydv,
        )
    report["c_by_cv"] = {
        "c_grid": C_GRID,
        "chosen_c": dict(zip(LABELS, chosen)),
        "train_cv_f1": {l: round(float(f), 4) for l, f in zip(LABELS, best_cv)},
        "train_cv_macro_f1": round(float(np.mean(best_cv)), 4),
        "labels": labels_sel,
        "macro_f1": macro_sel,
    }
    if "--json" in sys.argv:
        print(json.dumps(report))
        return
    print(f"{'label':14s} {'P':>7s} {'R':>7s} {'F1':>7s}")
    for l, m in report["labels"].items():
        print(f"{l:14s} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f}")
    print(f"macro-F1 {report['macro_f1']:.3f}; predict {report['posts_per_second']} posts/s; train {report['train_seconds']} s")
    print("4-fold CV on train (best-threshold F1): " + ", ".join(f"{l} {f:.3f}" for l, f in report["train_cv_f1"].items())
          + f"; macro {report['train_cv_macro_f1']:.3f}")
    for key, what in [("signaal_minus_sklearn_dev", "C = 10"), ("signaal_minus_sklearn_c_by_cv_dev", "C by CV")]:
        if key in report:
            b = report[key]
            print(f"signaal {report['signaal_model_version']} minus sklearn ({what}), dev macro-F1: {b['difference']:+.4f}; "
                  f"95 % bootstrap interval [{b['ci95'][0]:+.4f}, {b['ci95'][1]:+.4f}] ({b['rounds']} resamples of "
                  f"the posts, thresholds fixed); signaal higher in {b['share_a_higher']:.1%} of them")
    sel = report["c_by_cv"]
    print("C per label by that CV over " + str(C_GRID) + ": " + ", ".join(f"{l} {c}" for l, c in sel["chosen_c"].items()))
    print("  CV F1 at the chosen C: " + ", ".join(f"{l} {f:.3f}" for l, f in sel["train_cv_f1"].items())
          + f"; macro {sel['train_cv_macro_f1']:.3f}")
    print("  dev F1: " + ", ".join(f"{l} {m['f1']:.3f}" for l, m in sel["labels"].items()) + f"; macro {sel['macro_f1']:.3f}")
    if "test" in report:
        t = report["test"]
        print(f"held-out test ({t['file']}, {t['posts']} posts), each system at its dev thresholds:")
        for name in ["signaal", "sklearn_c10", "sklearn_c_by_cv"]:
            r = t[name]
            print(f"  {name:16s} " + ", ".join(f"{l} {m['f1']:.3f}" for l, m in r["labels"].items()) + f"; macro {r['macro_f1']:.3f}")
        for name in ["sklearn_c10", "sklearn_c_by_cv"]:
            for key, what in [("signaal_minus_peer_test", "test"), ("signaal_minus_peer_dev_and_test", "dev + test")]:
                b = t[name][key]
                print(f"  signaal minus {name} on {what}: {b['difference']:+.4f}; 95 % interval "
                      f"[{b['ci95'][0]:+.4f}, {b['ci95'][1]:+.4f}]; signaal higher in {b['share_a_higher']:.1%}")


if __name__ == "__main__":
    main()
