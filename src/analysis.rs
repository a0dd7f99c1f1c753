//! The [`Analyzer`] and the [`Analysis`] it returns (`shared/spec/analysis.md`).

use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::classify::features::Extractor;
use crate::classify::{Classification, Evidence, Label, Model, Scores};
use crate::error::Error;
use crate::redact::{self, Entity, EntityKind, Redaction, RedactionConfig, RedactionPolicy};
use crate::text::{Language, detect_language, tokenize};

/// Lexicon automata and the stemmer, built once per process.
static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// Which model produced an analysis.
///
/// # Example
/// ```
/// let a = signaal::Analyzer::new().analyze("hoi");
/// assert_eq!(a.model.name, signaal::MODEL_NAME);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelRef {
    /// Model name (`signaal-nl` for the built-in model).
    pub name: String,
    /// Model version.
    pub version: String,
}

/// The analysis of one post, serialising to the JSON of
/// `shared/spec/analysis.md`: `id`, `language`, `labels`, `scores`,
/// `evidence`, `entities`, `redacted` and `model`, with the same names and
/// meaning.
///
/// # Example
/// ```
/// let a = signaal::Analyzer::new().analyze("Vannacht twee mannen bij de Kerkstraat gezien met een koevoet");
/// assert!(a.labels.contains(&signaal::Label::Tip));
/// let json = serde_json::to_string(&a).unwrap();
/// assert!(json.starts_with("{\"language\""));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The record's id, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Detected language and confidence. A non-Dutch post keeps its scores.
    pub language: Language,
    /// Labels whose score reached its threshold and that at least one
    /// feature of the post supports, in fixed order.
    pub labels: Vec<Label>,
    /// Calibrated scores, all four.
    pub scores: Scores,
    /// Per label in `labels`, the strongest contributing features.
    pub evidence: Evidence,
    /// Personal data found, in text order, never overlapping.
    pub entities: Vec<Entity>,
    /// The text rewritten by the redaction policy in force.
    pub redacted: String,
    /// The model that produced the analysis.
    pub model: ModelRef,
}

struct Inner {
    model: Arc<Model>,
    thresholds: [f32; 4],
    model_ref: ModelRef,
    policy: RedactionPolicy,
}

