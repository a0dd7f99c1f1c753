#!/usr/bin/env python3
"""Throughput of the Python binding's batch call against the Rust batch call.

    python benches/peers/python_batch.py [--posts 100000] [--rounds 3] [--threads N]

Python: `signaal.Analyzer().analyze_many(texts)` on a list of str, the posts
of data/samples/posts.jsonl repeated to --posts (includes extracting the str
objects and creating the result objects: the real cost of the Python surface).
Rust: `Analyzer::analyze_batch` on the same texts, in a small harness built
here (a temporary crate depending on this repository's core, with the
workspace's release profile), so the same machine and core count are used.
Best of --rounds for each; prints posts/s and the ratio Python / Rust.

Needs the signaal wheel installed (scripts/test-python.sh or `pip install .`)
and cargo. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

HARNESS = r'''
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let records = signaal::read_records_file(&args[1]).expect("records");
    let rounds: usize = args[2].parse().expect("rounds");
    let threads: usize = args[3].parse().expect("threads");
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    let analyzer = signaal::Analyzer::new();
    let run = || {
        let _ = analyzer.analyze_batch(&texts[..texts.len().min(2000)]); // warm-up
        let mut best = f64::INFINITY;
        for _ in 0..rounds {
            let t = Instant::now();
            let out = analyzer.analyze_batch(&texts);
            assert_eq!(out.len(), texts.len());
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let best = if threads == 0 {
        run()
    } else {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool").install(run)
    };
    println!("{{\"posts\": {}, \"seconds\": {best}, \"threads\": {}}}", texts.len(), rayon::current_num_threads());
}
'''


def cargo_toml(core: pathlib.Path) -> str:
    return f'''[package]
name = "signaal-python-batch-peer"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
signaal = {{ path = "{core.as_posix()}" }}
rayon = "1.10"

[profile.release]
lto = "fat"
codegen-units = 1

[workspace]
'''


def rust_seconds(posts_file: pathlib.Path, rounds: int, threads: int) -> dict:
    crate = pathlib.Path(tempfile.mkdtemp(prefix="signaal-batch-peer-"))
    (crate / "src").mkdir()
    (crate / "Cargo.toml").write_text(cargo_toml(ROOT))
    (crate / "src" / "main.rs").write_text(HARNESS)
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", str(ROOT / "target" / "python-batch-peer"))
    # The core's own lockfile pins the same dependency versions as the wheel.
    lock = ROOT / "Cargo.lock"
    if lock.exists():
        (crate / "Cargo.lock").write_text(lock.read_text())
    subprocess.run(["cargo", "build", "--quiet", "--release", "--manifest-path", str(crate / "Cargo.toml")],
                   check=True, env=env)
    exe = pathlib.Path(env["CARGO_TARGET_DIR"]) / "release" / "signaal-python-batch-peer"
    out = subprocess.run([str(exe), str(posts_file), str(rounds), str(threads)],
                         check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="0: all cores (default)")
    args = ap.parse_args()

    import signaal

    with open(ROOT / "data" / "samples" / "posts.jsonl", encoding="utf-8") as f:
        base = [json.loads(line)["text"] for line in f if line.strip()]
    texts = (base * (args.posts // len(base) + 1))[: args.posts]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
        posts_file = pathlib.Path(f.name)
    try:
        rust = rust_seconds(posts_file, args.rounds, args.threads)
    finally:
        posts_file.unlink()

    analyzer = signaal.Analyzer()
    threads = args.threads or None
    analyzer.analyze_many(texts[:2000], threads=threads)  # warm-up
    best = float("inf")
    for _ in range(args.rounds):
        t = time.perf_counter()
        out = analyzer.analyze_many(texts, threads=threads)
        best = min(best, time.perf_counter() - t)
        assert len(out) == len(texts)
        del out

    py_rate = len(texts) / best
    rust_rate = rust["posts"] / rust["seconds"]
    print(f"posts            {len(texts):,} ({mb:.1f} MB), cores {os.cpu_count()}, threads {rust['threads']}")
    print(f"Rust analyze_batch      {rust_rate:12,.0f} posts/s  ({rust['seconds']:.3f} s, best of {args.rounds})")
    print(f"Python analyze_many     {py_rate:12,.0f} posts/s  ({best:.3f} s, best of {args.rounds})")
    print(f"ratio Python / Rust     {py_rate / rust_rate:12.1%}")
    print(f"signaal {signaal.__version__}, Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
