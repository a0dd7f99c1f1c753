//! The linear model and its file format.

use serde::{Deserialize, Serialize};

use std::cell::RefCell;

use super::features::{
    CharWord, Collector, Extractor, FeatureConfig, FeatureRef, GROUPS, Group, Sink, StemHashBuild, Stems, bucket,
    char_grams, char_ngrams, feature_hash, norms_of,
};
pub(crate) use super::table::Row;
use super::table::Table;
use super::{Classification, Evidence, EvidenceItem, Label, Scores};
use crate::error::Error;
use crate::text::Doc;
use crate::text::Span;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"SGNLMDL\0";
/// Largest hash size a model may declare: 2^20 buckets, 20 MB in memory.
/// A file cannot make the reader allocate more.
pub(crate) const MAX_BITS: u32 = 20;
/// Largest magnitude of a weight, bias or Platt parameter. Trained values
/// stay far below it; beyond it sums could overflow to infinity.
const MAX_PARAM: f32 = 1e6;
/// Version 2 added the feature settings (character n-gram widths,
/// sublinear TF, character weight), version 3 the weight of the
/// count-once features. Version 2 files are read (their count-once
/// features weigh 1); version 1 files are rejected.
const FORMAT_VERSION: u32 = 3;
/// How many evidence items a label gets at most.
const EVIDENCE_ITEMS: usize = 6;

/// Per-label parameters: bias, Platt calibration and decision threshold.
///
/// # Example
/// ```
/// let h = signaal::Model::builtin().heads()[signaal::Label::Tip.index()];
/// assert!(h.platt_a > 0.0);
/// ```
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
///
/// # Example
/// ```
/// let meta = signaal::Model::builtin().meta();
/// assert_eq!(meta.corpus["calibration_source"], "dev");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ModelMeta {
    /// Model name, e.g. `signaal-nl`.
    pub name: String,
    /// Model version, e.g. `2026.11.1`.
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
/// ## Model file format, version 3
///
/// All integers and floats little-endian.
///
/// | bytes | field |
/// |---|---|
/// | 8 | magic `SGNLMDL\0` |
/// | 4 | format version (u32) = 3 |
/// | 8 | payload length N (u64) |
/// | N | payload |
/// | 8 | FNV-1a 64 checksum of the payload (u64) |
///
/// Payload: hash bits (u8, 12..=20), label count (u8, = 4); the feature
/// settings: shortest and longest character n-gram (u8 each,
/// 1 <= min <= max <= 6), flags (u8: bit 0 sublinear TF, other bits 0),
/// the character family's weight (f32, in (0, 100]) and the value of a
/// count-once feature (cue, combination, style; f32, in (0, 100]; absent
/// in version 2 files, where it is 1); per label
/// `bias, platt_a, platt_b, threshold` (4 × f32); the IDF of buckets
/// unseen in training (f32); metadata length (u32) and metadata (UTF-8
/// JSON, [`ModelMeta`]); entry count (u32) and entries, each a bucket index
/// (u32, strictly increasing, < 2^bits), the bucket's IDF (f32) and the
/// four label weights (4 × f32). Buckets not listed have weight 0 and the
/// unseen IDF.
///
/// # Example
/// ```
/// let model = signaal::Model::builtin();
/// let bytes = model.to_bytes();
/// let again = signaal::Model::from_bytes(&bytes).unwrap();
/// assert_eq!(again.meta().version, signaal::MODEL_VERSION);
/// ```
#[derive(Clone)]
pub struct Model {
    bits: u32,
    /// The buckets' weights and IDFs (sparse: see [`Table`]).
    table: Table,
    /// Every IDF is 1 (the model was trained without IDF): norms need no lookups.
    uniform_idf: bool,
    pub(crate) heads: [LabelHead; 4],
    /// How features are formed and valued (as in training).
    features: FeatureConfig,
    pub(crate) meta: ModelMeta,
    /// Names this model's `bits`, `table` and `features` (which only the
    /// constructor sets) in the per-thread cache of character n-gram sums;
    /// a clone shares it, as it shares those.
    uid: u64,
    /// The file format version the model was read from
    /// ([`FORMAT_VERSION`] when trained or built in memory).
    format: u32,
}

/// Models are equal when their contents are (whatever their cache names
/// and the file format they were read from).
impl PartialEq for Model {
    fn eq(&self, o: &Model) -> bool {
        (self.bits, &self.table, self.uniform_idf, &self.heads, &self.features, &self.meta)
            == (o.bits, &o.table, o.uniform_idf, &o.heads, &o.features, &o.meta)
    }
}

