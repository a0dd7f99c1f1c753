//! Writes the golden corpus `tests/data/golden/*.toml` (shared with the
//! Rust tests and pytest) as `c-golden.tsv` for `tests/c/test_signaal.c`,
//! with the expectations taken from the TOML, never from the library:
//!
//! - `L<TAB>name<TAB>text<TAB>label bitmask`
//! - `R<TAB>name<TAB>text<TAB>redacted<TAB>kind:start:end:char_start:char_end,…`
//!
//! It goes to `$SIGNAAL_C_EXPECTED_DIR` when set (scripts/test-c.sh sets it
//! to the target directory), else to Cargo's per-test scratch directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn cases(name: &str) -> Vec<toml::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/golden").join(name);
    let v: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["case"].as_array().unwrap().clone()
}

fn s<'a>(v: &'a toml::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("a case without `{key}`"))
}

#[test]
fn writes_the_golden_corpus_for_c() {
    let mut out = String::new();
    for c in cases("labels.toml") {
        let mut mask = 0u32;
        for l in c["labels"].as_array().unwrap() {
            let i = signaal_core::Label::ALL.iter().position(|x| x.as_str() == l.as_str().unwrap()).unwrap();
            mask |= 1 << i;
        }
        writeln!(out, "L\t{}\t{}\t{mask}", s(&c, "name"), s(&c, "text")).unwrap();
    }
    for c in cases("redaction.toml") {
        let text = s(&c, "text");
        let (mut spans, mut from) = (Vec::new(), 0);
        for e in c["entities"].as_array().unwrap() {
            let value = s(e, "text");
            let start = from + text[from..].find(value).unwrap();
            from = start + value.len();
            let chars = |b: usize| text[..b].chars().count();
            spans.push(format!("{}:{start}:{from}:{}:{}", s(e, "kind"), chars(start), chars(from)));
        }
        writeln!(out, "R\t{}\t{text}\t{}\t{}", s(&c, "name"), s(&c, "redacted"), spans.join(",")).unwrap();
    }
    assert!(out.lines().count() >= 25);
    let dir = std::env::var_os("SIGNAAL_C_EXPECTED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("c-golden.tsv"), out).unwrap();
}
