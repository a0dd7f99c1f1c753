//! The name lists of `data/names/`, embedded in the binary and turned into
//! hash sets on first use (about 10 ms, once per process).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

static NL_SURNAMES: &str = include_str!("../../data/names/nl_surnames.txt");
static BE_SURNAMES: &str = include_str!("../../data/names/be_surnames.txt");
static GIVEN_NL: &str = include_str!("../../data/names/given_nl.txt");
static GIVEN_BE: &str = include_str!("../../data/names/given_be.txt");
static GIVEN_EXTRA: &str = include_str!("../../data/names/given_extra.txt");
static GIVEN_EXTRA_COMMON: &str = include_str!("../../data/names/given_extra_common.txt");
static COMMON_WORDS: &str = include_str!("../../data/names/common_word_surnames.txt");
static NOT_PERSON: &str = include_str!("../../data/names/not_person.txt");

/// The keys are already hashes: pass them through.
#[derive(Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type Set = HashSet<u64, BuildHasherDefault<Identity>>;

/// A hash of the lower-cased characters, with runs of white space as
/// one space and typographic apostrophes as `'`: [`Chunks`] over the
/// UTF-8 bytes of that normal form. ASCII bytes take a fast path; other
/// characters are lower-cased as `char`s (same hash).
pub(crate) fn hash_lower(s: &str) -> u64 {
    let b = s.as_bytes();
    if let Some(h) = hash_plain_ascii(b) {
        return h;
    }
    let mut h = Chunks::new();
    let mut space = false;
    let mut started = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            // char::is_whitespace on ASCII: U+0009..=U+000D and U+0020
            if matches!(c, b'\t'..=b'\r' | b' ') {
                space = started;
                continue;
            }
            if space {
                h.push(b' ');
                space = false;
            }
            started = true;
            h.push(if c == b'`' { b'\'' } else { c.to_ascii_lowercase() });
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            h.push(b' ');
            space = false;
        }
        started = true;
        let c = if c == '\u{2019}' { '\'' } else { c };
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h.push(b);
            }
        }
    }
    h.finish()
}

/// Bit 7 of every byte.
const HIGH8: u64 = 0x8080_8080_8080_8080;
/// Every byte 0x01.
const ONES8: u64 = 0x0101_0101_0101_0101;

/// Bit 7 of every byte of `x` (all bytes ASCII) that equals `v` (ASCII).
#[inline]
fn bytes_equal(x: u64, v: u8) -> u64 {
    let t = x ^ (ONES8 * u64::from(v));
    // a byte t plus 0x7f reaches bit 7 unless t is zero (no carries: t <= 0x7f)
    !((t + 0x7f7f_7f7f_7f7f_7f7f) | t) & HIGH8
}

/// [`hash_lower`] of a plain ASCII text (most phrases of a post): no
/// control characters, no '`', and spaces only single and between other
/// bytes, so that the normal form is the text ASCII-lower-cased. Eight
/// bytes at a time; None for any other text.
#[inline]
fn hash_plain_ascii(b: &[u8]) -> Option<u64> {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let mut h = 0;
    // bit 7 of the first byte: the byte before this chunk is a space
    let mut space_before = 0;
    for c in b.chunks(8) {
        let mut buf = [0u8; 8];
        buf[..c.len()].copy_from_slice(c);
        let x = u64::from_le_bytes(buf);
        if x & HIGH8 != 0 {
            return None;
        }
        // bit 7 of the bytes of `c` (not of the zero padding)
        let real = if c.len() == 8 { HIGH8 } else { HIGH8 & ((1u64 << (8 * c.len())) - 1) };
        // a byte below 0x20 plus 0x60 stays below 0x80 (no carries)
        let control = !(x + 0x6060_6060_6060_6060) & real;
        let spaces = bytes_equal(x, b' ');
        if control != 0 || bytes_equal(x, b'`') != 0 || spaces & ((spaces << 8) | space_before) != 0 {
            return None;
        }
        space_before = spaces >> 56;
        // bit 7 of each byte in 'A'..='Z', moved to bit 5
        let upper = (x + 0x3f3f_3f3f_3f3f_3f3f) & !(x + 0x2525_2525_2525_2525) & HIGH8;
        h = mix(h, x | (upper >> 2));
    }
    Some(finish(h, b.len()))
}

