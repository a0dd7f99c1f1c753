//! The analyzer handle and its calls: analyze, classify, redact, batch.

use std::ptr::null;

use signaal_core::{Analysis, Analyzer, Config, Redaction};

use crate::error::{Failure, signaal_error, signaal_status};
use crate::ffi::{
    Castable, check_out, finish, free_box, to_box_ptr, to_const_ptr, try_ref, try_ref_from_ptr, try_slice, try_str,
};
use crate::panic::ffi_panic_boundary;
use crate::types::{signaal_classification, signaal_entity, signaal_entity_slice, signaal_str, signaal_text};

/// An immutable analysis engine: a model, per-label thresholds and a
/// redaction policy.
///
/// Create it once with `signaal_analyzer_new()` (loading a model file is
/// the expensive part) and free it once with `signaal_analyzer_free()`.
///
/// Thread safety: a `const signaal_analyzer *` can be used safely from
/// multiple threads simultaneously; every call taking one only reads it.
/// Only `signaal_analyzer_free()` must not run concurrently with other
/// uses.
pub struct signaal_analyzer {
    _private: [u8; 0],
}

pub(crate) struct AnalyzerState {
    analyzer: Analyzer,
    /// Model name and version, NUL-terminated.
    model_name: Vec<u8>,
    model_version: Vec<u8>,
}

impl Castable for signaal_analyzer {
    type RustType = AnalyzerState;
}

/// The analysis of one post: the analysis JSON and typed views of its
/// parts. Everything it hands out stays valid until it is freed.
///
/// Thread safety: a `const signaal_analysis *` can be read from multiple
/// threads simultaneously; it is never mutated.
pub struct signaal_analysis {
    _private: [u8; 0],
}

pub(crate) struct AnalysisState {
    /// `serde_json::to_string(&Analysis)` plus a NUL.
    json: Vec<u8>,
    classification: signaal_classification,
    /// The redacted text plus a NUL.
    redacted: Vec<u8>,
    entities: Vec<signaal_entity>,
}

impl Castable for signaal_analysis {
    type RustType = AnalysisState;
}

impl AnalysisState {
    fn new(a: Analysis) -> AnalysisState {
        let mut json = Vec::with_capacity(256 + 2 * a.redacted.len());
        // Serialising plain data to a Vec cannot fail.
        serde_json::to_writer(&mut json, &a).expect("an Analysis serialises");
        json.push(0);
        let mut redacted = a.redacted.into_bytes();
        redacted.push(0);
        AnalysisState {
            json,
            classification: signaal_classification::new(&a.scores, &a.labels),
            redacted,
            entities: a.entities.iter().map(signaal_entity::from).collect(),
        }
    }
}

/// A redacted text and the entities behind it.
///
/// Thread safety: a `const signaal_redaction *` can be read from multiple
/// threads simultaneously; it is never mutated.
pub struct signaal_redaction {
    _private: [u8; 0],
}

pub(crate) struct RedactionState {
    /// The redacted text plus a NUL.
    text: Vec<u8>,
    entities: Vec<signaal_entity>,
}

impl Castable for signaal_redaction {
    type RustType = RedactionState;
}

impl RedactionState {
    fn new(r: Redaction) -> RedactionState {
        let entities = r.entities.iter().map(signaal_entity::from).collect();
        let mut text = r.text.into_bytes();
        text.push(0);
        RedactionState { text, entities }
    }
}

/// The analyses of a batch of posts, in input order.
///
/// Thread safety: a `const signaal_batch *` can be read from multiple
/// threads simultaneously; it is never mutated.
pub struct signaal_batch {
    _private: [u8; 0],
}

impl Castable for signaal_batch {
    type RustType = Vec<AnalysisState>;
}

