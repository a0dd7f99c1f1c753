// The command-line definition. It depends on clap and std only: `build.rs`
// includes this file to generate the man page at build time.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes, shown in `--help` and the man page.
pub const EXIT_CODES: &str = "Exit codes:
  0  success (also with --on-error skip or keep: bad records are reported on stderr)
  1  usage error, or a file that cannot be read or written
  2  a bad input record with --on-error fail (stderr names file, line and reason),
     or a CSV/TSV header without the text column
  3  a bad model file or configuration (--config TOML, train --options JSON, flags,
     pseudonym key)";

#[derive(Parser)]
#[command(
    name = "signaal",
    version,
    about = "Triage Dutch and Flemish social-media posts (complaint, tip, threat, polarization) and redact personal data",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// By file extension: .csv, .tsv, .txt (each also with .gz), else JSON Lines.
    Auto,
    /// JSON Lines: one object a line.
    Jsonl,
    /// Comma-separated with a header row.
    Csv,
    /// Tab-separated with a header row.
    Tsv,
    /// Plain text, one post a line; the id is the line number.
    Text,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object a line (shared/spec/analysis.md).
    Jsonl,
    /// CSV with a header row.
    Csv,
}

/// What to do with a record that cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Stop with exit code 2 and a message naming file, line and reason.
    Fail,
    /// Warn on stderr with the line number, count at the end, go on.
    Skip,
    /// Write an error object (id when known, file, line, reason) in its place.
    Keep,
}

/// Shells for `completions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
    /// Elvish.
    Elvish,
}

/// The model, thresholds and redaction policy.
#[derive(Args, Clone, Debug, Default)]
pub struct EngineArgs {
    /// A TOML configuration (model, thresholds, redaction: the fields of the C and
    /// Python configurations). Flags given as well override it.
    #[arg(long, value_name = "FILE", help_heading = "Model and redaction")]
    pub config: Option<PathBuf>,
    /// A model file to use instead of the built-in model.
    #[arg(long, value_name = "FILE", help_heading = "Model and redaction")]
    pub model: Option<PathBuf>,
    /// A label's decision threshold, e.g. `--threshold threat=0.7` (repeatable).
    #[arg(long, value_name = "LABEL=P", help_heading = "Model and redaction")]
    pub threshold: Vec<String>,
    /// Find only these kinds of personal data (comma-separated: person, email,
    /// phone, iban, bsn, national_id_be, postcode, address, license_plate, url,
    /// ip_address, handle, date_of_birth, credit_card).
    #[arg(long, value_name = "KINDS", value_delimiter = ',', help_heading = "Model and redaction")]
    pub redact: Option<Vec<String>>,
    /// Do not look for these kinds (comma-separated).
    #[arg(long, value_name = "KINDS", value_delimiter = ',', help_heading = "Model and redaction")]
    pub no_redact: Vec<String>,
    /// Replacement mode for every kind (mask, tag, pseudonym, remove, keep), or
    /// for one kind with KIND=MODE (repeatable, e.g. `--mode tag --mode person=pseudonym`).
    #[arg(long, value_name = "MODE|KIND=MODE", help_heading = "Model and redaction")]
    pub mode: Vec<String>,
    /// A value never to redact, e.g. your own service account (repeatable).
    #[arg(long, value_name = "VALUE", help_heading = "Model and redaction")]
    pub allow: Vec<String>,
    /// Drop the default allowlist (official police handles, 112, 0900-8844, …).
    #[arg(long, help_heading = "Model and redaction")]
    pub no_default_allowlist: bool,
    /// Minimum confidence of a find, in [0, 1] (default 0.5).
    #[arg(long, value_name = "P", help_heading = "Model and redaction")]
    pub min_confidence: Option<f32>,
    /// Put each found value in its entity (`value`); off by default so output holds no personal data.
    #[arg(long, help_heading = "Model and redaction")]
    pub include_values: bool,
    /// A file holding the pseudonym key (at least 16 bytes; one trailing newline is
    /// ignored). Default: the environment variable SIGNAAL_PSEUDONYM_KEY. The key is
    /// never taken as an argument and never printed.
    #[arg(long, value_name = "FILE", help_heading = "Model and redaction")]
    pub key_file: Option<PathBuf>,
}

