//! Throughput of the Rust batch API on a JSON Lines file, the baseline of
//! the command line's throughput (BENCHMARKS.md, "Command line").
//!
//! cargo run --release --example batch_throughput -- FILE [--classify|--redact] [--chunk N]
//!
//! The texts are read into memory first (not timed); then `analyze_batch`
//! (or `classify_batch`, `redact_batch`) runs over chunks of N posts
//! (default 4096, as the CLI) on all cores (`RAYON_NUM_THREADS` to limit),
//! and the results are dropped. Prints posts/s and MB/s of post text.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().expect("usage: batch_throughput FILE [--classify|--redact] [--chunk N]");
    let chunk = args.iter().position(|a| a == "--chunk").map_or(4096, |i| args[i + 1].parse().expect("a number"));
    let what = if args.iter().any(|a| a == "--classify") {
        "classify_batch"
    } else if args.iter().any(|a| a == "--redact") {
        "redact_batch"
    } else {
        "analyze_batch"
    };
    let text = std::fs::read_to_string(file).expect("readable file");
    let posts: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    drop(text);
    let bytes: usize = posts.iter().map(String::len).sum();
    let analyzer = signaal::Analyzer::new();
    let t = Instant::now();
    let mut n = 0usize;
    for c in posts.chunks(chunk) {
        let refs: Vec<&str> = c.iter().map(String::as_str).collect();
        n += match what {
            "classify_batch" => analyzer.classify_batch(&refs).len(),
            "redact_batch" => analyzer.redact_batch(&refs).len(),
            _ => analyzer.analyze_batch(&refs).len(),
        };
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{what}: {n} posts in {s:.2} s: {:.0} posts/s, {:.2} MB/s (chunks of {chunk})",
        n as f64 / s,
        bytes as f64 / s / 1e6
    );
}
