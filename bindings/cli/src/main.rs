//! The `signaal` command.
//!
//! Streaming: records are read a chunk at a time (at most [`CHUNK_RECORDS`]
//! records or about [`CHUNK_BYTES`] bytes), parsed, analysed and
//! serialised on all cores (rayon), and written in input order before the
//! next chunk is read, so memory stays bounded whatever the input size.

mod args;
mod config;
mod input;
mod report;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use signaal::{Analyzer, Label, TrainOptions};

use args::{Cli, Command, ModelCommand, OnError, OutputFormat, Shell, StreamArgs};
use input::{BadRecord, Fields, Keep, Post, Raw, Source};

/// Records per chunk: enough to keep every core busy.
const CHUNK_RECORDS: usize = 4096;
/// Bytes of input per chunk at most (long posts make smaller chunks).
const CHUNK_BYTES: usize = 4 << 20;

/// A failure with its exit code; messages never hold post text.
/// Code 0 means a quiet stop (the reader of our output went away).
pub struct Fail(pub u8, pub String);

impl From<signaal::Error> for Fail {
    fn from(e: signaal::Error) -> Fail {
        let code = match e.kind() {
            signaal::ErrorKind::InvalidInput => 2,
            signaal::ErrorKind::InvalidModel | signaal::ErrorKind::InvalidConfig => 3,
            _ => 1,
        };
        Fail(code, e.to_string())
    }
}

/// An I/O error's reason, without anything read.
pub fn io_reason(e: &io::Error) -> String {
    e.to_string()
}

/// `println!` for the one-shot outputs (tables, model info, reports): a
/// closed pipe ends the command quietly and a failing stdout is an error,
/// never a panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*).map_err(|e| write_fail(&e))?
    }};
}

/// `print!` likewise.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*).map_err(|e| write_fail(&e))?
    }};
}

fn write_fail(e: &io::Error) -> Fail {
    if e.kind() == io::ErrorKind::BrokenPipe { Fail(0, String::new()) } else { Fail(1, format!("writing output: {e}")) }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors exit 1 (2 means a bad record).
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) | Err(Fail(0, _)) => ExitCode::SUCCESS,
        Err(Fail(code, msg)) => {
            eprintln!("signaal: {msg}");
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> Result<(), Fail> {
    match cli.command {
        Command::Analyze { stream, engine } => {
            let a = config::analyzer(&engine)?;
            run_stream(&stream, &a, Job::Analyze)
        }
        Command::Classify { stream, engine } => {
            let a = config::analyzer(&engine)?;
            run_stream(&stream, &a, Job::Classify)
        }
        Command::Redact { stream, engine } => {
            let a = config::analyzer(&engine)?;
            run_stream(&stream, &a, Job::Redact)
        }
        Command::Eval { file, json, html, show_errors, engine } => {
            let a = config::analyzer(&engine)?;
            eval(&a, &file, json, html, show_errors)
        }
        Command::Train { file, dev, output, options, seed, name, model_version, epochs, learning_rate, bits } => {
            // The options file first (or the defaults), then the flags given on top.
            let mut opts = match &options {
                Some(p) => read_train_options(p)?,
                None => TrainOptions::default(),
            };
            opts.seed = seed.unwrap_or(opts.seed);
            opts.name = name.unwrap_or(opts.name);
            opts.version = model_version.unwrap_or(opts.version);
            opts.epochs = epochs.unwrap_or(opts.epochs);
            opts.learning_rate = learning_rate.unwrap_or(opts.learning_rate);
            opts.bits = bits.unwrap_or(opts.bits);
            let train = read_labelled(&file)?;
            let dev = dev.as_deref().map(read_labelled).transpose()?;
            let model = signaal::train(&train, dev.as_deref(), &opts)?;
            std::fs::write(&output, model.to_bytes())
                .map_err(|e| Fail(1, format!("writing {}: {}", output.display(), io_reason(&e))))?;
            eprintln!(
                "signaal: wrote {} (dev macro-F1 {})",
                output.display(),
                model.meta().dev_metrics.get("macro_f1").unwrap_or(&serde_json::Value::Null)
            );
            Ok(())
        }
        Command::Model { what: ModelCommand::Info { model } } => model_info(model),
        Command::Completions { shell } => {
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
                Shell::Powershell => clap_complete::Shell::PowerShell,
                Shell::Elvish => clap_complete::Shell::Elvish,
            };
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "signaal", &mut script);
            io::Write::write_all(&mut io::stdout().lock(), &script).map_err(|e| write_fail(&e))
        }
        Command::Man => {
            io::stdout().write_all(include_bytes!(concat!(env!("OUT_DIR"), "/signaal.1"))).map_err(|e| write_fail(&e))
        }
    }
}

