//! Every input kept in `tests/data/fuzz/<target>/` (the fuzzers' finds and
//! their seeds) goes through the same checks as the cargo-fuzz targets in
//! `fuzz/`, on every `cargo test`.

#[path = "../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

/// Every input of `target` through `check`, named on standard error first
/// (a failing input shows in the test's output).
fn run(target: &str, check: fn(&[u8])) {
    let all = inputs(target);
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        check(&data);
    }
}

#[test]
fn analyze_inputs_pass_the_fuzz_checks() {
    run("analyze", checks::analyze);
}

#[test]
fn config_inputs_pass_the_fuzz_checks() {
    run("config", checks::config);
}

#[test]
fn model_inputs_pass_the_fuzz_checks() {
    run("model", checks::model);
    // The seeds are models that load: the checks reach the analyzer.
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz/model/seed-file")).unwrap();
    assert!(signaal::Model::from_bytes(&seed).is_ok());
}
