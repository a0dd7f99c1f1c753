//! The corpus check: schema, labels, unique ids, no exact or near
//! duplicates (word 4-gram Jaccard >= 0.6) within or across splits (train,
//! dev and the held-out test split), the make-up thresholds of the corpus
//! issue, and the group-term fairness rule (on the splits a model learns
//! from or is calibrated on: train and dev).

use std::collections::{HashMap, HashSet};

const LABELS: [&str; 4] = ["complaint", "tip", "threat", "polarization"];

struct Post {
    id: String,
    text: String,
    labels: Vec<String>,
}

fn load(name: &str) -> Vec<Post> {
    let path = format!("{}/data/corpus/{name}.jsonl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1));
            let obj = v.as_object().unwrap_or_else(|| panic!("{name}:{}: not an object", n + 1));
            let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
            keys.sort();
            assert_eq!(keys, ["id", "labels", "text"], "{name}:{}: fields", n + 1);
            let id = obj["id"].as_str().filter(|s| !s.is_empty()).unwrap_or_else(|| panic!("{name}:{}: id", n + 1));
            let text = obj["text"]
                .as_str()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| panic!("{name}:{}: text", n + 1));
            let labels: Vec<String> = obj["labels"]
                .as_array()
                .unwrap_or_else(|| panic!("{name}:{}: labels", n + 1))
                .iter()
                .map(|x| x.as_str().unwrap_or_else(|| panic!("{name}:{}: label type", n + 1)).to_string())
                .collect();
            for l in &labels {
                assert!(LABELS.contains(&l.as_str()), "{name}:{}: unknown label {l}", n + 1);
            }
            let mut sorted = labels.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(labels, sorted, "{name}:{}: labels must be sorted and unique", n + 1);
            Post { id: id.into(), text: text.into(), labels }
        })
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn grams(text: &str) -> HashSet<String> {
    let w = words(text);
    if w.len() < 4 {
        return HashSet::from([w.join(" ")]);
    }
    w.windows(4).map(|g| g.join(" ")).collect()
}

#[test]
fn schema_ids_and_duplicates() {
    let (train, dev, test) = (load("train"), load("dev"), load("test"));
    let all: Vec<(&str, &Post)> = train
        .iter()
        .map(|p| ("train", p))
        .chain(dev.iter().map(|p| ("dev", p)))
        .chain(test.iter().map(|p| ("test", p)))
        .collect();
    let mut ids = HashSet::new();
    for (_, p) in &all {
        assert!(ids.insert(p.id.as_str()), "duplicate id {}", p.id);
    }
    let mut texts = HashMap::new();
    for (_, p) in &all {
        let key = words(&p.text).join(" ");
        if let Some(other) = texts.insert(key, p.id.as_str()) {
            panic!("exact duplicate: {} and {}", other, p.id);
        }
    }
    // Near-duplicates through an inverted index of 4-grams.
    let sets: Vec<HashSet<String>> = all.iter().map(|(_, p)| grams(&p.text)).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        for g in s {
            index.entry(g.as_str()).or_default().push(i);
        }
    }
    let mut bad = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for g in s {
            for &j in &index[g.as_str()] {
                if j > i {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        for (j, n) in shared {
            let jac = n as f64 / (s.len() + sets[j].len() - n) as f64;
            if jac >= 0.6 {
                bad.push(format!("{} ~ {} ({jac:.2})", all[i].1.id, all[j].1.id));
            }
        }
    }
    assert!(bad.is_empty(), "near-duplicates: {bad:?}");
}

fn share(posts: &[Post], f: impl Fn(&Post) -> bool) -> (usize, f64) {
    let n = posts.iter().filter(|p| f(p)).count();
    (n, n as f64 / posts.len() as f64)
}

#[test]
fn make_up_thresholds() {
    let meta = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/meta.tsv")).unwrap();
    let region: HashMap<&str, &str> = meta
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0], f[3])
        })
        .collect();
    for (name, min_posts, min_label) in [("train", 3000, 300), ("dev", 600, 0)] {
        let posts = load(name);
        assert!(posts.len() >= min_posts, "{name}: {} posts", posts.len());
        for l in LABELS {
            let (n, s) = share(&posts, |p| p.labels.iter().any(|x| x == l));
            assert!(s >= 0.10 && n >= min_label, "{name}: {l} {n} ({s:.3})");
        }
        let (_, none) = share(&posts, |p| p.labels.is_empty());
        assert!((0.30..=0.40).contains(&none), "{name}: none {none:.3}");
        let (_, multi) = share(&posts, |p| p.labels.len() >= 2);
        assert!(multi >= 0.10, "{name}: multi-label {multi:.3}");
        let (_, flemish) = share(&posts, |p| region.get(p.id.as_str()).is_some_and(|r| r.starts_with("be-")));
        assert!(flemish >= 0.25, "{name}: Flemish {flemish:.3}");
        assert!(posts.iter().all(|p| region.contains_key(p.id.as_str())), "{name}: ids missing from meta.tsv");
    }
    // The held-out test split (batches t01–t04, data/corpus/tools/build_test.py).
    let test = load("test");
    assert!(test.len() >= 500, "test: {} posts", test.len());
    for l in LABELS {
        let (n, s) = share(&test, |p| p.labels.iter().any(|x| x == l));
        assert!(s >= 0.10, "test: {l} {n} ({s:.3})");
    }
    assert!(test.iter().all(|p| p.id.starts_with('t')), "test: ids come from the t batches");
}

/// Group terms checked by the fairness rule (whole words, lower case).
const GROUP_TERMS: &[&[&str]] = &[
    &["moslim", "moslims"],
    &["islam"],
    &["jood", "joden", "joodse"],
    &["polen"],
    &["marokkaan", "marokkanen", "marokkaanse"],
    &["turk", "turken", "turkse"],
    &["syriërs", "syriers"],
    &["surinamers"],
    &["antillianen"],
    &["roemenen"],
    &["bulgaren"],
    &["afghanen"],
    &["eritreeërs"],
    &["oekraïners"],
    &["asielzoeker", "asielzoekers"],
    &["vluchteling", "vluchtelingen"],
    &["statushouders"],
    &["migranten"],
    &["buitenlanders"],
    &["allochtonen"],
    &["homo", "homo's", "homos"],
    &["trans"],
    &["vrouwen"],
    &["boeren"],
    &["agenten"],
    &["flikken"],
    &["walen"],
    &["vlamingen"],
    &["hollanders"],
    &["belgen"],
    &["christenen"],
    &["linksen"],
    &["politici"],
    &["journalisten"],
    &["arabieren"],
    &["afrikanen"],
    &["zigeuners"],
];

#[test]
fn group_terms_are_not_only_polarizing() {
    let mut posts = load("train");
    posts.extend(load("dev"));
    let mut failures = Vec::new();
    for forms in GROUP_TERMS {
        let has = |p: &Post| {
            let lower = p.text.to_lowercase();
            lower
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .any(|w| forms.contains(&w.trim_matches('\'')) || forms.contains(&w))
        };
        let polar = posts.iter().filter(|p| has(p) && p.labels.iter().any(|l| l == "polarization")).count();
        let neutral =
            posts.iter().filter(|p| has(p) && !p.labels.iter().any(|l| l == "polarization" || l == "threat")).count();
        if neutral < polar {
            failures.push(format!("{}: {polar} polarizing, {neutral} neutral", forms[0]));
        }
    }
    assert!(failures.is_empty(), "group terms used more often in polarizing posts: {failures:?}");
}