// ------------------------------------------------------------------ streaming

#[derive(Clone, Copy, PartialEq, Eq)]
enum Job {
    Analyze,
    Classify,
    Redact,
}

/// One output record, serialised by a worker.
enum Row {
    Json(Vec<u8>),
    Csv(Vec<String>),
}

/// Where the kept fields go in CSV output.
enum CsvKeep {
    None,
    /// Named fields or CSV columns: one column each.
    Columns(Vec<String>),
    /// All fields of JSON input: one `fields` column holding a JSON object.
    Json,
}

fn csv_header(job: Job, keep: &CsvKeep, on_error: OnError) -> Vec<String> {
    let mut h: Vec<&str> = match job {
        Job::Analyze => vec!["id", "labels", "complaint", "tip", "threat", "polarization", "language", "redacted"],
        Job::Classify => vec!["id", "labels", "complaint", "tip", "threat", "polarization"],
        Job::Redact => vec!["id", "entities", "redacted"],
    };
    let mut out: Vec<String> = h.drain(..).map(String::from).collect();
    match keep {
        CsvKeep::None => {}
        CsvKeep::Columns(c) => out.extend(c.iter().cloned()),
        CsvKeep::Json => out.push("fields".into()),
    }
    if on_error == OnError::Keep {
        out.push("error".into());
    }
    out
}

fn labels_cell(labels: &[Label]) -> String {
    labels.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(";")
}

fn scores_cells(s: &signaal::Scores) -> [String; 4] {
    [s.complaint.to_string(), s.tip.to_string(), s.threat.to_string(), s.polarization.to_string()]
}

/// Append `"fields": {...}` to a serialised JSON object.
fn with_fields(mut json: Vec<u8>, fields: Option<&serde_json::Map<String, serde_json::Value>>) -> Vec<u8> {
    if let Some(f) = fields {
        if json.last() == Some(&b'}') {
            json.pop();
            if json.len() > 1 {
                json.push(b',');
            }
            json.extend_from_slice(b"\"fields\":");
            serde_json::to_writer(&mut json, f).expect("a JSON map serialises");
            json.push(b'}');
        }
    }
    json
}

fn json_line<T: serde::Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("results serialise to JSON")
}