/// The analysis engine: immutable, `Send + Sync`, cheap to clone and share
/// between threads (clones share one model).
///
/// # Example
/// ```
/// use signaal::{Analyzer, Label};
/// let analyzer = Analyzer::new();
/// let a = analyzer.analyze("Drie keer 0900-8844 gebeld over de overlast en nog steeds niemand langs geweest. Waardeloos @politie");
/// assert!(a.labels.contains(&Label::Complaint));
/// assert_eq!(a.language.code, "nl");
/// ```
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("model", &self.inner.model_ref)
            .field("thresholds", &self.inner.thresholds)
            .field("redaction", &self.inner.policy)
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// An analyzer on the built-in model with its own thresholds. Needs no files.
    ///
    /// # Example
    /// ```
    /// let a = signaal::Analyzer::new().analyze("Bedankt voor jullie snelle hulp vannacht, top agenten!");
    /// assert!(a.labels.is_empty());
    /// ```
    pub fn new() -> Analyzer {
        Analyzer::from_model(crate::BUILTIN_MODEL.clone(), None, RedactionPolicy::default())
    }

    /// A builder for options: another model, per-label thresholds.
    ///
    /// # Example
    /// ```
    /// use signaal::{Analyzer, Label};
    /// let strict = Analyzer::builder().threshold(Label::Threat, 0.9).build().unwrap();
    /// assert_eq!(strict.thresholds()[Label::Threat.index()], 0.9);
    /// ```
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    fn from_model(model: Arc<Model>, thresholds: Option<[Option<f32>; 4]>, policy: RedactionPolicy) -> Analyzer {
        let base: [f32; 4] = std::array::from_fn(|l| model.heads()[l].threshold);
        let thresholds = match thresholds {
            Some(t) => std::array::from_fn(|l| t[l].unwrap_or(base[l])),
            None => base,
        };
        let model_ref = ModelRef { name: model.meta().name.clone(), version: model.meta().version.clone() };
        Analyzer { inner: Arc::new(Inner { model, thresholds, model_ref, policy }) }
    }

    /// The decision thresholds in force, in label order.
    ///
    /// # Example
    /// ```
    /// let t = signaal::Analyzer::new().thresholds();
    /// assert!(t.iter().all(|x| (0.0..=1.0).contains(x)));
    /// ```
    pub fn thresholds(&self) -> [f32; 4] {
        self.inner.thresholds
    }

    /// The model in use.
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::Analyzer::new().model().meta().version, signaal::MODEL_VERSION);
    /// ```
    pub fn model(&self) -> &Model {
        &self.inner.model
    }

    /// Classify a post: labels, scores and evidence (no language detection).
    ///
    /// Like [`analyze`](Self::analyze), evidence that comes from a span of
    /// personal data shows the entity's tag (`[PERSOON]`), not the words.
    ///
    /// # Example
    /// ```
    /// let c = signaal::Analyzer::new().classify("Die agent van gisteren krijgt een kogel als ik hem tegenkom");
    /// assert!(c.scores.threat > 0.5);
    /// ```
    pub fn classify(&self, text: &str) -> Classification {
        let doc = tokenize(text);
        // Evidence never repeats personal data; the finders only run when
        // an evidence item made of the post's words is about to be shown.
        let mut found: Option<Vec<redact::Candidate>> = None;
        let policy = &self.inner.policy;
        let mut mask = |s: usize, e: usize| {
            let found = found.get_or_insert_with(|| redact::find(text, policy));
            overlapping_tag(found.iter().map(|x| (x.start, x.end, x.kind)), s, e)
        };
        self.inner.model.classify(&EXTRACTOR, text, &doc, &self.inner.thresholds, &mut mask)
    }

    /// The redaction policy in force.
    ///
    /// # Example
    /// ```
    /// let a = signaal::Analyzer::new();
    /// assert_eq!(a.redaction_policy().mode(signaal::EntityKind::Person), signaal::Mode::Mask);
    /// ```
    pub fn redaction_policy(&self) -> &RedactionPolicy {
        &self.inner.policy
    }

    /// Find personal data and rewrite the text by the policy.
    ///
    /// # Example
    /// ```
    /// let r = signaal::Analyzer::new().redact("Bel Jan de Vries op 06-12345678 😀");
    /// assert_eq!(r.text, "Bel [PERSOON] op [TELEFOON] 😀");
    /// assert_eq!((r.entities[1].start, r.entities[1].char_start), (20, 20));
    /// ```
    pub fn redact(&self, text: &str) -> Redaction {
        redact::redact(text, &self.inner.policy)
    }

    /// Redact many texts, on all cores with the `parallel` feature.
    ///
    /// # Example
    /// ```
    /// let out = signaal::Analyzer::new().redact_batch(&["bel 0612345678", "niets"]);
    /// assert_eq!(out[0].text, "bel [TELEFOON]");
    /// ```
    pub fn redact_batch(&self, texts: &[&str]) -> Vec<Redaction> {
        self.map_batch(texts, |t| self.redact(t))
    }

    /// Analyse a post: everything of [`classify`](Self::classify), plus
    /// language, the personal data found and the redacted text.
    ///
    /// Any `&str` is accepted: empty, whitespace-only, emoji-only or very
    /// long texts get a normal result (time is linear in the length).
    ///
    /// # Example
    /// ```
    /// let a = signaal::Analyzer::new().analyze("");
    /// assert!(a.labels.is_empty());
    /// assert_eq!(a.language.code, "und");
    /// ```
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with_id(None, text)
    }

    /// Analyse a post and echo its id.
    ///
    /// # Example
    /// ```
    /// let a = signaal::Analyzer::new().analyze_with_id(Some("p1".into()), "hoi");
    /// assert_eq!(a.id.as_deref(), Some("p1"));
    /// ```
    pub fn analyze_with_id(&self, id: Option<String>, text: &str) -> Analysis {
        let doc = tokenize(text);
        let r = self.redact(text);
        let mut mask = |s: usize, e: usize| overlapping_tag(r.entities.iter().map(|x| (x.start, x.end, x.kind)), s, e);
        let c = self.inner.model.classify(&EXTRACTOR, text, &doc, &self.inner.thresholds, &mut mask);
        let evidence = c.evidence;
        Analysis {
            id,
            language: detect_language(text, &doc.terms),
            labels: c.labels,
            scores: c.scores,
            evidence,
            entities: r.entities,
            redacted: r.text,
            model: self.inner.model_ref.clone(),
        }
    }

    /// Analyse many posts, on all cores with the `parallel` feature; the
    /// output keeps the input order.
    ///
    /// # Example
    /// ```
    /// let out = signaal::Analyzer::new().analyze_batch(&["een", "twee", "drie"]);
    /// assert_eq!(out.len(), 3);
    /// ```
    pub fn analyze_batch(&self, texts: &[&str]) -> Vec<Analysis> {
        self.map_batch(texts, |t| self.analyze(t))
    }

    /// Classify many posts, on all cores with the `parallel` feature.
    ///
    /// # Example
    /// ```
    /// let out = signaal::Analyzer::new().classify_batch(&["een", "twee"]);
    /// assert_eq!(out.len(), 2);
    /// ```
    pub fn classify_batch(&self, texts: &[&str]) -> Vec<Classification> {
        self.map_batch(texts, |t| self.classify(t))
    }

    fn map_batch<T: Send>(&self, texts: &[&str], f: impl Fn(&str) -> T + Sync + Send) -> Vec<T> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_iter().map(|t| f(t)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| f(t)).collect()
        }
    }
}

