//! Feature extraction: stemmed word unigrams and bigrams, character n-grams
//! of normalised words, domain cues and cue combinations, style features.
//!
//! Word features are the Snowball stem and, where it differs, the
//! normalised word itself (`=kogels`).
//!
//! Features are hashed (64 bit, see [`feature_hash`]) into `2^bits` buckets. Extraction
//! is one pass that hands each occurrence to a [`Sink`]: the scorer sums
//! weights as it goes (no feature vector is built), and records compact
//! [`FeatureRef`]s from which readable names are rebuilt only for the few
//! features shown as evidence.
//!
//! Values: word, bigram and character features count every occurrence
//! (term frequency), each valued by its IDF (1 unless the model was trained
//! with `TrainOptions::idf`), the family L2-normalised over the post's
//! occurrences (words and bigrams together, characters apart), so long posts
//! do not score higher for length, then the character family times the
//! model's character weight; cues, combinations and style features count
//! once, with the model's cue weight as their value (`FeatureConfig`).

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon::{COMBOS, Cue, CueHit, Identity, Joined, Lexicon};
use crate::text::{Doc, Span, TermSource, TokenKind};

/// Feature families; each is normalised on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Group {
    Word = 0,
    Bigram = 1,
    Chars = 2,
    Cue = 3,
    Combo = 4,
    Style = 5,
}

pub(crate) const GROUPS: usize = 6;

/// How the lexical features of a post are formed and valued. Chosen at
/// training time and stored in the model, so inference forms features
/// exactly as training did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FeatureConfig {
    /// Shortest character n-gram (characters of `<word>`).
    pub char_min: u8,
    /// Longest character n-gram.
    pub char_max: u8,
    /// Value a feature occurring `c` times as `1 + ln c` instead of `c`.
    pub sublinear_tf: bool,
    /// Factor on the L2-normalised character family.
    pub char_weight: f32,
    /// Value of a count-once feature (cue, combination, style).
    pub cue_weight: f32,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig { char_min: 3, char_max: 4, sublinear_tf: false, char_weight: 1.0, cue_weight: 1.0 }
    }
}

impl FeatureConfig {
    /// Longest character n-gram a model may ask for.
    pub(crate) const CHAR_MAX: u8 = 6;

    /// The value of a lexical feature occurring `count` times, before IDF
    /// and normalisation.
    #[inline]
    pub(crate) fn tf(&self, count: u32) -> f32 {
        if self.sublinear_tf && count > 1 { 1.0 + (count as f32).ln() } else { count as f32 }
    }

    /// Its share of the family's sum of squares (IDF `idf`): `idf² · count`
    /// for raw counts (every occurrence a unit vector), the square of the
    /// value for sublinear TF.
    #[inline]
    pub(crate) fn sq(&self, idf: f32, count: u32) -> f32 {
        if self.sublinear_tf {
            let x = idf * self.tf(count);
            x * x
        } else {
            idf * idf * count as f32
        }
    }
}

impl Group {
    /// Lexical families: every occurrence counts (term frequency), valued
    /// by IDF and L2-normalised per family. Cues, combinations and style
    /// count once, valued `FeatureConfig::cue_weight`.
    pub(crate) fn weighted(self) -> bool {
        matches!(self, Group::Word | Group::Bigram | Group::Chars)
    }
}

/// What a feature is, compactly, so its name can be rebuilt on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeatureRef {
    /// Stem of term `i`.
    Word(u32),
    /// Normalised form of term `i` (when it differs from the stem).
    RawWord(u32),
    /// Stems of terms `i - 1` and `i`.
    Bigram(u32),
    /// Characters `from..from + width` of `<norm>` of term `term`.
    Chars {
        term: u32,
        from: u8,
        width: u8,
    },
    /// All character n-grams of term `i` together (how evidence shows them).
    CharWord(u32),
    Cue {
        quoted: bool,
        cue: Cue,
    },
    Combo {
        quoted: bool,
        a: Cue,
        b: Cue,
    },
    Style(Style),
}

/// The style features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Question,
    Mention,
    Url,
    AllCaps,
    Exclamations,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Question => "question",
            Style::Mention => "mention",
            Style::Url => "url",
            Style::AllCaps => "all-caps",
            Style::Exclamations => "exclamations",
        }
    }

    fn hash(self) -> u64 {
        feature_hash(Group::Style, &[self.name()])
    }
}

/// Receives the feature occurrences of one post.
pub(crate) trait Sink {
    /// A feature of one or two terms (word, raw word, bigram, character
    /// n-gram): its span is that of its terms, rebuilt from `fref`.
    fn add(&mut self, group: Group, hash: u64, fref: FeatureRef);
    /// A feature with a span of its own (cue, combination, style).
    fn add_spanned(&mut self, group: Group, hash: u64, fref: FeatureRef, span: Option<Span>);
    /// The character n-grams of term `term` (normalised form `norm`): by
    /// default each gram is added as a feature ([`char_ngrams`]); the
    /// scorer may sum a word's grams at once instead.
    fn word_chars(&mut self, norm: &str, term: u32, cfg: &FeatureConfig)
    where
        Self: Sized,
    {
        char_ngrams(norm, term, cfg, self);
    }
}

/// Hash of a feature: its group tag and parts, eight bytes at a time
/// (rotate, xor, multiply: the FxHash step), finished with a 64-bit mixer
/// so that the top bits (the bucket) depend on every byte. The same on
/// every platform (little-endian reads, no per-process seed).
#[inline]
pub(crate) fn feature_hash(group: Group, parts: &[&str]) -> u64 {
    let mut h = hash_start(group);
    for p in parts {
        h = fx_bytes(h, p.as_bytes());
    }
    hash_finish(h)
}

