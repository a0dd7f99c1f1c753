//! Property tests over arbitrary text: nothing panics, offsets are exact,
//! results are well-formed and deterministic.

use proptest::prelude::*;
use signaal::Analyzer;
use signaal::text::tokenize;

/// Text mixing Dutch words, punctuation, quotes, hashtags, mentions, URLs,
/// digits, diacritics, emoji (with ZWJ and variation selectors) and noise.
fn posts() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ik",
        "ga",
        "je",
        "steken",
        "politie",
        "Kerkstraat",
        "12",
        "02:15",
        "z'n",
        "'k",
        "#PolitieGent",
        "@pz_gent",
        "https://x.nl/a?b=1",
        "www.nu.nl.",
        "\"",
        "“",
        "”",
        "'",
        "!",
        "?",
        ".",
        ",",
        " ",
        "  ",
        "\n",
        "é",
        "ë",
        "ĳ",
        "ß",
        "😀",
        "👮‍♀️",
        "🔪",
        "\u{fe0f}",
        "\u{200d}",
        "m00rd",
        "HEEEEL",
        "#",
        "@",
        "_",
        "ä",
        "日本",
        "مرحبا",
        "\u{0}",
    ]);
    prop_oneof![prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat()), any::<String>(),]
}

fn check_span(text: &str, start: usize, end: usize, cs: usize, ce: usize) {
    assert!(start <= end && end <= text.len());
    let piece = text.get(start..end).expect("span on char boundaries");
    let by_chars: String = text.chars().skip(cs).take(ce - cs).collect();
    assert_eq!(piece, by_chars);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn tokens_and_terms_point_into_the_text(text in posts()) {
        let doc = tokenize(&text);
        for t in &doc.tokens {
            check_span(&text, t.span.start, t.span.end, t.span.char_start, t.span.char_end);
        }
        for t in &doc.terms {
            check_span(&text, t.span.start, t.span.end, t.span.char_start, t.span.char_end);
            prop_assert!(!t.norm.is_empty());
        }
        // Tokens come in text order and do not overlap.
        for w in doc.tokens.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
    }

    #[test]
    fn analysis_is_well_formed_and_deterministic(text in posts()) {
        let analyzer = Analyzer::new();
        let a = analyzer.analyze(&text);
        for l in signaal::Label::ALL {
            let s = a.scores.get(l);
            prop_assert!(s.is_finite() && (0.0..=1.0).contains(&s));
            for e in a.evidence.get(l) {
                prop_assert!(e.weight > 0.0);
                if let (Some(s), Some(t), Some(cs), Some(ce)) = (e.start, e.end, e.char_start, e.char_end) {
                    check_span(&text, s, t, cs, ce);
                }
            }
        }
        for l in &a.labels {
            prop_assert!(!a.evidence.get(*l).is_empty());
        }
        let json = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(json, serde_json::to_string(&analyzer.analyze(&text)).unwrap());
    }
}