/// Evidence features made of the post's words are renamed after the tag
/// of the personal data they overlap (`[PERSOON]`), so no result repeats
/// found personal data (weight and span stay).
fn overlapping_tag(
    mut spans: impl Iterator<Item = (usize, usize, EntityKind)>,
    start: usize,
    end: usize,
) -> Option<&'static str> {
    spans.find(|x| x.0 < end && start < x.1).map(|x| x.2.tag())
}

/// Options for an [`Analyzer`]; validated by [`build`](Self::build).
///
/// # Example
/// ```
/// let analyzer = signaal::Analyzer::builder().threshold(signaal::Label::Threat, 0.7).build().unwrap();
/// assert_eq!(analyzer.thresholds()[2], 0.7);
/// ```
#[derive(Debug, Clone, Default)]
pub struct AnalyzerBuilder {
    model: Option<ModelSource>,
    thresholds: [Option<f32>; 4],
    policy: RedactionPolicy,
    redaction_config: Option<RedactionConfig>,
}

#[derive(Clone)]
enum ModelSource {
    Model(Arc<Model>),
    Bytes(Vec<u8>),
    File(std::path::PathBuf),
}

impl std::fmt::Debug for ModelSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelSource::Model(m) => write!(f, "Model({})", m.meta().name),
            ModelSource::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            ModelSource::File(p) => write!(f, "File({})", p.display()),
        }
    }
}

impl AnalyzerBuilder {
    /// Use a trained model.
    ///
    /// # Example
    /// ```
    /// let model = signaal::Model::builtin().clone();
    /// let analyzer = signaal::Analyzer::builder().model(model).build().unwrap();
    /// assert_eq!(analyzer.model().meta().name, "signaal-nl");
    /// ```
    pub fn model(&mut self, model: Model) -> &mut Self {
        self.model = Some(ModelSource::Model(Arc::new(model)));
        self
    }

    /// Use a model from the bytes of a model file (checked in `build`).
    ///
    /// # Example
    /// ```
    /// let bytes = signaal::BUILTIN_MODEL_BYTES.to_vec();
    /// assert!(signaal::Analyzer::builder().model_bytes(bytes).build().is_ok());
    /// ```
    pub fn model_bytes(&mut self, bytes: Vec<u8>) -> &mut Self {
        self.model = Some(ModelSource::Bytes(bytes));
        self
    }

