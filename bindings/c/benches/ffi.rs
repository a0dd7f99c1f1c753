//! The cost of the C ABI over the Rust call, for single posts.
//!
//! Run: `cargo bench -p signaal-c --bench ffi`. Compares, over the same
//! dev posts as the core's `classify` bench:
//! - `rust/analyze`: `Analyzer::analyze` (typed result, no JSON);
//! - `rust/analyze+json`: the same plus `serde_json::to_string`, the work
//!   a C caller gets for free;
//! - `c/signaal_analyze`: `signaal_analyze` + `signaal_analysis_json` +
//!   `signaal_analysis_free`, as a C caller would (UTF-8 check, JSON,
//!   typed views, allocation of the handle);
//! - `rust/classify` and `c/signaal_classify`.

use std::hint::black_box;
use std::ptr::{null_mut, read};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use signaal::{
    signaal_analysis, signaal_analysis_free, signaal_analysis_json, signaal_analyze, signaal_analyzer,
    signaal_analyzer_free, signaal_analyzer_new, signaal_classification, signaal_classify, signaal_status,
};
use signaal_core::Analyzer;

fn posts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/corpus/dev.jsonl");
    let text = std::fs::read_to_string(path).expect("dev split");
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .filter(|t| (5..=50).contains(&t.split_whitespace().count()))
        .collect()
}

fn c_analyzer() -> *mut signaal_analyzer {
    let mut a = null_mut();
    let st = unsafe { signaal_analyzer_new(std::ptr::null(), 0, &mut a, null_mut()) };
    assert_eq!(st, signaal_status::Ok);
    a
}

fn single(c: &mut Criterion) {
    let posts = posts();
    let rust = Analyzer::new();
    let ca = c_analyzer();
    let mut g = c.benchmark_group("single-post");
    g.throughput(Throughput::Elements(posts.len() as u64));
    let id = |name: &str| BenchmarkId::new(name, format!("{} posts", posts.len()));
    g.bench_function(id("rust/analyze"), |b| {
        b.iter(|| posts.iter().map(|p| black_box(rust.analyze(p)).redacted.len()).sum::<usize>())
    });
    g.bench_function(id("rust/analyze+json"), |b| {
        b.iter(|| posts.iter().map(|p| serde_json::to_string(&rust.analyze(p)).unwrap().len()).sum::<usize>())
    });
    g.bench_function(id("c/signaal_analyze"), |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| unsafe {
                    let mut out: *mut signaal_analysis = null_mut();
                    let st = signaal_analyze(ca, p.as_ptr(), p.len(), &mut out, null_mut());
                    debug_assert_eq!(st, signaal_status::Ok);
                    let n = signaal_analysis_json(out).len;
                    signaal_analysis_free(out);
                    n
                })
                .sum::<usize>()
        })
    });
    g.bench_function(id("rust/classify"), |b| {
        b.iter(|| posts.iter().map(|p| black_box(rust.classify(p)).labels.len()).sum::<usize>())
    });
    g.bench_function(id("c/signaal_classify"), |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| unsafe {
                    let mut out = std::mem::MaybeUninit::<signaal_classification>::uninit();
                    let st = signaal_classify(ca, p.as_ptr(), p.len(), out.as_mut_ptr(), null_mut());
                    debug_assert_eq!(st, signaal_status::Ok);
                    read(out.as_ptr()).labels as usize
                })
                .sum::<usize>()
        })
    });
    g.finish();
    unsafe { signaal_analyzer_free(ca) };
}

criterion_group!(benches, single);
criterion_main!(benches);
