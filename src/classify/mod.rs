//! Classification: features, the linear model, calibration, evidence,
//! training and the model file format.

pub(crate) mod features;
pub(crate) mod lexicon;
mod model;
mod table;
mod train;

pub use model::{LabelHead, Model, ModelMeta};
#[doc(hidden)]
pub use train::{OutOfFold, best_threshold_f1, out_of_fold_scores};
pub use train::{Solver, TrainOptions, train};

use serde::{Deserialize, Serialize};

/// One of the four labels of `shared/spec/labels.md`, in their fixed order.
///
/// # Example
/// ```
/// use signaal::Label;
/// assert_eq!(serde_json::to_string(&Label::Polarization).unwrap(), "\"polarization\"");
/// assert!(Label::Complaint < Label::Tip); // the fixed order
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Dissatisfaction with how police or another authority acted.
    Complaint,
    /// Information that could help police act.
    Tip,
    /// Intent, wish or call to physically harm or seriously damage.
    Threat,
    /// Us-versus-them hostility, dehumanising, calls for exclusion.
    Polarization,
}

impl Label {
    /// All labels in their fixed order.
    ///
    /// # Example
    /// ```
    /// let names: Vec<&str> = signaal::Label::ALL.iter().map(|l| l.as_str()).collect();
    /// assert_eq!(names, ["complaint", "tip", "threat", "polarization"]);
    /// ```
    pub const ALL: [Label; 4] = [Label::Complaint, Label::Tip, Label::Threat, Label::Polarization];

    /// The label's name as used in JSON (`"complaint"`, …).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::Label::Threat.as_str(), "threat");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Complaint => "complaint",
            Label::Tip => "tip",
            Label::Threat => "threat",
            Label::Polarization => "polarization",
        }
    }

    /// Parse a label name.
    ///
    /// # Example
    /// ```
    /// use signaal::Label;
    /// assert_eq!(Label::parse("tip"), Some(Label::Tip));
    /// assert_eq!(Label::parse("spam"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// Position in the fixed order (0..4).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::Label::Polarization.index(), 3);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Calibrated probabilities in [0, 1], one per label.
///
/// # Example
/// ```
/// let s = signaal::Analyzer::new().classify("Waardeloos, drie keer gebeld en niemand kwam").scores;
/// assert!(s.complaint > s.threat);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Scores {
    /// Score of `complaint`.
    pub complaint: f64,
    /// Score of `tip`.
    pub tip: f64,
    /// Score of `threat`.
    pub threat: f64,
    /// Score of `polarization`.
    pub polarization: f64,
}

impl Scores {
    /// The score of one label.
    ///
    /// # Example
    /// ```
    /// let s = signaal::Scores { threat: 0.9, ..Default::default() };
    /// assert_eq!(s.get(signaal::Label::Threat), 0.9);
    /// ```
    pub fn get(&self, label: Label) -> f64 {
        match label {
            Label::Complaint => self.complaint,
            Label::Tip => self.tip,
            Label::Threat => self.threat,
            Label::Polarization => self.polarization,
        }
    }

    pub(crate) fn from_array(a: [f64; 4]) -> Scores {
        Scores { complaint: a[0], tip: a[1], threat: a[2], polarization: a[3] }
    }
}

/// A feature that pushed a label's score up, with the text it came from.
///
/// # Example
/// ```
/// let text = "Ik weet waar je woont";
/// let a = signaal::Analyzer::new().analyze(text);
/// for e in a.evidence.get(signaal::Label::Threat) {
///     if let (Some(s), Some(t)) = (e.start, e.end) {
///         assert!(text.get(s..t).is_some());
///     }
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Readable feature name: a word stem (`kogel`), a bigram (`ik ga`),
    /// a cue (`cue:intent`), a cue combination (`combo:intent+harm`), the
    /// character n-grams of one word form together (`chars:<moordenaar>`;
    /// single n-grams, `chars:<moo`, for models trained with sublinear TF)
    /// or a style feature (`style:all-caps`).
    pub feature: String,
    /// The feature's contribution to the label's raw score (weight × value).
    pub weight: f64,
    /// Byte offset where the feature's text starts (absent for whole-post features).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub start: Option<usize>,
    /// Byte offset where it ends (exclusive).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<usize>,
    /// Code point offset where it starts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub char_start: Option<usize>,
    /// Code point offset where it ends (exclusive).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub char_end: Option<usize>,
}

/// Evidence per label; only labels in `labels` have entries.
///
/// # Example
/// ```
/// let a = signaal::Analyzer::new().analyze("Bedankt voor de hulp!");
/// assert!(a.labels.is_empty() && a.evidence == signaal::Evidence::default());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// Evidence for `complaint`, strongest first.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub complaint: Vec<EvidenceItem>,
    /// Evidence for `tip`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tip: Vec<EvidenceItem>,
    /// Evidence for `threat`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub threat: Vec<EvidenceItem>,
    /// Evidence for `polarization`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub polarization: Vec<EvidenceItem>,
}

impl Evidence {
    /// The evidence of one label.
    ///
    /// # Example
    /// ```
    /// let a = signaal::Analyzer::new().analyze("Ik weet waar je woont, ik steek je neer 🔪");
    /// assert!(!a.evidence.get(signaal::Label::Threat).is_empty());
    /// ```
    pub fn get(&self, label: Label) -> &[EvidenceItem] {
        match label {
            Label::Complaint => &self.complaint,
            Label::Tip => &self.tip,
            Label::Threat => &self.threat,
            Label::Polarization => &self.polarization,
        }
    }

    pub(crate) fn get_mut(&mut self, label: Label) -> &mut Vec<EvidenceItem> {
        match label {
            Label::Complaint => &mut self.complaint,
            Label::Tip => &mut self.tip,
            Label::Threat => &mut self.threat,
            Label::Polarization => &mut self.polarization,
        }
    }
}

/// The classification of one post: labels, calibrated scores, evidence.
///
/// # Example
/// ```
/// let c = signaal::Analyzer::new().classify("Al die volksverraders moeten het land uit");
/// assert!(c.labels.contains(&signaal::Label::Polarization));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Classification {
    /// Labels whose score reached the label's threshold and that at least
    /// one feature of the post supports (has evidence), in fixed order.
    pub labels: Vec<Label>,
    /// Calibrated scores, always all four.
    pub scores: Scores,
    /// For each label in `labels`, the features that pushed it up most.
    pub evidence: Evidence,
}