/// The state [`feature_hash`] starts from for `group` (a constant).
#[inline]
fn hash_start(group: Group) -> u64 {
    fx_step(0, group as u64 + 1)
}

/// The splitmix64 finaliser of [`feature_hash`].
#[inline]
fn hash_finish(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The FxHash step: rotate, xor, multiply.
#[inline]
fn fx_step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(FX_K)
}

const FX_K: u64 = 0x517c_c1b7_2722_0a95;

/// Fold `bytes` into `h` eight at a time; the length goes into the last
/// word, so consecutive parts stay apart ("ab","c" from "a","bc").
#[inline]
fn fx_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = fx_step(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    fx_step(h, load_le(chunks.remainder()) ^ ((bytes.len() as u64) << 56))
}

/// Fewer than eight bytes as a little-endian integer, zero-padded (two
/// overlapping loads instead of a copy).
#[inline]
fn load_le(r: &[u8]) -> u64 {
    let n = r.len();
    debug_assert!(n < 8);
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([r[0], r[1], r[2], r[3]]));
        let hi = u64::from(u32::from_le_bytes([r[n - 4], r[n - 3], r[n - 2], r[n - 1]]));
        lo | hi << (8 * (n - 4))
    } else if n >= 2 {
        let lo = u64::from(u16::from_le_bytes([r[0], r[1]]));
        let hi = u64::from(u16::from_le_bytes([r[n - 2], r[n - 1]]));
        lo | hi << (8 * (n - 2))
    } else if n == 1 {
        u64::from(r[0])
    } else {
        0
    }
}

pub(crate) fn bucket(hash: u64, bits: u32) -> u32 {
    (hash >> (64 - bits)) as u32
}

/// The stem cache's `Hasher` (short keys, per thread), on the same
/// word-at-a-time step as features, finished by the same mixer: without
/// it the low bits (which pick the table slot) hang on a word's first
/// bytes, and a post of many words sharing a prefix made every insert
/// probe a long run (quadratic).
#[derive(Default)]
pub(crate) struct StemHasher(u64);

impl std::hash::Hasher for StemHasher {
    fn finish(&self) -> u64 {
        hash_finish(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fx_bytes(self.0, bytes);
    }
}

pub(crate) type StemHashBuild = std::hash::BuildHasherDefault<StemHasher>;

/// Most stems a thread keeps before it starts afresh (bounds memory).
const STEM_CACHE_MAX: usize = 50_000;

/// Longest word (in bytes) the stem cache keeps.
const STEM_CACHE_WORD_MAX: usize = 64;

thread_local! {
    static STEM_CACHE: RefCell<HashMap<Box<str>, Box<str>, StemHashBuild>> = RefCell::new(HashMap::default());
}

pub(crate) struct Extractor {
    lexicon: Lexicon,
    stemmer: Stemmer,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor { lexicon: Lexicon::new(), stemmer: Stemmer::create(Algorithm::Dutch) }
    }
}

fn join_spans(a: Span, b: Span) -> Span {
    Span {
        start: a.start.min(b.start),
        end: a.end.max(b.end),
        char_start: a.char_start.min(b.char_start),
        char_end: a.char_end.max(b.char_end),
    }
}

/// True when Snowball Dutch (rust-stemmers' `Algorithm::Dutch`) surely
/// returns `w` unchanged, so the stemmer and its cache can be skipped.
///
/// Every step of the algorithm's suffix stage is anchored at the word's
/// end: it removes or rewrites a suffix `-e`, `-en`/`-ene`/`-heden`,
/// `-s`/`-se`, `-heid`, `-end`, `-ing`, `-ig`, `-lijk`, `-baar` or
/// `-bar`, and only after such a removal undoubles a `kk`, `dd` or `tt`;
/// its last step undoubles a vowel pair `aa`, `ee`, `oo` or `uu` before a
/// final consonant. A word ending in none of these keeps its ending
/// through every step. The prelude and postlude only fold accents (none
/// in ASCII) and mark `i`/`y` as `I`/`Y` and back: the postlude lowers
/// any `I` or `Y`, so capitals are excluded (more than needed). Whatever
/// fails the test goes to the stemmer; a test checks the claim against
/// rust-stemmers on every string of up to 4 characters over 20 symbols,
/// on random and corpus words and on capitals and accents.
#[inline]
pub(crate) fn stem_is_identity(w: &str) -> bool {
    let b = w.as_bytes();
    let suffix = match b {
        [.., b'e' | b's'] | [.., b'e', b'n'] | [.., b'i', b'g'] | [.., b'i', b'n', b'g'] => true,
        [.., b'h', b'e', b'i', b'd']
        | [.., b'e', b'n', b'd']
        | [.., b'l', b'i', b'j', b'k']
        | [.., b'b', b'a', b'r'] => true,
        // A vowel pair before the last byte (`-baar` among them).
        [.., x, y, _] => x == y && matches!(x, b'a' | b'e' | b'o' | b'u'),
        _ => false,
    };
    !suffix && b.iter().all(|&c| c.is_ascii() && !c.is_ascii_uppercase())
}

/// The stems of a post's terms, in one buffer.
#[derive(Default)]
pub(crate) struct Stems {
    buf: String,
    /// Where each term's stem lies in `buf`.
    ranges: Vec<(usize, usize)>,
}

impl Stems {
    /// True when the buffers grew far beyond what a post needs.
    pub(crate) fn oversized(&self) -> bool {
        self.buf.capacity() > 64 * 1024 || self.ranges.capacity() > 16 * 1024
    }

    #[inline]
    fn get(&self, i: usize) -> &str {
        let (a, b) = self.ranges[i];
        &self.buf[a..b]
    }
}

