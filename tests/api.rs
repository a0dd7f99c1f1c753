//! The public API: result shape (analysis.md), bad input, determinism,
//! model files, thresholds, threads.

use signaal::{Analyzer, ErrorKind, Label, Model};

#[test]
fn json_has_exactly_the_fields_of_analysis_md() {
    let a = Analyzer::new().analyze_with_id(Some("p1".into()), "Die agent krijgt een kogel als ik hem tegenkom 🔫");
    let json = serde_json::to_string(&a).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_by_key(|k| json.find(&format!("\"{k}\":")).unwrap());
    assert_eq!(keys, ["id", "language", "labels", "scores", "evidence", "entities", "redacted", "model"]);
    let order: Vec<usize> = ["\"complaint\":", "\"tip\":", "\"threat\":", "\"polarization\":"]
        .iter()
        .map(|k| json[json.find("\"scores\"").unwrap()..].find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "scores in label order");
    assert_eq!(v["model"]["name"], "signaal-nl");
    assert_eq!(v["model"]["version"], signaal::MODEL_VERSION);
    // Evidence only for labels in `labels`, with both kinds of offsets.
    let ev = v["evidence"].as_object().unwrap();
    for (label, items) in ev {
        assert!(a.labels.iter().any(|l| l.as_str() == label));
        for it in items.as_array().unwrap() {
            assert!(it["weight"].as_f64().unwrap() > 0.0);
            for k in ["feature", "weight"] {
                assert!(it.get(k).is_some(), "{k}");
            }
        }
    }
    // Round trip.
    let back: signaal::Analysis = serde_json::from_value(v).unwrap();
    assert_eq!(back, a);
}

#[test]
fn labels_follow_thresholds_and_fixed_order() {
    let analyzer = Analyzer::new();
    let t = analyzer.thresholds();
    for text in ["Volksverraders in Den Haag, jullie dag komt nog", "Hoe laat is het bureau in Gent open?", "help"] {
        let a = analyzer.analyze(text);
        let expected: Vec<Label> =
            Label::ALL.into_iter().filter(|l| a.scores.get(*l) >= f64::from(t[l.index()])).collect();
        assert_eq!(a.labels, expected);
        for l in Label::ALL {
            assert!((0.0..=1.0).contains(&a.scores.get(l)));
        }
    }
}

#[test]
fn evidence_spans_point_into_the_text_in_bytes_and_chars() {
    let text = "Één ding: ik weet waar je woont 😡 en ik steek je neer, café-eigenaar!";
    let a = Analyzer::new().analyze(text);
    assert!(a.labels.contains(&Label::Threat), "{a:?}");
    let chars: Vec<char> = text.chars().collect();
    for items in [&a.evidence.complaint, &a.evidence.tip, &a.evidence.threat, &a.evidence.polarization] {
        for it in items {
            if let (Some(s), Some(e), Some(cs), Some(ce)) = (it.start, it.end, it.char_start, it.char_end) {
                let by_chars: String = chars[cs..ce].iter().collect();
                assert_eq!(&text[s..e], by_chars);
            }
        }
    }
}

#[test]
fn bad_and_odd_input_gives_a_result() {
    let analyzer = Analyzer::new();
    let huge = "Er staat een verdacht busje bij de Kerkstraat. ".repeat(1 << 20 >> 6);
    assert!(huge.len() >= 1 << 19);
    let cases = [
        "",
        "   \n\t  ",
        "😀😀🔥🙏",
        "https://example.nl/a https://x.be",
        "\u{0}\u{1}\u{feff}",
        "#",
        "@",
        "' ' \"",
        huge.as_str(),
    ];
    for text in cases {
        let a = analyzer.analyze(text);
        for l in Label::ALL {
            assert!(a.scores.get(l).is_finite());
        }
    }
    let empty = analyzer.analyze("");
    assert!(empty.labels.is_empty());
    assert_eq!(empty.language.code, "und");
}

#[test]
fn same_input_same_output() {
    let a = Analyzer::new();
    let b = Analyzer::new();
    let text = "Die flikken van PZ Antwerpen zijn allemaal tuig, wacht maar tot zaterdag";
    assert_eq!(serde_json::to_string(&a.analyze(text)).unwrap(), serde_json::to_string(&b.analyze(text)).unwrap());
}

