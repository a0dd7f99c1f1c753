//! The `signaal` command.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use signaal::{Analyzer, Label, Record, TrainOptions};

/// Exit codes: 0 success, 1 usage or I/O error, 2 bad input record, 3 bad model or config.
#[derive(Parser)]
#[command(
    name = "signaal",
    version,
    about = "Triage Dutch and Flemish social-media posts: complaint, tip, threat, polarization"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct ModelArgs {
    /// A model file to use instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse JSON Lines posts (`id`, `text`): one analysis object a line.
    #[command(
        after_help = "Example:\n  signaal analyze data/samples/posts.jsonl > analyses.jsonl\n  echo '{\"id\":\"1\",\"text\":\"ik weet waar je woont\"}' | signaal analyze"
    )]
    Analyze {
        /// JSON Lines input; standard input when absent.
        file: Option<PathBuf>,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Classify JSON Lines posts: id, labels, scores and evidence only.
    #[command(after_help = "Example:\n  signaal classify data/corpus/dev.jsonl")]
    Classify {
        /// JSON Lines input; standard input when absent.
        file: Option<PathBuf>,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Evaluate on labelled JSON Lines: per label (records with `labels`)
    /// precision, recall, F1, support, ECE; per entity kind (records with
    /// `entities`) full-span and overlap precision, recall and F1.
    #[command(
        after_help = "Example:\n  signaal eval data/corpus/dev.jsonl --json report.json\n  signaal eval data/redaction/messy.jsonl"
    )]
    Eval {
        /// Labelled JSON Lines (`text` with `labels` and/or `entities`).
        file: PathBuf,
        /// Also write the report as JSON to this file (`-` for stdout).
        #[arg(long)]
        json: Option<PathBuf>,
        /// Print each redaction disagreement with its text (the evaluation
        /// set's own data; off by default so reports hold no post text).
        #[arg(long)]
        show_errors: bool,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Train a model on labelled JSON Lines.
    #[command(
        after_help = "Example:\n  signaal train data/corpus/train.jsonl --dev data/corpus/dev.jsonl -o my-model.bin"
    )]
    Train {
        /// Labelled training records.
        file: PathBuf,
        /// Labelled records for calibration and thresholds.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Where to write the model file.
        #[arg(short, long)]
        output: PathBuf,
        /// Shuffling seed.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Model name stored in the file.
        #[arg(long, default_value = "custom")]
        name: String,
        /// Model version stored in the file.
        #[arg(long, default_value = "0")]
        model_version: String,
        /// Passes over the training data.
        #[arg(long, default_value_t = TrainOptions::default().epochs)]
        epochs: u32,
        /// AdaGrad learning rate.
        #[arg(long, default_value_t = TrainOptions::default().learning_rate)]
        learning_rate: f32,
        /// Feature hash size: 2^bits buckets (12..=20).
        #[arg(long, default_value_t = TrainOptions::default().bits)]
        bits: u32,
    },
    /// Describe a model.
    Model {
        #[command(subcommand)]
        what: ModelCommand,
    },
}

#[derive(Subcommand)]
enum ModelCommand {
    /// Version, labels, thresholds, corpus make-up and dev metrics.
    #[command(after_help = "Example:\n  signaal model info")]
    Info {
        #[command(flatten)]
        model: ModelArgs,
    },
}

/// A failure with its exit code; messages never hold post text.
struct Fail(u8, String);

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

fn io_fail(context: &str, e: &io::Error) -> Fail {
    Fail(1, format!("{context}: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(code, msg)) => {
            eprintln!("signaal: {msg}");
            ExitCode::from(code)
        }
    }
}

fn analyzer(args: &ModelArgs) -> Result<Analyzer, Fail> {
    match &args.model {
        None => Ok(Analyzer::new()),
        Some(p) => Ok(Analyzer::builder().model_file(p).build()?),
    }
}

fn open_input(file: Option<&Path>) -> Result<(String, Box<dyn BufRead>), Fail> {
    match file {
        None => Ok(("<stdin>".into(), Box::new(BufReader::new(io::stdin().lock())))),
        Some(p) => {
            let f = File::open(p).map_err(|e| io_fail(&format!("cannot open {}", p.display()), &e))?;
            Ok((p.display().to_string(), Box::new(BufReader::with_capacity(1 << 16, f))))
        }
    }
}

fn read_labelled(path: &Path) -> Result<Vec<Record>, Fail> {
    signaal::read_records_file(path).map_err(|e| {
        let f: Fail = e.into();
        Fail(f.0, format!("{}: {}", path.display(), f.1))
    })
}