/// Create an analyzer from an optional JSON configuration.
///
/// `config`/`config_len` is UTF-8 JSON (no NUL terminator needed), or NULL
/// for the defaults: the built-in model, its thresholds, and redaction of
/// every kind in mask mode. Every field is optional and unknown fields are
/// an error:
///
/// ```json
/// {"model": "path/to/model.bin",
///  "thresholds": {"complaint": 0.5, "tip": 0.5, "threat": 0.5, "polarization": 0.5},
///  "redaction": {"mode": "mask", "modes": {"person": "pseudonym"},
///                "kinds": ["person", "phone"], "disable": ["url"],
///                "allowlist": ["@wijkteam"], "default_allowlist": true,
///                "min_confidence": 0.5, "include_values": false,
///                "pseudonym_key": "at least 16 bytes of secret"}}
/// ```
///
/// Modes are `mask`, `tag`, `pseudonym`, `remove` and `keep`. A relative
/// `model` path is relative to the process's working directory.
///
/// On success writes a new analyzer to `*out` and returns
/// `SIGNAAL_STATUS_OK`. Otherwise `*out` is untouched and the status is
/// `NULL_PARAMETER` (`out` is NULL), `INVALID_UTF8`, `INVALID_CONFIG` (bad
/// JSON, unknown field, value out of range, pseudonym mode without a key,
/// key shorter than 16 bytes), `IO` (the model file cannot be read) or
/// `INVALID_MODEL` (it is not a valid model). Details go to `err` when it
/// is not NULL; they never contain configuration values or the key.
///
/// # Safety
/// `config` must be NULL or valid for reads of `config_len` bytes for the
/// duration of the call; it is not kept. `out` must be valid for a write.
/// `err` must be NULL or a live error object. The caller owns the new
/// analyzer and must free it with `signaal_analyzer_free()` exactly once.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analyzer_new(
    config: *const u8,
    config_len: usize,
    out: *mut *mut signaal_analyzer,
    err: *mut signaal_error,
) -> signaal_status {
    ffi_panic_boundary! { err = err;
        let result = (|| {
            check_out(out, "out")?;
            let mut builder = Analyzer::builder();
            if !config.is_null() {
                // SAFETY: readable for config_len bytes, per the contract.
                let json = unsafe { try_str(config, config_len, "config") }?;
                builder.config(Config::from_json(json)?);
            }
            let analyzer = builder.build()?;
            let meta = analyzer.model().meta();
            let nul = |s: &str| s.bytes().filter(|b| *b != 0).chain([0]).collect();
            let model_name = nul(&meta.name);
            let model_version = nul(&meta.version);
            Ok(to_box_ptr(AnalyzerState { analyzer, model_name, model_version }))
        })();
        // SAFETY: out checked first; err NULL or live per the contract.
        unsafe { finish(result, out, err) }
    }
}

/// Free an analyzer. `NULL` is a no-op.
///
/// # Safety
/// `analyzer` must be NULL or a pointer from `signaal_analyzer_new()` that
/// has not been freed; call this at most once per analyzer, after every
/// other thread is done with it. Views from
/// `signaal_analyzer_model_name()`/`_model_version()` become invalid;
/// results (analyses, redactions, batches) stay valid.
///
/// Thread safety: no other thread may be using `analyzer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analyzer_free(analyzer: *mut signaal_analyzer) {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_analyzer_new and not yet freed, per the contract.
        unsafe { free_box(analyzer) }
    }
}

/// The name of the analyzer's model (`"signaal-nl"` for the built-in one).
/// `{NULL, 0}` if `analyzer` is NULL.
///
/// # Safety
/// `analyzer` must be NULL or live. The view is valid until the analyzer
/// is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analyzer_model_name(analyzer: *const signaal_analyzer) -> signaal_str {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(analyzer) } {
            Some(a) => signaal_str::from_nul_terminated(&a.model_name),
            None => signaal_str::EMPTY,
        }
    }
}

/// The version of the analyzer's model (e.g. `"2026.11.1"`), as in the
/// `model.version` field of the analysis JSON. `{NULL, 0}` if `analyzer`
/// is NULL. `signaal_builtin_model_version()` gives the built-in model's
/// without an analyzer.
///
/// # Safety
/// `analyzer` must be NULL or live. The view is valid until the analyzer
/// is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analyzer_model_version(analyzer: *const signaal_analyzer) -> signaal_str {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(analyzer) } {
            Some(a) => signaal_str::from_nul_terminated(&a.model_version),
            None => signaal_str::EMPTY,
        }
    }
}

