//! # signaal
//!
//! Explainable triage of Dutch and Flemish social-media posts for police
//! and researchers: four independent labels — `complaint`, `tip`, `threat`,
//! `polarization` — each with a calibrated score and the evidence behind it.
//!
//! ```
//! use signaal::{Analyzer, Label};
//! let analyzer = Analyzer::new(); // the built-in model, no files needed
//! let a = analyzer.analyze("Ik weet waar je woont, pas maar op 🔪");
//! assert!(a.labels.contains(&Label::Threat));
//! println!("{}", serde_json::to_string(&a).unwrap());
//! ```
//!
//! The result serialises to the JSON of `shared/spec/analysis.md`; byte
//! offsets (`start`/`end`) and code point offsets (`char_start`/`char_end`)
//! are both given.
//!
//! ## Crate features
//! - `parallel` (default): batch calls use all cores through rayon.
//!
//! ## Untrusted input
//! Any `&str` is accepted. Work is linear in the length of the text: the
//! tokenizer, the normaliser and the lexicon automaton (Aho-Corasick) each
//! make one pass, and there are no backtracking regular expressions. A
//! 1 MB post costs about a thousand times a 1 KB post. Model files are
//! checked (magic bytes, format version, checksum, bounds) before use;
//! a bad file gives [`ErrorKind::InvalidModel`], never a panic.
//! Error messages never contain the text of a post.
//!
//! Redaction ([`Analyzer::redact`], and the `entities`/`redacted` fields
//! of every [`Analysis`]) finds 14 kinds of personal data, each pass
//! linear in the text. Evidence from a span of personal data shows the
//! entity's tag, not the words. Not redacted: names neither in the name
//! lists nor confirmed by context, numbers glued to letters, street names
//! without a number, dates without a birth cue.

#![deny(missing_docs)]

mod analysis;
pub mod classify;
mod corpus;
mod error;
pub mod eval;
mod redact;
pub mod text;

pub use analysis::{Analysis, Analyzer, AnalyzerBuilder, Config, ModelRef};
pub use classify::{
    Classification, Evidence, EvidenceItem, Label, LabelHead, Model, ModelMeta, Scores, Solver, TrainOptions, train,
};
pub use corpus::{Record, parse_record, read_records, read_records_file};
pub use error::{Error, ErrorKind};
pub use redact::{
    DEFAULT_ALLOWLIST, Entity, EntityKind, Mode, PseudonymKey, Redaction, RedactionConfig, RedactionPolicy,
};

use std::sync::{Arc, LazyLock};

/// The version of the built-in model.
///
/// # Example
/// ```
/// assert_eq!(signaal::Analyzer::new().model().meta().version, signaal::MODEL_VERSION);
/// ```
pub const MODEL_VERSION: &str = "2026.11.1";

/// The name of the built-in model.
///
/// # Example
/// ```
/// assert_eq!(signaal::MODEL_NAME, "signaal-nl");
/// ```
pub const MODEL_NAME: &str = "signaal-nl";

/// The bytes of the built-in model file (`data/model/signaal-nl.bin`).
///
/// # Example
/// ```
/// assert_eq!(&signaal::BUILTIN_MODEL_BYTES[..8], b"SGNLMDL\0");
/// ```
pub static BUILTIN_MODEL_BYTES: &[u8] = include_bytes!("../data/model/signaal-nl.bin");

static BUILTIN_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    // The embedded file is checked by the test suite; a failure here means a broken build.
    Arc::new(Model::from_bytes(BUILTIN_MODEL_BYTES).expect("the built-in model file is valid"))
});

/// The README's Rust examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
