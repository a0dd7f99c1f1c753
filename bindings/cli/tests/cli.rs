//! The `signaal` command: output equals the Rust API, order is kept, bad
//! records fail with a line number (and never the text), exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

fn signaal(args: &[&str], stdin: &str) -> (i32, String, String) {
    signaal_env(args, stdin.as_bytes(), &[])
}

/// Run the command with extra environment variables (the pseudonym key
/// variable is removed first, so the caller's environment does not leak in).
fn signaal_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_signaal"));
    cmd.args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env_remove("SIGNAAL_PSEUDONYM_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("signaal runs");
    // Feed stdin from a thread: the child writes while it reads, and a full
    // stdout pipe would otherwise block both sides.
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let feeder = std::thread::spawn(move || pipe.write_all(&input));
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
    assert!(out.contains("file format    3\n"), "{out}");
    // The options line is valid input to `train --options`.
    let line = out.lines().find_map(|l| l.strip_prefix("options        ")).expect("an options line");
    let opts = signaal::TrainOptions::from_json(line).unwrap();
    assert_eq!((opts.cue_weight, opts.char_weight, opts.seed), (0.3, 0.5, 0));
    assert!(out.contains("train 4-fold   complaint"), "{out}");
    // A version 2 file (written before the cue weight existed): its format
    // and its count-once value 1 are shown, not today's defaults.
    let v3 = signaal::BUILTIN_MODEL_BYTES;
    let payload = &v3[20..v3.len() - 8];
    let at = 2 + 3 + 4; // bits, labels, 3 feature bytes, char weight; then the cue weight
    let mut p2: Vec<u8> = payload[..at].iter().chain(&payload[at + 4..]).copied().collect();
    // Its metadata did not know the option either: drop it there too
    // (after the char weight: 4 heads of 16 bytes, the unseen IDF, the
    // metadata length).
    let m = at + 64 + 4;
    let len = u32::from_le_bytes(p2[m..m + 4].try_into().unwrap()) as usize;
    let meta = String::from_utf8(p2[m + 4..m + 4 + len].to_vec()).unwrap();
    let old_meta = meta.replacen("\"cue_weight\":0.3,", "", 1);
    assert_ne!(old_meta, meta);
    p2.splice(m..m + 4 + len, (old_meta.len() as u32).to_le_bytes().into_iter().chain(old_meta.bytes()));
    let mut checksum: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in &p2 {
        checksum = (checksum ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut v2 = b"SGNLMDL\0".to_vec();
    v2.extend_from_slice(&2u32.to_le_bytes());
    v2.extend_from_slice(&(p2.len() as u64).to_le_bytes());
    v2.extend_from_slice(&p2);
    v2.extend_from_slice(&checksum.to_le_bytes());
    let path = std::env::temp_dir().join(format!("signaal-v2-{}.bin", std::process::id()));
    std::fs::write(&path, &v2).unwrap();
    let (code, out, err) = signaal(&["model", "info", "--model", path.to_str().unwrap()], "");
    std::fs::remove_file(&path).ok();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("file format    2\n"), "{out}");
    let line = out.lines().find_map(|l| l.strip_prefix("options        ")).expect("an options line");
    assert_eq!(signaal::TrainOptions::from_json(line).unwrap().cue_weight, 1.0);
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

#[test]
fn train_options_file_sets_every_option_and_flags_override_it() {
    let dir = std::env::temp_dir().join(format!("signaal-train-options-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = |path: &str, n: usize| -> String {
        std::fs::read_to_string(root(path)).unwrap().lines().take(n).map(|l| format!("{l}\n")).collect()
    };
    let (train, dev) = (dir.join("train.jsonl"), dir.join("dev.jsonl"));
    std::fs::write(&train, head("data/corpus/train.jsonl", 600)).unwrap();
    std::fs::write(&dev, head("data/corpus/dev.jsonl", 200)).unwrap();
    let opts = dir.join("opts.json");
    std::fs::write(&opts, r#"{"epochs": 3, "cue_weight": 1.0, "l2_grid": [0.001], "seed": 5, "name": "uit-bestand"}"#)
        .unwrap();
    let model = dir.join("m.bin");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "train",
            train.to_str().unwrap(),
            "--dev",
            dev.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
            "--options",
            opts.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        signaal(&args, "")
    };
    let meta = || signaal::Model::from_bytes(&std::fs::read(&model).unwrap()).unwrap().meta().clone();

    // The file's values, defaults for the rest.
    let (code, _, err) = run(&[]);
    assert_eq!(code, 0, "{err}");
    let m = meta();
    assert_eq!((m.name.as_str(), m.version.as_str(), m.seed), ("uit-bestand", "0", 5));
    assert_eq!(m.options["epochs"], 3);
    assert_eq!(m.options["cue_weight"], 1.0);
    assert_eq!(m.options["l2_grid"], serde_json::json!([0.001]));
    assert_eq!(m.options["bits"], 19);
    assert_eq!(m.options["char_weight"], 0.5);
    let (code, out, _) = signaal(&["model", "info", "--model", model.to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert!(out.contains("uit-bestand 0"), "{out}");

    // Flags given override the file; the file's other values stay.
    let (code, _, err) = run(&["--epochs", "2", "--name", "vlag", "--model-version", "1.2", "--seed", "0"]);
    assert_eq!(code, 0, "{err}");
    let m = meta();
    assert_eq!((m.name.as_str(), m.version.as_str(), m.seed), ("vlag", "1.2", 0));
    assert_eq!(m.options["epochs"], 2);
    assert_eq!(m.options["cue_weight"], 1.0);
    assert!(m.options.get("lbfgs_capped").is_none(), "AdaGrad has no cap to report");
    std::fs::remove_file(&model).unwrap();

    // L-BFGS cut short by its cap (1 epoch = 10 iterations) says so.
    std::fs::write(&opts, r#"{"solver": "lbfgs", "epochs": 1, "l2_grid": [0.00001]}"#).unwrap();
    let (code, _, err) = run(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(!meta().options["lbfgs_capped"].as_array().unwrap().is_empty());
    let (code, out, _) = signaal(&["model", "info", "--model", model.to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert!(out.contains("warning        L-BFGS stopped at its cap"), "{out}");
    let line = out.lines().find_map(|l| l.strip_prefix("options        ")).expect("an options line");
    assert_eq!(signaal::TrainOptions::from_json(line).unwrap().solver, signaal::Solver::Lbfgs);
    std::fs::remove_file(&model).unwrap();

    // A misspelt field: exit 3 like --config, the file and the known fields named, no panic, no model.
    std::fs::write(&opts, "{\"epochs\": 3,\n \"cue_wieght\": 1.0}").unwrap();
    let (code, _, err) = run(&[]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.starts_with(&format!("signaal: {}: invalid config: training options: unknown field", opts.display())),
        "{err}"
    );
    assert!(err.contains("`cue_weight`") && err.contains("line 2"), "{err}");
    assert!(!err.contains("panicked") && !model.exists(), "{err}");
    // Malformed JSON, a wrong type and a value train rejects: exit 3 too.
    for (text, reason) in [
        ("{\"epochs\": 3", "not valid JSON"),
        ("{\"epochs\": \"drie\"}", "a value of the wrong type"),
        ("[3]", "not a JSON object"),
        ("{\"bits\": 30}", "bits must be in 12..=20"),
    ] {
        std::fs::write(&opts, text).unwrap();
        let (code, _, err) = run(&[]);
        assert_eq!(code, 3, "{text}: {err}");
        assert!(err.contains(reason) && !err.contains("drie") && !err.contains("panicked"), "{text}: {err}");
    }
    // A missing file: exit 1, like any file that cannot be read.
    std::fs::remove_file(&opts).unwrap();
    let (code, _, err) = run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot read") && err.contains("opts.json"), "{err}");
    assert!(!model.exists());
    std::fs::remove_dir_all(dir).ok();
}

// ------------------------------------------------------------------ issue 7: every option

/// A fresh temporary directory for one test.
fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("signaal-cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&d).ok();
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn core_json(id: Option<&str>, text: &str) -> String {
    serde_json::to_string(&signaal::Analyzer::new().analyze_with_id(id.map(String::from), text)).unwrap()
}

const PHONE_POST: &str = "Bel Jan de Vries op 06-12345678 of mail jan@example.com";

#[test]
fn dotted_text_and_id_fields() {
    let input = format!(
        "{{\"post\": {{\"body\": \"{PHONE_POST}\", \"meta\": {{\"id\": 7}}}}, \"user\": \"x\"}}\n{{\"post\": {{\"body\": \"hoi\"}}}}\n"
    );
    let (code, out, err) = signaal(&["analyze", "--text-field", "post.body", "--id-field", "post.meta.id"], &input);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines, [core_json(Some("7"), PHONE_POST), core_json(None, "hoi")]);
    // The text field is looked up by path: a missing level is a missing field.
    let (code, _, err) = signaal(&["analyze", "--text-field", "post.text"], &input);
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>:1: field `post.text` is missing"), "{err}");
}

#[test]
fn csv_and_tsv_input_with_header() {
    let d = tmp("csv");
    // Quoted comma, a quoted newline (the record after it starts on line 4), an extra column.
    let csv = "nr,bericht,bron\n1,\"Bel 06-12345678, nu\",x\n2,\"twee\nregels\",y\n3,gewoon,z\n";
    std::fs::write(d.join("in.csv"), csv).unwrap();
    let (code, out, err) =
        signaal(&["analyze", d.join("in.csv").to_str().unwrap(), "--text-field", "bericht", "--id-field", "nr"], "");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            core_json(Some("1"), "Bel 06-12345678, nu"),
            core_json(Some("2"), "twee\nregels"),
            core_json(Some("3"), "gewoon")
        ]
    );
    // --format csv on standard input gives the same.
    let (code, out2, _) = signaal(&["analyze", "--format", "csv", "--text-field", "bericht", "--id-field", "nr"], csv);
    assert_eq!(code, 0);
    assert_eq!(out, out2);
    // TSV by extension.
    std::fs::write(d.join("in.tsv"), "id\ttext\na\tBel 06-12345678\n").unwrap();
    let (code, out, err) = signaal(&["redact", d.join("in.tsv").to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_lines(&out)[0]["redacted"], "Bel [TELEFOON]");
    // A short row (no text column) is a bad record with its line; a missing column a header error.
    let (code, _, err) = signaal(&["analyze", "--format", "csv"], "id,text\na,goed\nb\n");
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>:3:"), "{err}");
    let (code, _, err) = signaal(&["analyze", "--format", "csv"], "id,bericht\na,goed\n");
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>:1: no column `text`"), "{err}");
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn plain_text_one_post_a_line() {
    let (code, out, err) = signaal(&["analyze", "--format", "text"], "eerste bericht\n\nBel 06-12345678\r\n");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // The id is the line number; blank lines are no posts; CRLF is stripped.
    assert_eq!(lines, [core_json(Some("1"), "eerste bericht"), core_json(Some("3"), "Bel 06-12345678")]);
}

#[test]
fn gzip_input_by_extension() {
    use std::io::Write as _;
    let d = tmp("gz");
    let plain = std::fs::read(root("data/samples/posts.jsonl")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).unwrap();
    std::fs::write(d.join("posts.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let (code, from_gz, err) = signaal(&["analyze", d.join("posts.jsonl.gz").to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let (_, from_plain, _) = signaal(&["analyze", "data/samples/posts.jsonl"], "");
    assert_eq!(from_gz.lines().count(), 200);
    assert_eq!(from_gz, from_plain);
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn csv_output_to_a_file() {
    let d = tmp("csvout");
    let out_path = d.join("out.csv");
    let input = format!(
        "{{\"id\": \"a\", \"text\": \"{PHONE_POST}\"}}\n{{\"id\": \"b\", \"text\": \"Die agent krijgt een kogel als ik hem tegenkom\"}}\n"
    );
    let (code, stdout, err) = signaal(&["analyze", "--output-format", "csv", "-o", out_path.to_str().unwrap()], &input);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let mut r = csv::Reader::from_path(&out_path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["id", "labels", "complaint", "tip", "threat", "polarization", "language", "redacted"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let analyzer = signaal::Analyzer::new();
    let a = analyzer.analyze(PHONE_POST);
    assert_eq!(&rows[0][0], "a");
    assert_eq!(rows[0][2].parse::<f64>().unwrap(), a.scores.complaint);
    assert_eq!(&rows[0][6], a.language.code);
    assert_eq!(&rows[0][7], "Bel [PERSOON] op [TELEFOON] of mail [EMAIL]");
    assert!(rows[1][1].split(';').any(|l| l == "threat"), "{:?}", rows[1]);
    // classify and redact have their own columns.
    let (_, out, _) = signaal(&["classify", "-O", "csv"], &input);
    assert!(out.starts_with("id,labels,complaint,tip,threat,polarization\n"), "{out}");
    let (_, out, _) = signaal(&["redact", "-O", "csv"], &input);
    assert!(out.starts_with("id,entities,redacted\na,person;phone;email,"), "{out}");
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn keep_fields_passes_other_fields_through() {
    let input = "{\"id\": \"a\", \"text\": \"hoi\", \"user\": {\"name\": \"x\", \"n\": 3}, \"lang\": \"nl\"}\n";
    let (code, out, err) = signaal(&["analyze", "--keep-fields"], input);
    assert_eq!(code, 0, "{err}");
    let v = &json_lines(&out)[0];
    assert_eq!(v["fields"], serde_json::json!({"user": {"name": "x", "n": 3}, "lang": "nl"}));
    // Without the flag the line is exactly the core's.
    let (_, plain, _) = signaal(&["analyze"], input);
    assert_eq!(plain.trim_end(), core_json(Some("a"), "hoi"));
    assert_eq!(
        out.trim_end()
            .strip_suffix('}')
            .unwrap()
            .strip_prefix(plain.trim_end().strip_suffix('}').unwrap())
            .map(|s| s.starts_with(",\"fields\":")),
        Some(true)
    );
    // Named fields, dotted, null when absent.
    let (_, out, _) = signaal(&["classify", "--keep-fields=user.name,nope"], input);
    assert_eq!(json_lines(&out)[0]["fields"], serde_json::json!({"user.name": "x", "nope": null}));
    // CSV in, CSV out: kept columns follow the standard ones.
    let (code, out, err) =
        signaal(&["classify", "--format", "csv", "-O", "csv", "--keep-fields"], "id,text,bron\n1,hoi,twitter\n");
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("id,labels,complaint,tip,threat,polarization,bron"));
    assert!(lines.next().unwrap().ends_with(",twitter"));
}

const BAD_INPUT: &str = "{\"id\": \"a\", \"text\": \"goed\"}\n{\"id\": \"b\", \"text\": 5}\n{\"id\": \"c\", \"text\": \"ook goed\"}\n{broken\n{\"id\": \"e\", \"tekst\": \"Jan Jansen geheim\"}\n{\"id\": \"f\", \"text\": \"laatste\"}\n";

#[test]
fn on_error_fail_is_the_default() {
    let (code, out, err) = signaal(&["analyze", "--on-error", "fail"], BAD_INPUT);
    assert_eq!(code, 2);
    assert_eq!(out.lines().count(), 1);
    assert!(err.contains("<stdin>:2: field `text` is not a string"), "{err}");
}

#[test]
fn on_error_skip_warns_with_line_numbers_and_counts() {
    let (code, out, err) = signaal(&["analyze", "--on-error", "skip"], BAD_INPUT);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = json_lines(&out).iter().map(|v| v["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "c", "f"]);
    for needle in
        ["<stdin>:2: field `text` is not a string", "<stdin>:4: invalid JSON", "<stdin>:5: field `text` is missing"]
    {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    assert!(err.contains("skipped 3 bad record(s)"), "{err}");
    assert!(!err.contains("Jansen") && !err.contains("geheim"), "{err}");
}

#[test]
fn on_error_keep_writes_error_objects_in_place() {
    let (code, out, err) = signaal(&["analyze", "--on-error", "keep"], BAD_INPUT);
    assert_eq!(code, 0, "{err}");
    let v = json_lines(&out);
    assert_eq!(v.len(), 6);
    assert_eq!(
        v[1],
        serde_json::json!({"id": "b", "error": {"file": "<stdin>", "line": 2, "reason": "field `text` is not a string"}})
    );
    assert_eq!(v[3]["error"]["line"], 4);
    assert!(v[3].get("id").is_none());
    assert_eq!(v[4]["id"], "e");
    assert_eq!(v[5]["id"], "f");
    assert!(!out.contains("Jansen"));
    // In CSV output an `error` column.
    let (_, out, _) = signaal(&["classify", "--on-error", "keep", "-O", "csv"], BAD_INPUT);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().ends_with(",error"));
    assert!(lines.nth(1).unwrap().starts_with("b,,,,,,<stdin>:2: "), "{out}");
}

#[test]
fn line_numbers_hold_across_chunks_and_files() {
    let d = tmp("chunks");
    let mut input: String =
        (0..9000).map(|i| format!("{{\"id\": \"p{i}\", \"text\": \"bel 06-1234{i:04} aub\"}}\n")).collect();
    input.push_str("{\"id\": \"x\"}\n");
    std::fs::write(d.join("big.jsonl"), &input).unwrap();
    std::fs::write(d.join("small.jsonl"), "{\"text\": \"hoi\"}\n").unwrap();
    let (code, out, err) = signaal(
        &["redact", d.join("small.jsonl").to_str().unwrap(), d.join("big.jsonl").to_str().unwrap(), "--threads", "2"],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("big.jsonl:9001: field `text` is missing"), "{err}");
    let v = json_lines(&out);
    assert_eq!(v.len(), 9001);
    for (i, r) in v[1..].iter().enumerate() {
        assert_eq!(r["id"], format!("p{i}"));
        assert_eq!(r["redacted"], "bel [TELEFOON] aub");
    }
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn redaction_flags() {
    let input = format!("{{\"text\": \"{PHONE_POST}, of 06-12345678\"}}\n");
    let (code, out, err) = signaal(&["redact", "--redact", "person,phone", "--mode", "tag"], &input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        json_lines(&out)[0]["redacted"],
        "Bel [PERSOON_1] op [TELEFOON_1] of mail jan@example.com, of [TELEFOON_1]"
    );
    let (_, out, _) =
        signaal(&["redact", "--mode", "phone=remove", "--no-redact", "email", "--allow", "Jan de Vries"], &input);
    assert_eq!(json_lines(&out)[0]["redacted"], "Bel Jan de Vries op  of mail jan@example.com, of ");
    let (_, out, _) = signaal(&["analyze", "--include-values", "--redact", "phone"], &input);
    assert_eq!(json_lines(&out)[0]["entities"][0]["value"], "06-12345678");
    // Thresholds as flags.
    let (_, out, _) =
        signaal(&["classify", "--threshold", "threat=0.0"], "{\"text\": \"ik kom je halen met een mes\"}\n");
    assert!(json_lines(&out)[0]["labels"].as_array().unwrap().contains(&"threat".into()));
    // Bad values are configuration errors (3).
    let (code, _, err) = signaal(&["redact", "--redact", "persoon"], &input);
    assert_eq!(code, 3);
    assert!(err.contains("unknown kind"), "{err}");
    let (code, _, _) = signaal(&["redact", "--mode", "blur"], &input);
    assert_eq!(code, 3);
    let (code, _, _) = signaal(&["redact", "--min-confidence", "2"], &input);
    assert_eq!(code, 3);
    // A usage error is 1.
    let (code, _, _) = signaal(&["redact", "--no-such-flag"], &input);
    assert_eq!(code, 1);
}

#[test]
fn toml_config_and_its_errors() {
    let d = tmp("toml");
    let cfg = d.join("signaal.toml");
    std::fs::write(
        &cfg,
        "[thresholds]\nthreat = 0.0\n\n[redaction]\nmode = \"tag\"\ndisable = [\"email\"]\n[redaction.modes]\nphone = \"remove\"\n",
    )
    .unwrap();
    let input = format!("{{\"text\": \"{PHONE_POST}\"}}\n");
    let (code, out, err) = signaal(&["analyze", "--config", cfg.to_str().unwrap()], &input);
    assert_eq!(code, 0, "{err}");
    let v = &json_lines(&out)[0];
    assert_eq!(v["redacted"], "Bel [PERSOON_1] op  of mail jan@example.com");
    // Flags override the file.
    let (_, out, _) = signaal(&["redact", "--config", cfg.to_str().unwrap(), "--mode", "phone=mask"], &input);
    assert_eq!(json_lines(&out)[0]["redacted"], "Bel [PERSOON_1] op [TELEFOON] of mail jan@example.com");
    // Malformed and unknown fields: exit 3, file and line named, no value echoed.
    std::fs::write(&cfg, "[redaction]\nmode = \"tag\"\npseudonym_key = sixteen-bytes-secret-value\n").unwrap();
    let (code, out, err) = signaal(&["analyze", "--config", cfg.to_str().unwrap()], &input);
    assert_eq!(code, 3, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("signaal.toml:3:") && err.contains("not valid TOML"), "{err}");
    assert!(!err.contains("secret"), "{err}");
    std::fs::write(&cfg, "[redaction]\nmdoe = \"tag\"\n").unwrap();
    let (code, _, err) = signaal(&["analyze", "--config", cfg.to_str().unwrap()], &input);
    assert_eq!(code, 3);
    assert!(
        err.contains("signaal.toml:2:") && err.contains("unknown field; expected one of") && !err.contains("mdoe"),
        "{err}"
    );
    std::fs::write(&cfg, "[redaction]\nmode = \"sixteen-bytes-secret-value\"\n").unwrap();
    let (code, _, err) = signaal(&["analyze", "--config", cfg.to_str().unwrap()], &input);
    assert_eq!(code, 3);
    assert!(!err.contains("secret"), "{err}");
    // A list where a table belongs is refused, not read as the fields in order.
    std::fs::write(&cfg, "redaction = [\"tag\"]\n").unwrap();
    let (code, _, err) = signaal(&["analyze", "--config", cfg.to_str().unwrap()], &input);
    assert_eq!(code, 3);
    assert!(err.contains("signaal.toml:1:") && err.contains("a value of the wrong type"), "{err}");
    let (code, _, _) = signaal(&["analyze", "--config", d.join("missing.toml").to_str().unwrap()], &input);
    assert_eq!(code, 1);
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn pseudonym_key_from_env_or_key_file_never_printed() {
    let d = tmp("key");
    let key = "a-very-secret-pseudonym-key-2026";
    std::fs::write(d.join("key"), format!("{key}\n")).unwrap();
    let input = format!("{{\"text\": \"{PHONE_POST}\"}}\n{{\"text\": \"Groet, jan de vries\"}}\n");
    let args = ["redact", "--mode", "person=pseudonym"];
    // No key: configuration error.
    let (code, _, err) = signaal(&args, &input);
    assert_eq!(code, 3);
    assert!(err.contains("pseudonym key"), "{err}");
    let (code, from_env, err) = signaal_env(&args, input.as_bytes(), &[("SIGNAAL_PSEUDONYM_KEY", key)]);
    assert_eq!(code, 0, "{err}");
    let v = json_lines(&from_env);
    let token = v[0]["redacted"].as_str().unwrap().split(' ').nth(1).unwrap().to_string();
    assert!(token.starts_with("[PERSOON_") && token.len() == "[PERSOON_123456]".len(), "{token}");
    // The same person written differently gets the same token.
    assert!(v[1]["redacted"].as_str().unwrap().contains(&token));
    // The key file (trailing newline ignored) gives the same tokens.
    let kf = d.join("key");
    let mut with_file = args.to_vec();
    with_file.extend(["--key-file", kf.to_str().unwrap()]);
    let (code, from_file, err) = signaal(&with_file, &input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_file, from_env);
    // Another key, other tokens.
    let (_, other, _) =
        signaal_env(&args, input.as_bytes(), &[("SIGNAAL_PSEUDONYM_KEY", "another-key-of-enough-bytes")]);
    assert_ne!(other, from_env);
    // A short key: error 3, key not shown; the key never shows in output.
    let (code, out, err) = signaal_env(&args, input.as_bytes(), &[("SIGNAAL_PSEUDONYM_KEY", "short-secret")]);
    assert_eq!(code, 3);
    assert!(!err.contains("short-secret") && out.is_empty(), "{err}");
    assert!(!from_env.contains(key) && !from_file.contains(key));
    // There is no flag taking the key itself.
    let (code, _, _) = signaal(&["redact", "--pseudonym-key", key], &input);
    assert_eq!(code, 1);
    let (code, _, _) = signaal(&["redact", "--key", key], &input);
    assert_eq!(code, 1);
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn eval_html_report_is_self_contained() {
    let d = tmp("html");
    let (html, json) = (d.join("r.html"), d.join("r.json"));
    let (code, out, err) = signaal(
        &["eval", "data/corpus/dev.jsonl", "--html", html.to_str().unwrap(), "--json", json.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("support") && out.contains("f1"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<svg").count(), 4);
    assert!(page.contains("TP") && page.contains("TN") && page.contains("polarization"));
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"), "network reference");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["labels"].as_array().unwrap().len(), 4);
    // Entity sets: a table per kind, and HTML too.
    let (code, out, err) = signaal(&["eval", "data/redaction/messy.jsonl", "--html", html.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("person") && out.contains("overall"), "{out}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Personal data") && !page.contains("http"));
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = signaal(&["completions", shell], "");
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("signaal") && out.contains("analyze") && out.contains("keep-fields"), "{shell}");
    }
    let (code, _, _) = signaal(&["completions", "tcsh"], "");
    assert_eq!(code, 1);
    let (code, out, _) = signaal(&["man"], "");
    assert_eq!(code, 0);
    assert!(out.contains(".TH signaal") && out.contains("Exit codes"), "{out}");
}

#[test]
fn every_subcommand_help_shows_an_example() {
    for sub in
        [&["analyze"][..], &["classify"], &["redact"], &["eval"], &["train"], &["model", "info"], &["completions"]]
    {
        let mut args = sub.to_vec();
        args.push("--help");
        let (code, out, _) = signaal(&args, "");
        assert_eq!(code, 0);
        assert!(out.contains("Example"), "{sub:?}: {out}");
        assert!(out.contains(&format!("signaal {}", sub[0])), "{sub:?}");
    }
}

#[test]
fn non_ascii_offsets() {
    let text = "Café “Zoë” 😀😀: bel José Müller op 06-12345678 ë";
    let input = serde_json::json!({"id": "é", "text": text}).to_string() + "\n";
    let (code, out, err) = signaal(&["analyze"], &input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim_end(), core_json(Some("é"), text));
    let v = &json_lines(&out)[0];
    let phone = v["entities"].as_array().unwrap().iter().find(|e| e["kind"] == "phone").expect("phone found");
    let (s, e) = (phone["start"].as_u64().unwrap() as usize, phone["end"].as_u64().unwrap() as usize);
    let (cs, ce) = (phone["char_start"].as_u64().unwrap() as usize, phone["char_end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], "06-12345678");
    assert_eq!(text.chars().skip(cs).take(ce - cs).collect::<String>(), "06-12345678");
    assert!(s > cs, "byte offsets run ahead of code point offsets after é, emoji");
    // The same through CSV and plain text input.
    let (_, csv_out, _) =
        signaal(&["analyze", "--format", "csv"], &format!("id,text\né,\"{}\"\n", text.replace('"', "\"\"")));
    assert_eq!(csv_out, out);
}

#[test]
fn classify_output_keeps_its_shape() {
    let (code, out, _) = signaal(&["classify"], "{\"id\": 3, \"text\": \"Die agent krijgt een kogel\"}\n");
    assert_eq!(code, 0);
    let c = signaal::Analyzer::new().classify("Die agent krijgt een kogel");
    let mut expected = serde_json::json!({"id": "3"});
    expected.as_object_mut().unwrap().append(serde_json::to_value(&c).unwrap().as_object_mut().unwrap());
    assert_eq!(json_lines(&out)[0], expected);
    assert!(out.starts_with("{\"id\":\"3\",\"labels\""));
}

#[test]
fn keeping_the_text_field_or_its_parent_is_refused() {
    let rec = r#"{"id":"1","user":{"text":"Bel Jan de Vries op 0612345678","n":2}}"#;
    for keep in ["--keep-fields=user.text", "--keep-fields=user", "--keep-fields=n,user"] {
        let (code, out, err) = signaal(&["redact", "--text-field", "user.text", keep], rec);
        assert_eq!(code, 1, "{keep}: {err}");
        assert!(out.is_empty() && !err.contains("Vries"), "{keep}: {out} {err}");
    }
    let (code, out, _) = signaal(&["redact", "--text-field", "user.text", "--keep-fields=user.n"], rec);
    assert_eq!(code, 0);
    assert!(out.contains(r#""user.n":2"#) && !out.contains("Vries"), "{out}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let (code, out, err) = signaal_env(&["redact"], b"\xEF\xBB\xBF{\"id\":\"1\",\"text\":\"bel 0612345678\"}\n", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(r#""redacted":"bel [TELEFOON]""#), "{out}");
    let (_, out, _) = signaal_env(&["redact", "--format", "text"], b"\xEF\xBB\xBFbel 0612345678\n", &[]);
    assert!(out.contains(r#""redacted":"bel [TELEFOON]""#), "{out}");
}

#[test]
fn a_closed_stdout_is_no_panic() {
    for args in [&["model", "info"][..], &["completions", "bash"], &["eval", "data/corpus/dev.jsonl"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signaal"))
            .args(args)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before the command writes
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}
