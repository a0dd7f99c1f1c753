//! Evaluation: precision, recall, F1 and calibration error per label.

use serde::{Deserialize, Serialize};

use crate::analysis::Analyzer;
use crate::classify::Label;
use crate::corpus::Record;

/// Metrics of one label.
///
/// # Example
/// ```
/// let m = signaal::eval::LabelMetrics::compute(signaal::Label::Threat, &[0.9, 0.1], &[true, true], 0.5);
/// assert_eq!(m.recall, 0.5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelMetrics {
    /// The label.
    pub label: Label,
    /// Precision (0 when nothing was predicted).
    pub precision: f64,
    /// Recall (0 when there is no support).
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Posts that truly have the label.
    pub support: usize,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// Expected calibration error of the label's score (10 equal-width bins).
    pub ece: f64,
}

impl LabelMetrics {
    /// Metrics from scores, truths and a decision threshold.
    ///
    /// # Example
    /// ```
    /// use signaal::{Label, eval::LabelMetrics};
    /// let m = LabelMetrics::compute(Label::Tip, &[0.9, 0.2, 0.7], &[true, false, false], 0.5);
    /// assert_eq!((m.tp, m.fp, m.fn_), (1, 1, 0));
    /// assert_eq!(m.precision, 0.5);
    /// ```
    pub fn compute(label: Label, scores: &[f64], truth: &[bool], threshold: f64) -> LabelMetrics {
        let predicted: Vec<bool> = scores.iter().map(|&s| s >= threshold).collect();
        LabelMetrics::from_predictions(label, scores, &predicted, truth)
    }

    /// Metrics from given predictions (for instance the labels an analyzer
    /// gave), with the scores for the calibration error.
    ///
    /// # Example
    /// ```
    /// use signaal::{Label, eval::LabelMetrics};
    /// let m = LabelMetrics::from_predictions(Label::Tip, &[0.9, 0.6], &[true, false], &[true, true]);
    /// assert_eq!((m.tp, m.fn_), (1, 1));
    /// ```
    pub fn from_predictions(label: Label, scores: &[f64], predicted: &[bool], truth: &[bool]) -> LabelMetrics {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (&p, &t) in predicted.iter().zip(truth) {
            match (p, t) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
        let (precision, recall, f1) = prf(tp, fp, fn_);
        LabelMetrics { label, precision, recall, f1, support: tp + fn_, tp, fp, fn_, ece: ece(scores, truth, 10) }
    }
}

pub(crate) fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Expected calibration error with `bins` equal-width bins (0 for no bins
/// or no scores).
///
/// # Example
/// ```
/// assert!(signaal::eval::ece(&[0.9, 0.1], &[true, false], 10) < 0.11);
/// ```
pub fn ece(scores: &[f64], truth: &[bool], bins: usize) -> f64 {
    if scores.is_empty() || bins == 0 {
        return 0.0;
    }
    let mut n = vec![0usize; bins];
    let mut conf = vec![0f64; bins];
    let mut pos = vec![0usize; bins];
    for (&s, &t) in scores.iter().zip(truth) {
        let b = ((s * bins as f64) as usize).min(bins - 1);
        n[b] += 1;
        conf[b] += s;
        pos[b] += usize::from(t);
    }
    let total = scores.len() as f64;
    (0..bins)
        .filter(|&b| n[b] > 0)
        .map(|b| (n[b] as f64 / total) * (pos[b] as f64 / n[b] as f64 - conf[b] / n[b] as f64).abs())
        .sum()
}

/// One reliability-diagram bin: mean score and observed frequency.
///
/// # Example
/// ```
/// let dev = signaal::read_records_file("data/corpus/dev.jsonl").unwrap();
/// let r = signaal::eval::evaluate(&signaal::Analyzer::new(), &dev[..40]);
/// assert_eq!(r.reliability[0].iter().map(|b| b.count).sum::<usize>(), 40);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliabilityBin {
    /// Lower edge of the bin.
    pub lower: f64,
    /// Posts in the bin.
    pub count: usize,
    /// Mean predicted score in the bin.
    pub mean_score: f64,
    /// Share of posts in the bin that truly have the label.
    pub observed: f64,
}

/// The evaluation of an analyzer on labelled records.
///
/// # Example
/// ```
/// let dev = signaal::read_records_file("data/corpus/dev.jsonl").unwrap();
/// let r = signaal::eval::evaluate(&signaal::Analyzer::new(), &dev[..40]);
/// assert_eq!(r.labels.len(), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// Number of records.
    pub posts: usize,
    /// Metrics per label, in label order.
    pub labels: Vec<LabelMetrics>,
    /// Mean F1 over the four labels.
    pub macro_f1: f64,
    /// Share of posts whose predicted label set equals the true set.
    pub exact_match: f64,
    /// Reliability bins per label (10 bins), in label order.
    pub reliability: Vec<Vec<ReliabilityBin>>,
}

