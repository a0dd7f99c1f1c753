//! Training: one L2-regularised, class-weighted logistic regression per
//! label (AdaGrad over shuffled epochs), the L2 strength picked by k-fold
//! cross-validation on the training split, Platt calibration and a
//! per-label threshold chosen on the calibration (dev) split.
//!
//! Deterministic: the same records, options and seed give the same model
//! bytes on the same platform and toolchain (one thread per label, each
//! with its own seeded generator, fixed summation order). `f32::exp` may
//! round differently on another platform or libm, so bytes can differ
//! there in the last bits.

use serde::{Deserialize, Serialize};

use super::Label;
use super::features::{Collector, Extractor, FeatureVec, Idf, bucket, collect, vectorize};
use super::model::{LabelHead, Model, ModelMeta, Row};
use crate::corpus::Record;
use crate::error::Error;
use crate::eval::{LabelMetrics, prf};
use crate::text::tokenize;

/// Options for [`train`].
///
/// # Example
/// ```
/// let opts = signaal::TrainOptions { seed: 42, name: "mijn-model".into(), ..Default::default() };
/// assert_eq!(opts.bits, 19);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// Seed of the shuffling generator.
    pub seed: u64,
    /// Passes over the training data.
    pub epochs: u32,
    /// AdaGrad learning rate.
    pub learning_rate: f32,
    /// Candidate L2 strengths; with more than one, k-fold cross-validation on
    /// the training records picks one per label.
    pub l2_grid: Vec<f32>,
    /// Folds for the cross-validation (2 or more).
    pub folds: usize,
    /// Feature hash size: 2^bits buckets (12..=20).
    pub bits: u32,
    /// Weight word, bigram and character features by inverse document
    /// frequency. Off by default: on the signaal corpus it lowered the
    /// cross-validated F1 (see docs/MODEL_CARD.md).
    pub idf: bool,
    /// Model name stored in the file.
    pub name: String,
    /// Model version stored in the file.
    pub version: String,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 0,
            epochs: 20,
            learning_rate: 0.2,
            l2_grid: vec![1e-4, 3e-4, 1e-3, 3e-3, 1e-2],
            folds: 4,
            bits: 19,
            idf: false,
            name: "custom".into(),
            version: "0".into(),
        }
    }
}

/// IDFs per bucket during training.
struct IdfTable {
    idf: Vec<f32>,
    bits: u32,
}

impl Idf for IdfTable {
    fn idf(&self, hash: u64) -> f32 {
        self.idf[bucket(hash, self.bits) as usize]
    }
}

/// xorshift64* generator: small, seeded, the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn sigmoid32(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Fit one label: returns the weight column and bias.
fn fit(data: &[&FeatureVec], y: &[bool], size: usize, l2: f32, opts: &TrainOptions, seed: u64) -> (Vec<f32>, f32) {
    let n = data.len().max(1) as f32;
    let npos = y.iter().filter(|b| **b).count().max(1) as f32;
    let nneg = (y.len() as f32 - npos).max(1.0);
    let (cw_pos, cw_neg) = (n / (2.0 * npos), n / (2.0 * nneg));
    let mut w = vec![0f32; size];
    let mut g2 = vec![0f32; size];
    let (mut b, mut gb2) = (0f32, 0f32);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let eta = opts.learning_rate;
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let v = data[i];
            let z = b + v.idx.iter().zip(&v.val).map(|(&j, &x)| w[j as usize] * x).sum::<f32>();
            let target = if y[i] { 1.0 } else { 0.0 };
            let g = (sigmoid32(z) - target) * if y[i] { cw_pos } else { cw_neg };
            for (&j, &x) in v.idx.iter().zip(&v.val) {
                let j = j as usize;
                let grad = g * x + l2 * w[j];
                g2[j] += grad * grad;
                w[j] -= eta * grad / (g2[j].sqrt() + 1e-6);
            }
            gb2 += g * g;
            b -= eta * g / (gb2.sqrt() + 1e-6);
        }
    }
    (w, b)
}

