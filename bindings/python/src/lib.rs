//! Python bindings for signaal: the native module `signaal._native`.
//!
//! A thin translation layer over the core crate, in the manner of the
//! tokenizers bindings: Python inputs are extracted first, the Rust work runs
//! with the GIL released (`py.detach`), and results come back as frozen
//! classes wrapping the core's plain data types. `to_dict()` goes through the
//! core's serde JSON, so every surface returns the same object.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{IntoPyDict, PyBytes, PyDict, PyList, PyString, PyTuple, PyType};

mod html;

// ------------------------------------------------------------------ errors

pyo3::create_exception!(
    signaal,
    SignaalError,
    PyException,
    "Base class of every error signaal raises (besides TypeError for wrong argument types)."
);
pyo3::create_exception!(
    signaal,
    ConfigError,
    SignaalError,
    "A configuration value or option combination was rejected (thresholds, redaction, pseudonym key, training options)."
);
pyo3::create_exception!(
    signaal,
    ModelError,
    SignaalError,
    "A model file is truncated, corrupted, of an unknown version or not a signaal model."
);

static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static IO_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// An exception class with two bases (`SignaalError` and a builtin one), so
/// `except ValueError` and `except signaal.SignaalError` both catch it.
/// `create_exception!` takes a single base.
fn two_base_exception<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    builtin: Bound<'py, PyType>,
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    cell.get_or_try_init(py, || {
        let ns = PyDict::new(py);
        ns.set_item("__doc__", doc)?;
        ns.set_item("__module__", "signaal")?;
        let bases = PyTuple::new(py, [py.get_type::<SignaalError>(), builtin])?;
        let ty = py.get_type::<PyType>().call1((name, bases, ns))?;
        Ok::<_, PyErr>(ty.cast_into::<PyType>()?.unbind())
    })
    .map(|t| t.bind(py).clone())
}

fn input_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    two_base_exception(
        py,
        &INPUT_ERROR,
        "InputError",
        py.get_type::<PyValueError>(),
        "Input data (a post or a training record) could not be used. Also a ValueError.",
    )
}

fn io_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    two_base_exception(
        py,
        &IO_ERROR,
        "IoError",
        py.get_type::<pyo3::exceptions::PyOSError>(),
        "Reading or writing a file failed. Also an OSError.",
    )
}

/// A core error on its way to Python: the one place where error kinds map to
/// exception classes, one to one.
struct CoreError(signaal::Error);

impl From<CoreError> for PyErr {
    fn from(e: CoreError) -> PyErr {
        let msg = e.0.message().to_owned();
        Python::attach(|py| {
            let ty = match e.0.kind() {
                signaal::ErrorKind::InvalidConfig => Ok(py.get_type::<ConfigError>()),
                signaal::ErrorKind::InvalidModel => Ok(py.get_type::<ModelError>()),
                signaal::ErrorKind::InvalidInput => input_error(py),
                signaal::ErrorKind::Io => io_error(py),
                // ErrorKind is non-exhaustive: a new kind is still a SignaalError.
                _ => Ok(py.get_type::<SignaalError>()),
            };
            match ty {
                Ok(ty) => PyErr::from_type(ty, msg),
                Err(err) => err,
            }
        })
    }
}

fn core<T>(r: Result<T, signaal::Error>) -> PyResult<T> {
    r.map_err(|e| CoreError(e).into())
}

fn input_err(py: Python<'_>, msg: String) -> PyErr {
    match input_error(py) {
        Ok(ty) => PyErr::from_type(ty, msg),
        Err(e) => e,
    }
}

// ------------------------------------------------------------------ helpers

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

/// A post's text: a `str`, else TypeError naming the type; a `str` that is
/// not valid Unicode (a lone surrogate) is an InputError.
fn extract_text(obj: &Bound<'_, PyAny>, what: &dyn Fn() -> String) -> PyResult<String> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("{} must be str, not {}", what(), type_name(obj))))?;
    match s.to_cow() {
        Ok(c) => Ok(c.into_owned()),
        Err(_) => {
            Err(input_err(obj.py(), format!("{} is not valid Unicode: it holds a lone surrogate code point", what())))
        }
    }
}

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A serialisable value as the Python object `json.loads` makes of the core's
/// JSON: identical to what the CLI and the C ABI write.
fn to_py_json<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let s = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let loads = JSON_LOADS.get_or_try_init(py, || Ok::<_, PyErr>(py.import("json")?.getattr("loads")?.unbind()))?;
    loads.bind(py).call1((s,))
}

