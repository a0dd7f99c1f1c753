//! Redaction of personal data (`shared/spec/entities.md`): finders for 14
//! kinds, one span per find without overlaps, and a policy that rewrites
//! the text (mask, tag, pseudonym, remove or keep, per kind).
//!
//! Every finder makes one forward pass over the text with bounded
//! look-around (no backtracking regular expressions), so redaction is
//! linear in the length of the text.

mod checks;
mod names;
mod person;
mod policy;
mod scan;

pub use policy::{DEFAULT_ALLOWLIST, PseudonymKey, RedactionConfig, RedactionPolicy};

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The kinds of personal data that redaction finds, with their Dutch tags.
///
/// # Example
/// ```
/// use signaal::EntityKind;
/// assert_eq!(EntityKind::Person.tag(), "PERSOON");
/// assert_eq!(EntityKind::parse("iban"), Some(EntityKind::Iban));
/// assert_eq!(serde_json::to_string(&EntityKind::NationalIdBe).unwrap(), "\"national_id_be\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// Given names, surnames, initials + surname, titles + name.
    Person,
    /// E-mail addresses.
    Email,
    /// Dutch and Belgian phone numbers.
    Phone,
    /// IBANs of any country (ISO 13616 mod-97).
    Iban,
    /// Dutch citizen service numbers (11-proef).
    Bsn,
    /// Belgian rijksregisternummers (mod-97, both centuries).
    NationalIdBe,
    /// Dutch postcodes (1234 AB).
    Postcode,
    /// Street + house number (+ addition, "bus 2").
    Address,
    /// Dutch (side codes 1–14) and Belgian licence plates.
    LicensePlate,
    /// Web addresses, with or without scheme.
    Url,
    /// IPv4 and IPv6 addresses.
    IpAddress,
    /// @usernames.
    Handle,
    /// Dates with a birth cue (geb., geboren, °).
    DateOfBirth,
    /// Payment card numbers (Luhn).
    CreditCard,
}

impl EntityKind {
    /// All kinds, in the order of `entities.md`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::EntityKind::ALL.len(), 14);
    /// ```
    pub const ALL: [EntityKind; 14] = [
        EntityKind::Person,
        EntityKind::Email,
        EntityKind::Phone,
        EntityKind::Iban,
        EntityKind::Bsn,
        EntityKind::NationalIdBe,
        EntityKind::Postcode,
        EntityKind::Address,
        EntityKind::LicensePlate,
        EntityKind::Url,
        EntityKind::IpAddress,
        EntityKind::Handle,
        EntityKind::DateOfBirth,
        EntityKind::CreditCard,
    ];

    /// The kind's name as used in JSON and configuration (`"license_plate"`).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::EntityKind::LicensePlate.as_str(), "license_plate");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Email => "email",
            EntityKind::Phone => "phone",
            EntityKind::Iban => "iban",
            EntityKind::Bsn => "bsn",
            EntityKind::NationalIdBe => "national_id_be",
            EntityKind::Postcode => "postcode",
            EntityKind::Address => "address",
            EntityKind::LicensePlate => "license_plate",
            EntityKind::Url => "url",
            EntityKind::IpAddress => "ip_address",
            EntityKind::Handle => "handle",
            EntityKind::DateOfBirth => "date_of_birth",
            EntityKind::CreditCard => "credit_card",
        }
    }

    /// The Dutch tag used in rewritten text (`PERSOON`, `TELEFOON`, …).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::EntityKind::Phone.tag(), "TELEFOON");
    /// ```
    pub fn tag(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSOON",
            EntityKind::Email => "EMAIL",
            EntityKind::Phone => "TELEFOON",
            EntityKind::Iban => "IBAN",
            EntityKind::Bsn => "BSN",
            EntityKind::NationalIdBe => "RRN",
            EntityKind::Postcode => "POSTCODE",
            EntityKind::Address => "ADRES",
            EntityKind::LicensePlate => "KENTEKEN",
            EntityKind::Url => "URL",
            EntityKind::IpAddress => "IP",
            EntityKind::Handle => "GEBRUIKER",
            EntityKind::DateOfBirth => "GEBOORTEDATUM",
            EntityKind::CreditCard => "CREDITCARD",
        }
    }

    /// Parse a kind name (`"phone"`).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::EntityKind::parse("bsn"), Some(signaal::EntityKind::Bsn));
    /// assert_eq!(signaal::EntityKind::parse("BSN"), None);
    /// ```
    pub fn parse(name: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Position in [`EntityKind::ALL`].
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::EntityKind::Person.index(), 0);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the policy does with a find of a kind.
///
/// # Example
/// ```
/// use signaal::Mode;
/// assert_eq!(serde_json::from_str::<Mode>("\"pseudonym\"").unwrap(), Mode::Pseudonym);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Replace with `[TAG]`.
    #[default]
    Mask,
    /// Replace with `[TAG_n]`, the same value the same `n` within a text.
    Tag,
    /// Replace with `[TAG_xxxxxx]`, a keyed HMAC-SHA256 of the normalised
    /// value: the same value gives the same token in every text and run
    /// under the same key.
    Pseudonym,
    /// Delete the value.
    Remove,
    /// Report the find but leave the text as it is.
    Keep,
}