/// The hash of a byte string: its eight-byte chunks (little-endian, the
/// last one padded with zero bytes) folded by [`mix`], then the length
/// and [`finish`]. Fed a byte at a time ([`Chunks::push`]) or, for the
/// words of a text, a chunk at a time (see `person::words`).
pub(crate) struct Chunks {
    h: u64,
    /// The bytes of the current chunk so far.
    buf: u64,
    /// The bytes pushed so far.
    len: usize,
}

impl Chunks {
    pub(crate) fn new() -> Chunks {
        Chunks { h: 0, buf: 0, len: 0 }
    }

    #[inline]
    pub(crate) fn push(&mut self, b: u8) {
        let k = self.len % 8;
        self.buf |= u64::from(b) << (8 * k);
        self.len += 1;
        if k == 7 {
            self.h = mix(self.h, self.buf);
            self.buf = 0;
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        let h = if self.len % 8 != 0 { mix(self.h, self.buf) } else { self.h };
        finish(h, self.len)
    }
}

/// One chunk of [`Chunks`] (an FxHash step).
#[inline]
pub(crate) fn mix(h: u64, chunk: u64) -> u64 {
    (h.rotate_left(5) ^ chunk).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Finaliser of [`Chunks`]: the length, then spread the bits (the map
/// uses them as they are).
#[inline]
pub(crate) fn finish(h: u64, len: usize) -> u64 {
    let mut h = h ^ len as u64;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// [`hash_lower`] of a word without white space (the person finder's
/// words): no white-space handling when it is ASCII.
pub(crate) fn hash_word(w: &str) -> u64 {
    if !w.is_ascii() || w.bytes().any(|c| c.is_ascii_whitespace() || c == 0x0b) {
        return hash_lower(w);
    }
    let mut h = Chunks::new();
    for c in w.bytes() {
        h.push(if c == b'`' { b'\'' } else { c.to_ascii_lowercase() });
    }
    h.finish()
}

/// What a word (hashed by [`hash_lower`]) is, as bits: the name lists
/// (membership by hash, as ever) and the short word lists of the person
/// finder (confirmed by an exact comparison, see [`Names::flags`]).
pub(crate) mod flag {
    /// A given name of NL or BE.
    pub const GIVEN: u16 = 1;
    /// A whole surname, tussenvoegsels included ("de jong").
    pub const SURNAME: u16 = 1 << 1;
    /// The last word of a surname ("jong").
    pub const CORE: u16 = 1 << 2;
    /// A name that is also an ordinary Dutch word.
    pub const COMMON: u16 = 1 << 3;
    /// A place, organisation or brand that is also a name.
    pub const NOT_PERSON: u16 = 1 << 4;
    /// The first word of a multi-word `NOT_PERSON` entry ("den" of "den haag").
    pub const NOT_PERSON_HEAD: u16 = 1 << 5;
    /// The bits below come from exact word lists (bits 6 to 12).
    pub const EXACT: u16 = 0x7f << 6;
    /// `person::TUSSEN`.
    pub const TUSSEN: u16 = 1 << 6;
    /// `person::SURNAME_TUSSEN`.
    pub const SURNAME_TUSSEN: u16 = 1 << 7;
    /// `person::NOT_NAMES`.
    pub const NOT_NAMES: u16 = 1 << 8;
    /// `person::TITLES`.
    pub const TITLES: u16 = 1 << 9;
    /// `person::INTRO_BEFORE`.
    pub const INTRO_BEFORE: u16 = 1 << 10;
    /// `person::ANIMALS`.
    pub const ANIMALS: u16 = 1 << 11;
    /// A stopword (`text::is_stopword`).
    pub const STOPWORD: u16 = 1 << 12;
    /// The last word of a whole surname ("jong" of "de jong"): a phrase
    /// ending in another word is no listed surname.
    pub const SURNAME_TAIL: u16 = 1 << 13;
    /// The last word of a `NOT_PERSON` entry ("haag" of "den haag").
    pub const NOT_PERSON_TAIL: u16 = 1 << 14;
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

/// All lists in one hash map: a word costs one lookup.
pub(crate) struct Names {
    /// The list bits (low 16 bits) and, for an exact-list word, its index
    /// in `exact` plus one (high 16 bits): one probe a word.
    flags: Map<u32>,
    /// The (lower-case ASCII) text of every exact-list word, to confirm a
    /// hash match with a comparison.
    exact: Vec<&'static str>,
    /// [`packed_lower`] of each `exact` word of eight ASCII bytes or
    /// fewer, `u64::MAX` (no packed ASCII word) for the others.
    packed: Vec<u64>,
}

/// An ASCII text of eight bytes or fewer, ASCII-lower-cased, as a
/// little-endian `u64` padded with zero bytes.
#[inline]
fn packed_lower(w: &str) -> u64 {
    let mut buf = [0u8; 8];
    buf[..w.len()].copy_from_slice(w.as_bytes());
    let x = u64::from_le_bytes(buf);
    // bit 7 of each byte in 'A'..='Z' (no carries: every byte is below 0x80)
    let upper = (x + 0x3f3f_3f3f_3f3f_3f3f) & !(x + 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080;
    x | (upper >> 2)
}

impl Names {
    /// The list bits of the text `w` with hash `h` (`hash_lower(w)`).
    /// Name-list bits are by hash (like the former hash sets); exact-list
    /// bits hold only when `w` lower-cased (`str::to_lowercase`) equals the
    /// list word. The hash never excludes a true member: equal lower-case
    /// text hashes equally.
    #[inline]
    pub fn flags(&self, w: &str, h: u64) -> u16 {
        let v = self.flags.get(&h).copied().unwrap_or(0);
        let f = v as u16;
        if f & flag::EXACT == 0 {
            return f;
        }
        let same = (v >> 16).checked_sub(1).map(|k| k as usize).is_some_and(|k| match self.exact.get(k) {
            // a short ASCII word: eight bytes compared at once
            Some(x) if w.len() <= 8 && w.is_ascii() => w.len() == x.len() && packed_lower(w) == self.packed[k],
            Some(x) if w.is_ascii() => w.eq_ignore_ascii_case(x),
            Some(x) => w.to_lowercase() == *x,
            None => false,
        });
        if same { f } else { f & !flag::EXACT }
    }

    /// [`Names::flags`] of an ASCII word of one to eight bytes, none of
    /// them zero, given as `packed` (its bytes ASCII-lower-cased in a
    /// little-endian `u64`, padded with zero bytes: [`packed_lower`]) and
    /// its hash `h`. Equal packed words have equal lengths (no zero bytes).
    #[inline]
    pub fn flags_packed(&self, packed: u64, h: u64) -> u16 {
        let v = self.flags.get(&h).copied().unwrap_or(0);
        let f = v as u16;
        if f & flag::EXACT == 0 {
            return f;
        }
        let same = (v >> 16).checked_sub(1).is_some_and(|k| self.packed.get(k as usize) == Some(&packed));
        if same { f } else { f & !flag::EXACT }
    }

    /// The name-list bits of hash `h` (for hashes of several words).
    #[inline]
    pub fn hashed(&self, h: u64) -> u16 {
        self.flags.get(&h).copied().unwrap_or(0) as u16 & !flag::EXACT
    }

    /// True when `h` is the hash of a given name.
    pub fn given(&self, h: u64) -> bool {
        self.hashed(h) & flag::GIVEN != 0
    }

    /// Every line of `list` gets `bit`, and its last word `tail`.
    fn add(&mut self, list: &str, bit: u16, tail: u16) {
        for line in list.lines() {
            if !line.is_empty() {
                *self.flags.entry(hash_lower(line)).or_default() |= u32::from(bit);
                if let Some(last) = line.split_whitespace().next_back().filter(|_| tail != 0) {
                    *self.flags.entry(hash_lower(last)).or_default() |= u32::from(tail);
                }
            }
        }
    }

    fn add_exact(&mut self, words: &[&'static str], bit: u16) {
        for &w in words {
            let h = hash_lower(w);
            let v = self.flags.entry(h).or_default();
            *v |= u32::from(bit);
            match (*v >> 16).checked_sub(1) {
                Some(k) => debug_assert!(self.exact[k as usize] == w, "hash collision in the word lists"),
                None => {
                    self.exact.push(w);
                    let ascii = w.len() <= 8 && w.is_ascii();
                    self.packed.push(if ascii { packed_lower(w) } else { u64::MAX });
                    let k = u32::try_from(self.exact.len()).expect("few exact words");
                    assert!(k <= 0xffff, "exact word index fits 16 bits");
                    *v |= k << 16;
                }
            }
        }
    }
}

pub(crate) static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut n = Names { flags: Map::default(), exact: Vec::new(), packed: Vec::new() };
    n.flags.reserve(140_000);
    n.add(NL_SURNAMES, flag::SURNAME, flag::SURNAME_TAIL);
    n.add(BE_SURNAMES, flag::SURNAME, flag::SURNAME_TAIL);
    for line in NL_SURNAMES.lines().chain(BE_SURNAMES.lines()) {
        if let Some(last) = line.rsplit([' ', '-']).next() {
            if !last.is_empty() {
                *n.flags.entry(hash_lower(last)).or_default() |= u32::from(flag::CORE);
            }
        }
    }
    n.add(GIVEN_NL, flag::GIVEN, 0);
    n.add(GIVEN_BE, flag::GIVEN, 0);
    n.add(GIVEN_EXTRA, flag::GIVEN, 0);
    n.add(COMMON_WORDS, flag::COMMON, 0);
    n.add(GIVEN_EXTRA_COMMON, flag::COMMON, 0);
    n.add(NOT_PERSON, flag::NOT_PERSON, flag::NOT_PERSON_TAIL);
    for line in NOT_PERSON.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(head), Some(_)) = (parts.next(), parts.next()) {
            *n.flags.entry(hash_lower(head)).or_default() |= u32::from(flag::NOT_PERSON_HEAD);
        }
    }
    for (words, bit) in super::person::EXACT_LISTS {
        n.add_exact(words, bit);
    }
    n.add_exact(crate::text::STOPWORDS, flag::STOPWORD);
    n
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash char by char: the normal form as bytes, then its chunks.
    fn hash_lower_chars(s: &str) -> u64 {
        let mut bytes = Vec::new();
        let mut space = false;
        let mut started = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = started;
                continue;
            }
            if space {
                bytes.push(b' ');
                space = false;
            }
            started = true;
            let c = if c == '\u{2019}' || c == '`' { '\'' } else { c };
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        }
        let mut h = 0;
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            h = mix(h, u64::from_le_bytes(buf));
        }
        finish(h, bytes.len())
    }

    #[test]
    fn fast_hash_is_the_char_hash() {
        for s in [
            "",
            " ",
            "Pieter",
            " de\t\u{b}Jong  ",
            "’t Hart`",
            "ŞAHİN-De Koning",
            "ΟΔΟΣ",
            "K\u{212a}",
            "a\u{a0}b\u{85}c",
            "Ørsted 😀",
            "abcdefgh",
            "Abcdefgh ijklmnop QRSTUVWXYZ",
            "’t Hart-van der Wiel-Bakkerszoon",
            "de Jong",
            "van den Hoek",
            "Van Der HOEK-Smit",
            "a  b",
            " x",
            "x ",
            "a\tb",
            "a\nb",
            "A`b",
            "\u{7f}@[Z{",
            "\u{1}a",
            "abcdefg hijklmno",
            "abcdefgh ijklmnop",
            "abcdefg  hijklmno",
            "abcdefgh  ijklmnop",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
        ] {
            assert_eq!(hash_lower(s), hash_lower_chars(s), "{s:?}");
            assert_eq!(hash_word(s), hash_lower_chars(s), "{s:?}");
        }
    }

    #[test]
    fn packed_lower_is_ascii_lowercase() {
        for w in ["", "Van", "VAN'T", "d'", "@[`{AZaz", "abcdefgh", "ABCDEFGH", "Z"] {
            let mut buf = [0u8; 8];
            buf[..w.len()].copy_from_slice(w.to_ascii_lowercase().as_bytes());
            assert_eq!(packed_lower(w), u64::from_le_bytes(buf), "{w:?}");
        }
    }

    #[test]
    fn lists_are_loaded_and_case_blind() {
        let n = &*NAMES;
        assert!(n.given(hash_lower("Pieter")));
        assert!(n.given(hash_lower("PIETER")));
        assert!(n.hashed(hash_lower("de  Jong")) & flag::SURNAME != 0);
        assert!(n.hashed(hash_lower("vries")) & flag::CORE != 0);
        assert!(n.hashed(hash_lower("bakker")) & flag::COMMON != 0);
        assert!(n.hashed(hash_lower("den")) & flag::NOT_PERSON_HEAD != 0);
        assert_eq!(n.flags("Van", hash_lower("Van")) & flag::TUSSEN, flag::TUSSEN);
        // a hash match of an exact list needs the same lower-case text
        assert_eq!(n.flags("’t", hash_lower("’t")) & flag::TUSSEN, 0);
        assert_eq!(hash_lower("’t Hart"), hash_lower("'t hart"));
    }
}
