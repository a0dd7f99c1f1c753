//! The checks of the fuzz targets, shared with `tests/fuzz_regressions.rs`,
//! which runs every input the fuzzers found (kept in `tests/data/fuzz/`)
//! through them on each `cargo test`.
#![allow(dead_code)] // each fuzz target uses one of the checks

use std::sync::LazyLock;

static ANALYZER: LazyLock<signaal::Analyzer> = LazyLock::new(signaal::Analyzer::new);

/// Arbitrary bytes (lossy UTF-8) through `Analyzer::analyze`: no panic,
/// offsets on char boundaries, scores in [0, 1], entities in order and
/// apart, JSON that parses back to the same value, classify agreeing.
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let a = ANALYZER.analyze(&text);
    for l in signaal::Label::ALL {
        let s = a.scores.get(l);
        assert!((0.0..=1.0).contains(&s));
        for e in a.evidence.get(l) {
            if let (Some(s), Some(t)) = (e.start, e.end) {
                assert!(text.get(s..t).is_some());
            }
        }
    }
    entities_are_sound(&text, &a.entities);
    let c = ANALYZER.classify(&text);
    assert_eq!((&c.labels, &c.evidence), (&a.labels, &a.evidence));
    let json = serde_json::to_string(&a).unwrap();
    let back: signaal::Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

/// `shown` repeats `key`, and not because a rendering without the key
/// (`keyless`) happens to contain the same characters.
fn leaks(shown: &str, keyless: &str, key: &str) -> bool {
    shown.contains(key) && !keyless.contains(key)
}

fn entities_are_sound(text: &str, entities: &[signaal::Entity]) {
    let mut prev_end = 0;
    for e in entities {
        assert!(prev_end <= e.start && e.start < e.end && e.end <= text.len());
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert_eq!(e.char_start, text[..e.start].chars().count());
        assert_eq!(e.char_end, text[..e.end].chars().count());
        prev_end = e.end;
    }
}

/// Arbitrary bytes as a configuration and a post: the bytes before the
/// first NUL are parsed by `Config::from_json` (the JSON the C ABI takes and
/// the TOML of the command line deserialises into), the rest (lossy UTF-8)
/// is redacted under the resulting policy.
///
/// Checks: no panic; an error never repeats the pseudonym key; a built
/// analyzer's Debug never shows the key; entities are in order, do not
/// overlap, sit on char boundaries with matching char offsets, and the
/// redacted text keeps every byte outside them.
pub fn config(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (cfg, rest) = data.split_at(cut);
    let Ok(cfg) = std::str::from_utf8(cfg) else { return };
    let text = String::from_utf8_lossy(rest.get(1..).unwrap_or_default());
    // The key as written, if the input has one, to check it never leaks.
    let key = serde_json::from_str::<serde_json::Value>(cfg)
        .ok()
        .and_then(|v| v.pointer("/redaction/pseudonym_key").and_then(|k| k.as_str()).map(str::to_owned))
        .filter(|k| k.len() >= 8);
    let mut config = match signaal::Config::from_json(cfg) {
        Ok(c) => c,
        Err(e) => {
            if let Some(k) = &key {
                assert!(!e.to_string().contains(k.as_str()), "error repeats the key");
            }
            return;
        }
    };
    if let Some(k) = &key {
        let mut keyless = config.clone();
        keyless.redaction.pseudonym_key = None;
        assert!(!leaks(&format!("{config:?}"), &format!("{keyless:?}"), k), "Debug of the config shows the key");
    }
    // A model path would make the fuzzer read files; models have their own target.
    config.model = None;
    let analyzer = match signaal::Analyzer::builder().config(config).build() {
        Ok(a) => a,
        Err(e) => {
            if let Some(k) = &key {
                assert!(!e.to_string().contains(k.as_str()), "error repeats the key");
            }
            return;
        }
    };
    if let Some(k) = &key {
        let plain = format!("{:?}", signaal::Analyzer::new());
        assert!(!leaks(&format!("{analyzer:?}"), &plain, k), "Debug of the analyzer shows the key");
    }
    let r = analyzer.redact(&text);
    entities_are_sound(&text, &r.entities);
    // Every byte outside the spans is kept, in order.
    let mut rest = r.text.as_str();
    let mut prev_end = 0;
    for e in &r.entities {
        let piece = &text[prev_end..e.start];
        let at = rest.find(piece).expect("kept text in order");
        rest = &rest[at + piece.len()..];
        prev_end = e.end;
    }
    assert!(rest.ends_with(&text[prev_end..]));
    // Same input, same output.
    assert_eq!(analyzer.redact(&text), r);
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Arbitrary bytes as a model file: `Model::from_bytes` returns an error
/// or a model that analyses without panicking, with scores in [0, 1], and
/// that writes itself back to a file it reads again as an equal model.
/// Bytes that start like a model file (`SGNLMDL`) are read as they are;
/// any other input is a payload after a selector byte, wrapped in a valid
/// header and checksum (format version 3, or 2 when the byte is even), so
/// the fuzzer reaches the payload parser instead of stopping at the
/// checksum.
pub fn model(data: &[u8]) {
    let file = match data.split_first() {
        Some((&b, payload)) if !data.starts_with(b"SGNLMDL") => {
            let version: u32 = if b % 2 == 0 { 2 } else { 3 };
            let mut f = b"SGNLMDL\0".to_vec();
            f.extend_from_slice(&version.to_le_bytes());
            f.extend_from_slice(&(payload.len() as u64).to_le_bytes());
            f.extend_from_slice(payload);
            f.extend_from_slice(&fnv1a(payload).to_le_bytes());
            f
        }
        _ => data.to_vec(),
    };
    if let Ok(model) = signaal::Model::from_bytes(&file) {
        let again = signaal::Model::from_bytes(&model.to_bytes()).expect("a model's own bytes read back");
        assert!(again == model);
        let analyzer = signaal::Analyzer::builder().model(model).build().unwrap();
        let a = analyzer.analyze("Ik weet waar je woont, de politie doet niks #schande 🔪");
        for l in signaal::Label::ALL {
            assert!((0.0..=1.0).contains(&a.scores.get(l)));
        }
    }
}