impl Mode {
    /// Parse a mode name (`"mask"`, `"tag"`, `"pseudonym"`, `"remove"`, `"keep"`).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::Mode::parse("tag"), Some(signaal::Mode::Tag));
    /// ```
    pub fn parse(name: &str) -> Option<Mode> {
        match name {
            "mask" => Some(Mode::Mask),
            "tag" => Some(Mode::Tag),
            "pseudonym" => Some(Mode::Pseudonym),
            "remove" => Some(Mode::Remove),
            "keep" => Some(Mode::Keep),
            _ => None,
        }
    }
}

/// One find: a span of personal data in a post.
///
/// `start`/`end` are UTF-8 byte offsets, `char_start`/`char_end` Unicode
/// code point offsets; `end` is exclusive. `value` (the found text) is
/// only filled when the policy asks for it
/// ([`RedactionPolicy::include_values`]).
///
/// # Example
/// ```
/// let r = signaal::Analyzer::new().redact("Bel 06-12345678 of mail jan@example.com");
/// let e = &r.entities[0];
/// assert_eq!((e.kind, e.start, e.end), (signaal::EntityKind::Phone, 4, 15));
/// assert_eq!(e.value, None);
/// let json = serde_json::to_string(e).unwrap();
/// assert!(json.starts_with(r#"{"kind":"phone","tag":"TELEFOON","start":4"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "EntityRepr", try_from = "EntityRepr")]
pub struct Entity {
    /// What was found.
    pub kind: EntityKind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Code point offset of the first character.
    pub char_start: usize,
    /// Code point offset after the last character.
    pub char_end: usize,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// The rule that found it (e.g. `iban-mod97`, `given-name+surname`).
    pub rule: Cow<'static, str>,
    /// The found text, only when asked for.
    pub value: Option<String>,
}

/// The JSON shape of an [`Entity`] (adds `tag`).
#[derive(Serialize, Deserialize)]
struct EntityRepr {
    kind: EntityKind,
    tag: Cow<'static, str>,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    confidence: f32,
    rule: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
}

impl From<Entity> for EntityRepr {
    fn from(e: Entity) -> Self {
        EntityRepr {
            kind: e.kind,
            tag: Cow::Borrowed(e.kind.tag()),
            start: e.start,
            end: e.end,
            char_start: e.char_start,
            char_end: e.char_end,
            confidence: e.confidence,
            rule: e.rule,
            value: e.value,
        }
    }
}

impl TryFrom<EntityRepr> for Entity {
    type Error = String;
    fn try_from(r: EntityRepr) -> Result<Self, String> {
        if r.tag != r.kind.tag() {
            return Err(format!("tag does not belong to kind `{}`", r.kind));
        }
        Ok(Entity {
            kind: r.kind,
            start: r.start,
            end: r.end,
            char_start: r.char_start,
            char_end: r.char_end,
            confidence: r.confidence,
            rule: r.rule,
            value: r.value,
        })
    }
}

/// A rewritten text with the finds behind it.
///
/// # Example
/// ```
/// let r = signaal::Analyzer::new().redact("Mijn IBAN is NL91 ABNA 0417 1643 00, groet Pieter de Vries");
/// assert_eq!(r.text, "Mijn IBAN is [IBAN], groet [PERSOON]");
/// assert_eq!(r.entities.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redaction {
    /// The text rewritten by the policy.
    pub text: String,
    /// The finds, in text order, never overlapping.
    pub entities: Vec<Entity>,
}

/// A find before policy and offsets: byte span, kind, confidence, rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub confidence: f32,
    pub rule: &'static str,
}