fn raw_scores(data: &[&FeatureVec], w: &[f32], b: f32) -> Vec<f64> {
    data.iter()
        .map(|v| f64::from(b + v.idx.iter().zip(&v.val).map(|(&j, &x)| w[j as usize] * x).sum::<f32>()))
        .collect()
}

/// Platt scaling (Lin, Lin & Weng 2007): Newton's method on the smoothed
/// targets. Returns (a, b) with p = sigmoid(a·raw + b).
fn platt(raw: &[f64], y: &[bool]) -> (f64, f64) {
    let npos = y.iter().filter(|b| **b).count() as f64;
    let nneg = y.len() as f64 - npos;
    let (hi, lo) = ((npos + 1.0) / (npos + 2.0), 1.0 / (nneg + 2.0));
    let t: Vec<f64> = y.iter().map(|&p| if p { hi } else { lo }).collect();
    let (mut a, mut b) = (1.0f64, 0.0f64);
    let loss = |a: f64, b: f64| -> f64 {
        raw.iter()
            .zip(&t)
            .map(|(&f, &t)| {
                let z = a * f + b;
                // log(1 + e^z) - t z, computed stably
                let lse = if z > 0.0 { z + (-z).exp().ln_1p() } else { z.exp().ln_1p() };
                lse - t * z
            })
            .sum()
    };
    let mut cur = loss(a, b);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-12, 0.0, 1e-12);
        for (&f, &t) in raw.iter().zip(&t) {
            let p = 1.0 / (1.0 + (-(a * f + b)).exp());
            let d = p - t;
            let s = p * (1.0 - p);
            ga += d * f;
            gb += d;
            haa += s * f * f;
            hab += s * f;
            hbb += s;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-18 {
            break;
        }
        let da = -(hbb * ga - hab * gb) / det;
        let db = -(-hab * ga + haa * gb) / det;
        let mut step = 1.0;
        let mut improved = false;
        while step > 1e-6 {
            let next = loss(a + step * da, b + step * db);
            if next < cur - 1e-12 {
                a += step * da;
                b += step * db;
                cur = next;
                improved = true;
                break;
            }
            step /= 2.0;
        }
        if !improved || (ga.abs() < 1e-9 && gb.abs() < 1e-9) {
            break;
        }
    }
    (a, b)
}

/// The threshold maximising F1, placed midway between neighbouring scores
/// and kept in [0.05, 0.95].
fn best_threshold(p: &[f64], y: &[bool]) -> (f64, f64) {
    let mut pairs: Vec<(f64, bool)> = p.iter().copied().zip(y.iter().copied()).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total_pos = y.iter().filter(|b| **b).count();
    let (mut tp, mut fp) = (0usize, 0usize);
    let (mut best_f1, mut best_t) = (-1.0, 0.5);
    for i in 0..pairs.len() {
        if pairs[i].1 {
            tp += 1
        } else {
            fp += 1
        }
        // Only cut between different scores.
        if i + 1 < pairs.len() && pairs[i + 1].0 == pairs[i].0 {
            continue;
        }
        let (_, _, f1) = prf(tp, fp, total_pos - tp);
        if f1 > best_f1 {
            best_f1 = f1;
            let next = pairs.get(i + 1).map_or(0.0, |x| x.0);
            best_t = (pairs[i].0 + next) / 2.0;
        }
    }
    (best_t.clamp(0.05, 0.95), best_f1.max(0.0))
}

