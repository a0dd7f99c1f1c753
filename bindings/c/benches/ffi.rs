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
//!
//! On a busy machine criterion's means drift between groups; for the
//! overhead figure run the paired mode, which alternates the Rust and the C
//! call over all posts for 40 rounds and compares the fastest round of each:
//! `SIGNAAL_FFI_PAIRED=1 cargo bench -p signaal-c --bench ffi`.
//! For a figure independent of load, count instructions: with
//! `SIGNAAL_FFI_COUNT=<mode>` the binary runs one call per dev post, three
//! times over, and exits (modes `none`, `rust-analyze`, `rust-analyze-json`,
//! `c-analyze`, `rust-classify`, `c-classify`); run it under
//! `valgrind --tool=cachegrind --cache-sim=no` and subtract `none`.

use std::hint::black_box;
use std::ptr::{null_mut, read};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
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

/// Fastest of `rounds` alternating runs of `a` and `b`, in ns per post.
fn paired(rounds: usize, posts: usize, mut a: impl FnMut() -> usize, mut b: impl FnMut() -> usize) -> (f64, f64) {
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    for round in 0..rounds {
        let time = |f: &mut dyn FnMut() -> usize| {
            let t = std::time::Instant::now();
            black_box(f());
            t.elapsed().as_nanos() as f64 / posts as f64
        };
        if round % 2 == 0 {
            best_a = best_a.min(time(&mut a));
            best_b = best_b.min(time(&mut b));
        } else {
            best_b = best_b.min(time(&mut b));
            best_a = best_a.min(time(&mut a));
        }
    }
    (best_a, best_b)
}

fn paired_report() {
    let posts = posts();
    let rust = Analyzer::new();
    let ca = c_analyzer();
    let c_analyze = || {
        posts
            .iter()
            .map(|p| unsafe {
                let mut out: *mut signaal_analysis = null_mut();
                signaal_analyze(ca, p.as_ptr(), p.len(), &mut out, null_mut());
                let n = signaal_analysis_json(out).len;
                signaal_analysis_free(out);
                n
            })
            .sum::<usize>()
    };
    let c_classify = || {
        posts
            .iter()
            .map(|p| unsafe {
                let mut out = std::mem::MaybeUninit::<signaal_classification>::uninit();
                signaal_classify(ca, p.as_ptr(), p.len(), out.as_mut_ptr(), null_mut());
                read(out.as_ptr()).labels as usize
            })
            .sum::<usize>()
    };
    let n = posts.len();
    println!("paired, fastest of 40 alternating rounds over {n} dev posts (ns/post):");
    let (r, c) = paired(40, n, || posts.iter().map(|p| rust.analyze(p).redacted.len()).sum(), c_analyze);
    println!(
        "  Analyzer::analyze            {r:>9.0}   signaal_analyze (+json, free) {c:>9.0}   C/Rust = {:.3}",
        c / r
    );
    let (r, c) =
        paired(40, n, || posts.iter().map(|p| serde_json::to_string(&rust.analyze(p)).unwrap().len()).sum(), c_analyze);
    println!(
        "  Analyzer::analyze + to_string {r:>8.0}   signaal_analyze (+json, free) {c:>9.0}   C/Rust = {:.3}",
        c / r
    );
    let (r, c) = paired(40, n, || posts.iter().map(|p| rust.classify(p).labels.len()).sum(), c_classify);
    println!(
        "  Analyzer::classify           {r:>9.0}   signaal_classify              {c:>9.0}   C/Rust = {:.3}",
        c / r
    );
    unsafe { signaal_analyzer_free(ca) };
}

criterion_group!(benches, single);

/// One call per dev post, three times over, for instruction counting.
fn count(mode: &str) {
    let posts = posts();
    let rust = Analyzer::new();
    let ca = c_analyzer();
    // Warm the lazily built statics outside the counted mode difference.
    black_box(rust.analyze("Jan de Vries"));
    for _ in 0..3 {
        for p in &posts {
            match mode {
                "none" => {}
                "rust-analyze" => drop(black_box(rust.analyze(p))),
                "rust-analyze-json" => drop(black_box(serde_json::to_string(&rust.analyze(p)).unwrap())),
                "rust-classify" => drop(black_box(rust.classify(p))),
                "c-analyze" => unsafe {
                    let mut out: *mut signaal_analysis = null_mut();
                    signaal_analyze(ca, p.as_ptr(), p.len(), &mut out, null_mut());
                    black_box(signaal_analysis_json(out).len);
                    signaal_analysis_free(out);
                },
                "c-classify" => unsafe {
                    let mut out = std::mem::MaybeUninit::<signaal_classification>::uninit();
                    signaal_classify(ca, p.as_ptr(), p.len(), out.as_mut_ptr(), null_mut());
                    black_box(read(out.as_ptr()).labels);
                },
                other => panic!("unknown SIGNAAL_FFI_COUNT mode {other}"),
            }
        }
    }
    unsafe { signaal_analyzer_free(ca) };
}

fn main() {
    if let Some(mode) = std::env::var_os("SIGNAAL_FFI_COUNT") {
        count(mode.to_str().expect("a mode name"));
        return;
    }
    if std::env::var_os("SIGNAAL_FFI_PAIRED").is_some() {
        paired_report();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