/// Analyse one post: labels, scores, evidence, language, personal data and
/// the redacted text.
///
/// `text`/`len` is the post as UTF-8 (no NUL terminator needed; `len` 0
/// with a non-NULL `text` is the empty post). On success writes a new
/// result to `*out`; its JSON (`signaal_analysis_json()`) is byte for byte
/// what the Rust API's `serde_json::to_string(&analyzer.analyze(text))`
/// gives, the format of `shared/spec/analysis.md` (without `id`).
/// Otherwise `*out` is untouched and the status is `NULL_PARAMETER`,
/// `INVALID_UTF8` or `INVALID_INPUT` (`len` larger than `PTRDIFF_MAX`).
///
/// # Safety
/// `analyzer` must be live. `text` must be valid for reads of `len` bytes
/// for the duration of the call; it is not kept. `out` must be valid for a
/// write. `err` must be NULL or a live error object. The caller owns the
/// result and must free it with `signaal_analysis_free()` exactly once.
///
/// Thread safety: safe to call from multiple threads simultaneously with
/// the same analyzer (each with its own `out` and `err`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analyze(
    analyzer: *const signaal_analyzer,
    text: *const u8,
    len: usize,
    out: *mut *mut signaal_analysis,
    err: *mut signaal_error,
) -> signaal_status {
    ffi_panic_boundary! { err = err;
        let result = (|| {
            let a = try_ref_from_ptr!(analyzer);
            check_out(out, "out")?;
            // SAFETY: readable for len bytes, per the contract.
            let text = unsafe { try_str(text, len, "text") }?;
            Ok(to_box_ptr(AnalysisState::new(a.analyzer.analyze(text))))
        })();
        // SAFETY: out checked first; err NULL or live per the contract.
        unsafe { finish(result, out, err) }
    }
}

/// Analyse many posts on all cores; results keep the input order.
///
/// `texts` points at `count` texts. Every text is checked before any work
/// is done: if one is NULL, not UTF-8 or too long, the call fails with that
/// status and the error message names its index. On success writes a new
/// batch to `*out`; item `i` is what `signaal_analyze()` gives for
/// `texts[i]`. `count` may be 0 (`texts` must still not be NULL).
///
/// # Safety
/// `analyzer` must be live. `texts` must be valid for reads of `count`
/// `signaal_text`s, each valid for reads of its `len` bytes, for the
/// duration of the call; nothing is kept. `out` must be valid for a write.
/// `err` must be NULL or a live error object. The caller owns the batch and
/// must free it with `signaal_batch_free()` exactly once.
///
/// Thread safety: safe to call from multiple threads simultaneously with
/// the same analyzer. The work runs on a shared pool of threads (one per
/// core), created on first use and kept for the life of the process.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analyze_batch(
    analyzer: *const signaal_analyzer,
    texts: *const signaal_text,
    count: usize,
    out: *mut *mut signaal_batch,
    err: *mut signaal_error,
) -> signaal_status {
    ffi_panic_boundary! { err = err;
        let result = (|| {
            let a = try_ref_from_ptr!(analyzer);
            check_out(out, "out")?;
            // SAFETY: readable for count items, per the contract.
            let items = unsafe { try_slice(texts, count, "texts") }?;
            let strs = items
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    // SAFETY: each text readable for its len bytes, per the contract.
                    unsafe { try_str(t.data, t.len, "texts[i].data") }.map_err(|mut f| {
                        f.message = f.message.replace("texts[i]", &format!("texts[{i}]"));
                        f
                    })
                })
                .collect::<Result<Vec<&str>, Failure>>()?;
            let analyses = a.analyzer.analyze_batch(&strs);
            Ok(to_box_ptr::<signaal_batch>(analyses.into_iter().map(AnalysisState::new).collect()))
        })();
        // SAFETY: out checked first; err NULL or live per the contract.
        unsafe { finish(result, out, err) }
    }
}

/// The number of analyses in a batch (0 if `batch` is NULL).
///
/// # Safety
/// `batch` must be NULL or live.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_batch_len(batch: *const signaal_batch) -> usize {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        unsafe { try_ref(batch) }.map_or(0, Vec::len)
    }
}

