//! The `signaal` command: output equals the Rust API, order is kept, bad
//! records fail with a line number (and never the text), exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

fn signaal(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_signaal"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("signaal runs");
    // Feed stdin from a thread: the child writes while it reads, and a full
    // stdout pipe would otherwise block both sides.
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_string();
    let feeder = std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().ok(); // the child may exit early on bad input
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn root(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn analyze_equals_the_rust_api_on_the_dev_split() {
    let (code, out, err) = signaal(&["analyze", "data/corpus/dev.jsonl"], "");
    assert_eq!(code, 0, "{err}");
    let dev = signaal::read_records_file(root("data/corpus/dev.jsonl")).unwrap();
    let analyzer = signaal::Analyzer::new();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), dev.len());
    for (line, r) in lines.iter().zip(&dev) {
        let expected = serde_json::to_string(&analyzer.analyze_with_id(r.id.clone(), &r.text)).unwrap();
        assert_eq!(*line, expected);
    }
}

#[test]
fn stdin_order_and_ids_are_kept() {
    let input: String =
        (0..5000).map(|i| format!("{{\"id\": \"p{i}\", \"text\": \"bericht nummer {i}\"}}\n")).collect();
    let (code, out, _) = signaal(&["classify"], &input);
    assert_eq!(code, 0);
    let ids: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, (0..5000).map(|i| format!("p{i}")).collect::<Vec<_>>());
}

#[test]
fn bad_records_fail_with_line_number_and_no_text() {
    let input = "{\"id\": \"a\", \"text\": \"goed\"}\n\n{\"id\": \"b\", \"txt\": \"Jan Jansen geheim\"}\n{\"id\": \"c\", \"text\": \"na\"}\n";
    let (code, out, err) = signaal(&["analyze"], input);
    assert_eq!(code, 2);
    // The record before the bad line is written, nothing after it.
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("\"id\":\"a\""));
    assert!(err.contains("<stdin>:3") && err.contains("`text` is missing"), "{err}");
    assert!(!err.contains("Jansen"), "{err}");
    let (code, _, err) = signaal(&["analyze"], "{not json\n");
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>:1: invalid JSON"), "{err}");
    let (code, _, err) = signaal(&["analyze"], "{\"text\": 5}\n");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn invalid_utf8_is_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_signaal"))
        .arg("analyze")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{\"text\": \"caf\xe9\"}\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
}

#[test]
fn eval_prints_a_table_and_json() {
    let json = std::env::temp_dir().join(format!("signaal-eval-{}.json", std::process::id()));
    let (code, out, err) = signaal(&["eval", "data/corpus/dev.jsonl", "--json", json.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    for word in ["complaint", "tip", "threat", "polarization", "macro-F1", "precision", "ece"] {
        assert!(out.contains(word), "{out}");
    }
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["posts"], 714);
    std::fs::remove_file(json).ok();
}

#[test]
fn model_info_and_bad_model() {
    let (code, out, _) = signaal(&["model", "info"], "");
    assert_eq!(code, 0);
    assert!(out.contains(signaal::MODEL_VERSION) && out.contains("threshold"));
    let bad = std::env::temp_dir().join(format!("signaal-bad-{}.bin", std::process::id()));
    std::fs::write(&bad, b"SGNLMDL\0garbage").unwrap();
    let (code, _, err) = signaal(&["analyze", "--model", bad.to_str().unwrap()], "");
    assert_eq!(code, 3);
    assert!(err.contains("invalid model"), "{err}");
    std::fs::remove_file(bad).ok();
}

#[test]
fn train_writes_a_model_the_analyzer_loads() {
    let dir = std::env::temp_dir().join(format!("signaal-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A small slice of the corpus keeps the test quick.
    let train: String = std::fs::read_to_string(root("data/corpus/train.jsonl"))
        .unwrap()
        .lines()
        .take(600)
        .map(|l| format!("{l}\n"))
        .collect();
    let dev: String = std::fs::read_to_string(root("data/corpus/dev.jsonl"))
        .unwrap()
        .lines()
        .take(200)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("train.jsonl"), train).unwrap();
    std::fs::write(dir.join("dev.jsonl"), dev).unwrap();
    let model = dir.join("m.bin");
    let (code, _, err) = signaal(
        &[
            "train",
            dir.join("train.jsonl").to_str().unwrap(),
            "--dev",
            dir.join("dev.jsonl").to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
            "--epochs",
            "3",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = signaal(&["analyze", "--model", model.to_str().unwrap()], "{\"text\": \"hoi\"}\n");
    assert_eq!(code, 0);
    assert!(out.contains("\"name\":\"custom\""), "{out}");
    std::fs::remove_dir_all(dir).ok();
}
