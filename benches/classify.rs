//! Criterion benches: single posts (classify, analyze, redact) in posts/s
//! and MB/s, batch scaling over 1 and 2 threads, model load, long text.
//! Run: cargo bench --bench classify

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use signaal::{Analyzer, Model};

fn posts() -> Vec<String> {
    split("dev")
}

/// The texts of `data/corpus/{name}.jsonl` of 5–50 words.
fn split(name: &str) -> Vec<String> {
    let path = format!("{}/data/corpus/{name}.jsonl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("corpus split");
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .filter(|t| (5..=50).contains(&t.split_whitespace().count()))
        .collect()
}

fn single(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let posts = posts();
    let warm = split("train");
    let bytes: usize = posts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("single-thread");
    for (name, unit) in
        [("posts", Throughput::Elements(posts.len() as u64)), ("bytes", Throughput::Bytes(bytes as u64))]
    {
        g.throughput(unit);
        g.bench_function(BenchmarkId::new("classify", format!("{} {name}", posts.len())), |b| {
            b.iter(|| posts.iter().map(|p| analyzer.classify(p).labels.len()).sum::<usize>())
        });
        // Every word form new to the thread: each iteration runs on a fresh
        // thread, so the per-thread stem and character-sum caches start
        // empty (the worst case; the figure above is the warm one).
        g.bench_function(BenchmarkId::new("classify, cold caches", format!("{} {name}", posts.len())), |b| {
            b.iter(|| {
                std::thread::scope(|s| {
                    s.spawn(|| posts.iter().map(|p| analyzer.classify(p).labels.len()).sum::<usize>()).join().unwrap()
                })
            })
        });
        // Posts the thread has never seen, after it classified the training
        // split (how a long-running stream meets new posts): per sample, a
        // fresh thread classifies the train posts untimed, then the dev
        // posts timed.
        g.bench_function(BenchmarkId::new("classify, unseen posts", format!("{} {name}", posts.len())), |b| {
            b.iter_custom(|iters| {
                let sample = || {
                    for p in &warm {
                        std::hint::black_box(analyzer.classify(p));
                    }
                    let start = std::time::Instant::now();
                    for p in &posts {
                        std::hint::black_box(analyzer.classify(p));
                    }
                    start.elapsed()
                };
                (0..iters).map(|_| std::thread::scope(|s| s.spawn(sample).join().unwrap())).sum()
            })
        });
        g.bench_function(BenchmarkId::new("analyze", format!("{} {name}", posts.len())), |b| {
            b.iter(|| posts.iter().map(|p| analyzer.analyze(p).labels.len()).sum::<usize>())
        });
        g.bench_function(BenchmarkId::new("redact", format!("{} {name}", posts.len())), |b| {
            b.iter(|| posts.iter().map(|p| analyzer.redact(p).entities.len()).sum::<usize>())
        });
    }
    g.finish();
}

/// The batch calls on a pool of 1 and of 2 threads (the machine has 2 cores).
fn batch(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let posts = posts();
    let refs: Vec<&str> = posts.iter().map(String::as_str).collect();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(posts.len() as u64));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        g.bench_function(BenchmarkId::new("analyze_batch", format!("{threads} threads")), |b| {
            b.iter(|| pool.install(|| analyzer.analyze_batch(&refs).len()))
        });
        g.bench_function(BenchmarkId::new("classify_batch", format!("{threads} threads")), |b| {
            b.iter(|| pool.install(|| analyzer.classify_batch(&refs).len()))
        });
    }
    g.finish();
}

fn load(c: &mut Criterion) {
    c.bench_function("model load (built-in bytes)", |b| {
        b.iter(|| Model::from_bytes(signaal::BUILTIN_MODEL_BYTES).expect("valid"))
    });
}

fn long_text(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let post = "Gisteravond rond 23:00 twee mannen met een zwarte scooter bij de Kerkstraat, ze riepen dat ze terug zouden komen. ";
    let mut g = c.benchmark_group("long-text");
    for kb in [1usize, 1024] {
        let text = post.repeat(kb * 1024 / post.len() + 1);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(BenchmarkId::new("classify", format!("{kb} KB")), |b| {
            b.iter(|| analyzer.classify(&text).labels.len())
        });
        g.bench_function(BenchmarkId::new("analyze", format!("{kb} KB")), |b| {
            b.iter(|| analyzer.analyze(&text).labels.len())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = single, batch, load, long_text
}
criterion_main!(benches);