/// Run every enabled finder over `text` and return the finds the policy
/// keeps (enabled kind, confidence, allowlist), without overlaps, in text
/// order.
pub(crate) fn find(text: &str, policy: &RedactionPolicy) -> Vec<Candidate> {
    with_scratch(|s| {
        find_with(text, policy, s);
        s.kept.clone()
    })
}

/// The buffers of [`find_with`], reused from post to post (no allocation
/// a post); an empty vector holds the place of those whose items borrow
/// the text.
#[derive(Default)]
struct Scratch {
    /// Every find of the finders.
    cands: Vec<Candidate>,
    /// The finds kept (the result).
    kept: Vec<Candidate>,
    /// The words of the text (`person::words`).
    words: Vec<person::Word<'static>>,
    /// The values of [`repeat_values`].
    values: Vec<(&'static str, EntityKind)>,
    /// Their occurrences.
    occurrences: Vec<(usize, usize, usize)>,
}

/// Bytes of buffers a thread keeps between texts (about what a 1 MB text
/// needs). Within it, a long text's buffers stay for the next long text:
/// shrinking them after each one and growing them again made every long
/// text fault in fresh pages (1 MB texts ran 1.4 × slower in wall time,
/// breaking linear time). Beyond it they shrink back, so memory stays
/// bounded.
const SCRATCH_KEEP_BYTES: usize = 24 << 20;

impl Scratch {
    /// Empty the buffers; shrink them when they hold more than
    /// [`SCRATCH_KEEP_BYTES`] together.
    fn trim(&mut self) {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        fn trim<T>(v: &mut Vec<T>, shrink: bool) {
            v.clear();
            if shrink && v.capacity() > 4096 {
                v.shrink_to(4096);
            }
        }
        let held = bytes(&self.cands)
            + bytes(&self.kept)
            + bytes(&self.words)
            + bytes(&self.values)
            + bytes(&self.occurrences);
        let shrink = held > SCRATCH_KEEP_BYTES;
        trim(&mut self.cands, shrink);
        trim(&mut self.kept, shrink);
        trim(&mut self.words, shrink);
        trim(&mut self.values, shrink);
        trim(&mut self.occurrences, shrink);
    }
}

thread_local! {
    /// The buffers of [`find_with`], reused from post to post.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// `f` with this thread's [`Scratch`] (fresh buffers when it is in use).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut f = Some(f);
    let done = SCRATCH.try_with(|cell| {
        let mut s = cell.try_borrow_mut().ok()?;
        let r = (f.take()?)(&mut s);
        s.trim();
        Some(r)
    });
    match (done, f) {
        (Ok(Some(r)), _) => r,
        (_, Some(f)) => f(&mut Scratch::default()),
        (_, None) => unreachable!("a closure that ran returned its result"),
    }
}

/// An empty vector with the allocation of `v`, for items of another
/// lifetime (the same layout: the standard library's in-place `collect`
/// keeps the allocation; were it not to, this would only allocate).
fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().map(|_| -> U { unreachable!("the vector is empty") }).collect()
}

/// [`find`] into `s.kept`, with `s`'s buffers.
fn find_with(text: &str, policy: &RedactionPolicy, s: &mut Scratch) {
    let cands = &mut s.cands;
    cands.clear();
    scan::scan(text, policy, cands);
    // the words are found once, for the person finder and propagation
    let mut words = recycle(std::mem::take(&mut s.words));
    if policy.enabled(EntityKind::Person) {
        person::words_into(text, &mut words);
        person::find_persons(text, &words, cands);
    }
    cands.retain(|c| {
        policy.enabled(c.kind)
            && c.confidence >= policy.min_confidence
            && !policy.allowed(c.kind, &text[c.start..c.end])
    });
    let kept = &mut s.kept;
    resolve(cands, kept);
    if policy.enabled(EntityKind::Person) {
        person::propagate(&words, kept);
        // the finds kept so far passed the allowlist already
        kept.retain(|c| c.rule != person::REPEAT_RULE || !policy.allowed(c.kind, &text[c.start..c.end]));
    }
    s.words = recycle(words);
    let mut values = recycle(std::mem::take(&mut s.values));
    repeat_values(text, kept, &mut values, &mut s.occurrences);
    s.values = recycle(values);
}