/// Evaluate `analyzer` on labelled records.
///
/// # Example
/// ```
/// let dev = signaal::read_records_file("data/corpus/dev.jsonl").unwrap();
/// let report = signaal::eval::evaluate(&signaal::Analyzer::new(), &dev[..50]);
/// assert_eq!(report.posts, 50);
/// assert!(report.macro_f1 > 0.0);
/// ```
pub fn evaluate(analyzer: &Analyzer, records: &[Record]) -> EvalReport {
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    let results = analyzer.classify_batch(&texts);
    let mut labels = Vec::new();
    let mut reliability = Vec::new();
    for label in Label::ALL {
        let scores: Vec<f64> = results.iter().map(|c| c.scores.get(label)).collect();
        // Exactly the labels the analyzer gives (threshold and evidence).
        let predicted: Vec<bool> = results.iter().map(|c| c.labels.contains(&label)).collect();
        let truth: Vec<bool> = records.iter().map(|r| r.labels.contains(&label)).collect();
        labels.push(LabelMetrics::from_predictions(label, &scores, &predicted, &truth));
        reliability.push(reliability_bins(&scores, &truth, 10));
    }
    let macro_f1 = labels.iter().map(|m| m.f1).sum::<f64>() / 4.0;
    let same = |a: &[Label], b: &[Label]| Label::ALL.iter().all(|l| a.contains(l) == b.contains(l));
    let exact = results.iter().zip(records).filter(|(c, r)| same(&c.labels, &r.labels)).count();
    EvalReport {
        posts: records.len(),
        labels,
        macro_f1,
        exact_match: if records.is_empty() { 0.0 } else { exact as f64 / records.len() as f64 },
        reliability,
    }
}

fn reliability_bins(scores: &[f64], truth: &[bool], bins: usize) -> Vec<ReliabilityBin> {
    let bins = bins.max(1);
    (0..bins)
        .map(|b| {
            let lo = b as f64 / bins as f64;
            let inb: Vec<(f64, bool)> = scores
                .iter()
                .zip(truth)
                .filter(|(s, _)| ((**s * bins as f64) as usize).min(bins - 1) == b)
                .map(|(s, t)| (*s, *t))
                .collect();
            let count = inb.len();
            let mean = |f: &dyn Fn(&(f64, bool)) -> f64| {
                if count == 0 { 0.0 } else { inb.iter().map(f).sum::<f64>() / count as f64 }
            };
            ReliabilityBin {
                lower: lo,
                count,
                mean_score: mean(&|x| x.0),
                observed: mean(&|x| f64::from(u8::from(x.1))),
            }
        })
        .collect()
}

// ------------------------------------------------------------------ entities

use crate::error::Error;
use crate::redact::EntityKind;

/// A true span of personal data in an evaluation record.
///
/// # Example
/// ```
/// let g = signaal::eval::GoldEntity { kind: signaal::EntityKind::Phone, start: 4, end: 14 };
/// assert_eq!(g.end - g.start, 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GoldEntity {
    /// The kind.
    pub kind: EntityKind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// A post with its true entities, for [`evaluate_entities`].
///
/// # Example
/// ```
/// let r = signaal::eval::parse_entity_record(
///     r#"{"id": "m1", "text": "bel 0612345678", "entities": [{"kind": "phone", "text": "0612345678"}]}"#,
/// ).unwrap();
/// assert_eq!((r.entities[0].start, r.entities[0].end), (4, 14));
/// ```
#[derive(Clone, PartialEq)]
pub struct EntityRecord {
    /// The record's id.
    pub id: Option<String>,
    /// The post.
    pub text: String,
    /// True spans, in text order.
    pub entities: Vec<GoldEntity>,
}

impl std::fmt::Debug for EntityRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntityRecord")
            .field("id", &self.id)
            .field("text", &format_args!("<{} bytes>", self.text.len()))
            .field("entities", &self.entities)
            .finish()
    }
}