fn to_json_string<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn from_json_string<T: serde::de::DeserializeOwned>(py: Python<'_>, what: &str, s: &str) -> PyResult<T> {
    serde_json::from_str(s).map_err(|e| input_err(py, format!("not a valid {what} state: {e}")))
}

/// `repr()` of a Rust string as Python would write it.
fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s).repr().map(|r| r.to_string()).unwrap_or_else(|_| format!("{s:?}"))
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

fn labels_list(labels: &[signaal::Label]) -> Vec<&'static str> {
    labels.iter().map(|l| l.as_str()).collect()
}

/// `['threat', 'tip']`, as Python prints a list of str.
fn labels_repr(labels: &[signaal::Label]) -> String {
    let parts: Vec<String> = labels.iter().map(|l| format!("'{}'", l.as_str())).collect();
    format!("[{}]", parts.join(", "))
}

fn scores_dict<'py>(py: Python<'py>, s: &signaal::Scores) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for l in signaal::Label::ALL {
        d.set_item(l.as_str(), s.get(l))?;
    }
    Ok(d)
}

fn scores_repr(s: &signaal::Scores) -> String {
    let parts: Vec<String> =
        signaal::Label::ALL.iter().map(|l| format!("'{}': {:.3}", l.as_str(), s.get(*l))).collect();
    format!("{{{}}}", parts.join(", "))
}

fn evidence_dict<'py>(py: Python<'py>, e: &signaal::Evidence) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for l in signaal::Label::ALL {
        let items = e.get(l);
        if !items.is_empty() {
            let list = PyList::empty(py);
            for it in items {
                list.append(Py::new(py, EvidenceItem { inner: it.clone() })?)?;
            }
            d.set_item(l.as_str(), list)?;
        }
    }
    Ok(d)
}

fn entity_list<'py>(py: Python<'py>, es: &[signaal::Entity]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for e in es {
        list.append(Py::new(py, Entity { inner: e.clone() })?)?;
    }
    Ok(list)
}

/// `(Class.from_json, (state,))` for `__reduce__`: the classes are frozen,
/// so pickling rebuilds them from their serde JSON instead of `__setstate__`.
fn reduce<'py>(slf: &Bound<'py, PyAny>, state: String) -> PyResult<Bound<'py, PyTuple>> {
    let ctor = slf.get_type().getattr("from_json")?;
    PyTuple::new(slf.py(), [ctor, PyTuple::new(slf.py(), [state])?.into_any()])
}

// ------------------------------------------------------------------ result classes

/// The analysis of one post (see ``shared/spec/analysis.md``): language,
/// labels, calibrated scores, evidence, the personal data found and the
/// redacted text.
///
/// Immutable. ``to_dict()`` gives the same JSON object as the Rust API, the C
/// ABI and the ``signaal analyze`` command. Entity and evidence offsets come
/// in two units: ``start``/``end`` are UTF-8 byte offsets,
/// ``char_start``/``char_end`` are character offsets for ``str`` slicing.
#[pyclass(frozen, eq, module = "signaal._native")]
#[derive(PartialEq)]
pub struct Analysis {
    inner: signaal::Analysis,
}

#[pymethods]
impl Analysis {
    /// The record id given to the batch call, or None.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }

    /// The detected language.
    #[getter]
    fn language(&self) -> Language {
        Language { inner: self.inner.language.clone() }
    }