/// Analyse one readable record and serialise the result.
fn process(post: Post, a: &Analyzer, job: Job, format: OutputFormat, keep: &CsvKeep, on_error: OnError) -> Row {
    let Post { id, text, fields } = post;
    match format {
        OutputFormat::Jsonl => {
            let json = match job {
                Job::Analyze => json_line(&a.analyze_with_id(id, &text)),
                Job::Classify => {
                    #[derive(serde::Serialize)]
                    struct WithId<'a> {
                        #[serde(skip_serializing_if = "Option::is_none")]
                        id: Option<String>,
                        #[serde(flatten)]
                        c: &'a signaal::Classification,
                    }
                    json_line(&WithId { id, c: &a.classify(&text) })
                }
                Job::Redact => {
                    #[derive(serde::Serialize)]
                    struct Redacted {
                        #[serde(skip_serializing_if = "Option::is_none")]
                        id: Option<String>,
                        entities: Vec<signaal::Entity>,
                        redacted: String,
                    }
                    let r = a.redact(&text);
                    json_line(&Redacted { id, entities: r.entities, redacted: r.text })
                }
            };
            Row::Json(with_fields(json, fields.as_ref()))
        }
        OutputFormat::Csv => {
            let mut row = vec![id.unwrap_or_default()];
            match job {
                Job::Analyze => {
                    let x = a.analyze(&text);
                    row.push(labels_cell(&x.labels));
                    row.extend(scores_cells(&x.scores));
                    row.push(x.language.code);
                    row.push(x.redacted);
                }
                Job::Classify => {
                    let c = a.classify(&text);
                    row.push(labels_cell(&c.labels));
                    row.extend(scores_cells(&c.scores));
                }
                Job::Redact => {
                    let r = a.redact(&text);
                    row.push(r.entities.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>().join(";"));
                    row.push(r.text);
                }
            }
            match keep {
                CsvKeep::None => {}
                CsvKeep::Columns(cols) => {
                    for c in cols {
                        row.push(match fields.as_ref().and_then(|f| f.get(c)) {
                            None | Some(serde_json::Value::Null) => String::new(),
                            Some(serde_json::Value::String(s)) => s.clone(),
                            Some(v) => v.to_string(),
                        });
                    }
                }
                CsvKeep::Json => row.push(fields.map(|f| serde_json::Value::Object(f).to_string()).unwrap_or_default()),
            }
            if on_error == OnError::Keep {
                row.push(String::new());
            }
            Row::Csv(row)
        }
    }
}

/// The output line of an unreadable record under `--on-error keep`.
fn error_row(bad: &BadRecord, file: &str, job: Job, format: OutputFormat, keep: &CsvKeep) -> Row {
    match format {
        OutputFormat::Jsonl => {
            let mut obj = serde_json::Map::new();
            if let Some(id) = &bad.id {
                obj.insert("id".into(), id.clone().into());
            }
            obj.insert("error".into(), serde_json::json!({"file": file, "line": bad.line, "reason": bad.reason}));
            Row::Json(json_line(&obj))
        }
        OutputFormat::Csv => {
            let n = csv_header(job, keep, OnError::Keep).len();
            let mut row = vec![String::new(); n];
            row[0] = bad.id.clone().unwrap_or_default();
            row[n - 1] = format!("{file}:{}: {}", bad.line, bad.reason);
            Row::Csv(row)
        }
    }
}

enum Out {
    Json(Box<dyn Write>),
    Csv(Box<csv::Writer<Box<dyn Write>>>),
}

impl Out {
    fn write(&mut self, row: &Row) -> Result<(), Fail> {
        match (self, row) {
            (Out::Json(w), Row::Json(line)) => {
                w.write_all(line).and_then(|()| w.write_all(b"\n")).map_err(|e| write_fail(&e))
            }
            (Out::Csv(w), Row::Csv(cells)) => w.write_record(cells).map_err(|e| match e.into_kind() {
                csv::ErrorKind::Io(io) => write_fail(&io),
                _ => Fail(1, "writing output: CSV error".into()),
            }),
            _ => unreachable!("rows are made for the output format"),
        }
    }

    fn flush(&mut self) -> Result<(), Fail> {
        match self {
            Out::Json(w) => w.flush(),
            Out::Csv(w) => w.flush(),
        }
        .map_err(|e| write_fail(&e))
    }
}

fn progress_bar(files: &[PathBuf], quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() || files.is_empty() || files.iter().any(|f| f.as_os_str() == "-") {
        return ProgressBar::hidden();
    }
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(4));
    pb.set_style(
        ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg} ETA {eta}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    pb
}

