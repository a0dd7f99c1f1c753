//! The golden corpus `tests/data/golden/*.toml`, shared with the C tests
//! and pytest: every case's labels, entities (kind, byte and char offsets)
//! and redacted text, from `analyze`, `classify` and `redact`.

use serde::Deserialize;
use signaal::{Analyzer, EntityKind, Label};

#[derive(Deserialize)]
struct Labels {
    case: Vec<LabelCase>,
}

#[derive(Deserialize)]
struct LabelCase {
    name: String,
    text: String,
    labels: Vec<Label>,
}

#[derive(Deserialize)]
struct Redactions {
    case: Vec<RedactionCase>,
}

#[derive(Deserialize)]
struct RedactionCase {
    name: String,
    text: String,
    entities: Vec<Expected>,
    redacted: String,
}

#[derive(Deserialize)]
struct Expected {
    kind: EntityKind,
    text: String,
}

fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden").join(name);
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn golden_labels() {
    let cases: Labels = read("labels.toml");
    assert!(cases.case.len() >= 15);
    let an = Analyzer::new();
    let mut wrong = Vec::new();
    for c in &cases.case {
        let (a, k) = (an.analyze(&c.text), an.classify(&c.text));
        if a.labels != c.labels || k.labels != c.labels {
            wrong.push(format!("{}: want {:?}, analyze {:?}, classify {:?}", c.name, c.labels, a.labels, k.labels));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn golden_redactions() {
    let cases: Redactions = read("redaction.toml");
    assert!(cases.case.len() >= 10);
    let an = Analyzer::new();
    for c in &cases.case {
        // Expected spans: each entity's text, searched from the end of the previous one.
        let mut want = Vec::new();
        let mut from = 0;
        for e in &c.entities {
            let start =
                from + c.text[from..].find(&e.text).unwrap_or_else(|| panic!("{}: {:?} not in text", c.name, e.text));
            let end = start + e.text.len();
            want.push((e.kind, start, end, c.text[..start].chars().count(), c.text[..end].chars().count()));
            from = end;
        }
        for (surface, r) in [
            ("redact", an.redact(&c.text)),
            ("analyze", {
                let a = an.analyze(&c.text);
                signaal::Redaction { text: a.redacted, entities: a.entities }
            }),
        ] {
            let got: Vec<_> = r.entities.iter().map(|e| (e.kind, e.start, e.end, e.char_start, e.char_end)).collect();
            assert_eq!(got, want, "{} ({surface})", c.name);
            assert_eq!(r.text, c.redacted, "{} ({surface})", c.name);
        }
    }
}

#[test]
fn golden_texts_have_no_tab_or_newline() {
    // The C test reads the cases as tab-separated lines.
    let l: Labels = read("labels.toml");
    let r: Redactions = read("redaction.toml");
    for t in l.case.iter().map(|c| &c.text).chain(r.case.iter().flat_map(|c| [&c.text, &c.redacted])) {
        assert!(!t.contains(['\t', '\n', '\r']), "{t:?}");
    }
}