    /// Labels whose score reached its threshold, in the fixed order
    /// complaint, tip, threat, polarization.
    #[getter]
    fn labels(&self) -> Vec<&'static str> {
        labels_list(&self.inner.labels)
    }

    /// Calibrated scores in [0, 1], one per label (all four).
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        scores_dict(py, &self.inner.scores)
    }

    /// Per label in ``labels``: the features that pushed the score up most, strongest first.
    #[getter]
    fn evidence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        evidence_dict(py, &self.inner.evidence)
    }

    /// The personal data found, in text order, never overlapping.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        entity_list(py, &self.inner.entities)
    }

    /// The text rewritten by the redaction policy in force.
    #[getter]
    fn redacted(&self) -> &str {
        &self.inner.redacted
    }

    /// The model that produced the analysis: ``{"name": ..., "version": ...}``.
    #[getter]
    fn model<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("name", &self.inner.model.name)?;
        d.set_item("version", &self.inner.model.version)?;
        Ok(d)
    }

    /// The analysis as the JSON object of analysis.md (dicts, lists, str, float).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// The analysis as a JSON string (the core's serde JSON).
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    /// Rebuild an analysis from ``to_json()`` output.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<Analysis> {
        Ok(Analysis { inner: from_json_string(py, "Analysis", json)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), to_json_string(&slf.get().inner)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let a = &self.inner;
        let id = a.id.as_ref().map(|i| format!("id={}, ", py_repr(py, i))).unwrap_or_default();
        format!(
            "Analysis({id}labels={}, scores={}, language='{}', entities={}, redacted={})",
            labels_repr(&a.labels),
            scores_repr(&a.scores),
            a.language.code,
            a.entities.len(),
            py_repr(py, &short(&a.redacted, 60)),
        )
    }

    /// HTML for Jupyter: the redacted post with each replacement highlighted
    /// by entity kind, and a bar per label score.
    fn _repr_html_(&self) -> String {
        html::analysis(&self.inner)
    }
}

/// Labels, scores and evidence of one post (no language, no redaction).
/// Immutable; ``to_dict()`` gives the core's JSON.
#[pyclass(frozen, eq, module = "signaal._native")]
#[derive(PartialEq)]
pub struct Classification {
    inner: signaal::Classification,
}

#[pymethods]
impl Classification {
    /// Labels whose score reached its threshold, in fixed order.
    #[getter]
    fn labels(&self) -> Vec<&'static str> {
        labels_list(&self.inner.labels)
    }

    /// Calibrated scores in [0, 1], one per label.
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        scores_dict(py, &self.inner.scores)
    }

    /// Per label in ``labels``: the strongest contributing features.
    #[getter]
    fn evidence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        evidence_dict(py, &self.inner.evidence)
    }

    /// The classification as a JSON-like dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// The classification as a JSON string.
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    /// Rebuild a classification from ``to_json()`` output.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<Classification> {
        Ok(Classification { inner: from_json_string(py, "Classification", json)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), to_json_string(&slf.get().inner)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "Classification(labels={}, scores={})",
            labels_repr(&self.inner.labels),
            scores_repr(&self.inner.scores)
        )
    }

    /// HTML for Jupyter: a bar per label score.
    fn _repr_html_(&self) -> String {
        html::classification(&self.inner)
    }
}

/// The personal data found in a post and the text rewritten by the policy.
/// Immutable; ``to_dict()`` gives the core's JSON (``text``, ``entities``).
#[pyclass(frozen, eq, module = "signaal._native")]
#[derive(PartialEq)]
pub struct Redaction {
    inner: signaal::Redaction,
}

#[pymethods]
impl Redaction {
    /// The redacted text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// The redacted text (same as ``text``; the name used by ``Analysis``).
    #[getter]
    fn redacted(&self) -> &str {
        &self.inner.text
    }

    /// The personal data found, in text order, never overlapping.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        entity_list(py, &self.inner.entities)
    }

    /// The redaction as a JSON-like dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// The redaction as a JSON string.
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    /// Rebuild a redaction from ``to_json()`` output.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<Redaction> {
        Ok(Redaction { inner: from_json_string(py, "Redaction", json)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), to_json_string(&slf.get().inner)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Redaction(text={}, entities={})", py_repr(py, &short(&self.inner.text, 60)), self.inner.entities.len())
    }

    /// HTML for Jupyter: the redacted post with replacements highlighted by kind.
    fn _repr_html_(&self) -> String {
        html::redaction(&self.inner)
    }
}

/// One piece of personal data found in a post.
///
/// ``text[e.char_start:e.char_end]`` is the found value (character
/// offsets); ``start``/``end`` are the UTF-8 byte offsets of the same span.
#[pyclass(frozen, eq, module = "signaal._native")]
#[derive(PartialEq)]
pub struct Entity {
    inner: signaal::Entity,
}