fn run_stream(s: &StreamArgs, analyzer: &Analyzer, job: Job) -> Result<(), Fail> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(s.threads.unwrap_or(0))
        .build()
        .map_err(|e| Fail(1, format!("cannot start worker threads: {e}")))?;
    let fields =
        Fields { text: s.text_field.clone(), id: s.id_field.clone(), keep: Keep::from_arg(s.keep_fields.as_deref()) };
    if let Keep::Named(names) = &fields.keep {
        // Kept fields are copied unredacted: never the post text, nor an object holding it.
        let inside = |outer: &str, inner: &str| inner == outer || inner.starts_with(&format!("{outer}."));
        if let Some(n) = names.iter().find(|n| inside(n, &fields.text) || inside(&fields.text, n)) {
            return Err(Fail(
                1,
                format!(
                    "--keep-fields: `{n}` holds or is inside the text field `{}`, which is never copied unredacted",
                    fields.text
                ),
            ));
        }
    }
    let files: Vec<Option<&Path>> =
        if s.files.is_empty() { vec![None] } else { s.files.iter().map(|f| Some(f.as_path())).collect() };
    let read = Arc::new(AtomicU64::new(0));
    let pb = progress_bar(&s.files, s.quiet);

    let sink: Box<dyn Write> = match &s.output {
        None => Box::new(BufWriter::with_capacity(1 << 18, io::stdout().lock())),
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 18,
            File::create(p).map_err(|e| Fail(1, format!("cannot create {}: {}", p.display(), io_reason(&e))))?,
        )),
    };
    let mut out: Option<Out> = None;
    let (mut posts, mut skipped, mut kept_bad) = (0u64, 0u64, 0u64);
    let started = Instant::now();
    let mut sink = Some(sink);
    let mut csv_keep = CsvKeep::None;

    for file in files {
        let mut source = Source::open(file, s.format, &fields, read.clone())?;
        if out.is_none() {
            // The CSV header is settled by the first input.
            csv_keep = match (&fields.keep, source.csv_kept_columns()) {
                (Keep::None, _) => CsvKeep::None,
                (Keep::Named(n), _) => CsvKeep::Columns(n.clone()),
                (Keep::All, Some(cols)) => CsvKeep::Columns(cols),
                (Keep::All, None) => CsvKeep::Json,
            };
            let w = sink.take().expect("one sink");
            out = Some(match s.output_format {
                OutputFormat::Jsonl => Out::Json(w),
                OutputFormat::Csv => {
                    let mut c = csv::WriterBuilder::new().from_writer(w);
                    c.write_record(csv_header(job, &csv_keep, s.on_error)).map_err(|e| match e.into_kind() {
                        csv::ErrorKind::Io(io) => write_fail(&io),
                        _ => Fail(1, "writing output: CSV error".into()),
                    })?;
                    Out::Csv(Box::new(c))
                }
            });
        }
        let out = out.as_mut().expect("output is open");
        loop {
            let chunk: Vec<Raw> = source.next_chunk(CHUNK_RECORDS, CHUNK_BYTES)?;
            if chunk.is_empty() {
                break;
            }
            let (fmt, keep, on_error) = (s.output_format, &csv_keep, s.on_error);
            let rows: Vec<Result<Row, BadRecord>> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|raw| raw.into_post(&fields).map(|p| process(p, analyzer, job, fmt, keep, on_error)))
                    .collect()
            });
            for row in rows {
                match row {
                    Ok(row) => {
                        posts += 1;
                        out.write(&row)?;
                    }
                    Err(bad) => match s.on_error {
                        OnError::Fail => {
                            // Everything before the bad record is written; nothing of it or after.
                            out.flush()?;
                            pb.finish_and_clear();
                            return Err(Fail(2, format!("{}:{}: {}", source.name, bad.line, bad.reason)));
                        }
                        OnError::Skip => {
                            skipped += 1;
                            pb.suspend(|| {
                                eprintln!("signaal: warning: skipped {}:{}: {}", source.name, bad.line, bad.reason)
                            });
                        }
                        OnError::Keep => {
                            kept_bad += 1;
                            pb.suspend(|| eprintln!("signaal: warning: {}:{}: {}", source.name, bad.line, bad.reason));
                            out.write(&error_row(&bad, &source.name, job, fmt, keep))?;
                        }
                    },
                }
            }
            if !pb.is_hidden() {
                pb.set_position(read.load(Ordering::Relaxed));
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                pb.set_message(format!("{posts} posts, {:.0} posts/s", posts as f64 / secs));
            }
        }
    }
    if let Some(out) = out.as_mut() {
        out.flush()?;
    }
    pb.finish_and_clear();
    if skipped > 0 {
        eprintln!("signaal: skipped {skipped} bad record(s); {posts} written");
    }
    if kept_bad > 0 {
        eprintln!("signaal: {kept_bad} bad record(s) written as error objects; {posts} analysed");
    }
    Ok(())
}