/// The next [`Model::uid`].
static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A summary: name, version, hash size and non-zero rows (not the rows).
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("name", &self.meta.name)
            .field("version", &self.meta.version)
            .field("bits", &self.bits)
            .field("nonzero_rows", &self.table.entries().filter(|(_, r)| r.w.iter().any(|w| *w != 0.0)).count())
            .field("heads", &self.heads)
            .finish()
    }
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
        if v.is_finite() && v.abs() <= MAX_PARAM {
            Ok(v)
        } else {
            Err(Error::model("model file holds a number out of range"))
        }
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    pub(crate) fn new(
        bits: u32,
        rows: Vec<Row>,
        idf_unseen: f32,
        heads: [LabelHead; 4],
        features: FeatureConfig,
        meta: ModelMeta,
    ) -> Model {
        debug_assert_eq!(rows.len(), 1 << bits);
        Model::with_table(bits, Table::from_dense(&rows, idf_unseen), heads, features, meta)
    }

    fn with_table(bits: u32, table: Table, heads: [LabelHead; 4], features: FeatureConfig, meta: ModelMeta) -> Model {
        let uniform_idf = table.uniform_idf();
        let uid = NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Model { bits, table, uniform_idf, heads, features, meta, uid, format: FORMAT_VERSION }
    }

    /// The file format version this model was read from; for a model
    /// trained in memory, the version [`Model::to_bytes`] writes (3).
    /// Version 2 files are still read.
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::Model::builtin().format_version(), 3);
    /// ```
    pub fn format_version(&self) -> u32 {
        self.format
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
    ///
    /// # Example
    /// ```
    /// let meta = signaal::Model::builtin().meta();
    /// assert!(meta.dev_metrics["macro_f1"].as_f64().unwrap() > 0.5);
    /// ```
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

    /// Serialise to the model file format (see [`Model`]).
    ///
    /// # Example
    /// ```
    /// let bytes = signaal::Model::builtin().to_bytes();
    /// assert_eq!(&bytes[..8], b"SGNLMDL\0");
    /// assert_eq!(bytes, signaal::BUILTIN_MODEL_BYTES);
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        p.push(self.bits as u8);
        p.push(4u8);
        let f = &self.features;
        p.extend_from_slice(&[f.char_min, f.char_max, u8::from(f.sublinear_tf)]);
        p.extend_from_slice(&f.char_weight.to_le_bytes());
        p.extend_from_slice(&f.cue_weight.to_le_bytes());
        for h in &self.heads {
            for x in [h.bias, h.platt_a, h.platt_b, h.threshold] {
                p.extend_from_slice(&x.to_le_bytes());
            }
        }
        p.extend_from_slice(&self.table.idf_unseen().to_le_bytes());
        let meta = serde_json::to_vec(&self.meta).expect("metadata serialises");
        p.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        p.extend_from_slice(&meta);
        // The table stores exactly the rows that differ from the unseen row.
        p.extend_from_slice(&(self.table.len() as u32).to_le_bytes());
        for (i, r) in self.table.entries() {
            p.extend_from_slice(&i.to_le_bytes());
            p.extend_from_slice(&r.idf.to_le_bytes());
            for x in r.w {
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

    /// Parse a model file (format above). Truncated, corrupted, wrong-version or foreign
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
        if version != FORMAT_VERSION && version != 2 {
            return Err(Error::model(format!(
                "model file format version {version} is not supported (this library reads versions 2 and {FORMAT_VERSION})"
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
        if !(12..=MAX_BITS).contains(&bits) {
            return Err(Error::model(format!("model hash size 2^{bits} is out of range")));
        }
        if p.u8()? != 4 {
            return Err(Error::model("model must have exactly four labels"));
        }
        let (char_min, char_max, flags) = (p.u8()?, p.u8()?, p.u8()?);
        if !(1..=char_max).contains(&char_min) || char_max > FeatureConfig::CHAR_MAX {
            return Err(Error::model(format!(
                "model character n-gram widths {char_min}..={char_max} are out of range"
            )));
        }
        if flags > 1 {
            return Err(Error::model("model feature flags are not known"));
        }
        let char_weight = p.f32()?;
        if !(char_weight > 0.0 && char_weight <= 100.0) {
            return Err(Error::model("model character weight out of range"));
        }
        let cue_weight = if version >= 3 { p.f32()? } else { 1.0 };
        if !(cue_weight > 0.0 && cue_weight <= 100.0) {
            return Err(Error::model("model cue weight out of range"));
        }
        let features = FeatureConfig { char_min, char_max, sublinear_tf: flags == 1, char_weight, cue_weight };
        let mut heads = [LabelHead { bias: 0.0, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 }; 4];
        for h in &mut heads {
            *h = LabelHead { bias: p.f32()?, platt_a: p.f32()?, platt_b: p.f32()?, threshold: p.f32()? };
            if !(0.0..=1.0).contains(&h.threshold) {
                return Err(Error::model("model threshold outside [0, 1]"));
            }
        }
        let idf_unseen = p.f32()?;
        if idf_unseen <= 0.0 || idf_unseen > 1e3 {
            return Err(Error::model("model IDF out of range"));
        }
        let meta_len = p.u32()? as usize;
        let meta: ModelMeta = serde_json::from_slice(p.take(meta_len)?)
            .map_err(|e| Error::model(format!("model metadata is not valid: {e}")))?;
        let n = p.u32()? as usize;
        let size = 1usize << bits;
        if n > size {
            return Err(Error::model("model has more entries than buckets"));
        }
        let mut entries = Vec::with_capacity(n);
        let mut last: Option<u32> = None;
        for _ in 0..n {
            let i = p.u32()?;
            if i as usize >= size || last.is_some_and(|l| i <= l) {
                return Err(Error::model("model entries out of order or out of range"));
            }
            last = Some(i);
            let idf = p.f32()?;
            if idf <= 0.0 || idf > 1e3 {
                return Err(Error::model("model IDF out of range"));
            }
            entries.push((i, Row { idf, w: [p.f32()?, p.f32()?, p.f32()?, p.f32()?] }));
        }
        if p.pos != payload.len() {
            return Err(Error::model("model payload has trailing bytes"));
        }
        let mut model = Model::with_table(bits, Table::from_entries(bits, idf_unseen, entries), heads, features, meta);
        model.format = version;
        Ok(model)
    }

    /// Raw linear scores from collected occurrences: per family, the sum
    /// of weight × value, normalised per family by [`Collector::norms`].
    /// The norms are those of [`Collector::norms`], summed in the same pass
    /// (the same operations in the same order), and kept in `c.norms`.
    fn raw_from(&self, c: &mut Collector) -> [f64; 4] {
        if self.uniform_idf { self.raw_from_with::<true>(c) } else { self.raw_from_with::<false>(c) }
    }

    /// [`raw_from`](Self::raw_from); `UNIFORM`: every IDF is 1, so the
    /// rows' IDFs are not read (1 × 1 × count and 1 × count are exact, so
    /// the sums are the same). Values and squares are those of
    /// [`FeatureConfig::tf`] and [`FeatureConfig::sq`], as in training.
    #[inline]
    fn raw_from_with<const UNIFORM: bool>(&self, c: &mut Collector) -> [f64; 4] {
        let cfg = &self.features;
        let mut sq = [0f32; GROUPS];
        let mut acc = [[0f32; 4]; GROUPS];
        c.weights.clear();
        c.weights.reserve(c.items.len());
        let t = &self.table;
        for o in &c.items {
            let stored = t.find(bucket(o.hash, self.bits));
            let x = if o.group.weighted() {
                // `Model::idf`: the row's IDF (1 in every row when uniform).
                let idf = self.idf_of(stored, UNIFORM);
                sq[o.group as usize] += cfg.sq(idf, o.count);
                idf * cfg.tf(o.count)
            } else {
                1.0
            };
            // A bucket that is not stored has weight 0 for every label.
            let w = stored.map_or([0.0; 4], |i| t.weights(i).map(|w| w * x));
            for (a, w) in acc[o.group as usize].iter_mut().zip(w) {
                *a += w;
            }
            // Kept for the evidence, so the table is read once per occurrence.
            c.weights.push(w);
        }
        // Character n-grams, summed per word by `Scorer::word_chars`.
        let chars = Group::Chars as usize;
        for cw in &c.char_words {
            sq[chars] += cw.sq;
            for (a, w) in acc[chars].iter_mut().zip(cw.w) {
                *a += w;
            }
        }
        let norms = norms_of(sq, cfg);
        c.norms = norms;
        std::array::from_fn(|l| {
            let sum: f32 = (0..GROUPS).map(|g| acc[g][l] * norms[g]).sum();
            f64::from(sum + self.heads[l].bias)
        })
    }

    /// The IDF of a bucket.
    pub(crate) fn idf(&self, hash: u64) -> f32 {
        self.idf_of(self.table.find(bucket(hash, self.bits)), self.uniform_idf)
    }

    /// The IDF of a bucket found at `stored` in the table (`None`: not
    /// stored); 1 without reading when `uniform` (every IDF is 1).
    #[inline]
    fn idf_of(&self, stored: Option<usize>, uniform: bool) -> f32 {
        if uniform { 1.0 } else { stored.map_or(self.table.idf_unseen(), |i| self.table.idf_at(i)) }
    }

    pub(crate) fn calibrate(&self, raw: [f64; 4]) -> [f64; 4] {
        std::array::from_fn(|l| {
            let h = &self.heads[l];
            sigmoid(f64::from(h.platt_a) * raw[l] + f64::from(h.platt_b))
        })
    }

    /// Raw scores of a tokenised post, by the inference path.
    pub(crate) fn raw_scores(&self, ex: &Extractor, text: &str, doc: &Doc) -> [f64; 4] {
        self.with_features(ex, text, doc, |c, _| self.raw_from(c))
    }

    /// Extract a post's features into this thread's reused collector and
    /// hand it, with the stems, to `f`.
    fn with_features<R>(
        &self,
        ex: &Extractor,
        text: &str,
        doc: &Doc,
        f: impl FnOnce(&mut Collector, &Stems) -> R,
    ) -> R {
        COLLECTOR.with(|c| {
            let (c, stems, cache) = &mut *c.borrow_mut();
            c.clear();
            if stems.oversized() {
                // A huge earlier post does not keep its buffers on the thread.
                *stems = Stems::default();
            }
            ex.stems_into(doc, stems);
            let cache = cache.of(self.uid);
            ex.extract(text, doc, stems, &self.features, &mut Scorer { c, model: self, cache });
            f(c, stems)
        })
    }

    /// Classify a tokenised post; `thresholds` override the model's.
    ///
    /// `mask(start, end)` is asked about the span of each evidence item
    /// whose name is text of the post (a stem, word, bigram or character
    /// n-gram); where it answers with a tag, the item is named `[TAG]`.
    pub(crate) fn classify(
        &self,
        ex: &Extractor,
        text: &str,
        doc: &Doc,
        thresholds: &[f32; 4],
        mask: &mut dyn FnMut(usize, usize) -> Option<&'static str>,
    ) -> Classification {
        self.with_features(ex, text, doc, |c, stems| {
            let p = self.calibrate(self.raw_from(c));
            let mut labels = Vec::new();
            let mut evidence = Evidence::default();
            let mut merged = false;
            for label in Label::ALL {
                if p[label.index()] < f64::from(thresholds[label.index()]) {
                    continue;
                }
                if !merged {
                    merge_char_forms(c, doc);
                    merged = true;
                }
                // Every label must be explainable: one that no feature of the
                // post supports (a score from the bias alone) is not given.
                let items = self.evidence(ex, doc, stems, c, label, mask);
                if !items.is_empty() {
                    labels.push(label);
                    *evidence.get_mut(label) = items;
                }
            }
            Classification { labels, scores: Scores::from_array(p), evidence }
        })
    }

    /// The features that contribute most to `label`: at most
    /// [`EVIDENCE_ITEMS`], strongest first. The character n-grams come
    /// summed per word form ([`merge_char_forms`]).
    fn evidence(
        &self,
        ex: &Extractor,
        doc: &Doc,
        stems: &Stems,
        c: &Collector,
        label: Label,
        mask: &mut dyn FnMut(usize, usize) -> Option<&'static str>,
    ) -> Vec<EvidenceItem> {
        let l = label.index();
        let norms = &c.norms;
        // Strongest first; ties go to the item met first in this order: the
        // collector's items (in position order), then the character words
        // (in position order): deterministic, though a character word ties
        // after every collector item wherever it stands. Items are distinct
        // features, their weight covering every occurrence; an item goes
        // before another only when its weight is strictly greater (weights
        // here are positive numbers). Index `i` below the collector's
        // length is its item, above it a character word.
        let mut top = [(0f32, 0usize); EVIDENCE_ITEMS];
        let mut n = 0;
        let collected = c.items.iter().zip(&c.weights).map(|(o, w)| w[l] * norms[o.group as usize]);
        let char_words = &c.char_forms;
        let chars = char_words.iter().map(|cw| cw.w[l] * norms[Group::Chars as usize]);
        for (i, w) in collected.chain(chars).enumerate() {
            let enters = w > 0.0 && (n < EVIDENCE_ITEMS || w > top[n - 1].0);
            if !enters {
                continue;
            }
            // Insertion into the sorted head (dropping its last item when full).
            n = (n + 1).min(EVIDENCE_ITEMS);
            let mut k = n - 1;
            while k > 0 && w > top[k - 1].0 {
                top[k] = top[k - 1];
                k -= 1;
            }
            top[k] = (w, i);
        }
        top[..n]
            .iter()
            .map(|&(w, i)| {
                let (fref, span) = match c.items.get(i) {
                    Some(o) => (o.fref, c.span_of(o, doc)),
                    None => {
                        let term = char_words[i - c.items.len()].term;
                        (FeatureRef::CharWord(term), Some(doc.terms[term as usize].span))
                    }
                };
                let lexical = matches!(
                    fref,
                    FeatureRef::Word(_)
                        | FeatureRef::RawWord(_)
                        | FeatureRef::Bigram(_)
                        | FeatureRef::Chars { .. }
                        | FeatureRef::CharWord(_)
                );
                let tag = match span {
                    Some(s) if lexical => mask(s.start, s.end),
                    _ => None,
                };
                EvidenceItem {
                    feature: match tag {
                        Some(tag) => format!("[{tag}]"),
                        None => ex.name(fref, doc, stems),
                    },
                    weight: (f64::from(w) * 1e4).round() / 1e4,
                    start: span.map(|s| s.start),
                    end: span.map(|s| s.end),
                    char_start: span.map(|s| s.char_start),
                    char_end: span.map(|s| s.char_end),
                }
            })
            .collect()
    }
}

/// The inference sink: features go to the collector, except that with
/// raw counts (not sublinear TF) a word's character n-grams are looked up
/// and summed at once ([`CharWord`]) instead of becoming items one by one.
/// The sum over a post is the same (only its order differs): with raw
/// counts every gram occurrence adds weight × IDF and IDF² on its own.
struct Scorer<'a> {
    c: &'a mut Collector,
    model: &'a Model,
    /// This model's sums of recent word forms on this thread.
    cache: &'a mut CharSums,
}

/// The character n-gram sums of one word form under one model.
#[derive(Debug, Clone, Copy)]
struct CharSum {
    w: [f32; 4],
    sq: f32,
    grams: u32,
}

type CharSums = HashMap<Box<str>, CharSum, StemHashBuild>;

/// Per thread, the [`CharSum`]s of recent word forms for the last few
/// models used (by uid), so a form's grams are hashed and looked up once.
#[derive(Default)]
struct CharCache {
    models: Vec<(u64, CharSums)>,
}

/// Models whose sums a thread keeps at once.
const CHAR_CACHE_MODELS: usize = 2;
/// Word forms a thread keeps per model before it starts afresh (bounds memory).
const CHAR_CACHE_MAX: usize = 32_768;
/// Longest word form (bytes) whose sums are kept.
const CHAR_CACHE_WORD_MAX: usize = 32;

impl CharCache {
    /// The sums of `uid`'s model, made room for when needed. The models are
    /// kept in order of use, the most recent last: a thread that goes back
    /// and forth between one main model and others keeps the main one's sums.
    fn of(&mut self, uid: u64) -> &mut CharSums {
        match self.models.iter().position(|(u, _)| *u == uid) {
            Some(k) => self.models[k..].rotate_left(1),
            None => {
                if self.models.len() >= CHAR_CACHE_MODELS {
                    self.models.remove(0); // the least recently used
                }
                self.models.push((uid, CharSums::default()));
            }
        }
        &mut self.models.last_mut().expect("just placed").1
    }
}

impl Scorer<'_> {
    /// The n-gram sums of a word form, computed.
    fn char_sum(&self, norm: &str, cfg: &FeatureConfig) -> CharSum {
        let (m, t) = (self.model, &self.model.table);
        let mut sum = CharSum { w: [0.0; 4], sq: 0.0, grams: 0 };
        char_grams(norm, cfg, |hash, _, _| {
            sum.grams += 1;
            let stored = t.find(bucket(hash, m.bits));
            let idf = m.idf_of(stored, m.uniform_idf);
            if !m.uniform_idf {
                sum.sq += idf * idf;
            }
            if let Some(i) = stored {
                for (a, w) in sum.w.iter_mut().zip(t.weights(i)) {
                    *a += w * idf;
                }
            }
        });
        if m.uniform_idf {
            sum.sq = sum.grams as f32; // exact: every IDF² is 1
        }
        sum
    }
}

impl Sink for Scorer<'_> {
    #[inline]
    fn add(&mut self, group: Group, hash: u64, fref: FeatureRef) {
        self.c.add(group, hash, fref);
    }

    fn add_spanned(&mut self, group: Group, hash: u64, fref: FeatureRef, span: Option<Span>) {
        self.c.add_spanned(group, hash, fref, span);
    }

    #[inline]
    fn word_chars(&mut self, norm: &str, term: u32, cfg: &FeatureConfig) {
        if cfg.sublinear_tf {
            // Sublinear TF needs each gram's count over the whole post.
            char_ngrams(norm, term, cfg, self.c);
            return;
        }
        if norm.len() <= 2 {
            return; // at most two characters: no n-gram of three (see `char_grams`)
        }
        let sum = match self.cache.get(norm) {
            Some(sum) => *sum,
            None => {
                let sum = self.char_sum(norm, cfg);
                if norm.len() <= CHAR_CACHE_WORD_MAX {
                    // Bounded on every insert, also within one long post.
                    if self.cache.len() >= CHAR_CACHE_MAX {
                        *self.cache = CharSums::default();
                    }
                    self.cache.insert(norm.into(), sum);
                }
                sum
            }
        };
        if sum.grams > 0 {
            self.c.char_words.push(CharWord { term, w: sum.w, sq: sum.sq });
        }
    }
}

/// The character n-grams of a post as evidence candidates, into
/// `c.char_forms`: one per distinct word form, its occurrences summed, at
/// its first occurrence; in order of first occurrence. Linear: forms are
/// found again by hash (and compared).
fn merge_char_forms(c: &mut Collector, doc: &Doc) {
    const EMPTY: u32 = u32::MAX;
    let size = (c.char_words.len() * 2).next_power_of_two().max(16);
    let mask = size - 1;
    let Collector { char_words, char_forms: out, form_slots: slots, form_hashes: hashes, .. } = c;
    slots.clear();
    slots.resize(size, EMPTY);
    out.clear();
    hashes.clear();
    for cw in char_words.iter() {
        let form = doc.terms[cw.term as usize].norm.as_str();
        let hash = feature_hash(Group::Chars, &[form]);
        let mut s = hash as usize & mask;
        loop {
            let k = slots[s];
            if k == EMPTY {
                slots[s] = out.len() as u32;
                hashes.push(hash);
                out.push(*cw);
                break;
            }
            let o = &mut out[k as usize];
            if hashes[k as usize] == hash && doc.terms[o.term as usize].norm.as_str() == form {
                for (a, w) in o.w.iter_mut().zip(cw.w) {
                    *a += w;
                }
                break;
            }
            s = (s + 1) & mask;
        }
    }
}

thread_local! {
    /// Occurrence and stem buffers reused by every post scored on this thread.
    static COLLECTOR: RefCell<(Collector, Stems, CharCache)> = RefCell::new(Default::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut rows = vec![Row { w: [0.0; 4], idf: 3.0 }; 1 << 12];
        rows[7] = Row { w: [0.5, -1.0, 2.0, 0.0], idf: 1.5 };
        let head = LabelHead { bias: 0.1, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 };
        Model::new(
            12,
            rows,
            3.0,
            [head; 4],
            FeatureConfig::default(),
            ModelMeta { name: "t".into(), version: "0".into(), ..Default::default() },
        )
    }

    #[test]
    fn char_cache_evicts_the_least_recently_used_model() {
        let mut cache = CharCache::default();
        let uids = |c: &CharCache| c.models.iter().map(|(u, _)| *u).collect::<Vec<_>>();
        cache.of(1);
        cache.of(2);
        cache.of(1); // 1 used again: 2 is now the least recently used
        assert_eq!(uids(&cache), [2, 1]);
        cache.of(3);
        assert_eq!(uids(&cache), [1, 3]);
        cache.of(3);
        assert_eq!(uids(&cache), [1, 3]);
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

    /// The inference path (sums as it goes) scores exactly what training
    /// fits: the bias plus the weights times the training feature vector.
    #[test]
    fn inference_sums_the_training_feature_vector() {
        use crate::classify::features::{collect, vectorize};
        let text = "Ik ga die gast echt echt ECHT pakken!!! kogel kogel kogel @politie https://x.nl om 23.15 🔪";
        let doc = crate::text::tokenize(text);
        let ex = Extractor::default();
        let bits = 12;
        // Every bucket weighted, every IDF its own (no uniform shortcut).
        let rows: Vec<Row> = (0..1u32 << bits)
            .map(|i| {
                let f = |k: u32| ((i.wrapping_mul(2_654_435_761).wrapping_add(k * 97)) % 1000) as f32 / 500.0 - 1.0;
                Row { w: [f(1), f(2), f(3), f(4)], idf: 1.0 + f(5).abs() }
            })
            .collect();
        let head = LabelHead { bias: 0.25, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 };
        for features in [
            FeatureConfig::default(),
            FeatureConfig { char_min: 2, char_max: 5, sublinear_tf: true, char_weight: 0.5, cue_weight: 0.3 },
        ] {
            let m = Model::new(bits, rows.clone(), 1.5, [head; 4], features, ModelMeta::default());
            let v = vectorize(&collect(&ex, text, &doc, &features), &m, bits, &features);
            let raw = m.raw_scores(&ex, text, &doc);
            for (l, got) in raw.iter().enumerate() {
                let dot: f64 =
                    v.idx.iter().zip(&v.val).map(|(&i, &x)| f64::from(rows[i as usize].w[l]) * f64::from(x)).sum();
                let want = dot + 0.25;
                assert!((got - want).abs() < 1e-4 * (1.0 + want.abs()), "{features:?} label {l}: {got} vs {want}");
            }
        }
    }

    /// Evidence shows a word form's character n-grams once, at its first
    /// occurrence, weighing every occurrence; other forms stay apart.
    #[test]
    fn character_evidence_is_one_item_per_word_form() {
        let m = Model::builtin();
        let ex = Extractor::default();
        let show = |text: &str| {
            let doc = crate::text::tokenize(text);
            let c = m.classify(&ex, text, &doc, &[0.0; 4], &mut |_, _| None);
            Label::ALL.map(|l| c.evidence.get(l).to_vec())
        };
        let once = show("neersteken");
        let text = "neersteken neersteken neersteken neerstak";
        let thrice = show(text);
        for (l, items) in thrice.iter().enumerate() {
            let chars: Vec<&EvidenceItem> = items.iter().filter(|e| e.feature == "chars:<neersteken>").collect();
            assert!(chars.len() <= 1, "{items:?}");
            if let Some(e) = chars.first() {
                assert_eq!((e.start, e.end), (Some(0), Some(10)));
                // Three occurrences weigh more than one (the family norm grows
                // only with the square root of the count).
                let single = once[l].iter().find(|e| e.feature == "chars:<neersteken>").map_or(0.0, |e| e.weight);
                assert!(e.weight > single, "{} vs {single}", e.weight);
            }
        }
        assert!(thrice.iter().flatten().any(|e| e.feature == "chars:<neersteken>"), "{thrice:?}");
    }

    /// The per-thread sums of word forms never change a result: a post
    /// scores the same on a cold thread, a warm one, and after other models
    /// (more than the cache keeps) ran on the same thread.
    #[test]
    fn cached_character_sums_are_per_model_and_change_nothing() {
        let text = "Ik ga die moordenaar echt pakken, moordenaar!! Ze verdienen een kogel 🔪";
        let doc = crate::text::tokenize(text);
        let ex = Extractor::default();
        let builtin = Model::builtin();
        let others: Vec<Model> = (0..3u32)
            .map(|k| {
                let rows: Vec<Row> =
                    (0..1u32 << 12).map(|i| Row { w: [((i * 7 + k) % 13) as f32 / 13.0 - 0.5; 4], idf: 1.0 }).collect();
                let head = LabelHead { bias: 0.0, platt_a: 1.0, platt_b: 0.0, threshold: 0.5 };
                Model::new(12, rows, 1.0, [head; 4], FeatureConfig::default(), ModelMeta::default())
            })
            .collect();
        let cold = |m: &Model| {
            let (m, text) = (m.clone(), text.to_string());
            std::thread::spawn(move || {
                let doc = crate::text::tokenize(&text);
                m.raw_scores(&Extractor::default(), &text, &doc)
            })
            .join()
            .unwrap()
        };
        let want: Vec<[f64; 4]> = std::iter::once(builtin).chain(&others).map(cold).collect();
        for _ in 0..3 {
            assert_eq!(builtin.raw_scores(&ex, text, &doc), want[0]);
            for (m, w) in others.iter().zip(&want[1..]) {
                assert_eq!(m.raw_scores(&ex, text, &doc), *w);
            }
        }
        // Different weights give different scores (the test can tell models apart).
        assert_ne!(want[1], want[2]);
    }

    /// One long post of many distinct forms sharing a prefix (the case
    /// that made inserts quadratic) leaves the cache within its bound.
    #[test]
    fn character_sum_cache_is_bounded_within_one_post() {
        let words: Vec<String> = (0..CHAR_CACHE_MAX + 5000)
            .map(|i| {
                let l = |k: usize| char::from(b'a' + ((i / 26usize.pow(k as u32)) % 26) as u8);
                format!("ve{}{}{}{}", l(0), l(1), l(2), l(3))
            })
            .collect();
        let text = words.join(" ");
        let doc = crate::text::tokenize(&text);
        let m = Model::builtin();
        std::thread::spawn(move || {
            m.raw_scores(&Extractor::default(), &text, &doc);
            COLLECTOR.with(|c| {
                let c = c.borrow();
                let sizes: Vec<usize> = c.2.models.iter().map(|(_, sums)| sums.len()).collect();
                assert!(!sizes.is_empty() && sizes.iter().all(|&n| n > 0 && n <= CHAR_CACHE_MAX), "{sizes:?}");
            });
        })
        .join()
        .unwrap();
    }

    #[test]
    fn huge_hash_sizes_and_wild_weights_are_rejected() {
        // A tiny file must not make the reader allocate 2^24 rows.
        let mut m = tiny();
        m.bits = 24;
        m.table = Table::from_dense(&vec![Row { w: [0.0; 4], idf: 3.0 }; 1 << 12], 3.0);
        assert!(Model::from_bytes(&m.to_bytes()).unwrap_err().to_string().contains("out of range"));
        let mut m = tiny();
        let mut rows = vec![Row { w: [0.0; 4], idf: 3.0 }; 1 << 12];
        rows[9].w[0] = 3e38;
        m.table = Table::from_dense(&rows, 3.0);
        assert!(Model::from_bytes(&m.to_bytes()).is_err());
        assert!(format!("{:?}", tiny()).len() < 400);
    }

    #[test]
    fn wrong_version_is_named() {
        let mut b = tiny().to_bytes();
        b[8] = 9;
        let e = Model::from_bytes(&b).unwrap_err();
        assert!(e.to_string().contains("version 9"), "{e}");
        // Version 1 files (no feature settings) are refused by name.
        b[8] = 1;
        let e = Model::from_bytes(&b).unwrap_err();
        assert!(e.to_string().contains("version 1 is not supported (this library reads versions 2 and 3)"), "{e}");
    }

    /// A version 2 file (no cue weight) still loads, its count-once
    /// features weighing 1, and scores as the same model saved as version 3.
    #[test]
    fn version_2_files_load_with_cue_weight_one() {
        let m = tiny();
        assert_eq!(m.features.cue_weight, 1.0);
        let v3 = m.to_bytes();
        // Version 2: the same payload without the 4 bytes of the cue weight,
        // which follow bits, labels, 3 feature bytes and the char weight.
        let payload = &v3[20..v3.len() - 8];
        let at = 2 + 3 + 4;
        let mut p2 = payload[..at].to_vec();
        p2.extend_from_slice(&payload[at + 4..]);
        let mut v2 = MAGIC.to_vec();
        v2.extend_from_slice(&2u32.to_le_bytes());
        v2.extend_from_slice(&(p2.len() as u64).to_le_bytes());
        v2.extend_from_slice(&p2);
        v2.extend_from_slice(&fnv1a(&p2).to_le_bytes());
        let read = Model::from_bytes(&v2).unwrap();
        assert_eq!(read, m);
        assert_eq!((read.format_version(), m.format_version()), (2, 3));
        // Written again, it is a version 3 file.
        assert_eq!(read.to_bytes(), v3);
        // A version 2 reader's layout read as version 3 is caught.
        let mut wrong = v2.clone();
        wrong[8] = 3;
        assert!(Model::from_bytes(&wrong).is_err());
    }

    #[test]
    fn feature_settings_round_trip_and_are_checked() {
        let mut m = tiny();
        m.features = FeatureConfig { char_min: 2, char_max: 5, sublinear_tf: true, char_weight: 0.5, cue_weight: 0.3 };
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
        for bad in [FeatureConfig { char_min: 0, ..m.features }, FeatureConfig { char_max: 7, ..m.features }] {
            let mut m = tiny();
            m.features = bad;
            assert!(Model::from_bytes(&m.to_bytes()).unwrap_err().to_string().contains("n-gram"));
        }
        for (bad, what) in [
            (FeatureConfig { cue_weight: 0.0, ..m.features }, "cue weight"),
            (FeatureConfig { cue_weight: f32::NAN, ..m.features }, "number out of range"),
            (FeatureConfig { char_weight: -1.0, ..m.features }, "character weight"),
        ] {
            let mut m = tiny();
            m.features = bad;
            assert!(Model::from_bytes(&m.to_bytes()).unwrap_err().to_string().contains(what), "{bad:?}");
        }
    }
}
