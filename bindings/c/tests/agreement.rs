//! The C ABI gives what the Rust API gives, on the dev split, and writes
//! the expected output for the C tests (`tests/c/test_signaal.c`):
//!
//! - `c-dev-texts.bin`: each dev post as `<byte length>\n<bytes>\n`;
//! - `c-expected.jsonl`: `serde_json::to_string(&analyzer.analyze(text))`
//!   per post with the default analyzer, one line each;
//! - `c-config.json` and `c-expected-configured.jsonl`: the same with a
//!   configuration (thresholds, tag and pseudonym modes, a key).
//!
//! They go to `$SIGNAAL_C_EXPECTED_DIR` when set (scripts/test-c.sh sets it
//! to the target directory), else to Cargo's per-test scratch directory.

use std::io::Write;
use std::path::PathBuf;
use std::ptr::{null, null_mut};

use signaal::*;
use signaal_core::{Analyzer, Config};

const CONFIG: &str = r#"{"thresholds": {"threat": 0.4, "tip": 0.6},
 "redaction": {"mode": "tag", "modes": {"person": "pseudonym", "url": "keep"}, "disable": ["handle"],
               "pseudonym_key": "test-key-not-secret-0123456789", "include_values": true}}"#;

fn dev_texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/corpus/dev.jsonl");
    let records = signaal_core::read_records_file(path).expect("the dev split reads");
    records.into_iter().map(|r| r.text).collect()
}

fn out_dir() -> PathBuf {
    let dir = std::env::var_os("SIGNAAL_C_EXPECTED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn c_analyzer(config: Option<&str>) -> *mut signaal_analyzer {
    let mut a = null_mut();
    let (p, n) = config.map_or((null(), 0), |c| (c.as_ptr(), c.len()));
    let st = unsafe { signaal_analyzer_new(p, n, &mut a, null_mut()) };
    assert_eq!(st, signaal_status::Ok);
    a
}

fn view(s: signaal_str) -> &'static str {
    let bytes = unsafe { std::slice::from_raw_parts(s.data.cast::<u8>(), s.len) };
    assert_eq!(unsafe { *s.data.add(s.len) }, 0, "NUL-terminated");
    std::str::from_utf8(bytes).unwrap()
}

fn check_and_write(name: &str, config: Option<&str>, texts: &[String]) {
    let rust = match config {
        Some(c) => Analyzer::builder().config(Config::from_json(c).unwrap()).build().unwrap(),
        None => Analyzer::new(),
    };
    let ca = c_analyzer(config);
    let mut out = std::io::BufWriter::new(std::fs::File::create(out_dir().join(name)).unwrap());
    let inputs: Vec<signaal_text> = texts.iter().map(|t| signaal_text { data: t.as_ptr(), len: t.len() }).collect();
    let mut batch = null_mut();
    assert_eq!(
        unsafe { signaal_analyze_batch(ca, inputs.as_ptr(), inputs.len(), &mut batch, null_mut()) },
        signaal_status::Ok
    );
    assert_eq!(unsafe { signaal_batch_len(batch) }, texts.len());
    for (i, text) in texts.iter().enumerate() {
        let analysis = rust.analyze(text);
        let expected = serde_json::to_string(&analysis).unwrap();
        let mut a = null_mut();
        assert_eq!(unsafe { signaal_analyze(ca, text.as_ptr(), text.len(), &mut a, null_mut()) }, signaal_status::Ok);
        assert_eq!(view(unsafe { signaal_analysis_json(a) }), expected, "post {i}");
        assert_eq!(view(unsafe { signaal_analysis_redacted(a) }), analysis.redacted);
        let ents = unsafe { signaal_analysis_entities(a) };
        assert_eq!(ents.len, analysis.entities.len());
        for (j, e) in analysis.entities.iter().enumerate() {
            let c = unsafe { *ents.data.add(j) };
            assert_eq!(c.kind as usize, e.kind.index());
            assert_eq!(
                (c.start, c.end, c.char_start, c.char_end, c.confidence),
                (e.start, e.end, e.char_start, e.char_end, e.confidence)
            );
        }
        let mut cls = signaal_classification::default();
        assert_eq!(unsafe { signaal_analysis_classification(a, &mut cls) }, signaal_status::Ok);
        assert_eq!(cls.threat, analysis.scores.threat);
        assert_eq!(cls.labels.count_ones() as usize, analysis.labels.len());
        unsafe { signaal_analysis_free(a) };

        let b = unsafe { signaal_batch_get(batch, i) };
        assert_eq!(view(unsafe { signaal_analysis_json(b) }), expected, "batch item {i}");

        let mut c = signaal_classification::default();
        assert_eq!(unsafe { signaal_classify(ca, text.as_ptr(), text.len(), &mut c, null_mut()) }, signaal_status::Ok);
        let rc = rust.classify(text);
        assert_eq!(
            (c.complaint, c.tip, c.threat, c.polarization),
            (rc.scores.complaint, rc.scores.tip, rc.scores.threat, rc.scores.polarization)
        );

        let mut r = null_mut();
        assert_eq!(unsafe { signaal_redact(ca, text.as_ptr(), text.len(), &mut r, null_mut()) }, signaal_status::Ok);
        assert_eq!(view(unsafe { signaal_redaction_text(r) }), rust.redact(text).text);
        unsafe { signaal_redaction_free(r) };

        writeln!(out, "{expected}").unwrap();
    }
    unsafe { signaal_batch_free(batch) };
    unsafe { signaal_analyzer_free(ca) };
    out.flush().unwrap();
}

#[test]
fn c_abi_agrees_with_rust_on_dev_and_writes_expected_output() {
    let texts = dev_texts();
    assert!(texts.len() > 500, "the dev split has {} posts", texts.len());
    let mut f = std::io::BufWriter::new(std::fs::File::create(out_dir().join("c-dev-texts.bin")).unwrap());
    for t in &texts {
        writeln!(f, "{}", t.len()).unwrap();
        f.write_all(t.as_bytes()).unwrap();
        f.write_all(b"\n").unwrap();
    }
    f.flush().unwrap();
    std::fs::write(out_dir().join("c-config.json"), CONFIG).unwrap();
    check_and_write("c-expected.jsonl", None, &texts);
    check_and_write("c-expected-configured.jsonl", Some(CONFIG), &texts);
}