/// Posts processed together: big enough to keep all cores busy, small
/// enough that memory stays bounded whatever the input size.
const CHUNK: usize = 2048;

fn stream(file: Option<&Path>, analyzer: &Analyzer, full: bool) -> Result<(), Fail> {
    let (name, mut input) = open_input(file)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut chunk: Vec<Record> = Vec::with_capacity(CHUNK);
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(|e| io_fail(&format!("reading {name}"), &e))?;
        if n > 0 {
            line_no += 1;
            let parsed = match std::str::from_utf8(&buf) {
                Err(_) => Err("invalid UTF-8".to_string()),
                Ok(line) if line.trim().is_empty() => Ok(None),
                Ok(line) => signaal::parse_record(line, "text", "id").map(Some).map_err(|e| e.message().to_string()),
            };
            match parsed {
                Ok(Some(rec)) => chunk.push(rec),
                Ok(None) => {}
                Err(reason) => {
                    // Everything before the bad record is written; nothing of it or after.
                    write_chunk(&mut out, analyzer, &mut chunk, full)?;
                    out.flush().map_err(|e| io_fail("writing output", &e))?;
                    return Err(Fail(2, format!("{name}:{line_no}: {reason}")));
                }
            }
        }
        if chunk.len() == CHUNK || (n == 0 && !chunk.is_empty()) {
            write_chunk(&mut out, analyzer, &mut chunk, full)?;
        }
        if n == 0 {
            break;
        }
    }
    out.flush().map_err(|e| io_fail("writing output", &e))
}

fn write_chunk(out: &mut impl Write, analyzer: &Analyzer, chunk: &mut Vec<Record>, full: bool) -> Result<(), Fail> {
    let texts: Vec<&str> = chunk.iter().map(|r| r.text.as_str()).collect();
    if full {
        let mut results = analyzer.analyze_batch(&texts);
        for (a, r) in results.iter_mut().zip(chunk.iter()) {
            a.id.clone_from(&r.id);
            serde_json::to_writer(&mut *out, a).map_err(|e| Fail(1, format!("writing output: {e}")))?;
            out.write_all(b"\n").map_err(|e| io_fail("writing output", &e))?;
        }
    } else {
        for (c, r) in analyzer.classify_batch(&texts).iter().zip(chunk.iter()) {
            let mut v = serde_json::to_value(c).map_err(|e| Fail(1, e.to_string()))?;
            if let (Some(id), Some(obj)) = (&r.id, v.as_object_mut()) {
                let mut with_id = serde_json::Map::new();
                with_id.insert("id".into(), id.clone().into());
                with_id.append(obj);
                v = with_id.into();
            }
            serde_json::to_writer(&mut *out, &v).map_err(|e| Fail(1, format!("writing output: {e}")))?;
            out.write_all(b"\n").map_err(|e| io_fail("writing output", &e))?;
        }
    }
    chunk.clear();
    Ok(())
}

