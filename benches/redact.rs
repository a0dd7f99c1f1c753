//! Criterion benches for redaction: MB/s of post text, analyze (classify +
//! redact) posts/s, and the long-text linearity case.
//! Run: cargo bench --bench redact

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use signaal::Analyzer;

fn posts() -> Vec<String> {
    let mut out = Vec::new();
    for f in ["data/redaction/frames.jsonl", "data/redaction/messy.jsonl"] {
        let text = std::fs::read_to_string(format!("{}/{f}", env!("CARGO_MANIFEST_DIR"))).expect("redaction set");
        out.extend(
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_owned)),
        );
    }
    out
}

fn redact(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let posts = posts();
    let bytes: usize = posts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("redaction");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("redact", format!("{} posts, {bytes} B", posts.len())), |b| {
        b.iter(|| posts.iter().map(|p| analyzer.redact(p).entities.len()).sum::<usize>())
    });
    g.throughput(Throughput::Elements(posts.len() as u64));
    g.bench_function(BenchmarkId::new("analyze", format!("{} posts", posts.len())), |b| {
        b.iter(|| posts.iter().map(|p| analyzer.analyze(p).entities.len()).sum::<usize>())
    });
    g.finish();
}

fn long_text(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let unit = "Bel Jan de Vries op 06-12345678 of mail jan@example.com, Kerkstraat 5, NL91 ABNA 0417 1643 00. ";
    let mut g = c.benchmark_group("redaction-long-text");
    for kb in [1usize, 1024] {
        let text = unit.repeat(kb * 1024 / unit.len() + 1);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(BenchmarkId::new("redact", format!("{kb} KB")), |b| {
            b.iter(|| analyzer.redact(&text).entities.len())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = redact, long_text
}
criterion_main!(benches);