#[pymethods]
impl Entity {
    /// The kind, e.g. ``"person"``, ``"phone"``, ``"iban"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// The replacement tag of the kind, e.g. ``"PERSOON"``.
    #[getter]
    fn tag(&self) -> &'static str {
        self.inner.kind.tag()
    }

    /// UTF-8 byte offset of the start.
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }

    /// UTF-8 byte offset of the end (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }

    /// Character offset of the start (for ``str`` slicing).
    #[getter]
    fn char_start(&self) -> usize {
        self.inner.char_start
    }

    /// Character offset of the end (exclusive).
    #[getter]
    fn char_end(&self) -> usize {
        self.inner.char_end
    }

    /// ``(char_start, char_end)``: ``text[slice(*e.span)]`` is the value.
    #[getter]
    fn span(&self) -> (usize, usize) {
        (self.inner.char_start, self.inner.char_end)
    }

    /// Confidence in [0, 1].
    #[getter]
    fn confidence(&self) -> f32 {
        self.inner.confidence
    }

    /// The rule that found it.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }

    /// The found value, only when the policy has ``include_values``; else None.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.inner.value.as_deref()
    }

    /// The entity as a JSON-like dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// The entity as a JSON string.
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    /// Rebuild an entity from ``to_json()`` output.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<Entity> {
        Ok(Entity { inner: from_json_string(py, "Entity", json)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), to_json_string(&slf.get().inner)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let e = &self.inner;
        let value = e.value.as_ref().map(|v| format!(", value={}", py_repr(py, v))).unwrap_or_default();
        format!(
            "Entity(kind='{}', char_start={}, char_end={}, confidence={}, rule={}{value})",
            e.kind.as_str(),
            e.char_start,
            e.char_end,
            e.confidence,
            py_repr(py, &e.rule)
        )
    }
}

/// One feature behind a label's score, with the span of text it came from
/// (None for features without a span, such as the bias).
#[pyclass(frozen, eq, module = "signaal._native")]
#[derive(PartialEq)]
pub struct EvidenceItem {
    inner: signaal::EvidenceItem,
}

#[pymethods]
impl EvidenceItem {
    /// The feature name (a stem, a lexicon cue, a word's character n-grams, ...).
    #[getter]
    fn feature(&self) -> &str {
        &self.inner.feature
    }

    /// Its contribution to the label's raw score.
    #[getter]
    fn weight(&self) -> f64 {
        self.inner.weight
    }

    /// UTF-8 byte offset of the start, or None.
    #[getter]
    fn start(&self) -> Option<usize> {
        self.inner.start
    }

    /// UTF-8 byte offset of the end (exclusive), or None.
    #[getter]
    fn end(&self) -> Option<usize> {
        self.inner.end
    }

    /// Character offset of the start, or None.
    #[getter]
    fn char_start(&self) -> Option<usize> {
        self.inner.char_start
    }

    /// Character offset of the end (exclusive), or None.
    #[getter]
    fn char_end(&self) -> Option<usize> {
        self.inner.char_end
    }

    /// ``(char_start, char_end)`` or None.
    #[getter]
    fn span(&self) -> Option<(usize, usize)> {
        self.inner.char_start.zip(self.inner.char_end)
    }

    /// The item as a JSON-like dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// The item as a JSON string.
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    /// Rebuild an item from ``to_json()`` output.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<EvidenceItem> {
        Ok(EvidenceItem { inner: from_json_string(py, "EvidenceItem", json)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), to_json_string(&slf.get().inner)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let span = match self.span() {
            Some((s, e)) => format!(", char_start={s}, char_end={e}"),
            None => String::new(),
        };
        format!("EvidenceItem(feature={}, weight={:.3}{span})", py_repr(py, &self.inner.feature), self.inner.weight)
    }
}

/// The language of a post: an ISO 639-1 code (``"nl"``, ``"en"``, ...;
/// ``"und"`` when undetermined) and a confidence in [0, 1].
#[pyclass(frozen, eq, module = "signaal._native")]
#[derive(PartialEq)]
pub struct Language {
    inner: signaal::text::Language,
}

#[pymethods]
impl Language {
    /// ISO 639-1 code or ``"und"``.
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }

    /// Confidence in [0, 1].
    #[getter]
    fn confidence(&self) -> f64 {
        self.inner.confidence
    }

    /// True for Dutch (Netherlands or Flemish).
    #[getter]
    fn is_dutch(&self) -> bool {
        self.inner.is_dutch()
    }

    /// ``{"code": ..., "confidence": ...}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// The language as a JSON string.
    fn to_json(&self) -> PyResult<String> {
        to_json_string(&self.inner)
    }

    /// Rebuild a language from ``to_json()`` output.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<Language> {
        Ok(Language { inner: from_json_string(py, "Language", json)? })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), to_json_string(&slf.get().inner)?)
    }

    fn __repr__(&self) -> String {
        format!("Language(code='{}', confidence={:.3})", self.inner.code, self.inner.confidence)
    }
}