    /// Use a model file (read and checked in `build`).
    ///
    /// # Example
    /// ```
    /// let err = signaal::Analyzer::builder().model_file("/nonexistent/model.bin").build().unwrap_err();
    /// assert_eq!(err.kind(), signaal::ErrorKind::Io);
    /// ```
    pub fn model_file(&mut self, path: impl Into<std::path::PathBuf>) -> &mut Self {
        self.model = Some(ModelSource::File(path.into()));
        self
    }

    /// Override one label's decision threshold (a probability in [0, 1]).
    ///
    /// # Example
    /// ```
    /// use signaal::{Analyzer, Label};
    /// let a = Analyzer::builder().threshold(Label::Tip, 0.8).build().unwrap();
    /// assert_eq!(a.thresholds()[Label::Tip.index()], 0.8);
    /// ```
    pub fn threshold(&mut self, label: Label, threshold: f32) -> &mut Self {
        self.thresholds[label.index()] = Some(threshold);
        self
    }

    /// Use a redaction policy (replaces the default one).
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.set_all_modes(signaal::Mode::Tag);
    /// let a = signaal::Analyzer::builder().redaction(p).build().unwrap();
    /// assert_eq!(a.redact("mail a@example.com").text, "mail [EMAIL_1]");
    /// ```
    pub fn redaction(&mut self, policy: RedactionPolicy) -> &mut Self {
        self.policy = policy;
        self
    }

    /// Apply a configuration: model file, thresholds and redaction (checked in `build`).
    ///
    /// # Example
    /// ```
    /// let cfg = signaal::Config::from_json(r#"{"thresholds": {"tip": 0.7}, "redaction": {"mode": "remove"}}"#).unwrap();
    /// let a = signaal::Analyzer::builder().config(cfg).build().unwrap();
    /// assert_eq!(a.thresholds()[1], 0.7);
    /// assert_eq!(a.redact("bel 0612345678").text, "bel ");
    /// ```
    pub fn config(&mut self, config: Config) -> &mut Self {
        if let Some(p) = config.model {
            self.model_file(p);
        }
        for (label, t) in config.thresholds {
            self.threshold(label, t);
        }
        self.redaction_config = Some(config.redaction);
        self
    }

    /// Validate the options and build the analyzer.
    ///
    /// # Example
    /// ```
    /// let err = signaal::Analyzer::builder().threshold(signaal::Label::Tip, 1.5).build().unwrap_err();
    /// assert_eq!(err.kind(), signaal::ErrorKind::InvalidConfig);
    /// ```
    pub fn build(&self) -> Result<Analyzer, Error> {
        for (l, t) in self.thresholds.iter().enumerate() {
            if let Some(t) = t {
                if !(0.0..=1.0).contains(t) {
                    return Err(Error::config(format!("threshold for `{}` must be a number in [0, 1]", Label::ALL[l])));
                }
            }
        }
        let mut policy = self.policy.clone();
        if let Some(cfg) = &self.redaction_config {
            policy.apply_config(cfg)?;
        }
        policy.validate()?;
        let model = match &self.model {
            None => crate::BUILTIN_MODEL.clone(),
            Some(ModelSource::Model(m)) => m.clone(),
            Some(ModelSource::Bytes(b)) => Arc::new(Model::from_bytes(b)?),
            Some(ModelSource::File(p)) => {
                let bytes = std::fs::read(p).map_err(|e| Error::io("reading model file", &e))?;
                Arc::new(Model::from_bytes(&bytes)?)
            }
        };
        Ok(Analyzer::from_model(model, Some(self.thresholds), policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Analyzer>();
    }
}

/// A configuration, as the C ABI (JSON), the command line (TOML) and
/// Python (keyword arguments) give it: every field optional, unknown
/// fields rejected.
///
/// ```json
/// {"model": "my-model.bin", "thresholds": {"threat": 0.7},
///  "redaction": {"mode": "tag", "modes": {"person": "pseudonym"}, "pseudonym_key": "…"}}
/// ```
///
/// # Example
/// ```
/// let err = signaal::Config::from_json(r#"{"treshold": 1}"#).unwrap_err();
/// assert_eq!(err.kind(), signaal::ErrorKind::InvalidConfig);
/// // The known fields are named; the unknown name (it could be a pasted key) is not.
/// assert!(err.message().contains("expected one of `model`") && !err.message().contains("treshold"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A model file; the built-in model when absent.
    #[serde(default)]
    pub model: Option<std::path::PathBuf>,
    /// Per-label decision thresholds.
    #[serde(default)]
    pub thresholds: std::collections::BTreeMap<Label, f32>,
    /// The redaction policy.
    #[serde(default, deserialize_with = "table_only")]
    pub redaction: RedactionConfig,
}

/// Deserialize a struct from a map (a JSON object, a TOML table) only.
/// serde's derived structs also take a sequence as their fields in order,
/// so `"redaction": ["tag"]` would silently set the first field.
fn table_only<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    struct Table<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Table<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a table of fields")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(Table(std::marker::PhantomData))
}

