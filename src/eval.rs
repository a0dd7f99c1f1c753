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