/// Pick the L2 strength with the best out-of-fold F1 (k-fold on train).
fn choose_l2(data: &[&FeatureVec], y: &[bool], size: usize, opts: &TrainOptions, seed: u64) -> (f32, Vec<(f32, f64)>) {
    if opts.l2_grid.len() == 1 || opts.folds < 2 || data.len() < opts.folds.saturating_mul(2) {
        return (opts.l2_grid.first().copied().unwrap_or(1e-4), Vec::new());
    }
    let mut fold_of: Vec<usize> = (0..data.len()).map(|i| i % opts.folds).collect();
    Rng::new(seed ^ 0xF01D).shuffle(&mut fold_of);
    let mut results = Vec::new();
    for &l2 in &opts.l2_grid {
        let mut oof = vec![0f64; data.len()];
        for k in 0..opts.folds {
            let tr: Vec<usize> = (0..data.len()).filter(|&i| fold_of[i] != k).collect();
            let te: Vec<usize> = (0..data.len()).filter(|&i| fold_of[i] == k).collect();
            let td: Vec<&FeatureVec> = tr.iter().map(|&i| data[i]).collect();
            let ty: Vec<bool> = tr.iter().map(|&i| y[i]).collect();
            let (w, b) = fit(&td, &ty, size, l2, opts, seed.wrapping_add(k as u64));
            let ed: Vec<&FeatureVec> = te.iter().map(|&i| data[i]).collect();
            for (&i, s) in te.iter().zip(raw_scores(&ed, &w, b)) {
                oof[i] = s;
            }
        }
        let (_, f1) = best_threshold(&oof, y);
        results.push((l2, f1));
    }
    // Highest F1; ties go to the stronger regularisation.
    let best =
        results.iter().fold(results[0], |acc, &r| if r.1 > acc.1 || (r.1 == acc.1 && r.0 > acc.0) { r } else { acc });
    (best.0, results)
}

fn counts(records: &[Record]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("posts".into(), records.len().into());
    for l in Label::ALL {
        m.insert(l.as_str().into(), records.iter().filter(|r| r.labels.contains(&l)).count().into());
    }
    m.insert("none".into(), records.iter().filter(|r| r.labels.is_empty()).count().into());
    serde_json::Value::Object(m)
}