/// Every other occurrence of a found value (4 bytes or more, ASCII case
/// ignored) is redacted too, even where no finder would confirm it on its
/// own ("1-KPT-482Jan"): nothing of a found value survives. One
/// Aho-Corasick pass over the text.
fn repeat_values<'t>(
    text: &'t str,
    kept: &mut Vec<Candidate>,
    values: &mut Vec<(&'t str, EntityKind)>,
    occurrences: &mut Vec<(usize, usize, usize)>,
) {
    values.clear();
    // Few finds (nearly every post): a scan of the values so far; many: a
    // set, so that a text with thousands of finds stays linear.
    let mut seen: Option<std::collections::HashSet<String>> = None;
    for c in kept.iter() {
        let v = &text[c.start..c.end];
        if v.len() < 4 {
            continue;
        }
        if values.len() == 16 && seen.is_none() {
            seen = Some(values.iter().map(|(w, _)| w.to_ascii_lowercase()).collect());
        }
        let new = match &mut seen {
            Some(set) => set.insert(v.to_ascii_lowercase()),
            None => !values.iter().any(|(w, _)| w.eq_ignore_ascii_case(v)),
        };
        if new {
            values.push((v, c.kind));
        }
    }
    if values.is_empty() {
        return;
    }
    let mut added = Vec::new();
    let mut i = 0; // index into kept, sorted by start
    find_occurrences(text, values, occurrences);
    for &(s, e, pattern) in occurrences.iter() {
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        while i < kept.len() && kept[i].end <= s {
            i += 1;
        }
        let overlaps = i < kept.len() && kept[i].start < e;
        if !overlaps {
            let kind = values[pattern].1;
            added.push(Candidate { start: s, end: e, kind, confidence: 0.8, rule: "repeat-of-found-value" });
        }
    }
    if !added.is_empty() {
        kept.extend(added);
        kept.sort_by_key(|c| c.start);
    }
}

/// Leftmost-longest, ASCII-case-insensitive occurrences of the values:
/// (start, end, value index). A typical post is short with a few finds,
/// where a direct scan beats building an automaton; long texts or many
/// values get one Aho-Corasick pass (linear either way: the direct scan
/// is bounded by 4 KB × 16 values × the value length).
fn find_occurrences(text: &str, values: &[(&str, EntityKind)], out: &mut Vec<(usize, usize, usize)>) {
    out.clear();
    let hay = text.as_bytes();
    if hay.len() > 4096 || values.len() > 16 {
        let Ok(ac) = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(values.iter().map(|(v, _)| v))
        else {
            return;
        };
        out.extend(ac.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())));
        return;
    }
    // only positions whose byte can start a value are tried: `first[c]`
    // holds a bit for every value starting with byte `c` (ASCII case
    // ignored), `second[c]` for every value whose second byte is `c`
    // (every value has four bytes or more); a value can match at `i` only
    // when its bit is in both `first[hay[i]]` and `second[hay[i + 1]]`
    let mut first = [0u16; 256];
    let mut second = [0u16; 256];
    for (k, (v, _)) in values.iter().enumerate() {
        let bit = 1u16 << k;
        let v = v.as_bytes();
        for (table, c) in [(&mut first, v[0]), (&mut second, v[1])] {
            table[usize::from(c.to_ascii_lowercase())] |= bit;
            table[usize::from(c.to_ascii_uppercase())] |= bit;
        }
    }
    let mut i = 0;
    while i < hay.len() {
        // eight bytes none of which starts a value: skip them at once
        if let Some(c) = hay.get(i..i + 8) {
            let f = |k: usize| first[usize::from(c[k])];
            if f(0) | f(1) | f(2) | f(3) | f(4) | f(5) | f(6) | f(7) == 0 {
                i += 8;
                continue;
            }
        }
        // then byte by byte to the first that can (within eight bytes)
        let stop = hay.len().min(i + 8);
        while i < stop && first[usize::from(hay[i])] == 0 {
            i += 1;
        }
        if i == stop {
            continue;
        }
        // the longest value that matches here, the first of equally long ones
        let mut bits = first[usize::from(hay[i])] & hay.get(i + 1).map_or(0, |&c| second[usize::from(c)]);
        let mut best: Option<(usize, usize)> = None; // (value index, length)
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let v = values[k].0.as_bytes();
            if best.is_none_or(|(_, len)| v.len() > len)
                && hay.len() - i >= v.len()
                && hay[i..i + v.len()].eq_ignore_ascii_case(v)
            {
                best = Some((k, v.len()));
            }
        }
        match best {
            Some((k, len)) => {
                out.push((i, i + len, k));
                i += len;
            }
            None => i += 1,
        }
    }
}