// ------------------------------------------------------------------ eval, model info

fn read_labelled(path: &Path) -> Result<Vec<signaal::Record>, Fail> {
    signaal::read_records_file(path).map_err(|e| {
        let f: Fail = e.into();
        Fail(f.0, format!("{}: {}", path.display(), f.1))
    })
}

/// Training options from a JSON file (`train --options`): an unreadable
/// file exits 1, a malformed one 3, like `--config`.
fn read_train_options(path: &Path) -> Result<TrainOptions, Fail> {
    let name = path.display();
    let text = std::fs::read(path).map_err(|e| Fail(1, format!("cannot read {name}: {}", io_reason(&e))))?;
    let text = String::from_utf8(text).map_err(|_| Fail(3, format!("{name}: invalid UTF-8")))?;
    TrainOptions::from_json(&text).map_err(|e| Fail(3, format!("{name}: {e}")))
}

/// Which kinds of truth the first record of a file carries: (labels, entities).
fn truth_kinds(path: &Path) -> Result<(bool, bool), Fail> {
    use std::io::BufRead;
    let f = File::open(path).map_err(|e| Fail(1, format!("cannot open {}: {}", path.display(), io_reason(&e))))?;
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| Fail(1, format!("reading {}: {}", path.display(), io_reason(&e))))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|_| Fail(2, format!("{}:{}: invalid JSON", path.display(), n + 1)))?;
        let entities = v.get("entities").is_some();
        return Ok((v.get("labels").is_some() || !entities, entities));
    }
    Ok((true, false))
}

fn eval(
    a: &Analyzer,
    file: &Path,
    json: Option<PathBuf>,
    html: Option<PathBuf>,
    show_errors: bool,
) -> Result<(), Fail> {
    let (has_labels, has_entities) = truth_kinds(file)?;
    let mut label_report = None;
    let mut entity_report = None;
    if has_labels {
        let records = read_labelled(file)?;
        let r = signaal::eval::evaluate(a, &records);
        out!("{}", report::label_table(&r));
        label_report = Some(r);
    }
    if has_entities {
        let records = signaal::eval::read_entity_records_file(file).map_err(|e| {
            Fail(if e.kind() == signaal::ErrorKind::Io { 1 } else { 2 }, format!("{}: {}", file.display(), e))
        })?;
        let (r, errors) = signaal::eval::evaluate_entities_with_errors(a, &records);
        if has_labels {
            outln!();
        }
        out!("{}", report::entity_table(&r));
        if show_errors {
            for e in &errors {
                let rec = &records[e.record];
                outln!(
                    "{:<9} {:<15} {:<8} {:?}  in: {}",
                    e.what,
                    e.kind.as_str(),
                    rec.id.as_deref().unwrap_or("-"),
                    &rec.text[e.start..e.end],
                    rec.text.replace('\n', " ")
                );
            }
        }
        entity_report = Some(r);
    }
    if let Some(path) = json {
        // One report object; the label report keeps its old top-level shape.
        let text = match (&label_report, &entity_report) {
            (Some(l), None) => serde_json::to_string_pretty(l),
            (None, Some(e)) => serde_json::to_string_pretty(e),
            (l, e) => serde_json::to_string_pretty(&serde_json::json!({"labels": l, "entities": e})),
        }
        .map_err(|e| Fail(1, e.to_string()))?;
        write_report(&path, &text)?;
    }
    if let Some(path) = html {
        let m = a.model().meta();
        let model = format!("{} {}", m.name, m.version);
        let page = report::html(&file.display().to_string(), &model, label_report.as_ref(), entity_report.as_ref());
        write_report(&path, &page)?;
    }
    Ok(())
}