/// Train a model on labelled records.
///
/// `dev` is used for calibration (Platt scaling) and for choosing each
/// label's threshold; without it, every fifth training record (after a
/// seeded shuffle) is held out for that. The L2 strength is chosen by k-fold
/// cross-validation on the training records only.
///
/// # Example
/// ```
/// use signaal::{Label, Record, TrainOptions, train};
/// let rec = |t: &str, l: &[Label]| Record { id: None, text: t.into(), labels: l.to_vec() };
/// let mut data = Vec::new();
/// for i in 0..30 {
///     data.push(rec(&format!("ik ga je neersteken {i}"), &[Label::Threat]));
///     data.push(rec(&format!("de agent was onbeschoft en niemand belde terug {i}"), &[Label::Complaint]));
///     data.push(rec(&format!("vannacht twee mannen bij de kerkstraat gezien {i}"), &[Label::Tip]));
///     data.push(rec(&format!("al die volksverraders moeten het land uit {i}"), &[Label::Polarization]));
///     data.push(rec(&format!("mooi weer vandaag, fijne dag iedereen {i}"), &[]));
/// }
/// let opts = TrainOptions { l2_grid: vec![1e-4], epochs: 5, ..Default::default() };
/// let model = train(&data, None, &opts).unwrap();
/// let analyzer = signaal::Analyzer::builder().model(model).build().unwrap();
/// assert_eq!(analyzer.classify("ik ga hem neersteken").labels, [Label::Threat]);
/// ```
pub fn train(train: &[Record], dev: Option<&[Record]>, opts: &TrainOptions) -> Result<Model, Error> {
    if !(12..=super::model::MAX_BITS).contains(&opts.bits) {
        return Err(Error::config("bits must be in 12..=20"));
    }
    if opts.folds < 2 || opts.folds > train.len() {
        return Err(Error::config("folds must be at least 2 and at most the number of training records"));
    }
    if opts.epochs == 0 || opts.l2_grid.is_empty() || !opts.learning_rate.is_finite() || opts.learning_rate <= 0.0 {
        return Err(Error::config("epochs, learning rate and the L2 grid must be positive and non-empty"));
    }
    if opts.l2_grid.iter().any(|x| !x.is_finite() || *x < 0.0) {
        return Err(Error::config("L2 strengths must be finite and non-negative"));
    }
    let (fit_set, cal_set): (Vec<Record>, Vec<Record>) = match dev {
        Some(d) => (train.to_vec(), d.to_vec()),
        None => {
            let mut idx: Vec<usize> = (0..train.len()).collect();
            Rng::new(opts.seed ^ 0xCA1).shuffle(&mut idx);
            let (mut f, mut c) = (Vec::new(), Vec::new());
            for (k, i) in idx.into_iter().enumerate() {
                if k % 5 == 0 { c.push(train[i].clone()) } else { f.push(train[i].clone()) }
            }
            (f, c)
        }
    };
    for l in Label::ALL {
        for (set, name) in [(&fit_set, "training"), (&cal_set, "calibration")] {
            let pos = set.iter().filter(|r| r.labels.contains(&l)).count();
            if pos == 0 || pos == set.len() {
                return Err(Error::input(format!(
                    "the {name} records need both posts with and without the label `{l}`"
                )));
            }
        }
    }
    let ex = Extractor::default();
    let size = 1usize << opts.bits;
    // Document frequencies of the lexical buckets over the training records;
    // IDF = ln((1 + N) / (1 + df)) + 1, as in scikit-learn's smooth IDF.
    let collected: Vec<Collector> = fit_set.iter().map(|r| collect(&ex, &r.text, &tokenize(&r.text))).collect();
    let mut df = vec![0u32; size];
    let mut seen: Vec<u32> = Vec::new();
    for c in &collected {
        seen.clear();
        seen.extend(c.items.iter().filter(|o| o.group.weighted()).map(|o| bucket(o.hash, opts.bits)));
        seen.sort_unstable();
        seen.dedup();
        for &b in &seen {
            df[b as usize] += 1;
        }
    }
    let n = fit_set.len() as f32;
    let idf_of = |d: u32| if opts.idf { ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0 } else { 1.0 };
    let table = IdfTable { idf: df.iter().map(|&d| idf_of(d)).collect(), bits: opts.bits };
    let xf: Vec<FeatureVec> = collected.iter().map(|c| vectorize(c, &table, opts.bits)).collect();
    drop(collected);
    let xf_refs: Vec<&FeatureVec> = xf.iter().collect();

    struct Fitted {
        w: Vec<f32>,
        b: f32,
        l2: f32,
        cv: Vec<(f32, f64)>,
    }
    let fitted: Vec<Fitted> = std::thread::scope(|s| {
        let handles: Vec<_> = Label::ALL
            .into_iter()
            .map(|label| {
                let xf_refs = &xf_refs;
                let fit_set = &fit_set;
                s.spawn(move || {
                    let l = label.index();
                    let seed = opts.seed.wrapping_mul(31).wrapping_add(l as u64);
                    let y: Vec<bool> = fit_set.iter().map(|r| r.labels.contains(&label)).collect();
                    let (l2, cv) = choose_l2(xf_refs, &y, size, opts, seed);
                    let (w, b) = fit(xf_refs, &y, size, l2, opts, seed);
                    Fitted { w, b, l2, cv }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("training thread does not panic")).collect()
    });

    let mut rows: Vec<Row> = table.idf.iter().map(|&idf| Row { w: [0.0; 4], idf }).collect();
    for (l, f) in fitted.iter().enumerate() {
        for (i, &x) in f.w.iter().enumerate() {
            // Drop weights too small to matter, keeping the file compact.
            rows[i].w[l] = if x.abs() < 1e-5 { 0.0 } else { x };
        }
    }
    // Calibrate on raw scores computed by the inference path itself, so the
    // figures stored in the model are exactly what users will measure.
    let uncalibrated = LabelHead { bias: 0.0, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 };
    let mut model = Model::new(
        opts.bits,
        rows,
        idf_of(0),
        std::array::from_fn(|l| LabelHead { bias: fitted[l].b, ..uncalibrated }),
        ModelMeta::default(),
    );
    let raw: Vec<[f64; 4]> = cal_set.iter().map(|r| model.raw_scores(&ex, &r.text, &tokenize(&r.text))).collect();
    let mut metrics = Vec::new();
    for label in Label::ALL {
        let l = label.index();
        let yc: Vec<bool> = cal_set.iter().map(|r| r.labels.contains(&label)).collect();
        let rl: Vec<f64> = raw.iter().map(|r| r[l]).collect();
        let (a, pb) = platt(&rl, &yc);
        let head = LabelHead { bias: fitted[l].b, platt_a: a as f32, platt_b: pb as f32, threshold: 0.5 };
        // Probabilities as the model file will compute them (f32 parameters).
        let p: Vec<f64> = rl
            .iter()
            .map(|&r| 1.0 / (1.0 + (-(f64::from(head.platt_a) * r + f64::from(head.platt_b))).exp()))
            .collect();
        let (t, _) = best_threshold(&p, &yc);
        model.heads[l] = LabelHead { threshold: t as f32, ..head };
        metrics.push(LabelMetrics::compute(label, &p, &yc, f64::from(model.heads[l].threshold)));
    }
    let macro_f1 = metrics.iter().map(|m| m.f1).sum::<f64>() / 4.0;
    let meta = ModelMeta {
        name: opts.name.clone(),
        version: opts.version.clone(),
        seed: opts.seed,
        options: serde_json::json!({
            "epochs": opts.epochs, "learning_rate": l2_json(opts.learning_rate),
            "l2_grid": opts.l2_grid.iter().map(|x| l2_json(*x)).collect::<Vec<_>>(),
            "folds": opts.folds, "bits": opts.bits, "idf": opts.idf,
            "l2_chosen": fitted.iter().map(|f| l2_json(f.l2)).collect::<Vec<_>>(),
            "cv_f1": fitted.iter().map(|f| f.cv.iter().map(|(l2, f1)| serde_json::json!({"l2": l2_json(*l2), "f1": round4(*f1)})).collect::<Vec<_>>()).collect::<Vec<_>>(),
        }),
        corpus: serde_json::json!({
            "train": counts(&fit_set),
            "calibration": counts(&cal_set),
            "calibration_source": if dev.is_some() { "dev" } else { "held-out fifth of train" },
        }),
        dev_metrics: serde_json::json!({
            "macro_f1": round4(macro_f1),
            "labels": metrics.iter().zip(&model.heads).map(|(m, h)| serde_json::json!({
                "label": m.label, "precision": round4(m.precision), "recall": round4(m.recall),
                "f1": round4(m.f1), "support": m.support, "ece": round4(m.ece),
                "threshold": h.threshold,
            })).collect::<Vec<_>>(),
        }),
    };
    model.meta = meta;
    Ok(model)
}

/// An L2 strength as it reads (0.001, not 0.0010000000474974513).
fn l2_json(x: f32) -> f64 {
    format!("{x}").parse().unwrap_or(f64::from(x))
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platt_recovers_a_monotone_map() {
        let raw: Vec<f64> = (0..200).map(|i| (i as f64 - 100.0) / 20.0).collect();
        let y: Vec<bool> = raw.iter().map(|&r| r > 0.0).collect();
        let (a, _) = platt(&raw, &y);
        assert!(a > 1.0);
    }

    #[test]
    fn threshold_separates() {
        let (t, f1) = best_threshold(&[0.9, 0.8, 0.3, 0.1], &[true, true, false, false]);
        assert!(t > 0.3 && t < 0.8, "{t}");
        assert_eq!(f1, 1.0);
    }

    #[test]
    fn shuffle_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Rng::new(3).shuffle(&mut a);
        Rng::new(3).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
