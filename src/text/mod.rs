//! Text pipeline: tokens with byte and char offsets, normalised terms,
//! stopwords and language identification.
//!
//! Normalisation is for matching only: output (evidence spans, redacted
//! text) always points back into the original text by offsets.
//!
//! Every step is a single left-to-right pass: time is linear in the input.

mod lang;
mod normalize;
mod stopwords;

pub use lang::{Language, detect_language};

pub use normalize::{fold_word, normalize_word};
pub(crate) use stopwords::STOPWORDS;
pub use stopwords::is_stopword;

use std::cell::RefCell;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

/// What a [`Token`] is.
///
/// # Example
/// ```
/// use signaal::text::{tokenize, TokenKind};
/// let kinds: Vec<TokenKind> = tokenize("@pz 112!").tokens.iter().map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::Mention, TokenKind::Number, TokenKind::Punct]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word (letters, possibly with digits or inner apostrophes).
    Word,
    /// A number (digits, possibly with inner `.` or `,`).
    Number,
    /// A web address (`https://…`, `www.…`).
    Url,
    /// An `@handle`.
    Mention,
    /// A `#hashtag`.
    Hashtag,
    /// An emoji (one grapheme sequence, ZWJ sequences included).
    Emoji,
    /// Punctuation: sentence ends, quotes, dashes, colons.
    Punct,
}

/// A piece of the original text with its offsets.
///
/// `start`/`end` are UTF-8 byte offsets, `char_start`/`char_end` Unicode code
/// point offsets; `end` is exclusive.
///
/// # Example
/// ```
/// let text = "café moord";
/// let s = signaal::text::tokenize(text).terms[1].span;
/// assert_eq!((s.start, s.char_start), (6, 5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Code point offset of the first character.
    pub char_start: usize,
    /// Code point offset one past the last character.
    pub char_end: usize,
}

/// One token of a post.
///
/// # Example
/// ```
/// let doc = signaal::text::tokenize("hoi 😀");
/// assert_eq!(doc.tokens.len(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Where it stands in the original text.
    pub span: Span,
}

/// A normalised word used for matching, pointing back at its span.
///
/// One token can give several terms: `kzal` gives `ik` and `zal`,
/// `#PolitieGent` gives `politie` and `gent`.
///
/// # Example
/// ```
/// let t = &signaal::text::tokenize("„ik STEEEK”").terms[1];
/// assert_eq!(t.norm, "steek");
/// assert!(t.quoted);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised form: lower case, diacritics folded, elongations
    /// shortened, abbreviations expanded, digit obfuscation undone.
    pub norm: Norm,
    /// Where the term came from in the original text.
    pub span: Span,
    /// True when the term stands between quotation marks.
    pub quoted: bool,
    /// Where the term came from.
    pub source: TermSource,
    /// Index of the sentence the term is in (0-based).
    pub sentence: u32,
}

/// The normalised form of a [`Term`]: a string slice (it dereferences to
/// `str`) of one buffer that all terms of a [`Doc`] share, so tokenising
/// allocates once per post, not once per term.
///
/// # Example
/// ```
/// let doc = signaal::text::tokenize("HEEEEL mooi");
/// let norm = &doc.terms[0].norm;
/// assert_eq!(norm, "heel");
/// assert_eq!(norm.as_str(), "heel");
/// assert_eq!(norm.len(), 4); // a `str` method
/// assert_eq!(norm.to_string(), "heel");
/// ```
#[derive(Clone, Default)]
pub struct Norm {
    /// The buffer of the document's normalised terms (`None`: empty).
    buf: Option<Arc<str>>,
    /// Byte range of this term in `buf`.
    start: usize,
    end: usize,
}