/// Write a report to a file, or to stdout for `-`.
fn write_report(path: &Path, text: &str) -> Result<(), Fail> {
    if path.as_os_str() == "-" {
        outln!("{text}");
        Ok(())
    } else {
        std::fs::write(path, text).map_err(|e| Fail(1, format!("writing {}: {}", path.display(), io_reason(&e))))
    }
}

fn model_info(model: Option<PathBuf>) -> Result<(), Fail> {
    let analyzer = match model {
        None => Analyzer::new(),
        Some(p) => Analyzer::builder().model_file(p).build()?,
    };
    let m = analyzer.model();
    let meta = m.meta();
    // Name and version come from the file: print them escaped.
    outln!("model          {} {}", meta.name.escape_debug(), meta.version.escape_debug());
    outln!("file format    {}", m.format_version());
    outln!("labels         {}", Label::ALL.map(|l| l.as_str()).join(", "));
    for l in Label::ALL {
        outln!("threshold      {:<13} {:.3}", l.as_str(), analyzer.thresholds()[l.index()]);
    }
    outln!("training set   {}", meta.corpus.get("train").unwrap_or(&serde_json::Value::Null));
    outln!("calibration    {}", meta.corpus.get("calibration").unwrap_or(&serde_json::Value::Null));
    outln!("dev macro-F1   {}", meta.dev_metrics.get("macro_f1").unwrap_or(&serde_json::Value::Null));
    if let Some(labels) = meta.dev_metrics.get("labels").and_then(|v| v.as_array()) {
        for l in labels {
            outln!(
                "dev            {:<13} P {} R {} F1 {} (n={})",
                l["label"].as_str().unwrap_or("?"),
                l["precision"],
                l["recall"],
                l["f1"],
                l["support"]
            );
        }
    }
    // Out-of-fold F1 on train at the chosen L2: not touched by calibration.
    if let (Some(cv), Some(chosen)) = (meta.options["cv_f1"].as_array(), meta.options["l2_chosen"].as_array()) {
        let folds = format!("train {}-fold", meta.options["folds"].as_u64().unwrap_or(4));
        for ((label, runs), l2) in Label::ALL.iter().zip(cv).zip(chosen) {
            let f1 = runs.as_array().and_then(|r| r.iter().find(|x| x["l2"] == *l2)).map(|x| &x["f1"]);
            outln!("{folds:<14} {:<13} F1 {} (L2 {})", label.as_str(), f1.unwrap_or(&serde_json::Value::Null), l2);
        }
    }
    // The training options as `train --options` reads them (the seed
    // included, the cross-validation results left out).
    if let Some(opts) = meta.options.as_object() {
        let mut shown: serde_json::Map<String, serde_json::Value> = opts
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "cv_f1" | "l2_chosen" | "lbfgs_capped"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        shown.insert("seed".into(), meta.seed.into());
        // Models trained before the option existed (format 2) valued their
        // count-once features 1, not today's default.
        shown.entry("cue_weight").or_insert(1.0.into());
        outln!("options        {}", serde_json::Value::Object(shown));
    }
    if let Some(capped) = meta.options["lbfgs_capped"].as_array().filter(|c| !c.is_empty()) {
        let labels: Vec<&str> =
            capped.iter().filter_map(|l| l.as_str()).filter_map(|l| Label::parse(l).map(|l| l.as_str())).collect();
        outln!(
            "warning        L-BFGS stopped at its cap of epochs x 10 iterations before converging for: {}",
            labels.join(", ")
        );
    }
    outln!("model card     docs/MODEL_CARD.md");
    Ok(())
}