impl Config {
    /// Parse a JSON configuration. The error names the problem (an unknown
    /// field, a wrong type, a position) but never echoes a value. The
    /// configuration and its `redaction` must be objects: a list is not
    /// taken as their fields in order.
    ///
    /// # Example
    /// ```
    /// let c = signaal::Config::from_json("{}").unwrap();
    /// assert!(c.model.is_none());
    /// for list in [r#"["my-model.bin"]"#, r#"{"redaction": ["tag"]}"#] {
    ///     let err = signaal::Config::from_json(list).unwrap_err();
    ///     assert!(err.message().contains("a value of the wrong type"), "{err}");
    /// }
    /// assert!(signaal::Config::from_json(r#"{} {}"#).is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Config, Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let config = table_only(&mut de).and_then(|c| de.end().map(|()| c));
        config.map_err(|e| Error::config(format!("configuration: {}", config_error(&e))))
    }

    /// The reason in a serde message about a configuration (from JSON,
    /// TOML or any other format), without the text the caller wrote: an
    /// unknown field or name could be a pasted key, so only the known names
    /// are listed. `None` for messages about the syntax, which the caller
    /// reports with the position.
    ///
    /// # Example
    /// ```
    /// let r = signaal::Config::error_reason("unknown field `s3cret-key`, expected one of `model`, `thresholds`");
    /// assert_eq!(r.as_deref(), Some("unknown field; expected one of `model`, `thresholds`"));
    /// assert_eq!(
    ///     signaal::Config::error_reason("invalid value: integer `-1`, expected u64").as_deref(),
    ///     Some("a value out of range")
    /// );
    /// assert_eq!(signaal::Config::error_reason("expected `,` or `}`"), None);
    /// ```
    pub fn error_reason(serde_message: &str) -> Option<String> {
        let m = serde_message.lines().next().unwrap_or("");
        let known_names = |what: &str| match m.split_once(", ") {
            Some((_, expected)) => format!("{what}; {expected}"),
            None => what.to_owned(),
        };
        Some(if m.starts_with("unknown field") {
            known_names("unknown field")
        } else if m.starts_with("unknown variant") {
            known_names("unknown name")
        } else if m.starts_with("invalid type") {
            "a value of the wrong type".to_owned()
        } else if m.starts_with("invalid value") {
            "a value out of range".to_owned() // e.g. -1 for a count
        } else if m.starts_with("invalid length") {
            "a list of the wrong length".to_owned()
        } else if m.starts_with("missing field") {
            m.to_owned() // names a known field
        } else if m.starts_with("duplicate key") {
            "duplicate key".to_owned()
        } else {
            return None;
        })
    }
}

/// A serde_json error as a configuration error: the reason, without any
/// value, and the position.
pub(crate) fn config_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let reason = Config::error_reason(msg.split(" at line").next().unwrap_or(""));
    format!("{} (line {}, column {})", reason.as_deref().unwrap_or("not valid JSON"), e.line(), e.column())
}