/// Analysis `index` of a batch; NULL if `batch` is NULL or `index` is out
/// of range.
///
/// # Safety
/// `batch` must be NULL or live. The analysis belongs to the batch: use it
/// with the `signaal_analysis_*` getters until the batch is freed, and
/// never pass it to `signaal_analysis_free()`.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_batch_get(batch: *const signaal_batch, index: usize) -> *const signaal_analysis {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(batch) }.and_then(|b| b.get(index)) {
            Some(a) => to_const_ptr::<signaal_analysis>(a),
            None => null(),
        }
    }
}

/// Free a batch and every analysis in it. `NULL` is a no-op.
///
/// # Safety
/// `batch` must be NULL or a pointer from `signaal_analyze_batch()` that
/// has not been freed; call this at most once. Every pointer and view
/// obtained from it becomes invalid.
///
/// Thread safety: no other thread may be using `batch`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_batch_free(batch: *mut signaal_batch) {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_analyze_batch and not yet freed, per the contract.
        unsafe { free_box(batch) }
    }
}

/// The analysis as JSON (one line, no trailing newline), the format of
/// `shared/spec/analysis.md`. `{NULL, 0}` if `analysis` is NULL.
///
/// # Safety
/// `analysis` must be NULL or live. The view is valid until the analysis
/// (or the batch holding it) is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analysis_json(analysis: *const signaal_analysis) -> signaal_str {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(analysis) } {
            Some(a) => signaal_str::from_nul_terminated(&a.json),
            None => signaal_str::EMPTY,
        }
    }
}

/// The redacted text of an analysis (its `redacted` field). `{NULL, 0}` if
/// `analysis` is NULL.
///
/// # Safety
/// `analysis` must be NULL or live. The view is valid until the analysis
/// (or the batch holding it) is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analysis_redacted(analysis: *const signaal_analysis) -> signaal_str {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(analysis) } {
            Some(a) => signaal_str::from_nul_terminated(&a.redacted),
            None => signaal_str::EMPTY,
        }
    }
}

/// The entities of an analysis (its `entities` field). `{NULL, 0}` if
/// `analysis` is NULL or nothing was found.
///
/// # Safety
/// `analysis` must be NULL or live. The array is valid until the analysis
/// (or the batch holding it) is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analysis_entities(analysis: *const signaal_analysis) -> signaal_entity_slice {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(analysis) } {
            Some(a) => signaal_entity_slice::of(&a.entities),
            None => signaal_entity_slice::EMPTY,
        }
    }
}

/// Copy the scores and labels of an analysis to `*out`.
///
/// Returns `SIGNAAL_STATUS_OK`, or `NULL_PARAMETER` (leaving `*out`
/// untouched) if `analysis` or `out` is NULL.
///
/// # Safety
/// `analysis` must be NULL or live; `out` must be NULL or valid for a
/// write.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analysis_classification(
    analysis: *const signaal_analysis,
    out: *mut signaal_classification,
) -> signaal_status {
    ffi_panic_boundary! {
        let result = (|| {
            let a = try_ref_from_ptr!(analysis);
            check_out(out, "out")?;
            Ok(a.classification)
        })();
        // SAFETY: out checked first.
        unsafe { finish(result, out, std::ptr::null_mut()) }
    }
}

/// Free an analysis from `signaal_analyze()`. `NULL` is a no-op.
///
/// # Safety
/// `analysis` must be NULL or a pointer from `signaal_analyze()` (not from
/// `signaal_batch_get()`) that has not been freed; call this at most once.
/// Every view obtained from it becomes invalid.
///
/// Thread safety: no other thread may be using `analysis`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_analysis_free(analysis: *mut signaal_analysis) {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_analyze and not yet freed, per the contract.
        unsafe { free_box(analysis) }
    }
}