// ------------------------------------------------------------------ the analyzer

/// Dedicated rayon pools by thread count, built on first use.
static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);

fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let mut guard = POOLS.lock().unwrap_or_else(|p| p.into_inner());
    let pools = guard.get_or_insert_with(HashMap::new);
    if let Some(p) = pools.get(&threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("signaal-{i}"))
        .build()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("cannot start a thread pool: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, p.clone());
    Ok(p)
}

/// Posts taken from the input iterable per parallel step: large inputs are
/// streamed, never copied whole into Rust.
const CHUNK: usize = 8192;

/// The analysis engine: immutable and safe to share between threads.
///
/// ``Analyzer()`` uses the built-in model and default policy. Options:
///
/// - ``model``: a model file path (str or os.PathLike) or the bytes of one.
/// - ``thresholds``: per-label decision thresholds, e.g. ``{"threat": 0.7}``.
/// - ``redaction``: the redaction policy as a dict with the keys ``mode``
///   (``"mask"``, ``"tag"``, ``"pseudonym"``, ``"remove"``, ``"keep"``),
///   ``modes`` (per kind, e.g. ``{"person": "tag"}``), ``kinds`` (only these),
///   ``disable`` (all but these), ``min_confidence``, ``include_values``,
///   ``default_allowlist`` (False drops the built-in police numbers/handles).
/// - ``pseudonym_key``: str or bytes of at least 16 bytes, needed by the
///   ``"pseudonym"`` mode (keyed HMAC-SHA256; never shown in a repr).
/// - ``allowlist``: values never redacted (e.g. your own service numbers).
///
/// Bad options raise ``ConfigError``; a bad model file ``ModelError``; an
/// unreadable one ``IoError``.
///
/// >>> a = Analyzer(thresholds={"threat": 0.7}, redaction={"mode": "tag"})
/// >>> a.redact("Bel 06-12345678").text
/// 'Bel [TELEFOON_1]'
#[pyclass(frozen, module = "signaal._native")]
pub struct Analyzer {
    inner: signaal::Analyzer,
}