impl Extractor {
    /// Stem every term (emoji stay as they are), through the thread's cache.
    pub(crate) fn stems(&self, doc: &Doc) -> Stems {
        let mut s =
            Stems { buf: String::with_capacity(doc.terms.len() * 8), ranges: Vec::with_capacity(doc.terms.len()) };
        self.stems_into(doc, &mut s);
        s
    }

    /// [`stems`](Self::stems) into a reused buffer.
    pub(crate) fn stems_into(&self, doc: &Doc, s: &mut Stems) {
        s.buf.clear();
        s.ranges.clear();
        STEM_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            for t in &doc.terms {
                let start = s.buf.len();
                if t.source == TermSource::Emoji || stem_is_identity(&t.norm) {
                    s.buf.push_str(&t.norm);
                } else if let Some(stem) = cache.get(t.norm.as_str()) {
                    s.buf.push_str(stem);
                } else {
                    let stem = self.stemmer.stem(&t.norm);
                    s.buf.push_str(&stem);
                    // Long words are rare and would let one huge post hold
                    // megabytes per thread: they are stemmed every time.
                    if t.norm.len() <= STEM_CACHE_WORD_MAX {
                        if cache.len() >= STEM_CACHE_MAX {
                            // A new table: `clear` would keep the allocation.
                            *cache = HashMap::default();
                        }
                        cache.insert(t.norm.as_str().into(), stem.as_ref().into());
                    }
                }
                s.ranges.push((start, s.buf.len()));
            }
        });
    }

    pub(crate) fn extract<S: Sink>(&self, text: &str, doc: &Doc, stems: &Stems, cfg: &FeatureConfig, sink: &mut S) {
        let terms = &doc.terms;
        let joined = Joined::new(terms);
        let mut hits = Vec::with_capacity(32);
        let identity = self.lexicon.scan(&joined, terms, &mut hits);

        // Word unigrams (stem, and the word itself when stemming changed it;
        // stopwords included: "ik", "jullie", "niet" carry intent and address)
        // and character n-grams.
        for (i, t) in terms.iter().enumerate() {
            if identity[i] != Identity::None || (t.source != TermSource::Emoji && t.norm.len() < 2) {
                continue;
            }
            let stem = stems.get(i);
            sink.add(Group::Word, feature_hash(Group::Word, &[stem]), FeatureRef::Word(i as u32));
            if stem != t.norm.as_str() {
                let hash = feature_hash(Group::Word, &["=", t.norm.as_str()]);
                sink.add(Group::Word, hash, FeatureRef::RawWord(i as u32));
            }
            if matches!(t.source, TermSource::Word | TermSource::Hashtag) {
                sink.word_chars(&t.norm, i as u32, cfg);
            }
        }
        // Bigrams of stems, broken at identity terms and sentence ends.
        for i in 1..terms.len() {
            let (a, b) = (&terms[i - 1], &terms[i]);
            if identity[i - 1] != Identity::None || identity[i] != Identity::None || a.sentence != b.sentence {
                continue;
            }
            let hash = feature_hash(Group::Bigram, &[stems.get(i - 1), stems.get(i)]);
            sink.add(Group::Bigram, hash, FeatureRef::Bigram(i as u32));
        }

        // Cues from the lexicon (found above), plus groups and token-level cues.
        for (i, t) in terms.iter().enumerate() {
            if identity[i] == Identity::Group {
                hits.push(CueHit {
                    cue: Cue::Group,
                    span: t.span,
                    first_term: i,
                    last_term: i,
                    quoted: t.quoted,
                    sentence: t.sentence,
                });
            }
        }
        let term_at = |byte: usize| terms.partition_point(|t| t.span.start < byte);
        let sentence_at = |i: usize| terms.get(i).or(terms.last()).map_or(0, |t| t.sentence);
        let toks = &doc.tokens;
        for (k, tok) in toks.iter().enumerate() {
            let s = tok.span;
            let piece = &text[s.start..s.end];
            match tok.kind {
                TokenKind::Punct if piece == "?" => {
                    let style = Style::Question;
                    sink.add_spanned(Group::Style, style.hash(), FeatureRef::Style(style), Some(s));
                }
                TokenKind::Number if piece.len() <= 2 => {
                    // A clock time: 1–2 digits, ':' or '.', 2 digits ("02:00", "23.15").
                    let is_time = toks.get(k + 2).is_some_and(|m| {
                        m.kind == TokenKind::Number
                            && m.span.end - m.span.start == 2
                            && matches!(&text[toks[k + 1].span.start..toks[k + 1].span.end], ":" | ".")
                            && toks[k + 1].span.start == s.end
                    });
                    if is_time {
                        let i = term_at(s.start);
                        let span = join_spans(s, toks[k + 2].span);
                        let sentence = sentence_at(i);
                        hits.push(CueHit {
                            cue: Cue::Time,
                            span,
                            first_term: i,
                            last_term: i,
                            quoted: false,
                            sentence,
                        });
                    }
                }
                TokenKind::Mention => {
                    let police = ["politie", "pz", "police", "polizei", "wijkagent"]
                        .iter()
                        .any(|p| piece.as_bytes().windows(p.len()).any(|w| w.eq_ignore_ascii_case(p.as_bytes())));
                    if police {
                        let i = term_at(s.start);
                        let sentence = sentence_at(i);
                        hits.push(CueHit {
                            cue: Cue::Authority,
                            span: s,
                            first_term: i,
                            last_term: i,
                            quoted: false,
                            sentence,
                        });
                    }
                    let style = Style::Mention;
                    sink.add_spanned(Group::Style, style.hash(), FeatureRef::Style(style), Some(s));
                }
                TokenKind::Url => {
                    let style = Style::Url;
                    sink.add_spanned(Group::Style, style.hash(), FeatureRef::Style(style), Some(s));
                }
                _ => {}
            }
        }
        hits.sort_unstable_by_key(|h| (h.sentence, h.first_term, h.last_term, h.cue));

        for h in &hits {
            let prefix = if h.quoted { "quoted" } else { "cue" };
            let hash = feature_hash(Group::Cue, &[prefix, h.cue.name()]);
            sink.add_spanned(Group::Cue, hash, FeatureRef::Cue { quoted: h.quoted, cue: h.cue }, Some(h.span));
        }
        combos(&hits, sink);
        style(text, sink);
    }

    /// The readable name of a feature.
    pub(crate) fn name(&self, fref: FeatureRef, doc: &Doc, stems: &Stems) -> String {
        // Built by pieces (no formatting machinery: evidence names are
        // made for every labelled post).
        let concat = |parts: &[&str]| {
            let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
            for p in parts {
                s.push_str(p);
            }
            s
        };
        match fref {
            FeatureRef::Word(i) => stems.get(i as usize).to_string(),
            FeatureRef::RawWord(i) => concat(&["=", &doc.terms[i as usize].norm]),
            FeatureRef::Bigram(i) => concat(&[stems.get(i as usize - 1), " ", stems.get(i as usize)]),
            FeatureRef::Chars { term, from, width } => {
                let marked: Vec<char> =
                    std::iter::once('<').chain(doc.terms[term as usize].norm.chars().take(24)).chain(['>']).collect();
                let gram: String = marked[from as usize..from as usize + width as usize].iter().collect();
                format!("chars:{gram}")
            }
            FeatureRef::CharWord(i) => concat(&["chars:<", &doc.terms[i as usize].norm, ">"]),
            FeatureRef::Cue { quoted, cue } => concat(&[if quoted { "quoted:" } else { "cue:" }, cue.name()]),
            FeatureRef::Combo { quoted, a, b } => {
                concat(&[if quoted { "quoted-combo:" } else { "combo:" }, a.name(), "+", b.name()])
            }
            FeatureRef::Style(s) => concat(&["style:", s.name()]),
        }
    }
}