fn run(cli: Cli) -> Result<(), Fail> {
    match cli.command {
        Command::Analyze { file, model } => stream(file.as_deref(), &analyzer(&model)?, true),
        Command::Classify { file, model } => stream(file.as_deref(), &analyzer(&model)?, false),
        Command::Eval { file, json, model, show_errors } => {
            let analyzer = analyzer(&model)?;
            if has_entities(&file)? {
                return eval_entities(&analyzer, &file, json, show_errors);
            }
            let records = read_labelled(&file)?;
            let report = signaal::eval::evaluate(&analyzer, &records);
            println!("{:<14} {:>9} {:>9} {:>9} {:>9} {:>9}", "label", "precision", "recall", "f1", "support", "ece");
            for m in &report.labels {
                println!(
                    "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>9} {:>9.3}",
                    m.label.as_str(),
                    m.precision,
                    m.recall,
                    m.f1,
                    m.support,
                    m.ece
                );
            }
            println!("{:<14} {:>29.3}", "macro-F1", report.macro_f1);
            println!("{:<14} {:>29.3}", "exact match", report.exact_match);
            println!("{:<14} {:>29}", "posts", report.posts);
            write_json_report(json, &report)
        }
        Command::Train { file, dev, output, seed, name, model_version, epochs, learning_rate, bits } => {
            let train = read_labelled(&file)?;
            let dev = dev.as_deref().map(read_labelled).transpose()?;
            let opts =
                TrainOptions { seed, name, version: model_version, epochs, learning_rate, bits, ..Default::default() };
            let model = signaal::train(&train, dev.as_deref(), &opts)?;
            std::fs::write(&output, model.to_bytes())
                .map_err(|e| io_fail(&format!("writing {}", output.display()), &e))?;
            eprintln!(
                "signaal: wrote {} (dev macro-F1 {})",
                output.display(),
                model.meta().dev_metrics.get("macro_f1").unwrap_or(&serde_json::Value::Null)
            );
            Ok(())
        }
        Command::Model { what: ModelCommand::Info { model } } => {
            let analyzer = analyzer(&model)?;
            let m = analyzer.model();
            let meta = m.meta();
            // Name and version come from the file: print them escaped.
            println!("model          {} {}", meta.name.escape_debug(), meta.version.escape_debug());
            println!("file format    1");
            println!("labels         {}", Label::ALL.map(|l| l.as_str()).join(", "));
            for l in Label::ALL {
                println!("threshold      {:<13} {:.3}", l.as_str(), analyzer.thresholds()[l.index()]);
            }
            println!("training set   {}", meta.corpus.get("train").unwrap_or(&serde_json::Value::Null));
            println!("calibration    {}", meta.corpus.get("calibration").unwrap_or(&serde_json::Value::Null));
            println!("dev macro-F1   {}", meta.dev_metrics.get("macro_f1").unwrap_or(&serde_json::Value::Null));
            if let Some(labels) = meta.dev_metrics.get("labels").and_then(|v| v.as_array()) {
                for l in labels {
                    println!(
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
                for ((label, runs), l2) in Label::ALL.iter().zip(cv).zip(chosen) {
                    let f1 = runs.as_array().and_then(|r| r.iter().find(|x| x["l2"] == *l2)).map(|x| &x["f1"]);
                    println!(
                        "train 4-fold   {:<13} F1 {} (L2 {})",
                        label.as_str(),
                        f1.unwrap_or(&serde_json::Value::Null),
                        l2
                    );
                }
            }
            println!("model card     docs/MODEL_CARD.md");
            Ok(())
        }
    }
}

/// True when the first record of a file carries `entities` (a redaction set).
fn has_entities(path: &Path) -> Result<bool, Fail> {
    let f = File::open(path).map_err(|e| io_fail(&format!("reading {}", path.display()), &e))?;
    for line in BufReader::new(f).lines() {
        let line = line.map_err(|e| io_fail(&format!("reading {}", path.display()), &e))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|_| Fail(2, format!("{}:1: invalid JSON", path.display())))?;
        return Ok(v.get("entities").is_some());
    }
    Ok(false)
}

fn eval_entities(analyzer: &Analyzer, file: &Path, json: Option<PathBuf>, show_errors: bool) -> Result<(), Fail> {
    let records = signaal::eval::read_entity_records_file(file).map_err(|e| {
        Fail(if e.kind() == signaal::ErrorKind::Io { 1 } else { 2 }, format!("{}: {}", file.display(), e))
    })?;
    let (report, errors) = signaal::eval::evaluate_entities_with_errors(analyzer, &records);
    println!(
        "{:<15} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}",
        "kind", "precision", "recall", "f1", "ovl-prec", "ovl-rec", "ovl-f1", "support", "found"
    );
    for m in report.kinds.iter().chain(std::iter::once(&report.overall)) {
        println!(
            "{:<15} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>8}",
            m.kind.map_or("overall", |k| k.as_str()),
            m.precision,
            m.recall,
            m.f1,
            m.overlap_precision,
            m.overlap_recall,
            m.overlap_f1,
            m.support,
            m.predicted
        );
    }
    println!("{:<15} {:>9}", "posts", report.posts);
    if show_errors {
        for e in &errors {
            let r = &records[e.record];
            println!(
                "{:<9} {:<15} {:<8} {:?}  in: {}",
                e.what,
                e.kind.as_str(),
                r.id.as_deref().unwrap_or("-"),
                &r.text[e.start..e.end],
                r.text.replace('\n', " ")
            );
        }
    }
    write_json_report(json, &report)
}

/// Write a report as pretty JSON to a file, or to stdout for `-`.
fn write_json_report(path: Option<PathBuf>, report: &impl serde::Serialize) -> Result<(), Fail> {
    let Some(path) = path else { return Ok(()) };
    let text = serde_json::to_string_pretty(report).map_err(|e| Fail(1, e.to_string()))?;
    if path.as_os_str() == "-" {
        println!("{text}");
        Ok(())
    } else {
        std::fs::write(&path, text).map_err(|e| io_fail(&format!("writing {}", path.display()), &e))
    }
}
