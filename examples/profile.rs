//! Classify the dev posts many times over (for profilers):
//! cargo run --release --example profile [ROUNDS] [--no-labels]
//! `--no-labels` sets every threshold to 1, so no evidence is built.
fn main() {
    let dev = signaal::read_records_file("data/corpus/dev.jsonl").expect("dev split");
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let analyzer = if args.iter().any(|a| a == "--no-labels") {
        let mut b = signaal::Analyzer::builder();
        for l in signaal::Label::ALL {
            b.threshold(l, 1.0);
        }
        b.build().expect("valid thresholds")
    } else {
        signaal::Analyzer::new()
    };
    let start = std::time::Instant::now();
    let mut labels = 0;
    for _ in 0..rounds {
        for r in &dev {
            labels += analyzer.classify(&r.text).labels.len();
        }
    }
    let n = rounds * dev.len();
    eprintln!("{n} posts, {labels} labels, {:.0} posts/s", n as f64 / start.elapsed().as_secs_f64());
}
