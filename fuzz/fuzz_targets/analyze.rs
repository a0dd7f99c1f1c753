//! Arbitrary bytes (lossy UTF-8) through `Analyzer::analyze`: no panic, offsets
//! on char boundaries, scores in [0, 1], JSON that parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static ANALYZER: LazyLock<signaal::Analyzer> = LazyLock::new(signaal::Analyzer::new);

fuzz_target!(|data: &[u8]| {
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
    let json = serde_json::to_string(&a).unwrap();
    let back: signaal::Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
});
