//! The linear model and its file format.
//!
//! # Model file format, version 1
//!
//! All integers and floats little-endian.
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `SGNLMDL\0` |
//! | 4 | format version (u32) = 1 |
//! | 8 | payload length N (u64) |
//! | N | payload |
//! | 8 | FNV-1a 64 checksum of the payload (u64) |
//!
//! Payload: hash bits (u8, 12..=24), label count (u8, = 4); per label
//! `bias, platt_a, platt_b, threshold` (4 × f32); metadata length (u32) and
//! metadata (UTF-8 JSON, [`ModelMeta`]); entry count (u32) and entries, each
//! a bucket index (u32, strictly increasing, < 2^bits) followed by the four
//! label weights (4 × f32). Buckets not listed have weight 0.

use serde::{Deserialize, Serialize};

use super::features::{Extractor, FeatureVec, NamedSink, bucket, featurize, group_values};
use super::{Classification, Evidence, EvidenceItem, Label, Scores};
use crate::error::Error;
use crate::text::Doc;

const MAGIC: &[u8; 8] = b"SGNLMDL\0";
const FORMAT_VERSION: u32 = 1;
/// How many evidence items a label gets at most.
const EVIDENCE_ITEMS: usize = 6;

/// Per-label parameters: bias, Platt calibration and decision threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LabelHead {
    /// Intercept of the raw linear score.
    pub bias: f32,
    /// Platt slope: `p = 1 / (1 + exp(-(a·raw + b)))`.
    pub platt_a: f32,
    /// Platt offset.
    pub platt_b: f32,
    /// Decision threshold on the calibrated probability.
    pub threshold: f32,
}

/// Descriptive metadata stored in a model file: what it was trained on and
/// how it scored. Shown by `signaal model info`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ModelMeta {
    /// Model name, e.g. `signaal-nl`.
    pub name: String,
    /// Model version, e.g. `2026.11.0`.
    pub version: String,
    /// Training seed.
    pub seed: u64,
    /// Options used for training, as JSON.
    pub options: serde_json::Value,
    /// Corpus make-up: posts and per-label counts of the training and calibration sets.
    pub corpus: serde_json::Value,
    /// Metrics on the calibration (dev) set, as JSON.
    pub dev_metrics: serde_json::Value,
}

