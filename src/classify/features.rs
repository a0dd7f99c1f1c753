//! Feature extraction: stemmed word unigrams and bigrams, character n-grams
//! of normalised words, domain cues and cue combinations, style features.
//!
//! Features are hashed (FNV-1a, 64 bit) into `2^bits` buckets. The same code
//! path runs in two modes: fast (hashes only) for scoring, and named (with
//! readable names and text spans) for evidence.

use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon::{COMBOS, Cue, CueHit, Identity, Joined, Lexicon};
use crate::text::{Doc, Span, TermSource, TokenKind, is_stopword};

/// Feature families; each is normalised on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Group {
    Word = 0,
    Bigram = 1,
    Chars = 2,
    Cue = 3,
    Combo = 4,
    Style = 5,
}

/// Receives the features of one post.
pub(crate) trait Sink {
    fn add(&mut self, group: Group, hash: u64, name: &dyn Fn() -> String, span: Option<Span>);
}

/// FNV-1a over a group tag and the parts, separated by 0x1f.
pub(crate) fn feature_hash(group: Group, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(group as u8);
    for p in parts {
        eat(0x1f);
        for &b in p.as_bytes() {
            eat(b);
        }
    }
    h
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

impl Extractor {
    pub(crate) fn extract<S: Sink>(&self, text: &str, doc: &Doc, sink: &mut S) {
        let terms = &doc.terms;
        let joined = Joined::new(terms);
        let identity = self.lexicon.identity_terms(&joined);
        let stems: Vec<std::borrow::Cow<'_, str>> = terms
            .iter()
            .map(|t| match t.source {
                TermSource::Emoji => std::borrow::Cow::Borrowed(t.norm.as_str()),
                _ => self.stemmer.stem(&t.norm),
            })
            .collect();

        // Word unigrams and character n-grams.
        for (i, t) in terms.iter().enumerate() {
            if identity[i] != Identity::None || is_stopword(&t.norm) {
                continue;
            }
            let stem: &str = &stems[i];
            if t.source != TermSource::Emoji && t.norm.len() < 2 {
                continue;
            }
            sink.add(Group::Word, feature_hash(Group::Word, &[stem]), &|| stem.to_string(), Some(t.span));
            if t.source != TermSource::Emoji {
                self.char_ngrams(&t.norm, t.span, sink);
            }
        }
        // Bigrams of stems, broken at identity terms and sentence ends.
        for i in 1..terms.len() {
            let (a, b) = (&terms[i - 1], &terms[i]);
            if identity[i - 1] != Identity::None || identity[i] != Identity::None || a.sentence != b.sentence {
                continue;
            }
            let (sa, sb): (&str, &str) = (&stems[i - 1], &stems[i]);
            sink.add(
                Group::Bigram,
                feature_hash(Group::Bigram, &[sa, sb]),
                &|| format!("{sa} {sb}"),
                Some(join_spans(a.span, b.span)),
            );
        }

        // Cues from the lexicon, plus groups and token-level cues.
        let mut hits = self.lexicon.cues(&joined, terms);
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
        let toks = &doc.tokens;
        for (k, tok) in toks.iter().enumerate() {
            let s = tok.span;
            let piece = &text[s.start..s.end];
            match tok.kind {
                TokenKind::Punct if piece == "?" => {
                    sink.add(
                        Group::Style,
                        feature_hash(Group::Style, &["question"]),
                        &|| "style:question".into(),
                        Some(s),
                    );
                }
                TokenKind::Number if piece.len() <= 2 => {
                    // A clock time: 2 digits, ':' or '.', 2 digits ("02:00", "23.15").
                    let is_time = toks.get(k + 2).is_some_and(|m| {
                        m.kind == TokenKind::Number
                            && m.span.end - m.span.start == 2
                            && matches!(&text[toks[k + 1].span.start..toks[k + 1].span.end], ":" | ".")
                            && toks[k + 1].span.start == s.end
                    });
                    if is_time {
                        let i = term_at(s.start);
                        let sentence = terms.get(i).or(terms.last()).map_or(0, |t| t.sentence);
                        let span = join_spans(s, toks[k + 2].span);
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
                    let lower = piece.to_ascii_lowercase();
                    let police = ["politie", "pz", "police", "polizei", "wijkagent"].iter().any(|p| lower.contains(p));
                    if police {
                        let i = term_at(s.start);
                        let sentence = terms.get(i).or(terms.last()).map_or(0, |t| t.sentence);
                        hits.push(CueHit {
                            cue: Cue::Authority,
                            span: s,
                            first_term: i,
                            last_term: i,
                            quoted: false,
                            sentence,
                        });
                    }
                    sink.add(
                        Group::Style,
                        feature_hash(Group::Style, &["mention"]),
                        &|| "style:mention".into(),
                        Some(s),
                    );
                }
                TokenKind::Url => {
                    sink.add(Group::Style, feature_hash(Group::Style, &["url"]), &|| "style:url".into(), Some(s));
                }
                _ => {}
            }
        }
        hits.sort_by_key(|h| (h.sentence, h.first_term, h.last_term, h.cue));

        for h in &hits {
            let prefix = if h.quoted { "quoted" } else { "cue" };
            let name = h.cue.name();
            sink.add(
                Group::Cue,
                feature_hash(Group::Cue, &[prefix, name]),
                &|| format!("{prefix}:{name}"),
                Some(h.span),
            );
        }
        self.combos(&hits, sink);
        self.style(text, sink);
    }

    fn char_ngrams<S: Sink>(&self, norm: &str, span: Span, sink: &mut S) {
        // Boundaries of the characters of "<norm>", at most 24 characters.
        let mut bounds = [0usize; 27];
        let mut buf = [0u8; 4 * 24 + 2];
        let mut len = 0;
        let mut n = 0;
        buf[0] = b'<';
        len += 1;
        bounds[0] = 0;
        n += 1;
        for c in norm.chars().take(24) {
            bounds[n] = len;
            n += 1;
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        bounds[n] = len;
        n += 1;
        buf[len] = b'>';
        len += 1;
        bounds[n] = len; // end sentinel
        let chars = n; // number of characters including both markers
        if chars < 5 {
            return; // words of 1–2 letters are covered by the unigram
        }
        let s = std::str::from_utf8(&buf[..len]).unwrap_or("");
        for width in [3usize, 4] {
            for i in 0..=chars.saturating_sub(width) {
                let gram = &s[bounds[i]..bounds[i + width]];
                sink.add(Group::Chars, feature_hash(Group::Chars, &[gram]), &|| format!("chars:{gram}"), Some(span));
            }
        }
    }

    fn combos<S: Sink>(&self, hits: &[CueHit], sink: &mut S) {
        // Per sentence, the first hit of each cue (quoted and not apart).
        let mut i = 0;
        while i < hits.len() {
            let sentence = hits[i].sentence;
            let mut j = i;
            let mut first: [[Option<usize>; Cue::ALL.len()]; 2] = [[None; Cue::ALL.len()]; 2];
            while j < hits.len() && hits[j].sentence == sentence {
                let q = usize::from(hits[j].quoted);
                first[q][hits[j].cue as usize].get_or_insert(j);
                j += 1;
            }
            for (q, firsts) in first.iter().enumerate() {
                for &(a, b) in COMBOS {
                    let (Some(x), Some(y)) = (firsts[a as usize], firsts[b as usize]) else { continue };
                    let (hx, hy) = (&hits[x], &hits[y]);
                    // Negation must stand just before what it negates.
                    if a == Cue::Negation && !(hx.last_term < hy.first_term && hy.first_term - hx.last_term <= 3) {
                        continue;
                    }
                    let prefix = if q == 1 { "quoted-combo" } else { "combo" };
                    let (an, bn) = (a.name(), b.name());
                    sink.add(
                        Group::Combo,
                        feature_hash(Group::Combo, &[prefix, an, bn]),
                        &|| format!("{prefix}:{an}+{bn}"),
                        Some(join_spans(hx.span, hy.span)),
                    );
                }
            }
            i = j;
        }
    }

    fn style<S: Sink>(&self, text: &str, sink: &mut S) {
        let (mut upper, mut letters, mut bangs) = (0usize, 0usize, 0usize);
        for c in text.chars() {
            if c.is_alphabetic() {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            } else if c == '!' {
                bangs += 1;
            }
        }
        let mut add = |name: &'static str| {
            sink.add(Group::Style, feature_hash(Group::Style, &[name]), &|| format!("style:{name}"), None);
        };
        if letters >= 10 && upper * 10 >= letters * 6 {
            add("all-caps");
        }
        if bangs >= 3 {
            add("exclamations");
        }
    }
}

/// A sparse feature vector: bucket indices (sorted, unique) and values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FeatureVec {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

/// Collects hashes (fast mode).
#[derive(Default)]
pub(crate) struct HashSink {
    pub items: Vec<(u64, Group)>,
}

impl Sink for HashSink {
    fn add(&mut self, group: Group, hash: u64, _name: &dyn Fn() -> String, _span: Option<Span>) {
        self.items.push((hash, group));
    }
}

/// One named feature occurrence (evidence mode).
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub hash: u64,
    pub group: Group,
    pub name: String,
    pub span: Option<Span>,
}

/// Collects names and spans (evidence mode).
#[derive(Default)]
pub(crate) struct NamedSink {
    pub items: Vec<Named>,
}

impl Sink for NamedSink {
    fn add(&mut self, group: Group, hash: u64, name: &dyn Fn() -> String, span: Option<Span>) {
        self.items.push(Named { hash, group, name: name(), span });
    }
}

/// The value of every feature of a group: 1/sqrt(n) for the word, bigram
/// and character families (so long posts don't score higher for length),
/// 1 for cues, combinations and style.
pub(crate) fn group_values(items: &mut Vec<(u64, Group)>) -> [f32; 6] {
    items.sort_unstable();
    items.dedup_by_key(|x| x.0);
    let mut counts = [0usize; 6];
    for (_, g) in items.iter() {
        counts[*g as usize] += 1;
    }
    let lexical = counts[0] + counts[1];
    let inv = |n: usize| if n == 0 { 0.0 } else { 1.0 / (n as f32).sqrt() };
    [inv(lexical), inv(lexical), inv(counts[2]), 1.0, 1.0, 1.0]
}

/// Map unique hashed features to bucket indices, summing values that
/// collide in one bucket.
pub(crate) fn to_vector(items: &mut Vec<(u64, Group)>, bits: u32) -> FeatureVec {
    let values = group_values(items);
    let mut pairs: Vec<(u32, f32)> = items.iter().map(|(h, g)| (bucket(*h, bits), values[*g as usize])).collect();
    pairs.sort_unstable_by_key(|p| p.0);
    let mut v = FeatureVec { idx: Vec::with_capacity(pairs.len()), val: Vec::with_capacity(pairs.len()) };
    for (i, x) in pairs {
        if v.idx.last() == Some(&i) {
            *v.val.last_mut().expect("non-empty") += x;
        } else {
            v.idx.push(i);
            v.val.push(x);
        }
    }
    v
}

/// Hashed feature vector of a tokenised post.
pub(crate) fn featurize(ex: &Extractor, text: &str, doc: &Doc, bits: u32) -> FeatureVec {
    let mut sink = HashSink::default();
    ex.extract(text, doc, &mut sink);
    to_vector(&mut sink.items, bits)
}

pub(crate) fn bucket(hash: u64, bits: u32) -> u32 {
    (hash >> (64 - bits)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn names(text: &str) -> Vec<String> {
        let ex = Extractor::default();
        let mut sink = NamedSink::default();
        ex.extract(text, &tokenize(text), &mut sink);
        sink.items.into_iter().map(|n| n.name).collect()
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
    fn fast_and_named_modes_agree() {
        let text = "AMAI die flikken van PZ Gent waren echt onbeschoft!!! #schande";
        let ex = Extractor::default();
        let doc = tokenize(text);
        let mut a = HashSink::default();
        let mut b = NamedSink::default();
        ex.extract(text, &doc, &mut a);
        ex.extract(text, &doc, &mut b);
        let hashes: Vec<u64> = b.items.iter().map(|n| n.hash).collect();
        assert_eq!(a.items.iter().map(|x| x.0).collect::<Vec<_>>(), hashes);
    }
}