/// Character n-grams of `<norm>` (at most 24 characters of it), of the
/// widths `cfg.char_min..=cfg.char_max` (3 and 4 by default), each one
/// feature of its own (how training sees them).
pub(crate) fn char_ngrams<S: Sink>(norm: &str, term: u32, cfg: &FeatureConfig, sink: &mut S) {
    char_grams(norm, cfg, |hash, from, width| {
        sink.add(Group::Chars, hash, FeatureRef::Chars { term, from, width });
    });
}

/// Hand the hash, first character and width of every character n-gram of
/// `<norm>` to `f`, in a fixed order (by width, then position).
///
/// Hashes as [`feature_hash`]`(Group::Chars, &[gram])` does, reading each
/// gram of up to seven bytes as one word of a zero-padded buffer.
#[inline]
pub(crate) fn char_grams(norm: &str, cfg: &FeatureConfig, mut f: impl FnMut(u64, u8, u8)) {
    const PAD: usize = 8;
    let mut buf = [0u8; 4 * 24 + 2 + PAD];
    // bounds[k] = byte start of character k of `<norm>`; one past the end at k = n.
    let mut bounds = [0u8; 27];
    buf[0] = b'<';
    let nb = norm.as_bytes();
    let ascii_len = nb.len().min(24);
    let (len, n) = if nb[..ascii_len].is_ascii() {
        // One byte per character.
        buf[1..=ascii_len].copy_from_slice(&nb[..ascii_len]);
        for (k, b) in bounds.iter_mut().enumerate() {
            *b = k as u8;
        }
        (ascii_len + 1, ascii_len + 1)
    } else {
        let mut len = 1;
        let mut n = 1; // characters so far, '<' included
        for c in norm.chars().take(24) {
            bounds[n] = len as u8;
            n += 1;
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        (len, n)
    };
    bounds[n] = len as u8;
    buf[len] = b'>';
    let (len, n) = (len + 1, n + 1);
    bounds[n] = len as u8;
    if n < 5 {
        return; // words of 1–2 letters are covered by the unigram
    }
    let h0 = hash_start(Group::Chars);
    if n == len {
        // ASCII: gram i is bytes i..i + width.
        for width in usize::from(cfg.char_min)..=usize::from(cfg.char_max) {
            // Widths are at most 6 (`FeatureConfig::CHAR_MAX`): one word.
            let mask = (1u64 << (8 * width)) - 1;
            if width > n {
                break;
            }
            let h1 = h0.rotate_left(5) ^ ((width as u64) << 56);
            for i in 0..=n - width {
                let word = u64::from_le_bytes(buf[i..i + 8].try_into().expect("8 bytes")) & mask;
                // = fx_step(h0, word ^ (width << 56))
                let h = (h1 ^ word).wrapping_mul(FX_K);
                f(hash_finish(h), i as u8, width as u8);
            }
        }
        return;
    }
    for width in usize::from(cfg.char_min)..=usize::from(cfg.char_max) {
        if width > n {
            break;
        }
        for i in 0..=n - width {
            let (a, b) = (usize::from(bounds[i]), usize::from(bounds[i + width]));
            let glen = b - a;
            let h = if glen < 8 {
                let word = u64::from_le_bytes(buf[a..a + 8].try_into().expect("8 bytes"));
                let word = word & ((1u64 << (8 * glen)) - 1);
                fx_step(h0, word ^ ((glen as u64) << 56))
            } else {
                fx_bytes(h0, &buf[a..b])
            };
            f(hash_finish(h), i as u8, width as u8);
        }
    }
}

fn combos<S: Sink>(hits: &[CueHit], sink: &mut S) {
    // Per sentence, the first hit of each cue (quoted and not apart).
    let mut i = 0;
    while i < hits.len() {
        let sentence = hits[i].sentence;
        let mut j = i;
        while j < hits.len() && hits[j].sentence == sentence {
            j += 1;
        }
        if j - i < 2 {
            i = j;
            continue; // a combination needs two hits
        }
        // Index of the first hit of each cue (quoted and not apart), or NONE.
        const NONE: u32 = u32::MAX;
        let mut first = [[NONE; Cue::ALL.len()]; 2];
        for (k, h) in hits.iter().enumerate().take(j).skip(i) {
            let f = &mut first[usize::from(h.quoted)][h.cue as usize];
            if *f == NONE {
                *f = k as u32;
            }
        }
        for (q, firsts) in first.iter().enumerate() {
            for &(a, b) in COMBOS {
                let (x, y) = (firsts[a as usize], firsts[b as usize]);
                if x == NONE || y == NONE {
                    continue;
                }
                let (x, y) = (x as usize, y as usize);
                let (hx, hy) = (&hits[x], &hits[y]);
                // Negation must stand just before what it negates.
                if a == Cue::Negation && !(hx.last_term < hy.first_term && hy.first_term - hx.last_term <= 3) {
                    continue;
                }
                let quoted = q == 1;
                let prefix = if quoted { "quoted-combo" } else { "combo" };
                let hash = feature_hash(Group::Combo, &[prefix, a.name(), b.name()]);
                let fref = FeatureRef::Combo { quoted, a, b };
                sink.add_spanned(Group::Combo, hash, fref, Some(join_spans(hx.span, hy.span)));
            }
        }
        i = j;
    }
}

fn style<S: Sink>(text: &str, sink: &mut S) {
    let (mut upper, mut letters, mut bangs) = (0usize, 0usize, 0usize);
    if text.len() < 1 << 21 && text.is_ascii() {
        // Three counts in one pass: a table lookup per byte, the counts
        // summed in three 21-bit fields of one word (`STYLE_CLASS`).
        let mut packed = 0u64;
        for b in text.bytes() {
            packed += STYLE_CLASS[usize::from(b)];
        }
        (letters, upper, bangs) =
            ((packed & 0x1f_ffff) as usize, (packed >> 21 & 0x1f_ffff) as usize, (packed >> 42) as usize);
    } else {
        style_counts(text, &mut upper, &mut letters, &mut bangs);
    }
    let mut add = |style: Style| sink.add_spanned(Group::Style, style.hash(), FeatureRef::Style(style), None);
    if letters >= 10 && upper * 10 >= letters * 6 {
        add(Style::AllCaps);
    }
    if bangs >= 3 {
        add(Style::Exclamations);
    }
}

/// Per ASCII byte, what it adds to [`style`]'s packed counts: 1 for a
/// letter (bits 0–20), 1 << 21 for an upper-case letter, 1 << 42 for '!'.
/// Texts of 2 MB or more take the character path (no field overflows).
const STYLE_CLASS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() {
            t[b] += 1;
        }
        if c.is_ascii_uppercase() {
            t[b] += 1 << 21;
        }
        if c == b'!' {
            t[b] += 1 << 42;
        }
        b += 1;
    }
    t
};

