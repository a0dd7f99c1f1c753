//! Classify the dev posts many times over (for profilers):
//! cargo run --release --example profile [ROUNDS] [--no-labels] [--analyze]
//! `--no-labels` sets every threshold to 1, so no evidence is built;
//! `--analyze` runs `analyze` (language id included) instead of `classify`;
//! `--model FILE` classifies with that model instead of the built-in one;
//! `--warm FILE` first classifies FILE untimed (so the first round meets
//! posts new to a warmed thread); `--tokenize` or `--redact` runs that stage alone (the count printed
//! is then of terms or entities).
//!
//! `cargo run --release --example profile -- --dump FILE.jsonl...` instead
//! prints the classification and the language of every record as JSON, one
//! a line (to compare outputs before and after a change); `--terms
//! FILE.jsonl...` prints every post's tokens and terms, one post a line.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--dump") {
        let analyzer = signaal::Analyzer::new();
        for file in &args[k + 1..] {
            for r in signaal::read_records_file(file).expect("records") {
                let c = analyzer.classify(&r.text);
                let doc = signaal::text::tokenize(&r.text);
                let language = signaal::text::detect_language(&r.text, &doc.terms);
                let line = serde_json::json!({ "classification": c, "language": language });
                println!("{line}");
            }
        }
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--terms") {
        for file in &args[k + 1..] {
            for r in signaal::read_records_file(file).expect("records") {
                let doc = signaal::text::tokenize(&r.text);
                let tokens: Vec<String> = doc.tokens.iter().map(|t| format!("{:?}{:?}", t.kind, t.span)).collect();
                let terms: Vec<String> = doc
                    .terms
                    .iter()
                    .map(|t| format!("{:?}:{:?}:{}:{:?}:{}", t.norm, t.span, t.quoted, t.source, t.sentence))
                    .collect();
                println!("{}\t{}", tokens.join(" "), terms.join(" "));
            }
        }
        return;
    }
    let dev = signaal::read_records_file("data/corpus/dev.jsonl").expect("dev split");
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let model = args.iter().position(|a| a == "--model").map(|k| {
        let file = args.get(k + 1).expect("--model FILE");
        signaal::Model::from_bytes(&std::fs::read(file).expect("model file")).expect("valid model")
    });
    let mut b = signaal::Analyzer::builder();
    if let Some(m) = model {
        b.model(m);
    }
    if args.iter().any(|a| a == "--no-labels") {
        for l in signaal::Label::ALL {
            b.threshold(l, 1.0);
        }
    }
    let analyzer = b.build().expect("valid thresholds");
    let analyze = args.iter().any(|a| a == "--analyze");
    // One stage alone: `--tokenize` (tokens and terms) or `--redact`.
    let stage = args.iter().map(String::as_str).find(|a| matches!(*a, "--tokenize" | "--redact"));
    // `--warm FILE`: classify FILE's posts first, untimed (the dev posts
    // are then new to the thread's caches in the first round).
    if let Some(k) = args.iter().position(|a| a == "--warm") {
        let file = args.get(k + 1).expect("--warm FILE");
        for r in signaal::read_records_file(file).expect("records") {
            std::hint::black_box(analyzer.classify(&r.text));
        }
    }
    let start = std::time::Instant::now();
    let mut labels = 0;
    for _ in 0..rounds {
        for r in &dev {
            labels += match stage {
                Some("--tokenize") => signaal::text::tokenize(&r.text).terms.len(),
                Some("--redact") => analyzer.redact(&r.text).entities.len(),
                _ if analyze => analyzer.analyze(&r.text).labels.len(),
                _ => analyzer.classify(&r.text).labels.len(),
            };
        }
    }
    let n = rounds * dev.len();
    eprintln!("{n} posts, {labels} labels, {:.0} posts/s", n as f64 / start.elapsed().as_secs_f64());
}