/// Classify one post: the four scores and the labels, with no JSON and no
/// allocation visible to the caller. Cheaper than `signaal_analyze()`
/// (no language detection, no redaction).
///
/// On success writes `*out` and returns `SIGNAAL_STATUS_OK`. Otherwise
/// `*out` is untouched and the status is `NULL_PARAMETER`, `INVALID_UTF8`
/// or `INVALID_INPUT`.
///
/// # Safety
/// `analyzer` must be live. `text` must be valid for reads of `len` bytes
/// for the duration of the call; it is not kept. `out` must be valid for a
/// write. `err` must be NULL or a live error object.
///
/// Thread safety: safe to call from multiple threads simultaneously with
/// the same analyzer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_classify(
    analyzer: *const signaal_analyzer,
    text: *const u8,
    len: usize,
    out: *mut signaal_classification,
    err: *mut signaal_error,
) -> signaal_status {
    ffi_panic_boundary! { err = err;
        let result = (|| {
            let a = try_ref_from_ptr!(analyzer);
            check_out(out, "out")?;
            // SAFETY: readable for len bytes, per the contract.
            let text = unsafe { try_str(text, len, "text") }?;
            let c = a.analyzer.classify(text);
            Ok(signaal_classification::new(&c.scores, &c.labels))
        })();
        // SAFETY: out checked first; err NULL or live per the contract.
        unsafe { finish(result, out, err) }
    }
}

/// Find personal data in one post and rewrite it by the analyzer's
/// redaction policy (no classification).
///
/// On success writes a new redaction to `*out`. Otherwise `*out` is
/// untouched and the status is `NULL_PARAMETER`, `INVALID_UTF8` or
/// `INVALID_INPUT`.
///
/// # Safety
/// `analyzer` must be live. `text` must be valid for reads of `len` bytes
/// for the duration of the call; it is not kept. `out` must be valid for a
/// write. `err` must be NULL or a live error object. The caller owns the
/// result and must free it with `signaal_redaction_free()` exactly once.
///
/// Thread safety: safe to call from multiple threads simultaneously with
/// the same analyzer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_redact(
    analyzer: *const signaal_analyzer,
    text: *const u8,
    len: usize,
    out: *mut *mut signaal_redaction,
    err: *mut signaal_error,
) -> signaal_status {
    ffi_panic_boundary! { err = err;
        let result = (|| {
            let a = try_ref_from_ptr!(analyzer);
            check_out(out, "out")?;
            // SAFETY: readable for len bytes, per the contract.
            let text = unsafe { try_str(text, len, "text") }?;
            Ok(to_box_ptr(RedactionState::new(a.analyzer.redact(text))))
        })();
        // SAFETY: out checked first; err NULL or live per the contract.
        unsafe { finish(result, out, err) }
    }
}

/// The rewritten text of a redaction. `{NULL, 0}` if `redaction` is NULL.
///
/// # Safety
/// `redaction` must be NULL or live. The view is valid until the
/// redaction is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_redaction_text(redaction: *const signaal_redaction) -> signaal_str {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(redaction) } {
            Some(r) => signaal_str::from_nul_terminated(&r.text),
            None => signaal_str::EMPTY,
        }
    }
}

/// The entities of a redaction, in text order, never overlapping; offsets
/// point into the original text. `{NULL, 0}` if `redaction` is NULL or
/// nothing was found.
///
/// # Safety
/// `redaction` must be NULL or live. The array is valid until the
/// redaction is freed.
///
/// Thread safety: safe to call from multiple threads simultaneously.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_redaction_entities(redaction: *const signaal_redaction) -> signaal_entity_slice {
    ffi_panic_boundary! {
        // SAFETY: NULL or live, per the contract.
        match unsafe { try_ref(redaction) } {
            Some(r) => signaal_entity_slice::of(&r.entities),
            None => signaal_entity_slice::EMPTY,
        }
    }
}

/// Free a redaction. `NULL` is a no-op.
///
/// # Safety
/// `redaction` must be NULL or a pointer from `signaal_redact()` that has
/// not been freed; call this at most once. Every view obtained from it
/// becomes invalid.
///
/// Thread safety: no other thread may be using `redaction`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_redaction_free(redaction: *mut signaal_redaction) {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_redact and not yet freed, per the contract.
        unsafe { free_box(redaction) }
    }
}