/// Letters, upper-case letters and exclamation marks of a text.
fn style_counts(text: &str, upper: &mut usize, letters: &mut usize, bangs: &mut usize) {
    for c in text.chars() {
        if c.is_alphabetic() {
            *letters += 1;
            *upper += usize::from(c.is_uppercase());
        } else if c == '!' {
            *bangs += 1;
        }
    }
}

/// One distinct feature of a post, as the scorer records it: how often it
/// occurs and where it first occurs (for evidence, see [`Collector::span_of`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occurrence {
    pub hash: u64,
    pub fref: FeatureRef,
    /// Occurrences in the post (always 1 for count-once families).
    pub count: u32,
    /// 1 + index into the collector's spans; 0: the span of the terms of `fref`.
    span: u32,
    /// The collector's slot that holds this item.
    slot: u32,
    pub group: Group,
}

/// Collects the distinct features of a post with their counts. Both the
/// scorer and the trainer go through it, so they value features alike.
#[derive(Default)]
pub(crate) struct Collector {
    pub items: Vec<Occurrence>,
    /// The label weights × IDF of each item, filled by the scorer.
    pub weights: Vec<[f32; 4]>,
    /// The family norms of the items, filled by the scorer.
    pub norms: [f32; GROUPS],
    /// The spans of features that are not located by their terms.
    spans: Vec<Option<Span>>,
    /// Open-addressing index from hash to item index, never cleared: a
    /// slot is in use when it names an item that names the slot back
    /// (stale slots of earlier posts fail that test).
    slots: Vec<u32>,
    /// The character n-grams of each word occurrence, summed per word (by
    /// the scorer; training keeps every gram an item of its own).
    pub char_words: Vec<CharWord>,
    /// [`char_words`](Self::char_words) merged per word form, for evidence
    /// (filled by the scorer only for posts that get a label).
    pub char_forms: Vec<CharWord>,
    /// Scratch of the merge: hash table slots and the forms' hashes.
    pub form_slots: Vec<u32>,
    pub form_hashes: Vec<u64>,
}

/// The character n-grams of one word occurrence, summed: what they add to
/// each label's raw score before normalisation (Σ weight × IDF) and to the
/// family's sum of squares (Σ IDF²). With raw counts this is exactly the
/// grams' share of the post's features, however often a gram recurs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CharWord {
    pub term: u32,
    pub w: [f32; 4],
    pub sq: f32,
}

impl Collector {
    pub(crate) fn clear(&mut self) {
        // A table grown for one huge post shrinks back, so it cannot make
        // every later post pay for clearing it.
        if self.slots.len() > 4 * 1024 && self.items.len() * 8 < self.slots.len() {
            self.slots = vec![0; 1024];
        }
        self.items.clear();
        self.weights.clear();
        self.spans.clear();
        if self.char_words.capacity() > 16 * 1024 {
            self.char_words = Vec::new();
            self.char_forms = Vec::new();
            self.form_slots = Vec::new();
            self.form_hashes = Vec::new();
        }
        self.char_words.clear();
    }

