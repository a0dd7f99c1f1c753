//! Language identification: right on >= 90 % of 10–30-word posts in Dutch,
//! English, German, French, Turkish and Polish (tests/data/langid.jsonl),
//! and Dutch-or-not right on >= 95 %.

use signaal::text::{detect_language, tokenize};

#[test]
fn language_id_accuracy() {
    let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/langid.jsonl")).unwrap();
    let (mut n, mut right, mut dutch_right) = (0, 0, 0);
    let mut wrong = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (text, lang) = (v["text"].as_str().unwrap(), v["lang"].as_str().unwrap());
        let words = text.split_whitespace().count();
        assert!((10..=30).contains(&words), "{}: {words} words", v["id"]);
        let got = detect_language(text, &tokenize(text).terms);
        assert!((0.0..=1.0).contains(&got.confidence));
        n += 1;
        if got.code == lang {
            right += 1;
        } else {
            wrong.push(format!("{} {lang}->{}", v["id"], got.code));
        }
        if (got.code == "nl") == (lang == "nl") {
            dutch_right += 1;
        }
    }
    let acc = right as f64 / n as f64;
    let dutch = dutch_right as f64 / n as f64;
    eprintln!("language id: {right}/{n} = {acc:.3}; dutch-or-not {dutch:.3}; wrong: {wrong:?}");
    assert!(n >= 240);
    assert!(acc >= 0.90, "accuracy {acc:.3}: {wrong:?}");
    assert!(dutch >= 0.95, "dutch-or-not {dutch:.3}: {wrong:?}");
}