#[test]
fn batch_equals_single_and_keeps_order() {
    let analyzer = Analyzer::new();
    let dev = signaal::read_records_file(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/dev.jsonl")).unwrap();
    let texts: Vec<&str> = dev.iter().map(|r| r.text.as_str()).collect();
    let batch = analyzer.analyze_batch(&texts);
    for (t, b) in texts.iter().zip(&batch) {
        assert_eq!(&analyzer.analyze(t), b);
    }
}

#[test]
fn shared_between_threads() {
    let analyzer = Analyzer::new();
    let expected = analyzer.analyze("Twee mannen renden weg bij de Albert Heijn rond 22:10");
    std::thread::scope(|s| {
        for _ in 0..8 {
            let (analyzer, expected) = (analyzer.clone(), &expected);
            s.spawn(move || {
                for _ in 0..50 {
                    assert_eq!(&analyzer.analyze("Twee mannen renden weg bij de Albert Heijn rond 22:10"), expected);
                }
            });
        }
    });
}

#[test]
fn model_file_errors_are_clear() {
    let dir = std::env::temp_dir().join(format!("signaal-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = Model::builtin().to_bytes();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("foreign", b"PK\x03\x04 this is a zip".to_vec()),
        ("truncated", good[..good.len() / 3].to_vec()),
        ("corrupted", {
            let mut b = good.clone();
            let n = b.len();
            b[n - 100] ^= 1;
            b
        }),
        ("future version", {
            let mut b = good.clone();
            b[8] = 4;
            b
        }),
        ("old version", {
            // Format 1 lacked the feature settings.
            let mut b = good.clone();
            b[8] = 1;
            b
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.join(format!("{}.bin", name.replace(' ', "-")));
        std::fs::write(&path, &bytes).unwrap();
        let err = Analyzer::builder().model_file(&path).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidModel, "{name}: {err}");
        assert!(!err.to_string().is_empty());
    }
    // A good file loads and agrees with the built-in model.
    let path = dir.join("good.bin");
    std::fs::write(&path, &good).unwrap();
    let loaded = Analyzer::builder().model_file(&path).build().unwrap();
    let text = "Ik hoorde glasgerinkel bij de bakker op de hoek";
    assert_eq!(loaded.analyze(text), Analyzer::new().analyze(text));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn thresholds_are_validated_and_applied() {
    for bad in [-0.1f32, 1.01, f32::NAN] {
        let err = Analyzer::builder().threshold(Label::Tip, bad).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    }
    let never = Analyzer::builder().threshold(Label::Tip, 1.0).build().unwrap();
    assert!(!never.analyze("Ik zag net twee mannen inbreken bij nummer 12").labels.contains(&Label::Tip));
    let always = Analyzer::builder().threshold(Label::Tip, 0.0).build().unwrap();
    assert!(always.analyze("Ik zag net twee mannen inbreken bij nummer 12").labels.contains(&Label::Tip));
    // Even at threshold 0 a label needs a supporting feature.
    assert!(always.analyze("").labels.is_empty());
}

#[test]
fn errors_never_contain_the_text() {
    let secret = "Jan Jansen 0612345678 geheim";
    let line = format!("{{\"text\": [\"{secret}\"]}}");
    let err = signaal::read_records(line.as_bytes()).unwrap_err();
    assert!(!err.to_string().contains("Jansen"), "{err}");
    let line = format!("{{\"text\": \"{secret}\", \"labels\": [\"{secret}\"]}}");
    let err = signaal::read_records(line.as_bytes()).unwrap_err();
    assert!(!err.to_string().contains("Jansen"), "{err}");
}

#[test]
fn evidence_never_repeats_found_personal_data() {
    let a = Analyzer::new().analyze("Jan Jansen van de Dorpsstraat 12 krijgt een kogel, ik weet waar hij woont");
    let json = serde_json::to_string(&a).unwrap();
    assert!(a.labels.contains(&Label::Threat));
    assert!(!json.to_lowercase().contains("jansen") && !json.contains("Dorpsstraat"), "{json}");
}

#[test]
fn classify_evidence_is_masked_like_analyze() {
    let an = Analyzer::new();
    let text = "Jan Jansen van de Dorpsstraat 12 krijgt een kogel, ik weet waar hij woont";
    let c = an.classify(text);
    let a = an.analyze(text);
    assert_eq!(c.evidence, a.evidence);
    let json = serde_json::to_string(&c).unwrap();
    assert!(!json.to_lowercase().contains("jansen") && !json.contains("Dorpsstraat"), "{json}");
    // Features that are not words of the post (cues, combinations of cues)
    // keep their names, even where their span covers personal data.
    let c = an.classify("Ik zag die Mohamed uit die vermissing gisteravond om 22u bij de Jumbo in Tilburg");
    assert!(c.evidence.tip.iter().any(|i| i.feature == "combo:sighting+place" && i.start == Some(0)), "{c:?}");
    // The same on a whole split: classify is analyze without language and redaction.
    for r in signaal::read_records_file("data/corpus/dev.jsonl").unwrap().iter().take(300) {
        let (c, a) = (an.classify(&r.text), an.analyze(&r.text));
        assert_eq!((c.labels, c.scores, c.evidence), (a.labels, a.scores, a.evidence));
    }
}