    /// Where the feature of `o` first occurs in the post (`None` for
    /// whole-post features).
    pub(crate) fn span_of(&self, o: &Occurrence, doc: &Doc) -> Option<Span> {
        if o.span > 0 {
            return self.spans[o.span as usize - 1];
        }
        let t = &doc.terms;
        match o.fref {
            FeatureRef::Word(i)
            | FeatureRef::RawWord(i)
            | FeatureRef::Chars { term: i, .. }
            | FeatureRef::CharWord(i) => Some(t[i as usize].span),
            FeatureRef::Bigram(i) => Some(join_spans(t[i as usize - 1].span, t[i as usize].span)),
            FeatureRef::Cue { .. } | FeatureRef::Combo { .. } | FeatureRef::Style(_) => None,
        }
    }

    /// Per family, the factor that L2-normalises its occurrences' IDFs
    /// (every occurrence counts) times the family's weight; the cue weight
    /// for the count-once families (see [`norms_of`]).
    pub(crate) fn norms(&self, idf: &impl Idf, cfg: &FeatureConfig) -> [f32; GROUPS] {
        let mut sq = [0f32; GROUPS];
        for o in &self.items {
            if o.group.weighted() {
                sq[o.group as usize] += cfg.sq(idf.idf(o.hash), o.count);
            }
        }
        norms_of(sq, cfg)
    }