/// Parse one JSON line with `text` and `entities`, each entity a `kind`
/// and either byte offsets (`start`, `end`) or the exact `text`. A value
/// given as text is placed on its n-th occurrence (for its n-th listing)
/// that no other entity overlaps, longer values placed first: in
/// "Kris Vandenbroucke … Kris", `"Kris"` is the second Kris.
///
/// # Example
/// ```
/// let err = signaal::eval::parse_entity_record(r#"{"text": "x", "entities": [{"kind": "alien", "text": "x"}]}"#).unwrap_err();
/// assert_eq!(err.kind(), signaal::ErrorKind::InvalidInput);
/// ```
pub fn parse_entity_record(line: &str) -> Result<EntityRecord, Error> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| Error::input(format!("invalid JSON (column {})", e.column())))?;
    let text =
        v.get("text").and_then(|t| t.as_str()).ok_or_else(|| Error::input("missing string field `text`"))?.to_owned();
    let id = match v.get("id") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let items =
        v.get("entities").and_then(|e| e.as_array()).ok_or_else(|| Error::input("missing list field `entities`"))?;
    let mut entities = Vec::with_capacity(items.len());
    // Entities given as text are placed after those given by offsets, longest
    // value first, each on the first occurrence of its value that no placed
    // entity overlaps ("Kris" after "Kris Vandenbroucke" is the second Kris).
    let mut by_text: Vec<(EntityKind, &str)> = Vec::new();
    for item in items {
        let kind = item
            .get("kind")
            .and_then(|k| k.as_str())
            .and_then(EntityKind::parse)
            .ok_or_else(|| Error::input("an entity has a missing or unknown `kind`"))?;
        match (item.get("start").and_then(|s| s.as_u64()), item.get("end").and_then(|s| s.as_u64())) {
            (Some(s), Some(e)) => entities.push(GoldEntity { kind, start: s as usize, end: e as usize }),
            _ => {
                let value = item
                    .get("text")
                    .and_then(|t| t.as_str())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| Error::input("an entity has neither offsets nor `text`"))?;
                by_text.push((kind, value));
            }
        }
    }
    by_text.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    for (kind, value) in by_text {
        let start = text
            .match_indices(value)
            .map(|(i, _)| i)
            .find(|&i| !entities.iter().any(|e| e.start < i + value.len() && i < e.end))
            .ok_or_else(|| Error::input("an entity's `text` does not occur in the post"))?;
        entities.push(GoldEntity { kind, start, end: start + value.len() });
    }
    for e in &entities {
        if e.start >= e.end || e.end > text.len() || !text.is_char_boundary(e.start) || !text.is_char_boundary(e.end) {
            return Err(Error::input("an entity's offsets are outside the text or not on character boundaries"));
        }
    }
    entities.sort_by_key(|e| (e.start, e.end));
    Ok(EntityRecord { id, text, entities })
}

/// Read a JSON Lines file of [`EntityRecord`]s; errors name the line.
///
/// # Example
/// ```
/// let err = signaal::eval::read_entity_records_file("/nonexistent.jsonl").unwrap_err();
/// assert_eq!(err.kind(), signaal::ErrorKind::Io);
/// ```
pub fn read_entity_records_file(path: impl AsRef<std::path::Path>) -> Result<Vec<EntityRecord>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading entity records", &e))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_entity_record(line).map_err(|e| Error::input(format!("line {}: {}", n + 1, e.message())))?);
    }
    Ok(out)
}

/// Precision, recall and F1 of one entity kind (or of all together),
/// with full-span and any-overlap matching.
///
/// # Example
/// ```
/// let m = signaal::eval::EntityMetrics::default();
/// assert_eq!(m.f1, 0.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntityMetrics {
    /// The kind, or `None` for the overall (micro-averaged) figures.
    pub kind: Option<EntityKind>,
    /// True spans.
    pub support: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Predicted spans equal to a true span of the same kind.
    pub exact_matches: usize,
    /// Full-span precision.
    pub precision: f64,
    /// Full-span recall.
    pub recall: f64,
    /// Full-span F1.
    pub f1: f64,
    /// Share of predicted spans overlapping a true span of the same kind.
    pub overlap_precision: f64,
    /// Share of true spans overlapped by a predicted span of the same kind.
    pub overlap_recall: f64,
    /// F1 of the two overlap figures.
    pub overlap_f1: f64,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    support: usize,
    predicted: usize,
    exact: usize,
    pred_overlapping: usize,
    gold_overlapped: usize,
}

impl Tally {
    fn metrics(&self, kind: Option<EntityKind>) -> EntityMetrics {
        let p = ratio(self.exact, self.predicted);
        let r = ratio(self.exact, self.support);
        let op = ratio(self.pred_overlapping, self.predicted);
        let or = ratio(self.gold_overlapped, self.support);
        EntityMetrics {
            kind,
            support: self.support,
            predicted: self.predicted,
            exact_matches: self.exact,
            precision: p,
            recall: r,
            f1: f1(p, r),
            overlap_precision: op,
            overlap_recall: or,
            overlap_f1: f1(op, or),
        }
    }
}