impl Norm {
    /// The normalised form as a string slice.
    ///
    /// # Example
    /// ```
    /// let doc = signaal::text::tokenize("Kzal");
    /// let norms: Vec<&str> = doc.terms.iter().map(|t| t.norm.as_str()).collect();
    /// assert_eq!(norms, ["ik", "zal"]);
    /// ```
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.buf {
            Some(b) => &b[self.start..self.end],
            None => "",
        }
    }

    /// The shared buffer and this term's byte range in it.
    pub(crate) fn parts(&self) -> Option<(&Arc<str>, usize, usize)> {
        self.buf.as_ref().map(|b| (b, self.start, self.end))
    }
}

impl std::ops::Deref for Norm {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Norm {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Norm {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Norm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Norm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Norm {
    fn eq(&self, other: &Norm) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Norm {}

impl std::hash::Hash for Norm {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Norm {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Norm {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Norm {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Norm> for str {
    fn eq(&self, other: &Norm) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Norm> for &str {
    fn eq(&self, other: &Norm) -> bool {
        *self == other.as_str()
    }
}

/// What kind of token a [`Term`] came from.
///
/// # Example
/// ```
/// use signaal::text::{tokenize, TermSource};
/// assert_eq!(tokenize("#PZGent").terms[0].source, TermSource::Hashtag);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermSource {
    /// A word of running text.
    Word,
    /// A part of a hashtag.
    Hashtag,
    /// An emoji (the term is the emoji itself, without variation selectors).
    Emoji,
}

/// A tokenised post: tokens in text order and the terms derived from them.
///
/// # Example
/// ```
/// let doc = signaal::text::tokenize("Kzal da nie doen");
/// assert_eq!(doc.terms.len(), 5); // ik zal dat niet doen
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// All tokens, in text order.
    pub tokens: Vec<Token>,
    /// All normalised terms (words, hashtag parts, mention names), in text order.
    pub terms: Vec<Term>,
}

/// Tracks the code point offset of a byte offset, moving only forward.
struct CharCursor<'a> {
    text: &'a str,
    /// The whole text is ASCII: code point offsets equal byte offsets.
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor { text, ascii: text.is_ascii(), byte: 0, chars: 0 }
    }
    /// Code point offset of `byte`, which must be a char boundary at or after
    /// the previous call's.
    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        debug_assert!(byte >= self.byte);
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
    fn span(&mut self, start: usize, end: usize) -> Span {
        let char_start = self.at(start);
        let char_end = self.at(end);
        Span { start, end, char_start, char_end }
    }
}

/// True for characters that are emoji or pictographs.
///
/// # Example
/// ```
/// assert!(signaal::text::is_emoji('🔪'));
/// assert!(!signaal::text::is_emoji('é'));
/// ```
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x2190..=0x21FF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

const QUOTES_OPEN: &[char] = &['“', '„', '«', '‘', '‚'];
const QUOTES_CLOSE: &[char] = &['”', '»', '’'];

/// Tokenise a post in one pass.
///
/// # Example
/// ```
/// use signaal::text::{tokenize, TokenKind};
/// let doc = tokenize("Kzal dat ff checken #PolitieGent 👮‍♀️ https://x.nl");
/// let norms: Vec<&str> = doc.terms.iter().map(|t| t.norm.as_str()).collect();
/// assert_eq!(norms, ["ik", "zal", "dat", "even", "checken", "politie", "gent", "👮♀"]);
/// assert!(doc.tokens.iter().any(|t| t.kind == TokenKind::Emoji));
/// assert!(doc.tokens.iter().any(|t| t.kind == TokenKind::Url));
/// ```
pub fn tokenize(text: &str) -> Doc {
    NORMS.with(|norms| {
        let mut norms = norms.borrow_mut();
        norms.clear();
        norms.push(' ');
        let doc = tokenize_into(text, &mut norms);
        if norms.len() > 64 * 1024 {
            // One huge post does not keep its buffer on the thread.
            *norms = String::new();
        }
        doc
    })
}

thread_local! {
    /// The normalised terms of the post being tokenised, before they move
    /// into the shared buffer of its [`Norm`]s.
    static NORMS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// [`tokenize`], with the terms' normalised forms written to `norms`
/// (`" t0 t1 … "`), then shared by the terms.
fn tokenize_into(text: &str, norms: &mut String) -> Doc {
    let mut doc = Doc { tokens: Vec::with_capacity(text.len() / 4 + 1), terms: Vec::with_capacity(text.len() / 4 + 1) };
    let mut cur = CharCursor::new(text);
    let bytes = text.as_bytes();
    // An odd number of straight quotes: the last one opens nothing.
    let straight = bytes.iter().filter(|&&b| b == b'"').count();
    let mut state = ScanState {
        quoted: false,
        sentence: 0,
        apostrophe_before: None,
        straight_left: straight - straight % 2,
        norms,
    };
    let mut i = 0;
    while i < text.len() {
        // Skip whitespace.
        let c = char_at(text, i);
        if c.is_whitespace() {
            if c == '\n' {
                state.end_sentence();
            }
            i += c.len_utf8();
            state.apostrophe_before = None;
            continue;
        }
        // A chunk runs to the next whitespace.
        let chunk_end = next_whitespace(text, i);
        let chunk = &text[i..chunk_end];
        let lower_prefix =
            |p: &str| chunk.len() >= p.len() && chunk.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        // Every URL prefix starts with 'h' or 'w' (checked first: most chunks are not URLs).
        let url_start = matches!(bytes[i] | 0x20, b'h' | b'w');
        if url_start && (lower_prefix("http://") || lower_prefix("https://") || lower_prefix("www.")) {
            let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”']);
            let end = i + trimmed.len();
            doc.tokens.push(Token { kind: TokenKind::Url, span: cur.span(i, end) });
            scan_words(text, end, chunk_end, &mut cur, &mut doc, &mut state);
        } else if (bytes[i] == b'@' || bytes[i] == b'#')
            && text[i + 1..chunk_end].chars().next().is_some_and(is_word_char)
        {
            let body_len = text[i + 1..chunk_end].find(|c: char| !is_word_char(c)).unwrap_or(chunk_end - i - 1);
            let end = i + 1 + body_len;
            let kind = if bytes[i] == b'@' { TokenKind::Mention } else { TokenKind::Hashtag };
            let span = cur.span(i, end);
            doc.tokens.push(Token { kind, span });
            if kind == TokenKind::Hashtag {
                push_hashtag_terms(text, span, &mut doc, &mut state);
            }
            scan_words(text, end, chunk_end, &mut cur, &mut doc, &mut state);
        } else {
            scan_words(text, i, chunk_end, &mut cur, &mut doc, &mut state);
        }
        i = chunk_end;
    }
    if !doc.terms.is_empty() {
        let buf: Arc<str> = Arc::from(state.norms.as_str());
        for t in &mut doc.terms {
            t.norm.buf = Some(Arc::clone(&buf));
        }
    }
    doc
}

struct ScanState<'n> {
    /// The normalised forms of the terms so far, each followed by a space.
    norms: &'n mut String,
    quoted: bool,
    sentence: u32,
    /// Byte offset just after a lone apostrophe (for `'k`, `'t`).
    apostrophe_before: Option<usize>,
    /// Straight quotes still to come that have a partner.
    straight_left: usize,
}

impl ScanState<'_> {
    /// A sentence ends (`.`, `!`, `?`, newline): quotes do not run on past it.
    fn end_sentence(&mut self) {
        self.sentence += 1;
        self.quoted = false;
    }
}

/// The character starting at byte `i` (a char boundary inside `text`).
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 { char::from(b) } else { text[i..].chars().next().unwrap_or(' ') }
}

/// Byte offset of the first whitespace character at or after `from`, or the
/// text's length.
fn next_whitespace(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut j = from;
    while j < b.len() {
        if b[j] < 0x80 {
            if char::from(b[j]).is_whitespace() {
                return j;
            }
            j += 1;
        } else {
            let c = char_at(text, j);
            if c.is_whitespace() {
                return j;
            }
            j += c.len_utf8();
        }
    }
    b.len()
}

fn scan_words(text: &str, from: usize, to: usize, cur: &mut CharCursor<'_>, doc: &mut Doc, st: &mut ScanState<'_>) {
    if from >= to {
        return;
    }
    let chunk = &text[from..to];
    if chunk.is_ascii() {
        scan_segments(from, AsciiWordBounds { s: chunk, pos: 0 }, true, cur, doc, st);
    } else {
        scan_segments(from, chunk.split_word_bound_indices(), false, cur, doc, st);
    }
}

/// The tokens and terms of the word-bound segments of one chunk (`ascii`:
/// every segment is ASCII, so bytes can be tested instead of characters).
fn scan_segments<'t>(
    from: usize,
    segments: impl Iterator<Item = (usize, &'t str)>,
    ascii: bool,
    cur: &mut CharCursor<'_>,
    doc: &mut Doc,
    st: &mut ScanState<'_>,
) {
    for (off, seg) in segments {
        let start = from + off;
        let end = start + seg.len();
        let first = if ascii { char::from(seg.as_bytes()[0]) } else { seg.chars().next().unwrap_or(' ') };
        let alphanumeric =
            if ascii { seg.bytes().any(|b| b.is_ascii_alphanumeric()) } else { seg.chars().any(char::is_alphanumeric) };
        if alphanumeric {
            let numeric = seg.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
            let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
            let span = cur.span(start, end);
            doc.tokens.push(Token { kind, span });
            if kind == TokenKind::Word {
                let apostrophe = st.apostrophe_before == Some(start);
                let (quoted, sentence) = (st.quoted, st.sentence);
                normalize::normalize_into(seg, apostrophe, st.norms, |start, end| {
                    let norm = Norm { buf: None, start, end };
                    doc.terms.push(Term { norm, span, quoted, source: TermSource::Word, sentence });
                });
            }
            st.apostrophe_before = None;
        } else if !ascii && is_emoji(first) {
            let span = cur.span(start, end);
            doc.tokens.push(Token { kind: TokenKind::Emoji, span });
            let start = st.norms.len();
            st.norms.extend(seg.chars().filter(|c| is_emoji(*c)));
            let norm = Norm { buf: None, start, end: st.norms.len() };
            st.norms.push(' ');
            doc.terms.push(Term { norm, span, quoted: st.quoted, source: TermSource::Emoji, sentence: st.sentence });
            st.apostrophe_before = None;
        } else {
            match first {
                '"' if st.straight_left > 0 => {
                    st.straight_left -= 1;
                    st.quoted = !st.quoted;
                }
                c if QUOTES_OPEN.contains(&c) => st.quoted = true,
                c if QUOTES_CLOSE.contains(&c) => st.quoted = false,
                '.' | '!' | '?' => st.end_sentence(),
                _ => {}
            }
            st.apostrophe_before = if first == '\'' || first == '’' { Some(end) } else { None };
            if !first.is_whitespace() {
                doc.tokens.push(Token { kind: TokenKind::Punct, span: cur.span(start, end) });
            }
        }
    }
}

/// UAX #29 word boundaries for ASCII text without whitespace: the same
/// segments as `unicode-segmentation` (checked by a test), much cheaper.
/// Rules: letters, digits and `_` join (WB5, 8, 9, 10, 13a, 13b); a letter
/// pair joins across `:` `.` `'` (WB6, 7); a digit pair across `,` `;` `.`
/// `'` (WB11, 12); anything else is a segment of its own.
struct AsciiWordBounds<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for AsciiWordBounds<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let b = self.s.as_bytes();
        let start = self.pos;
        if start >= b.len() {
            return None;
        }
        let wordish = |c: u8| WORDISH[usize::from(c)];
        let mut j = start + 1;
        if wordish(b[start]) {
            while j < b.len() {
                let c = b[j];
                if wordish(c) {
                    j += 1;
                    continue;
                }
                let (prev, next) = (b[j - 1], b.get(j + 1).copied().unwrap_or(0));
                let letters =
                    prev.is_ascii_alphabetic() && next.is_ascii_alphabetic() && matches!(c, b':' | b'.' | b'\'');
                let digits = prev.is_ascii_digit() && next.is_ascii_digit() && matches!(c, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    j += 2;
                } else {
                    break;
                }
            }
        }
        self.pos = j;
        Some((start, &self.s[start..j]))
    }
}

/// A word of at most eight bytes as one integer, big-endian and zero-padded:
/// the integers of words without zero bytes order like the words.
pub(crate) const fn pack8(w: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < 8 {
        k = (k << 8) | if i < w.len() { w[i] as u64 } else { 0 };
        i += 1;
    }
    k
}

/// [`pack8`] of every word of a sorted list of words of at most eight bytes.
pub(crate) const fn pack_all<const N: usize>(words: &[&str]) -> [u64; N] {
    assert!(words.len() == N);
    let mut keys = [0u64; N];
    let mut i = 0;
    while i < N {
        keys[i] = pack8(words[i].as_bytes());
        i += 1;
    }
    keys
}

/// ASCII letters, digits and `_`.
static WORDISH: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// Split `#PolitieGent` into `politie`, `gent`: at lower→upper changes,
/// letter↔digit changes and underscores.
fn push_hashtag_terms(text: &str, tag: Span, doc: &mut Doc, st: &mut ScanState<'_>) {
    // The body follows the one-byte '#'.
    let (from, to) = (tag.start + 1, tag.end);
    let body = &text[from..to];
    let mut part_start = 0;
    let mut prev: Option<char> = None;
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (off, c) in body.char_indices() {
        if c == '_' {
            if off > part_start {
                parts.push((part_start, off));
            }
            part_start = off + 1;
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let boundary = (p.is_lowercase() && c.is_uppercase()) || (p.is_alphabetic() != c.is_alphabetic());
            if boundary && off > part_start {
                parts.push((part_start, off));
                part_start = off;
            }
        }
        prev = Some(c);
    }
    if body.len() > part_start {
        parts.push((part_start, body.len()));
    }
    // Char offsets counted inside the tag (the document cursor is past it).
    let mut chars_before = tag.char_start + 1;
    let mut counted = 0;
    for (a, b) in parts {
        chars_before += body[counted..a].chars().count();
        let len = body[a..b].chars().count();
        counted = a;
        let span = Span { start: from + a, end: from + b, char_start: chars_before, char_end: chars_before + len };
        let piece = &body[a..b];
        if piece.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let (quoted, sentence) = (st.quoted, st.sentence);
        normalize::normalize_into(piece, false, st.norms, |start, end| {
            let norm = Norm { buf: None, start, end };
            doc.terms.push(Term { norm, span, quoted, source: TermSource::Hashtag, sentence });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_bytes_and_chars() {
        let text = "Café 😀 ëën moord";
        let doc = tokenize(text);
        for t in &doc.terms {
            let s = t.span;
            assert_eq!(&text[s.start..s.end].chars().count(), &(s.char_end - s.char_start));
            let by_chars: String = text.chars().skip(s.char_start).take(s.char_end - s.char_start).collect();
            assert_eq!(by_chars, &text[s.start..s.end]);
        }
        let moord = doc.terms.iter().find(|t| t.norm == "moord").unwrap();
        assert_eq!((moord.span.start, moord.span.char_start), (text.find("moord").unwrap(), 11));
    }

    #[test]
    fn hashtag_spans_point_into_the_text() {
        let text = "Bedankt voor de info. #PolitieGent éé #ÉénTwee";
        let doc = tokenize(text);
        for t in &doc.terms {
            let s = t.span;
            let by_chars: String = text.chars().skip(s.char_start).take(s.char_end - s.char_start).collect();
            assert_eq!(by_chars, &text[s.start..s.end]);
        }
        let gent = doc.terms.iter().find(|t| t.norm == "gent").unwrap();
        assert_eq!(&text[gent.span.start..gent.span.end], "Gent");
    }

    #[test]
    fn hashtags_split_on_camel_case() {
        let doc = tokenize("#PolitieGent #stop_geweld #A12blokkade");
        let norms: Vec<&str> = doc.terms.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["politie", "gent", "stop", "geweld", "a", "blokkade"]);
        assert!(doc.terms.iter().all(|t| t.source == TermSource::Hashtag));
    }

    #[test]
    fn apostrophe_forms_and_abbreviations() {
        let doc = tokenize("'k heb z'n fiets idd gezien, ge moet da nie doen");
        let norms: Vec<&str> = doc.terms.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["ik", "heb", "zijn", "fiets", "inderdaad", "gezien", "je", "moet", "dat", "niet", "doen"]);
    }

    #[test]
    fn quotes_mark_terms() {
        let doc = tokenize("Hij riep \"ik steek je neer\" en liep weg");
        let quoted: Vec<&str> = doc.terms.iter().filter(|t| t.quoted).map(|t| t.norm.as_str()).collect();
        assert_eq!(quoted, ["ik", "steek", "je", "neer"]);
    }

    #[test]
    fn stray_quotes_do_not_quote_the_rest() {
        let quoted = |t: &str| tokenize(t).terms.iter().filter(|t| t.quoted).count();
        assert_eq!(quoted("\" Ik ga die agent morgen neersteken"), 0);
        assert_eq!(quoted("Mijn 5\" scherm. Ik ga hem slopen"), 0);
        assert_eq!(quoted("„Ik kom je halen. Echt waar"), 4);
        assert_eq!(quoted("hij zei \"ik steek je\" en \"nu"), 3);
    }

    #[test]
    fn newlines_end_sentences() {
        let doc = tokenize("eerste regel\ntweede regel");
        assert_ne!(doc.terms[1].sentence, doc.terms[2].sentence);
    }

    #[test]
    fn mentions_urls_emoji() {
        let doc = tokenize("@Politie_Rotterdam kijk www.nu.nl/x. 🔪🔪");
        let kinds: Vec<TokenKind> = doc.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], TokenKind::Mention);
        assert!(kinds.contains(&TokenKind::Url));
        assert_eq!(kinds.iter().filter(|k| **k == TokenKind::Emoji).count(), 2);
    }

    #[test]
    fn ascii_fast_path_matches_uax29() {
        // Random ASCII strings over the characters the rules care about.
        let alphabet = b"aZk09_.',:;!?\"-#@/()";
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..50_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 14) as usize + 1;
            let s: String =
                (0..len).map(|k| alphabet[((x >> (k * 4)) % alphabet.len() as u64) as usize] as char).collect();
            let fast: Vec<(usize, &str)> = AsciiWordBounds { s: &s, pos: 0 }.collect();
            let uax: Vec<(usize, &str)> = s.split_word_bound_indices().collect();
            assert_eq!(fast, uax, "{s:?}");
        }
        for s in ["z'n", "1.000,50", "02:15", "a:b", "a.1", "1.a", "x_1_y", "a..b", "'k", "ik'", "__"] {
            let fast: Vec<(usize, &str)> = AsciiWordBounds { s, pos: 0 }.collect();
            assert_eq!(fast, s.split_word_bound_indices().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(tokenize("").tokens.is_empty());
        assert!(tokenize("   \n\t ").tokens.is_empty());
        assert!(tokenize("@ # '' \"").terms.is_empty());
        let long = "a".repeat(100_000);
        assert_eq!(tokenize(&long).terms.len(), 1);
    }
}