    /// Rebuild the index at twice the size (keeps the load under a half).
    #[cold]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; size];
        let mask = size - 1;
        for i in 0..self.items.len() {
            let mut s = self.items[i].hash as usize & mask;
            // No slot is in use before item 0 is placed (its old slot is stale).
            while i > 0 && self.in_use(s) {
                s = (s + 1) & mask;
            }
            self.slots[s] = i as u32;
            self.items[i].slot = s as u32;
        }
    }

    /// The item of `hash` (counted once more if `group` counts every
    /// occurrence), or the empty slot where it goes.
    #[inline]
    fn find(&mut self, group: Group, hash: u64) -> Option<usize> {
        if (self.items.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut s = hash as usize & mask;
        loop {
            let Some(o) = self.items.get_mut(self.slots[s] as usize) else { return Some(s) };
            if o.slot as usize != s {
                return Some(s);
            }
            if o.hash == hash {
                if group.weighted() {
                    o.count += 1;
                }
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    /// True when slot `s` holds an item of this post.
    fn in_use(&self, s: usize) -> bool {
        self.items.get(self.slots[s] as usize).is_some_and(|o| o.slot as usize == s)
    }

    #[inline]
    fn insert(&mut self, slot: usize, group: Group, hash: u64, fref: FeatureRef, span: u32) {
        self.slots[slot] = self.items.len() as u32;
        self.items.push(Occurrence { hash, fref, count: 1, span, slot: slot as u32, group });
    }
}

/// The L2 factors of the families from their sums of squares: words and
/// bigrams together, characters apart (times `cfg.char_weight`), and
/// `cfg.cue_weight` for the count-once families.
pub(crate) fn norms_of(sq: [f32; GROUPS], cfg: &FeatureConfig) -> [f32; GROUPS] {
    let inv = |s: f32| if s == 0.0 { 0.0 } else { 1.0 / s.sqrt() };
    let lexical = inv(sq[Group::Word as usize] + sq[Group::Bigram as usize]);
    let chars = inv(sq[Group::Chars as usize]);
    // `x * 1.0` is exact: a model with weights 1 (all version 2 files
    // have a cue weight of 1) scores exactly as before the weights existed.
    let cue = cfg.cue_weight;
    [lexical, lexical, chars * cfg.char_weight, cue, cue, cue]
}

/// Where IDFs come from: a model, or a table during training.
pub(crate) trait Idf {
    fn idf(&self, hash: u64) -> f32;
}

impl Idf for super::Model {
    fn idf(&self, hash: u64) -> f32 {
        super::Model::idf(self, hash)
    }
}

impl Sink for Collector {
    #[inline]
    fn add(&mut self, group: Group, hash: u64, fref: FeatureRef) {
        if let Some(slot) = self.find(group, hash) {
            self.insert(slot, group, hash, fref, 0);
        }
    }

    fn add_spanned(&mut self, group: Group, hash: u64, fref: FeatureRef, span: Option<Span>) {
        if let Some(slot) = self.find(group, hash) {
            self.spans.push(span);
            let index = self.spans.len() as u32;
            self.insert(slot, group, hash, fref, index);
        }
    }
}

/// A sparse feature vector: bucket indices (sorted, unique) and values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FeatureVec {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

/// The occurrences of a post, for training.
pub(crate) fn collect(ex: &Extractor, text: &str, doc: &Doc, cfg: &FeatureConfig) -> Collector {
    let mut c = Collector::default();
    ex.extract(text, doc, &ex.stems(doc), cfg, &mut c);
    c
}

/// The feature vector of collected occurrences under an IDF table, for
/// training (inference sums directly, to the same values).
pub(crate) fn vectorize(c: &Collector, idf: &impl Idf, bits: u32, cfg: &FeatureConfig) -> FeatureVec {
    let norms = c.norms(idf, cfg);
    let mut pairs: Vec<(u32, u64, f32)> = c
        .items
        .iter()
        .map(|o| {
            let x = if o.group.weighted() { idf.idf(o.hash) * cfg.tf(o.count) } else { 1.0 };
            (bucket(o.hash, bits), o.hash, x * norms[o.group as usize])
        })
        .collect();
    // By bucket, then hash: colliding features are summed in a fixed order,
    // whatever the sort algorithm.
    pairs.sort_unstable_by_key(|p| (p.0, p.1));
    let mut v = FeatureVec { idx: Vec::with_capacity(pairs.len()), val: Vec::with_capacity(pairs.len()) };
    for (i, _, x) in pairs {
        if v.idx.last() == Some(&i) {
            *v.val.last_mut().expect("non-empty") += x;
        } else {
            v.idx.push(i);
            v.val.push(x);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// `stem_is_identity` never claims a word the stemmer would change:
    /// every string of up to 4 letters over an alphabet holding all the
    /// suffixes' letters and vowels, random longer strings (half of them
    /// given a near-suffix ending), and every word of the corpus. It also
    /// skips a good share of the corpus's words.
    #[test]
    fn stem_identity_test_agrees_with_snowball() {
        let stemmer = Stemmer::create(Algorithm::Dutch);
        let mut checked = 0usize;
        let mut check = |w: &str| {
            if stem_is_identity(w) {
                assert_eq!(stemmer.stem(w), w, "{w:?}");
                checked += 1;
            }
        };
        let alphabet = b"abcdeghijklnorstuyz-";
        let mut w = Vec::new();
        fn all(w: &mut Vec<u8>, alphabet: &[u8], depth: usize, check: &mut dyn FnMut(&str)) {
            check(std::str::from_utf8(w).unwrap());
            if depth == 0 {
                return;
            }
            for &c in alphabet {
                w.push(c);
                all(w, alphabet, depth - 1, check);
                w.pop();
            }
        }
        all(&mut w, alphabet, 4, &mut check);
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let endings = ["aat", "eer", "ook", "uur", "heit", "ent", "inq", "ij", "lij", "baa", "ba", "ies", "-", "1"];
        for _ in 0..100_000 {
            let len = 5 + (next() % 12) as usize;
            let mut s: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char).collect();
            if next() % 2 == 0 {
                s.push_str(endings[(next() % endings.len() as u64) as usize]);
            }
            check(&s);
        }
        // Capitals and accents, which the stemmer changes: the ASCII and
        // case guard must send them to it.
        for w in ["Y", "Ibiza", "café", "CAFÉ", "Ⅰ", "ﬁets", "tür", "Straat"] {
            check(w);
            assert!(!stem_is_identity(w), "{w}");
        }
        let mut corpus_words = 0;
        let mut skipped = 0;
        for file in ["data/corpus/train.jsonl", "data/corpus/dev.jsonl"] {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            for r in crate::corpus::read_records_file(path).unwrap() {
                for t in tokenize(&r.text).terms {
                    corpus_words += 1;
                    skipped += usize::from(stem_is_identity(&t.norm));
                    check(&t.norm);
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
        eprintln!("{skipped} of {corpus_words} corpus words skip the stemmer");
        // 46 % of the corpus's running words need no stemmer.
        assert!(skipped * 3 > corpus_words, "{skipped} of {corpus_words}");
        for (w, same) in [("bewijst", true), ("fiets", false), ("straat", false), ("mooie", false), ("x", true)] {
            assert_eq!(stem_is_identity(w), same, "{w}");
        }
    }

    fn names(text: &str) -> Vec<String> {
        let ex = Extractor::default();
        let doc = tokenize(text);
        let stems = ex.stems(&doc);
        let mut c = Collector::default();
        ex.extract(text, &doc, &stems, &FeatureConfig::default(), &mut c);
        c.items.iter().map(|o| ex.name(o.fref, &doc, &stems)).collect()
    }

    /// The packed ASCII counts of `style` agree with the character path.
    #[test]
    fn style_counts_agree_on_ascii() {
        struct Names(Vec<FeatureRef>);
        impl Sink for Names {
            fn add(&mut self, _: Group, _: u64, _: FeatureRef) {}
            fn add_spanned(&mut self, _: Group, _: u64, fref: FeatureRef, _: Option<Span>) {
                self.0.push(fref);
            }
        }
        for text in
            ["", "HALLO WERELD!!!", "Hallo wereld!!", "ABCDEFGHIJ klm!!!", "abc", "!!!!!!!!", "A1B2C3D4E5F6G7H8I9J0"]
        {
            let (mut u, mut l, mut b) = (0, 0, 0);
            style_counts(text, &mut u, &mut l, &mut b);
            let want: Vec<FeatureRef> = [
                (l >= 10 && u * 10 >= l * 6).then_some(FeatureRef::Style(Style::AllCaps)),
                (b >= 3).then_some(FeatureRef::Style(Style::Exclamations)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let mut got = Names(Vec::new());
            style(text, &mut got);
            assert_eq!(got.0, want, "{text:?}");
        }
    }

    #[test]
    fn intent_and_harm_combine() {
        let n = names("Ik ga die gast morgen neersteken 🔪");
        assert!(n.contains(&"combo:intent+harm".to_string()), "{n:?}");
        assert!(n.contains(&"combo:intent+weapon".to_string()), "{n:?}");
    }

    #[test]
    fn quoted_threat_is_marked_as_quoted() {
        let n = names("Hij schreeuwde \"ik ga je neersteken\" en rende weg");
        assert!(n.contains(&"quoted-combo:intent+harm".to_string()), "{n:?}");
        assert!(!n.contains(&"combo:intent+harm".to_string()), "{n:?}");
    }

    #[test]
    fn identity_terms_give_no_lexical_features() {
        // Swapping one group for another changes no feature at all.
        let a = names("De moslims in de wijk vieren zaterdag het suikerfeest");
        for other in [
            "De Polen in de wijk vieren zaterdag het suikerfeest",
            "De homo's in de wijk vieren zaterdag het suikerfeest",
        ] {
            assert_eq!(a, names(other));
        }
        assert!(a.contains(&"cue:group".to_string()));
        assert!(!a.iter().any(|n| n.starts_with("combo:group")), "{a:?}");
        assert!(!a.iter().any(|n| n.contains("moslim")), "{a:?}");
        // Given names likewise.
        assert_eq!(names("Mohamed heeft de fiets gevonden"), names("Kevin heeft de fiets gevonden"));
    }

    #[test]
    fn clock_times_and_questions() {
        let n = names("Rond 02:15 twee mannen bij de Kerkstraat, is dat normaal?");
        assert!(n.contains(&"cue:time".to_string()), "{n:?}");
        assert!(n.contains(&"style:question".to_string()), "{n:?}");
        assert!(n.contains(&"combo:sighting+time".to_string()), "{n:?}");
    }

    #[test]
    fn names_match_hashes() {
        // Every rebuilt name hashes back to the occurrence's hash.
        let text = "AMAI die flikken van PZ Gent waren echt onbeschoft!!! #schande 😡 ik ga ze slopen";
        let ex = Extractor::default();
        let doc = tokenize(text);
        let stems = ex.stems(&doc);
        let mut c = Collector::default();
        ex.extract(text, &doc, &stems, &FeatureConfig::default(), &mut c);
        for o in &c.items {
            let name = ex.name(o.fref, &doc, &stems);
            let rehash = match o.group {
                Group::Word => match name.strip_prefix('=') {
                    Some(raw) => feature_hash(Group::Word, &["=", raw]),
                    None => feature_hash(Group::Word, &[&name]),
                },
                Group::Bigram => {
                    let (a, b) = name.split_once(' ').unwrap();
                    feature_hash(Group::Bigram, &[a, b])
                }
                Group::Chars => feature_hash(Group::Chars, &[name.strip_prefix("chars:").unwrap()]),
                Group::Cue => {
                    let (p, n) = name.split_once(':').unwrap();
                    feature_hash(Group::Cue, &[p, n])
                }
                Group::Combo => {
                    let (p, rest) = name.split_once(':').unwrap();
                    let (a, b) = rest.split_once('+').unwrap();
                    feature_hash(Group::Combo, &[p, a, b])
                }
                Group::Style => feature_hash(Group::Style, &[name.strip_prefix("style:").unwrap()]),
            };
            assert_eq!(rehash, o.hash, "{name}");
        }
    }

    #[test]
    fn hash_separates_parts_and_groups() {
        assert_ne!(feature_hash(Group::Bigram, &["ab", "c"]), feature_hash(Group::Bigram, &["a", "bc"]));
        assert_ne!(feature_hash(Group::Word, &["kogel"]), feature_hash(Group::Chars, &["kogel"]));
        assert_ne!(feature_hash(Group::Word, &["politieagent"]), feature_hash(Group::Word, &["politieagenten"]));
        // Fixed values: model files depend on them.
        assert_eq!(feature_hash(Group::Word, &["kogel"]), feature_hash(Group::Word, &["kogel"]));
    }

    /// Records every occurrence as it comes.
    #[derive(Default)]
    struct Log(Vec<(Group, u64)>);

    impl Sink for Log {
        fn add(&mut self, group: Group, hash: u64, _: FeatureRef) {
            self.0.push((group, hash));
        }
        fn add_spanned(&mut self, group: Group, hash: u64, _: FeatureRef, _: Option<Span>) {
            self.0.push((group, hash));
        }
    }

    #[test]
    fn collector_keeps_first_occurrences_and_counts() {
        // Enough distinct features to grow the index twice, then a short post
        // on the same (stale) index, then the long one again.
        let word = |mut i: usize| {
            let mut w = String::new();
            for _ in 0..3 {
                w.push(char::from(b'a' + (i % 26) as u8));
                i /= 26;
            }
            w
        };
        let long: String = (0..700).map(|i| word(i * 7 % 300) + " ").collect();
        let ex = Extractor::default();
        let mut c = Collector::default();
        for text in [long.as_str(), "politie politie agent", long.as_str()] {
            let doc = tokenize(text);
            let stems = ex.stems(&doc);
            let mut log = Log::default();
            ex.extract(text, &doc, &stems, &FeatureConfig::default(), &mut log);
            let mut expected: Vec<(u64, u32)> = Vec::new();
            for &(g, h) in &log.0 {
                match expected.iter_mut().find(|e| e.0 == h) {
                    Some(e) => e.1 += u32::from(g.weighted()),
                    None => expected.push((h, 1)),
                }
            }
            c.clear();
            ex.extract(text, &doc, &stems, &FeatureConfig::default(), &mut c);
            let got: Vec<(u64, u32)> = c.items.iter().map(|o| (o.hash, o.count)).collect();
            assert_eq!(got, expected);
        }
        assert!(c.slots.len() >= 2048);
    }

    #[test]
    fn count_once_features_are_not_repeated() {
        let text = "politie politie politie agent";
        let ex = Extractor::default();
        let doc = tokenize(text);
        let mut c = Collector::default();
        ex.extract(text, &doc, &ex.stems(&doc), &FeatureConfig::default(), &mut c);
        let count = |c: &Collector, name: &str| {
            let stems = ex.stems(&doc);
            c.items.iter().filter(|o| ex.name(o.fref, &doc, &stems) == name).map(|o| o.count).collect::<Vec<_>>()
        };
        assert_eq!(count(&c, "cue:authority"), [1]);
        assert_eq!(count(&c, "politie"), [3]);
        assert_eq!(count(&c, "agent"), [1]);
        // Clearing resets the index too.
        c.clear();
        ex.extract(text, &doc, &ex.stems(&doc), &FeatureConfig::default(), &mut c);
        assert_eq!(count(&c, "politie"), [3]);
    }
}