/// A trained classifier: hashed feature weights for the four labels, their
/// calibration and thresholds, and metadata.
///
/// # Example
/// ```
/// let model = signaal::Model::builtin();
/// let bytes = model.to_bytes();
/// let again = signaal::Model::from_bytes(&bytes).unwrap();
/// assert_eq!(again.meta().version, signaal::MODEL_VERSION);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) weights: Vec<[f32; 4]>,
    pub(crate) heads: [LabelHead; 4],
    pub(crate) meta: ModelMeta,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A bounds-checked little-endian reader.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or_else(|| {
            Error::model(format!("model file is truncated (needed {n} bytes at offset {})", self.pos))
        })?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        let v = f32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes"));
        if v.is_finite() { Ok(v) } else { Err(Error::model("model file holds a non-finite number")) }
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    pub(crate) fn new(bits: u32, weights: Vec<[f32; 4]>, heads: [LabelHead; 4], meta: ModelMeta) -> Model {
        Model { bits, weights, heads, meta }
    }

    /// The model embedded in the library (trained on `data/corpus`), parsed once.
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::Model::builtin().meta().name, "signaal-nl");
    /// ```
    pub fn builtin() -> &'static Model {
        &crate::BUILTIN_MODEL
    }

    /// Metadata: name, version, training corpus and dev metrics.
    pub fn meta(&self) -> &ModelMeta {
        &self.meta
    }

    /// Per-label bias, calibration and threshold, in label order.
    ///
    /// # Example
    /// ```
    /// let t = signaal::Model::builtin().heads()[signaal::Label::Tip.index()].threshold;
    /// assert!(t > 0.0 && t < 1.0);
    /// ```
    pub fn heads(&self) -> &[LabelHead; 4] {
        &self.heads
    }

    /// Serialise to the model file format (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        p.push(self.bits as u8);
        p.push(4u8);
        for h in &self.heads {
            for x in [h.bias, h.platt_a, h.platt_b, h.threshold] {
                p.extend_from_slice(&x.to_le_bytes());
            }
        }
        let meta = serde_json::to_vec(&self.meta).expect("metadata serialises");
        p.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        p.extend_from_slice(&meta);
        let entries: Vec<(u32, &[f32; 4])> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| w.iter().any(|x| *x != 0.0))
            .map(|(i, w)| (i as u32, w))
            .collect();
        p.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (i, w) in entries {
            p.extend_from_slice(&i.to_le_bytes());
            for x in w {
                p.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut out = Vec::with_capacity(p.len() + 28);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        out.extend_from_slice(&p);
        out.extend_from_slice(&fnv1a(&p).to_le_bytes());
        out
    }

    /// Parse a model file. Truncated, corrupted, wrong-version or foreign
    /// files give an [`ErrorKind::InvalidModel`](crate::ErrorKind::InvalidModel) error.
    ///
    /// # Example
    /// ```
    /// let mut bytes = signaal::Model::builtin().to_bytes();
    /// let n = bytes.len();
    /// bytes[n / 2] ^= 0xff; // corrupt one byte
    /// assert!(signaal::Model::from_bytes(&bytes).is_err());
    /// assert!(signaal::Model::from_bytes(&bytes[..100]).is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(8).ok() != Some(&MAGIC[..]) {
            return Err(Error::model("not a signaal model file (bad magic bytes)"));
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(Error::model(format!(
                "model file format version {version} is not supported (this library reads version {FORMAT_VERSION})"
            )));
        }
        let len = usize::try_from(r.u64()?).map_err(|_| Error::model("model payload length overflows"))?;
        let payload = r.take(len)?;
        let checksum = r.u64()?;
        if r.pos != bytes.len() {
            return Err(Error::model("model file has trailing bytes"));
        }
        if fnv1a(payload) != checksum {
            return Err(Error::model("model file checksum mismatch (corrupted)"));
        }
        let mut p = Reader { b: payload, pos: 0 };
        let bits = u32::from(p.u8()?);
        if !(12..=24).contains(&bits) {
            return Err(Error::model(format!("model hash size 2^{bits} is out of range")));
        }
        if p.u8()? != 4 {
            return Err(Error::model("model must have exactly four labels"));
        }
        let mut heads = [LabelHead { bias: 0.0, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 }; 4];
        for h in &mut heads {
            *h = LabelHead { bias: p.f32()?, platt_a: p.f32()?, platt_b: p.f32()?, threshold: p.f32()? };
            if !(0.0..=1.0).contains(&h.threshold) {
                return Err(Error::model("model threshold outside [0, 1]"));
            }
        }
        let meta_len = p.u32()? as usize;
        let meta: ModelMeta = serde_json::from_slice(p.take(meta_len)?)
            .map_err(|e| Error::model(format!("model metadata is not valid: {e}")))?;
        let n = p.u32()? as usize;
        let size = 1usize << bits;
        if n > size {
            return Err(Error::model("model has more entries than buckets"));
        }
        let mut weights = vec![[0f32; 4]; size];
        let mut last: Option<u32> = None;
        for _ in 0..n {
            let i = p.u32()?;
            if i as usize >= size || last.is_some_and(|l| i <= l) {
                return Err(Error::model("model entries out of order or out of range"));
            }
            last = Some(i);
            weights[i as usize] = [p.f32()?, p.f32()?, p.f32()?, p.f32()?];
        }
        if p.pos != payload.len() {
            return Err(Error::model("model payload has trailing bytes"));
        }
        Ok(Model { bits, weights, heads, meta })
    }

    /// Raw linear scores of a feature vector.
    pub(crate) fn raw(&self, v: &FeatureVec) -> [f64; 4] {
        let mut acc = [0f32; 4];
        for (&i, &x) in v.idx.iter().zip(&v.val) {
            let w = &self.weights[i as usize];
            for l in 0..4 {
                acc[l] += w[l] * x;
            }
        }
        std::array::from_fn(|l| f64::from(acc[l] + self.heads[l].bias))
    }

    pub(crate) fn calibrate(&self, raw: [f64; 4]) -> [f64; 4] {
        std::array::from_fn(|l| {
            let h = &self.heads[l];
            sigmoid(f64::from(h.platt_a) * raw[l] + f64::from(h.platt_b))
        })
    }

    /// Classify a tokenised post; `thresholds` override the model's.
    pub(crate) fn classify(&self, ex: &Extractor, text: &str, doc: &Doc, thresholds: &[f32; 4]) -> Classification {
        let v = featurize(ex, text, doc, self.bits);
        let p = self.calibrate(self.raw(&v));
        let labels: Vec<Label> =
            Label::ALL.into_iter().filter(|l| p[l.index()] >= f64::from(thresholds[l.index()])).collect();
        let evidence = if labels.is_empty() { Evidence::default() } else { self.evidence(ex, text, doc, &labels) };
        Classification { labels, scores: Scores::from_array(p), evidence }
    }

    /// The named features that contribute most to each label in `labels`.
    fn evidence(&self, ex: &Extractor, text: &str, doc: &Doc, labels: &[Label]) -> Evidence {
        let mut sink = NamedSink::default();
        ex.extract(text, doc, &mut sink);
        let mut keys: Vec<(u64, super::features::Group)> = sink.items.iter().map(|n| (n.hash, n.group)).collect();
        let values = group_values(&mut keys);
        // First occurrence of each feature, in text order.
        let mut seen = std::collections::HashSet::new();
        let named: Vec<_> = sink.items.into_iter().filter(|n| seen.insert(n.hash)).collect();
        let mut ev = Evidence::default();
        for &label in labels {
            let l = label.index();
            let mut items: Vec<EvidenceItem> = named
                .iter()
                .map(|n| {
                    let w = self.weights[bucket(n.hash, self.bits) as usize][l] * values[n.group as usize];
                    EvidenceItem {
                        feature: n.name.clone(),
                        weight: (f64::from(w) * 1e4).round() / 1e4,
                        start: n.span.map(|s| s.start),
                        end: n.span.map(|s| s.end),
                        char_start: n.span.map(|s| s.char_start),
                        char_end: n.span.map(|s| s.char_end),
                    }
                })
                .filter(|e| e.weight > 0.0)
                .collect();
            // Strongest first; ties by text position then name, for determinism.
            items.sort_by(|a, b| {
                b.weight.total_cmp(&a.weight).then(a.start.cmp(&b.start)).then(a.feature.cmp(&b.feature))
            });
            items.truncate(EVIDENCE_ITEMS);
            *ev.get_mut(label) = items;
        }
        ev
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut weights = vec![[0f32; 4]; 1 << 12];
        weights[7] = [0.5, -1.0, 2.0, 0.0];
        let head = LabelHead { bias: 0.1, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 };
        Model::new(12, weights, [head; 4], ModelMeta { name: "t".into(), version: "0".into(), ..Default::default() })
    }

    #[test]
    fn round_trip() {
        let m = tiny();
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = tiny().to_bytes();
        for n in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..n]).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn every_single_byte_corruption_is_an_error() {
        let bytes = tiny().to_bytes();
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(Model::from_bytes(&b).is_err(), "byte {i}");
        }
    }

    #[test]
    fn wrong_version_is_named() {
        let mut b = tiny().to_bytes();
        b[8] = 9;
        let e = Model::from_bytes(&b).unwrap_err();
        assert!(e.to_string().contains("version 9"), "{e}");
    }
}