#[pymethods]
impl Analyzer {
    #[new]
    #[pyo3(signature = (model=None, *, thresholds=None, redaction=None, pseudonym_key=None, allowlist=None))]
    fn new(
        py: Python<'_>,
        model: Option<&Bound<'_, PyAny>>,
        thresholds: Option<&Bound<'_, PyAny>>,
        redaction: Option<&Bound<'_, PyAny>>,
        pseudonym_key: Option<&Bound<'_, PyAny>>,
        allowlist: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Analyzer> {
        let mut b = signaal::Analyzer::builder();
        if let Some(m) = model {
            if let Ok(bytes) = m.cast::<PyBytes>() {
                b.model_bytes(bytes.as_bytes().to_vec());
            } else if m.is_instance_of::<PyString>() || m.hasattr("__fspath__")? {
                let path: std::path::PathBuf = m.extract()?;
                b.model_file(path);
            } else {
                return Err(PyTypeError::new_err(format!(
                    "model must be a path (str or os.PathLike) or bytes, not {}",
                    type_name(m)
                )));
            }
        }
        // Thresholds and redaction go through the core's Config, so names and
        // checks are the same as in the CLI's TOML and the C ABI's JSON.
        let cfg = PyDict::new(py);
        if let Some(t) = thresholds {
            if !t.is_instance_of::<PyDict>() {
                return Err(PyTypeError::new_err(format!("thresholds must be a dict, not {}", type_name(t))));
            }
            cfg.set_item("thresholds", t)?;
        }
        if let Some(r) = redaction {
            if !r.is_instance_of::<PyDict>() {
                return Err(PyTypeError::new_err(format!("redaction must be a dict, not {}", type_name(r))));
            }
            cfg.set_item("redaction", r)?;
        }
        let json = json_dumps(py, &cfg, "thresholds and redaction")?;
        let mut config = core(signaal::Config::from_json(&json))?;
        if let Some(list) = allowlist {
            if list.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err("allowlist must be a list of str, not a single str"));
            }
            for (i, item) in list.try_iter()?.enumerate() {
                config.redaction.allowlist.push(extract_text(&item?, &|| format!("allowlist[{i}]"))?);
            }
        }
        if let Some(k) = pseudonym_key {
            let bytes = if let Ok(s) = k.cast::<PyString>() {
                s.to_cow()?.as_bytes().to_vec()
            } else if let Ok(b) = k.cast::<PyBytes>() {
                b.as_bytes().to_vec()
            } else {
                return Err(PyTypeError::new_err(format!("pseudonym_key must be str or bytes, not {}", type_name(k))));
            };
            let mut policy = signaal::RedactionPolicy::default();
            policy.pseudonym_key(core(signaal::PseudonymKey::new(bytes))?);
            b.redaction(policy);
        }
        b.config(config);
        let inner = py.detach(|| b.build());
        Ok(Analyzer { inner: core(inner)? })
    }

    /// Analyse one post: language, labels, scores, evidence, entities, redacted text.
    ///
    /// ``text`` must be a ``str`` (TypeError otherwise). Any str is accepted,
    /// empty or huge; time is linear in its length.
    fn analyze(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Analysis> {
        let text = extract_text(text, &|| "text".into())?;
        let inner = py.detach(|| self.inner.analyze(&text));
        Ok(Analysis { inner })
    }

    /// Classify one post: labels, scores and evidence only (faster than ``analyze``).
    fn classify(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Classification> {
        let text = extract_text(text, &|| "text".into())?;
        let inner = py.detach(|| self.inner.classify(&text));
        Ok(Classification { inner })
    }

    /// Find personal data in one post and rewrite it by the redaction policy.
    fn redact(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Redaction> {
        let text = extract_text(text, &|| "text".into())?;
        let inner = py.detach(|| self.inner.redact(&text));
        Ok(Redaction { inner })
    }

    /// Analyse many posts on all cores, with the GIL released; the output
    /// keeps the input order.
    ///
    /// ``texts`` is any iterable of str (a list, a generator, a pandas
    /// Series); it is consumed in chunks, so a large input is never copied
    /// whole. ``threads=None`` uses all cores (rayon's global pool); a number
    /// uses a dedicated pool of that many threads.
    #[pyo3(signature = (texts, *, threads=None))]
    fn analyze_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.many(py, texts, threads, |a, t| a.analyze_batch(t), |inner| Analysis { inner })
    }

    /// Classify many posts on all cores, with the GIL released (see ``analyze_many``).
    #[pyo3(signature = (texts, *, threads=None))]
    fn classify_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.many(py, texts, threads, |a, t| a.classify_batch(t), |inner| Classification { inner })
    }

    /// Redact many posts on all cores, with the GIL released (see ``analyze_many``).
    #[pyo3(signature = (texts, *, threads=None))]
    fn redact_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.many(py, texts, threads, |a, t| a.redact_batch(t), |inner| Redaction { inner })
    }

    /// Write the model in use to a file (the format ``Analyzer(model=path)`` reads).
    fn save_model(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let bytes = self.inner.model().to_bytes();
        py.detach(|| std::fs::write(&path, bytes)).map_err(|e| {
            let msg = format!("writing model file: {e}");
            match io_error(py) {
                Ok(ty) => PyErr::from_type(ty, (e.raw_os_error().unwrap_or(0), msg)),
                Err(err) => err,
            }
        })
    }

    /// The bytes of the model file in use.
    fn model_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.model().to_bytes())
    }

    /// The model's metadata: name, version, seed, training options, corpus make-up, dev metrics.
    #[getter]
    fn model<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, self.inner.model().meta())
    }

    /// The decision thresholds in force, per label.
    #[getter]
    fn thresholds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let t = self.inner.thresholds();
        for l in signaal::Label::ALL {
            d.set_item(l.as_str(), f64::from(t[l.index()]))?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let m = self.inner.model().meta();
        let t = self.inner.thresholds();
        let ts: Vec<String> =
            signaal::Label::ALL.iter().map(|l| format!("'{}': {:.3}", l.as_str(), t[l.index()])).collect();
        let p = self.inner.redaction_policy();
        let modes: Vec<String> = signaal::EntityKind::ALL
            .iter()
            .filter(|k| p.enabled(**k))
            .map(|k| format!("'{}': '{}'", k.as_str(), mode_name(p.mode(*k))))
            .collect();
        format!(
            "Analyzer(model='{} {}', thresholds={{{}}}, redaction={{{}}})",
            m.name,
            m.version,
            ts.join(", "),
            modes.join(", ")
        )
    }
}

