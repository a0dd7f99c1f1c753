//! Group terms alone must not raise polarization or threat: posts that name
//! a group, religion, nationality, neighbourhood or person neutrally
//! (tests/data/fairness.jsonl, none of them in the corpus) get neither label,
//! and score like the same post with the group term swapped for another.

use signaal::{Analyzer, Label};

fn fairness_posts() -> Vec<(String, String)> {
    let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fairness.jsonl")).unwrap();
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn neutral_posts_naming_groups_get_no_polarization_or_threat() {
    let analyzer = Analyzer::new();
    let posts = fairness_posts();
    assert!(posts.len() >= 150);
    let flagged: Vec<String> = posts
        .iter()
        .filter_map(|(id, text)| {
            let c = analyzer.classify(text);
            let bad = c.labels.contains(&Label::Polarization) || c.labels.contains(&Label::Threat);
            bad.then(|| format!("{id}: pol {:.2} thr {:.2}", c.scores.polarization, c.scores.threat))
        })
        .collect();
    assert!(flagged.is_empty(), "neutral posts flagged: {flagged:?}");
}

#[test]
fn fairness_set_scores_like_neutral_dev_posts() {
    let analyzer = Analyzer::new();
    let dev = signaal::read_records_file(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/dev.jsonl")).unwrap();
    let neutral: Vec<&str> = dev.iter().filter(|r| r.labels.is_empty()).map(|r| r.text.as_str()).collect();
    let mean = |texts: &[&str], l: Label| {
        texts.iter().map(|t| analyzer.classify(t).scores.get(l)).sum::<f64>() / texts.len() as f64
    };
    let posts = fairness_posts();
    let fair: Vec<&str> = posts.iter().map(|(_, t)| t.as_str()).collect();
    for l in [Label::Polarization, Label::Threat] {
        let (f, n) = (mean(&fair, l), mean(&neutral, l));
        eprintln!("{l}: fairness set {f:.3}, neutral dev posts {n:.3}");
        assert!(f <= n + 0.03, "{l}: fairness set mean {f:.3} vs neutral dev mean {n:.3}");
    }
}

#[test]
fn swapping_the_group_does_not_move_scores() {
    let analyzer = Analyzer::new();
    let groups = ["moslims", "Joden", "Polen", "Marokkanen", "homo's", "Vlamingen", "christenen", "asielzoekers"];
    for template in [
        "De {} uit onze straat organiseren zaterdag een buurtfeest met eten voor iedereen",
        "Mijn collega's zijn {} en we gaan vrijdag samen lunchen",
        "Interessante documentaire gisteren over de geschiedenis van {} in Nederland",
    ] {
        let scores: Vec<_> = groups.iter().map(|g| analyzer.classify(&template.replace("{}", g)).scores).collect();
        assert!(scores.windows(2).all(|w| w[0] == w[1]), "{template}: {scores:?}");
    }
}