/// Input, output and error handling of the streaming commands.
#[derive(Args, Clone, Debug)]
pub struct StreamArgs {
    /// Input files (`-` for standard input; standard input when none). A `.gz`
    /// file is decompressed.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Input format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Auto, help_heading = "Input")]
    pub format: Format,
    /// The field (JSON: a dotted path into nested objects, `user.text`) or column holding the post.
    #[arg(long, value_name = "FIELD", default_value = "text", help_heading = "Input")]
    pub text_field: String,
    /// The field or column holding the id (optional in each record).
    #[arg(long, value_name = "FIELD", default_value = "id", help_heading = "Input")]
    pub id_field: String,
    /// Copy other input fields into the output, unchanged and not redacted:
    /// `--keep-fields` keeps all of them, `--keep-fields=a,user.b` the ones named.
    /// JSON output puts them under `"fields"`, CSV output in extra columns.
    #[arg(
        long,
        value_name = "FIELDS",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "",
        help_heading = "Input"
    )]
    pub keep_fields: Option<String>,
    /// What to do with a record that cannot be read (bad JSON, invalid UTF-8,
    /// missing text field, wrong type).
    #[arg(long, value_enum, default_value_t = OnError::Fail, help_heading = "Input")]
    pub on_error: OnError,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'O', value_enum, default_value_t = OutputFormat::Jsonl, help_heading = "Output")]
    pub output_format: OutputFormat,
    /// No progress bar (warnings about bad records and errors are still printed).
    #[arg(long, short, help_heading = "Output")]
    pub quiet: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", help_heading = "Output")]
    pub threads: Option<usize>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Analyse posts: language, labels, scores, evidence, personal data, redacted text.
    #[command(after_help = concat!(
        "Examples:\n",
        "  signaal analyze data/samples/posts.jsonl > analyses.jsonl\n",
        "  echo '{\"id\":\"1\",\"text\":\"ik weet waar je woont\"}' | signaal analyze\n",
        "  signaal analyze export.csv.gz --text-field bericht -O csv -o out.csv\n",
        "  signaal analyze dump.jsonl --text-field post.body --id-field post.id --on-error skip\n\n",
        "Output: one analysis a line (shared/spec/analysis.md), in input order. CSV output has the\n",
        "columns id, labels (;-separated), complaint, tip, threat, polarization, language, redacted.\n\n",
        "Exit codes: 0 success, 1 usage or I/O error, 2 bad input record, 3 bad model or configuration."
    ))]
    Analyze {
        #[command(flatten)]
        stream: StreamArgs,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Classify posts: id, labels, scores and evidence only (faster: no language, no redacted text).
    #[command(after_help = concat!(
        "Examples:\n",
        "  signaal classify data/corpus/dev.jsonl\n",
        "  signaal classify posts.txt -O csv\n\n",
        "CSV output has the columns id, labels, complaint, tip, threat, polarization.\n\n",
        "Exit codes: 0 success, 1 usage or I/O error, 2 bad input record, 3 bad model or configuration."
    ))]
    Classify {
        #[command(flatten)]
        stream: StreamArgs,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Redact personal data only: id, entities and the redacted text.
    #[command(after_help = concat!(
        "Examples:\n",
        "  signaal redact posts.jsonl --redact person,phone --mode tag\n",
        "  SIGNAAL_PSEUDONYM_KEY=\"$(cat ~/.signaal-key)\" signaal redact posts.jsonl --mode person=pseudonym\n",
        "  signaal redact posts.jsonl --config signaal.toml --key-file ~/.signaal-key -O csv\n\n",
        "CSV output has the columns id, entities (kinds, ;-separated), redacted.\n\n",
        "Exit codes: 0 success, 1 usage or I/O error, 2 bad input record, 3 bad model or configuration."
    ))]
    Redact {
        #[command(flatten)]
        stream: StreamArgs,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Evaluate on labelled JSON Lines: per label (records with `labels`)
    /// precision, recall, F1, support, ECE; per entity kind (records with
    /// `entities`) full-span and overlap precision, recall and F1.
    #[command(after_help = concat!(
        "Examples:\n",
        "  signaal eval data/corpus/dev.jsonl --json report.json --html report.html\n",
        "  signaal eval data/redaction/messy.jsonl\n\n",
        "The HTML report is one self-contained file (inline SVG, no network): per label the\n",
        "confusion counts and a reliability (calibration) plot.\n\n",
        "Exit codes: 0 success, 1 usage or I/O error, 2 bad input record, 3 bad model or configuration."
    ))]
    Eval {
        /// Labelled JSON Lines (`text` with `labels` and/or `entities`).
        file: PathBuf,
        /// Also write the report as JSON to this file (`-` for stdout).
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Also write the report as a self-contained HTML page.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Print each redaction disagreement with its text (the evaluation
        /// set's own data; off by default so reports hold no post text).
        #[arg(long)]
        show_errors: bool,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Train a model on labelled JSON Lines.
    #[command(after_help = concat!(
        "--options FILE: a JSON object of training options; missing fields take their\n",
        "defaults, an unknown field is an error, and the flags given override the file:\n",
        "  {\"epochs\": 30, \"l2_grid\": [0.001, 0.003], \"cue_weight\": 0.5, \"solver\": \"lbfgs\"}\n",
        "\n",
        "Example:\n",
        "  signaal train data/corpus/train.jsonl --dev data/corpus/dev.jsonl -o my-model.bin\n",
        "  signaal train data/corpus/train.jsonl --options train-options.json --seed 7 -o my-model.bin\n",
        "  signaal analyze posts.jsonl --model my-model.bin"
    ))]
    Train {
        /// Labelled training records.
        file: PathBuf,
        /// Labelled records for calibration and thresholds.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Where to write the model file.
        #[arg(short, long)]
        output: PathBuf,
        /// Training options from a JSON file: any of seed, epochs, learning_rate, l2_grid, folds,
        /// bits, idf, char_min, char_max, sublinear_tf, char_weight, cue_weight,
        /// class_weight_power, solver, min_df, name, version. The flags below override it.
        #[arg(long, value_name = "OPTIONS.json")]
        options: Option<PathBuf>,
        /// Shuffling seed (default: the options file's, else 0).
        #[arg(long)]
        seed: Option<u64>,
        /// Model name stored in the file (default: the options file's, else custom).
        #[arg(long)]
        name: Option<String>,
        /// Model version stored in the file (default: the options file's, else 0).
        #[arg(long)]
        model_version: Option<String>,
        /// Passes over the training data (default: the options file's, else 20).
        #[arg(long)]
        epochs: Option<u32>,
        /// AdaGrad learning rate (default: the options file's, else 0.2).
        #[arg(long)]
        learning_rate: Option<f32>,
        /// Feature hash size: 2^bits buckets, 12..=20 (default: the options file's, else 19).
        #[arg(long)]
        bits: Option<u32>,
    },
    /// Describe a model.
    Model {
        #[command(subcommand)]
        what: ModelCommand,
    },
    /// Print a shell completion script.
    #[command(after_help = concat!(
        "Examples:\n",
        "  signaal completions bash > ~/.local/share/bash-completion/completions/signaal\n",
        "  signaal completions zsh > ~/.zfunc/_signaal\n",
        "  signaal completions fish > ~/.config/fish/completions/signaal.fish"
    ))]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff, generated at build time).
    #[command(after_help = "Example:\n  signaal man > signaal.1 && man ./signaal.1")]
    Man,
}

#[derive(Subcommand)]
pub enum ModelCommand {
    /// Version, labels, thresholds, corpus make-up and dev metrics.
    #[command(after_help = "Example:\n  signaal model info\n  signaal model info --model my-model.bin")]
    Info {
        /// A model file to describe instead of the built-in model.
        #[arg(long)]
        model: Option<PathBuf>,
    },
}
