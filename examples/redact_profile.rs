//! Redact the `frames` + `messy` posts (the `redaction/redact` bench set)
//! many times over, for profilers:
//! cargo run --release --example redact_profile [ROUNDS]
//! (callgrind: run with ROUNDS and with 1 and take the difference per post).
//! `-- --long KB [ROUNDS]` redacts the `redaction-long-text` bench text of
//! KB kilobytes instead (for the linearity check in instructions).
//!
//! `cargo run --release --example redact_profile -- --dump FILE...` instead
//! prints, for every text of the files (JSONL records or golden TOML cases)
//! and of mutated variants of them, the `analyze` JSON under the default
//! policy and the `redact` JSON under six policies, one a line (to compare
//! outputs before and after a change).
use signaal::{Analyzer, EntityKind, Mode, PseudonymKey, RedactionPolicy};

fn texts(file: &str) -> Vec<String> {
    let raw = std::fs::read_to_string(file).expect("readable file");
    if file.ends_with(".toml") {
        let v: toml::Value = toml::from_str(&raw).expect("TOML");
        let cases = v.get("case").and_then(|c| c.as_array()).cloned().unwrap_or_default();
        return cases.iter().filter_map(|c| c.get("text").and_then(|t| t.as_str()).map(str::to_owned)).collect();
    }
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect()
}

/// Deterministic variants of a post: case changes, separators dropped or
/// doubled, joined with the next post, cut at a char boundary.
fn variants(t: &str, next: &str, seed: &mut u64) -> Vec<String> {
    let mut rnd = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    };
    let mut out = vec![t.to_owned(), t.to_uppercase(), t.to_lowercase(), format!("{t} {next}"), format!("{t}{next}")];
    out.push(t.replace([' ', '-'], ""));
    out.push(t.replace(' ', "  ").replace('-', "."));
    let chars: Vec<char> = t.chars().collect();
    if !chars.is_empty() {
        let a = (rnd() as usize) % chars.len();
        let b = a + (rnd() as usize) % (chars.len() - a + 1);
        out.push(chars[a..b].iter().collect());
        // delete a few chars, insert a few from a small alphabet
        let mut m = chars.clone();
        for _ in 0..3 {
            let i = (rnd() as usize) % (m.len() + 1);
            let r = rnd();
            if r % 2 == 0 && i < m.len() {
                m.remove(i);
            } else {
                let alphabet = ['0', '7', ' ', '-', '.', '@', ':', 'A', 'x', 'é', '\n', '/'];
                m.insert(i, alphabet[(r as usize / 2) % alphabet.len()]);
            }
        }
        out.push(m.into_iter().collect());
    }
    out
}

fn policies() -> Vec<(&'static str, Analyzer)> {
    let key = || PseudonymKey::new(b"0123456789abcdef-profile".to_vec()).unwrap();
    let mut out = vec![("default", Analyzer::new())];
    let mut p = RedactionPolicy::default();
    p.set_all_modes(Mode::Tag).include_values(true);
    out.push(("tag+values", Analyzer::builder().redaction(p).build().unwrap()));
    let mut p = RedactionPolicy::default();
    p.set_all_modes(Mode::Pseudonym).pseudonym_key(key());
    out.push(("pseudonym", Analyzer::builder().redaction(p).build().unwrap()));
    let mut p = RedactionPolicy::default();
    p.set_all_modes(Mode::Remove).min_confidence(0.0).clear_allowlist();
    out.push(("remove-all", Analyzer::builder().redaction(p).build().unwrap()));
    let mut p = RedactionPolicy::default();
    p.set_all_modes(Mode::Keep).min_confidence(0.8).allow("jan").allow("@kees");
    out.push(("keep-0.8", Analyzer::builder().redaction(p).build().unwrap()));
    let mut p = RedactionPolicy::default();
    p.disable(EntityKind::Person).set_mode(EntityKind::Phone, Mode::Tag);
    p.set_mode(EntityKind::Address, Mode::Pseudonym).pseudonym_key(key());
    out.push(("no-person", Analyzer::builder().redaction(p).build().unwrap()));
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--dump") {
        let policies = policies();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for file in &args[k + 1..] {
            let ts = texts(file);
            for (i, t) in ts.iter().enumerate() {
                let next = &ts[(i + 1) % ts.len()];
                for v in variants(t, next, &mut seed) {
                    let a = policies[0].1.analyze(&v);
                    println!("{}", serde_json::to_string(&a).unwrap());
                    for (name, an) in &policies {
                        println!("{name}\t{}", serde_json::to_string(&an.redact(&v)).unwrap());
                    }
                }
            }
        }
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--long") {
        // the `redaction-long-text` bench text of KB kilobytes, redacted ROUNDS times
        let kb: usize = args.get(k + 1).and_then(|a| a.parse().ok()).unwrap_or(1);
        let rounds: usize = args.get(k + 2).and_then(|a| a.parse().ok()).unwrap_or(1);
        let unit = "Bel Jan de Vries op 06-12345678 of mail jan@example.com, Kerkstraat 5, NL91 ABNA 0417 1643 00. ";
        let text = unit.repeat(kb * 1024 / unit.len() + 1);
        let analyzer = Analyzer::new();
        let _ = analyzer.redact("Jan de Vries");
        let found: usize = (0..rounds).map(|_| analyzer.redact(&text).entities.len()).sum();
        eprintln!("{} bytes x {rounds}: {found} entities", text.len());
        return;
    }
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut posts = texts("data/redaction/frames.jsonl");
    posts.extend(texts("data/redaction/messy.jsonl"));
    let analyzer = Analyzer::new();
    // warm up (the name tables are built on first use)
    let _ = analyzer.redact("Jan de Vries");
    let start = std::time::Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for p in &posts {
            found += analyzer.redact(p).entities.len();
        }
    }
    let n = rounds * posts.len();
    eprintln!("{n} posts, {found} entities, {:.0} posts/s", n as f64 / start.elapsed().as_secs_f64());
}
