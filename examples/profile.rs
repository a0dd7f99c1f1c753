//! Classify the dev posts many times over (for profilers): cargo run --release --example profile
fn main() {
    let dev = signaal::read_records_file("data/corpus/dev.jsonl").expect("dev split");
    let analyzer = signaal::Analyzer::new();
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
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