/// Sort non-overlapping, non-empty spans (all ending by `limit`) by start
/// in linear time: counted into 64-byte blocks of the text (at most 64
/// such spans start in one), then each block's few put in order.
fn sort_by_start(spans: &mut [Candidate], limit: usize) {
    let blocks = limit / 64 + 1;
    let mut first = vec![0u32; blocks + 1];
    for c in spans.iter() {
        first[c.start / 64 + 1] += 1;
    }
    for b in 1..=blocks {
        first[b] += first[b - 1];
    }
    let Some(&any) = spans.first() else { return };
    let mut next = first.clone();
    let mut sorted = vec![any; spans.len()];
    for &c in spans.iter() {
        let b = c.start / 64;
        sorted[next[b] as usize] = c;
        next[b] += 1;
    }
    spans.copy_from_slice(&sorted);
    for b in 0..blocks {
        let block = &mut spans[first[b] as usize..first[b + 1] as usize];
        if block.len() > 1 {
            block.sort_unstable_by_key(|c| c.start);
        }
    }
}

/// Resolve overlaps: the longer span wins, then the surer, then the
/// earlier. O(n log n) in the number of candidates.
fn resolve(cands: &mut [Candidate], taken: &mut Vec<Candidate>) {
    taken.clear();
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
            .then(a.kind.cmp(&b.kind))
    });
    if cands.len() <= 64 {
        // few candidates (nearly every post): the accepted spans in a vector
        // sorted by start, the same decisions as the map below
        for &c in cands.iter() {
            let q = taken.partition_point(|t| t.start < c.end);
            if q > 0 && taken[q - 1].end > c.start {
                continue;
            }
            match taken.get_mut(q) {
                Some(t) if t.start == c.start => *t = c,
                _ => taken.insert(q, c),
            }
        }
        return;
    }
    // Many candidates (long texts): a bit per byte taken by an accepted
    // span. The same decisions as the map below when no span is empty (a
    // span conflicts exactly when it shares a byte with an accepted one);
    // used while the spans' total length keeps it linear in the text.
    let limit = cands.iter().map(|c| c.end).max().unwrap_or(0);
    let total: usize = cands.iter().map(|c| c.end - c.start).sum();
    if cands.iter().all(|c| c.start < c.end) && total <= limit.saturating_mul(64) {
        let mut bits = vec![0u64; limit / 64 + 1];
        for &c in cands.iter() {
            if !any_bit(&bits, c.start, c.end) {
                set_bits(&mut bits, c.start, c.end);
                taken.push(c);
            }
        }
        sort_by_start(taken, limit);
        return;
    }
    // accepted spans keyed by start
    let mut by_start: std::collections::BTreeMap<usize, Candidate> = std::collections::BTreeMap::new();
    for &c in cands.iter() {
        let before = by_start.range(..c.end).next_back();
        if let Some((_, p)) = before {
            if p.end > c.start {
                continue;
            }
        }
        by_start.insert(c.start, c);
    }
    taken.extend(by_start.into_values());
}

/// The mask of bits `s..e` (`s < e`) within word `w`.
fn word_mask(w: usize, s: usize, e: usize) -> u64 {
    let lo = s.max(w * 64) - w * 64;
    let hi = e.min(w * 64 + 64) - w * 64; // 1..=64
    let upto = if hi == 64 { !0 } else { (1u64 << hi) - 1 };
    upto & !((1u64 << lo) - 1)
}

/// True when a bit of `s..e` (`s < e`) is set.
fn any_bit(bits: &[u64], s: usize, e: usize) -> bool {
    (s / 64..=(e - 1) / 64).any(|w| bits[w] & word_mask(w, s, e) != 0)
}

/// Set the bits `s..e` (`s < e`).
fn set_bits(bits: &mut [u64], s: usize, e: usize) {
    let (first, last) = (s / 64, (e - 1) / 64);
    for (k, word) in bits[first..=last].iter_mut().enumerate() {
        *word |= word_mask(first + k, s, e);
    }
}

/// Turn candidates into entities with byte and char offsets (one forward
/// pass over the text) and rewrite the text by the policy.
pub(crate) fn redact(text: &str, policy: &RedactionPolicy) -> Redaction {
    with_scratch(|s| {
        find_with(text, policy, s);
        apply(text, &s.kept, policy)
    })
}