impl Analyzer {
    fn many<'py, T: Send, P: pyo3::PyClass + Into<PyClassInitializer<P>>>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        run: impl Fn(&signaal::Analyzer, &[&str]) -> Vec<T> + Sync,
        wrap: impl Fn(T) -> P,
    ) -> PyResult<Bound<'py, PyList>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err("texts must be an iterable of str, not a single str"));
        }
        let pool = match threads {
            None => None,
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1 (or None for all cores)")),
            Some(n) => Some(pool(n)?),
        };
        let iter = texts
            .try_iter()
            .map_err(|_| PyTypeError::new_err(format!("texts must be an iterable of str, not {}", type_name(texts))))?;
        let out = PyList::empty(py);
        let mut chunk: Vec<String> = Vec::with_capacity(CHUNK);
        let mut n = 0usize;
        let mut iter = iter.peekable();
        while iter.peek().is_some() {
            chunk.clear();
            while chunk.len() < CHUNK {
                let Some(item) = iter.next() else { break };
                chunk.push(extract_text(&item?, &|| format!("texts[{n}]"))?);
                n += 1;
            }
            let results = py.detach(|| {
                let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
                match &pool {
                    Some(p) => p.install(|| run(&self.inner, &refs)),
                    None => run(&self.inner, &refs),
                }
            });
            for r in results {
                out.append(Bound::new(py, wrap(r))?)?;
            }
        }
        Ok(out)
    }
}

fn mode_name(m: signaal::Mode) -> &'static str {
    match m {
        signaal::Mode::Mask => "mask",
        signaal::Mode::Tag => "tag",
        signaal::Mode::Pseudonym => "pseudonym",
        signaal::Mode::Remove => "remove",
        signaal::Mode::Keep => "keep",
    }
}

// ------------------------------------------------------------------ training and evaluation

fn records(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<signaal::Record>> {
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        let path: std::path::PathBuf = obj.extract()?;
        return core(py.detach(|| signaal::read_records_file(&path)));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be a path to JSON Lines or an iterable of dicts, not {}",
            type_name(obj)
        ))
    })?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        let d = item
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err(format!("{what}[{i}] must be a dict, not {}", type_name(&item))))?;
        let text = match d.get_item("text")? {
            Some(t) => extract_text(&t, &|| format!("{what}[{i}]['text']"))?,
            None => return Err(input_err(py, format!("{what}[{i}] has no 'text'"))),
        };
        let id = match d.get_item("id")? {
            None => None,
            Some(v) if v.is_none() => None,
            Some(v) => Some(v.str()?.to_cow()?.into_owned()),
        };
        let mut labels = Vec::new();
        if let Some(ls) = d.get_item("labels")? {
            if !ls.is_none() {
                if ls.is_instance_of::<PyString>() {
                    return Err(PyTypeError::new_err(format!("{what}[{i}]['labels'] must be a list of str, not str")));
                }
                for l in ls.try_iter()? {
                    let l = extract_text(&l?, &|| format!("{what}[{i}]['labels'] item"))?;
                    let label = signaal::Label::parse(&l).ok_or_else(|| {
                        input_err(
                            py,
                            format!(
                                "{what}[{i}]['labels'] holds something other than complaint, tip, threat, polarization"
                            ),
                        )
                    })?;
                    if !labels.contains(&label) {
                        labels.push(label);
                    }
                }
                labels.sort();
            }
        }
        out.push(signaal::Record { id, text, labels });
    }
    Ok(out)
}