/// A redaction evaluation: per kind and overall.
///
/// # Example
/// ```
/// let recs = vec![signaal::eval::parse_entity_record(r#"{"text": "bel 0612345678", "entities": [{"kind": "phone", "start": 4, "end": 14}]}"#).unwrap()];
/// let report = signaal::eval::evaluate_entities(&signaal::Analyzer::new(), &recs);
/// assert_eq!(report.overall.recall, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityReport {
    /// Posts evaluated.
    pub posts: usize,
    /// One row per kind that occurs in the truth or the predictions, in `EntityKind::ALL` order.
    pub kinds: Vec<EntityMetrics>,
    /// All kinds together (micro-averaged).
    pub overall: EntityMetrics,
}

/// One disagreement between prediction and truth (for error analysis).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityError {
    /// Index of the record.
    pub record: usize,
    /// `"missed"` (a true span not found exactly) or `"spurious"` (a prediction that is no true span).
    pub what: &'static str,
    /// The kind.
    pub kind: EntityKind,
    /// Byte span.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
}

/// Score the analyzer's redaction against true spans.
///
/// # Example
/// ```
/// let recs = vec![signaal::eval::parse_entity_record(r#"{"text": "de bakker op de hoek", "entities": []}"#).unwrap()];
/// let report = signaal::eval::evaluate_entities(&signaal::Analyzer::new(), &recs);
/// assert_eq!(report.overall.predicted, 0);
/// ```
pub fn evaluate_entities(analyzer: &Analyzer, records: &[EntityRecord]) -> EntityReport {
    evaluate_entities_with_errors(analyzer, records).0
}

/// [`evaluate_entities`], plus every disagreement.
///
/// # Example
/// ```
/// let recs = vec![signaal::eval::parse_entity_record(r#"{"text": "bel 0612345678", "entities": []}"#).unwrap()];
/// let (_, errors) = signaal::eval::evaluate_entities_with_errors(&signaal::Analyzer::new(), &recs);
/// assert_eq!(errors[0].what, "spurious");
/// ```
pub fn evaluate_entities_with_errors(
    analyzer: &Analyzer,
    records: &[EntityRecord],
) -> (EntityReport, Vec<EntityError>) {
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    let found = analyzer.redact_batch(&texts);
    let mut tally = [Tally::default(); 14];
    let mut errors = Vec::new();
    for (ri, (rec, red)) in records.iter().zip(&found).enumerate() {
        for g in &rec.entities {
            let t = &mut tally[g.kind.index()];
            t.support += 1;
            if red.entities.iter().any(|p| p.kind == g.kind && p.start < g.end && g.start < p.end) {
                t.gold_overlapped += 1;
            }
            if !red.entities.iter().any(|p| p.kind == g.kind && p.start == g.start && p.end == g.end) {
                errors.push(EntityError { record: ri, what: "missed", kind: g.kind, start: g.start, end: g.end });
            }
        }
        for p in &red.entities {
            let t = &mut tally[p.kind.index()];
            t.predicted += 1;
            if rec.entities.iter().any(|g| g.kind == p.kind && g.start == p.start && g.end == p.end) {
                t.exact += 1;
            } else {
                errors.push(EntityError { record: ri, what: "spurious", kind: p.kind, start: p.start, end: p.end });
            }
            if rec.entities.iter().any(|g| g.kind == p.kind && p.start < g.end && g.start < p.end) {
                t.pred_overlapping += 1;
            }
        }
    }
    let mut all = Tally::default();
    let mut kinds = Vec::new();
    for k in EntityKind::ALL {
        let t = tally[k.index()];
        all.support += t.support;
        all.predicted += t.predicted;
        all.exact += t.exact;
        all.pred_overlapping += t.pred_overlapping;
        all.gold_overlapped += t.gold_overlapped;
        if t.support + t.predicted > 0 {
            kinds.push(t.metrics(Some(k)));
        }
    }
    (EntityReport { posts: records.len(), kinds, overall: all.metrics(None) }, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_entities_land_on_free_occurrences() {
        let line = r#"{"text": "Kris de Smet zegt: Kris, bel Kris!", "entities": [
            {"kind": "person", "text": "Kris"}, {"kind": "person", "text": "Kris de Smet"},
            {"kind": "person", "text": "Kris"}]}"#;
        let r = parse_entity_record(line).unwrap();
        let spans: Vec<_> = r.entities.iter().map(|e| (e.start, e.end)).collect();
        assert_eq!(spans, [(0, 12), (19, 23), (29, 33)]);
        let too_many = r#"{"text": "Kris de Smet", "entities": [
            {"kind": "person", "text": "Kris de Smet"}, {"kind": "person", "text": "Kris"}]}"#;
        assert!(parse_entity_record(too_many).is_err());
    }
}