fn apply(text: &str, cands: &[Candidate], policy: &RedactionPolicy) -> Redaction {
    let mut entities = Vec::with_capacity(cands.len());
    let mut out = String::with_capacity(text.len());
    let mut pos = 0; // bytes consumed of text
    let mut chars = 0; // chars up to pos
    let mut numbering: Vec<(EntityKind, String)> = Vec::new();
    // in an ASCII text (most posts) chars are bytes
    let ascii = text.is_ascii();
    for c in cands {
        chars += if ascii { c.start - pos } else { text[pos..c.start].chars().count() };
        let char_start = chars;
        let value = &text[c.start..c.end];
        let char_end = char_start + if ascii { value.len() } else { value.chars().count() };
        out.push_str(&text[pos..c.start]);
        let mode = policy.mode(c.kind);
        match mode {
            Mode::Mask => {
                out.push('[');
                out.push_str(c.kind.tag());
                out.push(']');
            }
            Mode::Tag => {
                let norm = policy::normalise(c.kind, value);
                let n = match numbering.iter().filter(|(k, _)| *k == c.kind).position(|(_, v)| *v == norm) {
                    Some(i) => i + 1,
                    None => {
                        numbering.push((c.kind, norm));
                        numbering.iter().filter(|(k, _)| *k == c.kind).count()
                    }
                };
                out.push('[');
                out.push_str(c.kind.tag());
                out.push('_');
                out.push_str(&n.to_string());
                out.push(']');
            }
            Mode::Pseudonym => {
                out.push('[');
                out.push_str(c.kind.tag());
                out.push('_');
                out.push_str(&policy.pseudonym(c.kind, value));
                out.push(']');
            }
            Mode::Remove => {}
            Mode::Keep => out.push_str(value),
        }
        entities.push(Entity {
            kind: c.kind,
            start: c.start,
            end: c.end,
            char_start,
            char_end,
            confidence: (c.confidence * 1000.0).round() / 1000.0,
            rule: Cow::Borrowed(c.rule),
            value: policy.include_values.then(|| value.to_owned()),
        });
        pos = c.end;
        chars = char_end;
    }
    out.push_str(&text[pos..]);
    Redaction { text: out, entities }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(cands: &mut [Candidate]) -> Vec<Candidate> {
        let mut taken = Vec::new();
        resolve(cands, &mut taken);
        taken
    }

    fn c(start: usize, end: usize, conf: f32) -> Candidate {
        Candidate { start, end, kind: EntityKind::Phone, confidence: conf, rule: "t" }
    }

    /// The linear sort by start agrees with a comparison sort, whatever
    /// the order and the gaps (spans packed into one block, spread far).
    #[test]
    fn linear_sort_by_start_agrees() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rand = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        for round in 0..200 {
            // Non-overlapping, non-empty spans, 1..=9 bytes each, gaps 0..=gap.
            let gap = [0, 1, 3, 64, 500][round % 5];
            let (mut at, mut spans) = (0, Vec::new());
            for _ in 0..rand(300) {
                at += rand(gap as u64 + 1);
                let len = 1 + rand(9);
                spans.push(c(at, at + len, 0.5));
                at += len;
            }
            for i in (1..spans.len()).rev() {
                spans.swap(i, rand(i as u64 + 1));
            }
            let mut want = spans.clone();
            want.sort_by_key(|c| c.start);
            sort_by_start(&mut spans, at);
            assert_eq!(spans, want, "round {round}");
        }
    }

    #[test]
    fn longer_then_surer_wins() {
        let r = resolved(&mut [c(0, 5, 0.9), c(3, 10, 0.5), c(10, 12, 0.5), c(11, 12, 0.99)]);
        assert_eq!(r.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(), [(3, 10), (10, 12)]);
        let r = resolved(&mut [c(0, 4, 0.6), c(0, 4, 0.9)]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].confidence, 0.9);
    }

    #[test]
    fn many_candidates_resolve_as_few() {
        // the bitmap path (over 64 candidates) against the sorted vector,
        // 64 candidates at a time
        let mut seed = 12345u64;
        let mut all = Vec::new();
        for _ in 0..2000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let start = (seed >> 33) as usize % 3000;
            let len = 1 + (seed >> 20) as usize % 150;
            all.push(c(start, start + len, [0.5, 0.7, 0.9][(seed >> 10) as usize % 3]));
        }
        let many = resolved(&mut all.clone());
        // the same greedy order, by the map (no bitmap: one empty span)
        let mut with_empty = all.clone();
        with_empty.push(c(5000, 5000, 0.1));
        let mut by_map = resolved(&mut with_empty);
        by_map.retain(|x| x.start != 5000);
        assert_eq!(many, by_map);
        assert!(many.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