/// Train a model on labelled records and return an ``Analyzer`` using it.
///
/// ``records`` and ``dev``: a path to JSON Lines (``text``, ``labels``,
/// optional ``id``) or an iterable of dicts with those keys; ``labels`` is a
/// list of ``"complaint"``, ``"tip"``, ``"threat"``, ``"polarization"``.
/// ``dev`` calibrates the scores and picks the thresholds; without it a fifth
/// of ``records`` is held out. The same records and seed give the same model.
/// Keep the model with ``Analyzer.save_model(path)``.
///
/// ``options``: training options as a dict, the same fields as
/// ``signaal train --options``: ``seed``, ``epochs``, ``learning_rate``,
/// ``l2_grid``, ``folds``, ``bits``, ``idf``, ``char_min``, ``char_max``,
/// ``sublinear_tf``, ``char_weight``, ``cue_weight``,
/// ``class_weight_power``, ``solver`` (``"adagrad"`` or ``"lbfgs"``),
/// ``min_df``, ``name``, ``version``. Missing fields take their defaults;
/// an unknown field, a value of the wrong type or one training rejects
/// raises ``ConfigError``. ``seed``, ``name`` and ``version``, when given,
/// override the dict (defaults: 0, ``"custom"``, ``"0"``). The options used
/// are in ``analyzer.model["options"]``.
#[pyfunction]
#[pyo3(signature = (records, *, dev=None, seed=None, name=None, version=None, options=None))]
fn train(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    dev: Option<&Bound<'_, PyAny>>,
    seed: Option<u64>,
    name: Option<String>,
    version: Option<String>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Analyzer> {
    // Options first: a bad one fails before the records are read.
    let mut opts = match options {
        None => signaal::TrainOptions::default(),
        Some(o) => {
            if !o.is_instance_of::<PyDict>() {
                return Err(PyTypeError::new_err(format!("options must be a dict, not {}", type_name(o))));
            }
            core(signaal::TrainOptions::from_json(&json_dumps(py, o, "options")?))?
        }
    };
    opts.seed = seed.unwrap_or(opts.seed);
    opts.name = name.unwrap_or(opts.name);
    opts.version = version.unwrap_or(opts.version);
    let train_set = self::records(py, records, "records")?;
    let dev_set = match dev {
        Some(d) => Some(self::records(py, d, "dev")?),
        None => None,
    };
    let model = core(py.detach(|| signaal::train(&train_set, dev_set.as_deref(), &opts)))?;
    let inner = core(signaal::Analyzer::builder().model(model).build())?;
    Ok(Analyzer { inner })
}

/// Evaluate an analyzer (default: the built-in one) on labelled records.
///
/// Returns the core's report as a dict: ``posts``, ``labels`` (per label
/// precision, recall, f1, support, tp, fp, fn, ece), ``macro_f1``,
/// ``exact_match`` and ``reliability`` bins.
#[pyfunction]
#[pyo3(signature = (records, analyzer=None))]
fn evaluate<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    analyzer: Option<&Bound<'py, Analyzer>>,
) -> PyResult<Bound<'py, PyAny>> {
    let recs = self::records(py, records, "records")?;
    let a = match analyzer {
        Some(a) => a.get().inner.clone(),
        None => signaal::Analyzer::new(),
    };
    let report = py.detach(|| signaal::eval::evaluate(&a, &recs));
    to_py_json(py, &report)
}

/// `obj` as JSON by Python's `json.dumps(obj, allow_nan=False)`, for the
/// core's JSON readers; values JSON cannot hold (NaN, sets, objects) are a
/// `ConfigError` naming `what` (never the value).
fn json_dumps(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match py.import("json")?.call_method("dumps", (obj,), Some(&[("allow_nan", false)].into_py_dict(py)?)) {
        Ok(s) => s.extract(),
        Err(e) if e.is_instance_of::<PyTypeError>(py) || e.is_instance_of::<PyValueError>(py) => {
            Err(ConfigError::new_err(format!("{what} may hold only str, finite numbers, bools, lists and dicts")))
        }
        Err(e) => Err(e),
    }
}

/// The native module. Python code imports it through the ``signaal`` package.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MODEL_VERSION", signaal::MODEL_VERSION)?;
    m.add("MODEL_NAME", signaal::MODEL_NAME)?;
    m.add("LABELS", PyTuple::new(py, signaal::Label::ALL.map(|l| l.as_str()))?)?;
    m.add("ENTITY_KINDS", PyTuple::new(py, signaal::EntityKind::ALL.map(|k| k.as_str()))?)?;
    m.add("SignaalError", py.get_type::<SignaalError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("InputError", input_error(py)?)?;
    m.add("IoError", io_error(py)?)?;
    m.add_class::<Analyzer>()?;
    m.add_class::<Analysis>()?;
    m.add_class::<Classification>()?;
    m.add_class::<Redaction>()?;
    m.add_class::<Entity>()?;
    m.add_class::<EvidenceItem>()?;
    m.add_class::<Language>()?;
    m.add_function(wrap_pyfunction!(train, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    Ok(())
}
