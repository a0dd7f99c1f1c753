//! Person names: one pass over the words of a post, each looked up in the
//! embedded name lists (hash sets, O(1) a word), confirmed by context —
//! capitals, titles ("dhr.", "mevrouw", "wijkagent"), initials,
//! introductions ("ik ben", "ik heet"), a given name followed by a
//! surname — and rejected where the name is an ordinary word ("de bakker
//! op de hoek") or a place ("Zwolle").

use super::names::{NAMES, Names, finish, flag, hash_lower, hash_word, mix};
use super::{Candidate, EntityKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// "Jansen"
    Cap,
    /// "JANSEN"
    Upper,
    /// "jansen"
    Lower,
}

#[derive(Debug)]
pub(crate) struct Word<'a> {
    s: usize,
    e: usize,
    w: &'a str,
    h: u64,
    /// The lists the word is in (`names::flag`), looked up once.
    flags: u16,
    case: Case,
    /// Only plain spaces (at most two) between the previous word and this one.
    joined: bool,
    /// The previous word ends with '.' directly followed by this word's gap ("J. de").
    after_dot: bool,
    /// First word of a sentence.
    sent_start: bool,
    /// Preceded directly by '@' or '#'.
    tagged: bool,
    /// Holds a '-' ("Ann-Sofie").
    hyphen: bool,
}

impl Word<'_> {
    fn is(&self, bits: u16) -> bool {
        self.flags & bits != 0
    }
}

fn word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// The case of a word from its letters.
fn case_of(w: &str) -> Case {
    let (upper, total, first_upper) = if w.is_ascii() {
        let mut upper = 0;
        let mut total = 0;
        let mut first_upper = None;
        for &c in w.as_bytes() {
            if c.is_ascii_alphabetic() {
                total += 1;
                upper += usize::from(c.is_ascii_uppercase());
                first_upper.get_or_insert(c.is_ascii_uppercase());
            }
        }
        (upper, total, first_upper == Some(true))
    } else {
        let letters = w.chars().filter(|c| c.is_alphabetic());
        let upper = letters.clone().filter(|c| c.is_uppercase()).count();
        let total = letters.count();
        let first_upper = w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
        (upper, total, first_upper)
    };
    if total > 1 && upper == total {
        Case::Upper
    } else if first_upper {
        Case::Cap
    } else {
        Case::Lower
    }
}

/// The end of the word starting at byte `i` and whether it holds a '-',
/// or None when no word starts there.
fn word_end(text: &str, i: usize) -> Option<(usize, bool)> {
    let b = text.as_bytes();
    let c = text[i..].chars().next()?;
    let apostrophe_t = (c == '\'' || c == '\u{2019}')
        && text[i + c.len_utf8()..].starts_with(['t', 'T'])
        && !text[i + c.len_utf8() + 1..].starts_with(|c: char| c.is_alphabetic())
        && (i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric()));
    if !word_char(c) && !apostrophe_t {
        return None;
    }
    let mut e = i + c.len_utf8();
    let mut hyphen = false;
    if apostrophe_t {
        return Some((e + 1, false));
    }
    // letters, with inner '-' or apostrophe between letters ("Ann-Sofie", "D'Hondt")
    loop {
        match b.get(e) {
            None => break,
            Some(d) if d.is_ascii_alphabetic() => {
                e += 1;
                continue;
            }
            Some(&d) if d < 0x80 && d != b'-' && d != b'\'' => break,
            _ => {}
        }
        let rest = &text[e..];
        let mut cs = rest.chars();
        match cs.next() {
            Some(c) if word_char(c) => e += c.len_utf8(),
            Some(j @ ('-' | '\'' | '\u{2019}')) if cs.next().is_some_and(word_char) => {
                hyphen |= j == '-';
                e += j.len_utf8();
            }
            _ => break,
        }
    }
    Some((e, hyphen))
}

/// Byte classes of the word scanner.
mod class {
    pub const LOWER: u8 = 1;
    pub const UPPER: u8 = 2;
    pub const LETTER: u8 = LOWER | UPPER;
    pub const HYPHEN: u8 = 4;
    pub const APOSTROPHE: u8 = 8;
    pub const HIGH: u8 = 16;
    /// Bytes that can start a word: ASCII letters, '\'' and non-ASCII.
    pub const START: u8 = LETTER | APOSTROPHE | HIGH;
}

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_lowercase() {
            class::LOWER
        } else if b.is_ascii_uppercase() {
            class::UPPER
        } else if b == b'-' {
            class::HYPHEN
        } else if b == b'\'' {
            class::APOSTROPHE
        } else if b >= 0x80 {
            class::HIGH
        } else {
            0
        };
        c += 1;
    }
    t
};

/// What an ASCII byte next to a word says (bits of [`CTX`]).
mod ctx {
    /// As the last visible character before a word: the word starts a
    /// sentence (an end mark, or a character that is neither alphanumeric
    /// nor one of `,;:()'"-&/[]*`).
    pub const SENT_AFTER: u8 = 1;
    /// Right before a word: it is tagged ('@', '#', '_', brackets, digits).
    pub const TAG_BEFORE: u8 = 2;
    /// Right after a word: it is tagged ('_', brackets, '@', digits).
    pub const TAG_AFTER: u8 = 4;
}

static CTX: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let p = c as u8;
        let glue = p.is_ascii_alphanumeric()
            || matches!(p, b',' | b';' | b':' | b'(' | b')' | b'\'' | b'"' | b'-' | b'&' | b'/' | b'[' | b']' | b'*');
        if matches!(p, b'.' | b'!' | b'?' | b'\n' | b'\r') || !glue {
            t[c] |= ctx::SENT_AFTER;
        }
        if matches!(p, b'@' | b'#' | b'_' | b'[' | b']' | b'0'..=b'9') {
            t[c] |= ctx::TAG_BEFORE;
        }
        if matches!(p, b'_' | b'[' | b']' | b'@' | b'0'..=b'9') {
            t[c] |= ctx::TAG_AFTER;
        }
        c += 1;
    }
    t
};

/// Bit 7 of every byte.
const HIGH8: u64 = 0x8080_8080_8080_8080;
/// Bit 5 of every byte (ASCII lower case).
const CASE8: u64 = 0x2020_2020_2020_2020;

/// The eight bytes of `b` from `k` as a little-endian `u64`, zero bytes
/// past the end of `b`.
#[inline]
fn load8(b: &[u8], k: usize) -> u64 {
    match b.get(k..k + 8) {
        Some(c) => u64::from_le_bytes(c.try_into().expect("eight bytes")),
        None => {
            let mut buf = [0u8; 8];
            let rest = b.get(k..).unwrap_or_default();
            buf[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(buf)
        }
    }
}

/// Bit 7 of every byte of `x` that is an ASCII letter.
#[inline]
fn letters8(x: u64) -> u64 {
    // the byte with bit 5 set and bit 7 clear (no carries between bytes:
    // every byte is 0x7f or less), then 'a'..='z'
    let y = (x | CASE8) & !HIGH8;
    (y + 0x1f1f_1f1f_1f1f_1f1f) & !(y + 0x0505_0505_0505_0505) & !x & HIGH8
}

/// The word starting with the ASCII letter at `i`: its end, '-' seen,
/// case, [`hash_word`] and, for a word of eight bytes or fewer, its bytes
/// lower-cased as `Names::flags_packed` wants them; None when it reaches
/// a non-ASCII byte (then [`word_end`], [`case_of`] and [`hash_word`]
/// decide). Eight bytes at a time: the end, then the hash.
#[inline]
fn ascii_word(b: &[u8], i: usize) -> Option<(usize, bool, Case, u64, Option<u64>)> {
    // most words end within the first eight bytes, at a byte that is not
    // '-', an apostrophe or non-ASCII: one load does
    let x = load8(b, i);
    let l = letters8(x);
    let run = (!l & HIGH8).trailing_zeros() as usize / 8; // 1..=8
    if run < 8 && !matches!(b.get(i + run), Some(b'-' | b'\'' | 0x80..)) {
        let keep = (1u64 << (8 * run)) - 1;
        let low = (x | CASE8) & keep;
        // bit 5 of a letter (lower case) moved to its bit 7
        let lower = l & (x << 2) & keep;
        let case = if run > 1 && lower == 0 {
            Case::Upper
        } else if x & 0x20 == 0 {
            Case::Cap
        } else {
            Case::Lower
        };
        return Some((i + run, false, case, finish(mix(0, low), run), Some(low)));
    }
    long_ascii_word(b, i, i + run)
}

/// [`ascii_word`] of a word longer than eight bytes or holding '-' or an
/// apostrophe (out of line: the short words stay in registers).
#[inline(never)]
fn long_ascii_word(b: &[u8], i: usize, letters_end: usize) -> Option<(usize, bool, Case, u64, Option<u64>)> {
    // bytes i..e are the word so far, ending with a letter
    let mut e = letters_end;
    let mut hyphen = false;
    loop {
        match b.get(e) {
            // an inner '-' or apostrophe, between letters
            Some(&d @ (b'-' | b'\'')) => match b.get(e + 1) {
                Some(n) if n.is_ascii_alphabetic() => {
                    hyphen |= d == b'-';
                    e += 2;
                }
                Some(&n) if n >= 0x80 => return None,
                _ => break,
            },
            Some(&d) if d >= 0x80 => return None,
            Some(d) if d.is_ascii_alphabetic() => {}
            _ => break,
        }
        // the letters from e on (the zero bytes past the end are none)
        e += (!letters8(load8(b, e)) & HIGH8).trailing_zeros() as usize / 8;
    }
    // the hash of the bytes lower-cased ('-' and '\'' have bit 5 set
    // already), and the lower-case letters seen (bit 5 of a letter moved
    // to its bit 7)
    let len = e - i;
    let mut h = 0;
    let mut lower = 0;
    let mut k = i;
    while e - k > 8 {
        let x = load8(b, k);
        lower |= letters8(x) & (x << 2);
        h = mix(h, x | CASE8);
        k += 8;
    }
    // the last one to eight bytes
    let n = e - k;
    let keep = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
    let x = load8(b, k) & keep;
    lower |= letters8(x) & (x << 2);
    let last = (x | CASE8) & keep;
    h = mix(h, last);
    // a '-' or apostrophe only stands between letters: two bytes or more
    // are two letters or more
    let case = if len > 1 && lower == 0 {
        Case::Upper
    } else if b[i].is_ascii_uppercase() {
        Case::Cap
    } else {
        Case::Lower
    };
    Some((e, hyphen, case, finish(h, len), (len <= 8).then_some(last)))
}

/// What the text before the word starting at `i` says about it: (starts a
/// sentence, tagged by what precedes it, joined, after a dot), given the
/// end of the previous word `last_end` (0 when `has_prev` is false).
fn before_word(text: &str, last_end: usize, i: usize, has_prev: bool) -> (bool, bool, bool, bool) {
    let b = text.as_bytes();
    let gap = &b[last_end..i];
    let mut k = i;
    while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
        k -= 1;
    }
    let prev_visible = if k == 0 {
        None
    } else if b[k - 1] < 0x80 {
        Some(char::from(b[k - 1]))
    } else {
        text[..k].chars().next_back()
    };
    let sent_start = match prev_visible {
        None => true,
        Some(p) if p.is_ascii() => CTX[p as usize] & ctx::SENT_AFTER != 0,
        Some(p) => {
            matches!(p, '.' | '!' | '?' | '…' | '\n' | '\r')
                || !(p.is_alphanumeric()
                    || if p.is_ascii() {
                        matches!(p, ',' | ';' | ':' | '(' | ')' | '\'' | '"' | '-' | '&' | '/' | '[' | ']' | '*')
                    } else {
                        "‘’“”«»".contains(p)
                    })
        }
    };
    // after '@' or '#', or glued to digits, '_' or brackets; or a label of
    // a domain name or address
    let tagged = (i > 0 && CTX[usize::from(b[i - 1])] & ctx::TAG_BEFORE != 0)
        || (i > 0
            && b[i - 1] == b'.'
            && text[..i - 1].ends_with(|c: char| c.is_alphanumeric())
            && text[i..].chars().nth(1).is_some_and(char::is_alphabetic));
    let joined = has_prev && matches!(gap, b" " | b"  ");
    let after_dot = has_prev && matches!(gap, b"." | b". ");
    (sent_start, tagged, joined, after_dot)
}

/// [`words_into`] a new vector.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// The words of a text into `out` (emptied first): runs of letters with
/// inner '-' or apostrophes, and "'t". One pass; ASCII bytes take a fast
/// path.
pub(crate) fn words_into<'a>(text: &'a str, out: &mut Vec<Word<'a>>) {
    let b = text.as_bytes();
    let n = &*NAMES;
    out.clear();
    out.reserve(b.len() / 6 + 1);
    let mut last_end = 0;
    let mut i = 0;
    while i < b.len() {
        let c0 = CLASS[usize::from(b[i])];
        if c0 & class::START == 0 {
            i += 1;
            continue;
        }
        let (e, hyphen, case, h, packed) = match if c0 & class::LETTER != 0 { ascii_word(b, i) } else { None } {
            Some(x) => x,
            None => {
                let Some((e, hyphen)) = word_end(text, i) else {
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                let w = &text[i..e];
                (e, hyphen, case_of(w), hash_word(w), None)
            }
        };
        let w = &text[i..e];
        // after '@' or '#', or glued to digits, '_' or brackets (handles, codes,
        // replacement tokens such as "[PERSOON_ab12cd]"): no name; or a label
        // of a domain name or address: "x.example", "jan.peeters@…"
        let tagged_after = b.get(e).is_some_and(|&c| CTX[usize::from(c)] & ctx::TAG_AFTER != 0)
            || (e - i > 1 && b.get(e) == Some(&b'.') && text[e + 1..].starts_with(|c: char| c.is_alphanumeric()));
        // One space after the previous word (most words): no sentence
        // start (that word ends with a letter), joined, nothing before
        // that tags it.
        let (sent_start, tagged_before, joined, after_dot) =
            if !out.is_empty() && last_end + 1 == i && b[last_end] == b' ' {
                (false, false, true, false)
            } else {
                before_word(text, last_end, i, !out.is_empty())
            };
        let flags = match packed {
            Some(p) => n.flags_packed(p, h),
            None => n.flags(w, h),
        };
        let tagged = tagged_before || tagged_after;
        out.push(Word { s: i, e, w, h, flags, case, joined, after_dot, sent_start, tagged, hyphen });
        last_end = e;
        i = e;
    }
}

const TUSSEN: &[&str] = &[
    "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le", "du", "da", "del", "dos", "el",
    "al", "vd", "v.d.", "van't", "vanden", "vander", "von", "zu", "di", "d'", "mac", "o'", "bin", "ben", "abu", "ait",
];

/// Tussenvoegsels that can start a surname written on its own ("De Smet", "van Dijk").
const SURNAME_TUSSEN: &[&str] = &[
    "van", "de", "der", "den", "ter", "ten", "te", "'t", "la", "le", "du", "da", "del", "dos", "el", "al", "vd",
    "van't", "vanden", "vander", "von", "di", "d'", "mac", "o'", "ait",
];

/// Capitalised words that are in the name lists but in posts are mostly
/// English or ordinary words.
const NOT_NAMES: &[&str] = &[
    "love",
    "happy",
    "sorry",
    "welcome",
    "thanks",
    "sale",
    "hope",
    "joy",
    "sunny",
    "angel",
    "baby",
    "sweet",
    "lucky",
    "bless",
    "star",
    "hero",
    "king",
    "queen",
    "summer",
    "winter",
    "spring",
    "lol",
    "omg",
    "wtf",
    "top",
    "super",
    "zoon",
    "mama",
    "papa",
    "oma",
    "opa",
    "god",
    "jezus",
    "allah",
    "christus",
    "allemaal",
    "iedereen",
    "niemand",
    "buurt",
    "proficiat",
    "gefeliciteerd",
    "welkom",
    "bedankt",
    "merci",
    "groetjes",
    "info",
    "tip",
    "psa",
    "update",
    "btw",
    "ps",
    "nb",
    "ok",
    "oke",
    "okee",
    "dag",
    "hoi",
    "hallo",
    "hey",
    "beste",
    "lieve",
    "gezocht",
    "gevonden",
    "vermist",
    "dringend",
    "let",
    "pas",
    "kijk",
    "ik",
    "wij",
    "jij",
];

/// Abbreviated forms of address, written only before a surname ("mevrouw"
/// also starts "mevrouw, bel me").
const HONORIFICS: &[&str] = &["dhr", "mw", "mevr"];

/// Forms of address: only a surname (or a name) follows them, never a
/// place or a job ("klusjesman van Tilburg" is not a name; "meneer van
/// Tilburg" is).
const ADDRESS: &[&str] =
    &["dhr", "mw", "mevr", "mvr", "mevrouw", "meneer", "mijnheer", "menheer", "juf", "juffrouw", "meester", "ds"];

/// Words that make the next capitalised word (or listed name) a name.
const TITLES: &[&str] = &[
    "dhr",
    "mw",
    "mevr",
    "mevrouw",
    "meneer",
    "mijnheer",
    "menheer",
    "heer",
    "juffrouw",
    "juf",
    "meester",
    "mr",
    "dr",
    "drs",
    "ir",
    "ing",
    "prof",
    "agent",
    "agente",
    "wijkagent",
    "hoofdagent",
    "brigadier",
    "inspecteur",
    "commissaris",
    "rechercheur",
    "dokter",
    "huisarts",
    "tandarts",
    "burgemeester",
    "wethouder",
    "minister",
    "pastoor",
    "dominee",
    "ds",
    "pastor",
    "kapelaan",
    "imam",
    "pater",
    "zuster",
    "nonkel",
    "tante",
    "oom",
    "opa",
    "oma",
    "ome",
    "bompa",
    "bomma",
    "pepe",
    "meme",
    "moemoe",
    "buurjongen",
    "buurmeisje",
    "gebuur",
    "stiefvader",
    "stiefmoeder",
    "schoonzoon",
    "schoondochter",
    "zwager",
    "schoonzus",
    "petekind",
    "moeke",
    "vake",
    "buurman",
    "buurvrouw",
    "collega",
    "zoon",
    "dochter",
    "zoontje",
    "dochtertje",
    "broer",
    "zus",
    "zusje",
    "broertje",
    "neef",
    "nicht",
    "vriend",
    "vriendin",
    "vriendje",
    "man",
    "vrouw",
    "schoonmoeder",
    "schoonvader",
    "kleinzoon",
    "kleindochter",
    "meneertje",
    "mvr",
    "mevrouwtje",
    "trainer",
    "coach",
    "leraar",
    "lerares",
    "directeur",
    "baas",
    "chef",
    "verpleegster",
    "verpleger",
    "advocaat",
    "notaris",
    "makelaar",
    "loodgieter",
    "klusjesman",
    "bezorger",
    "chauffeur",
    "kleine",
    "lieve",
    "papa",
    "mama",
    "familie",
    "fam",
    "gezin",
    "weduwe",
    "wed",
];

/// Words after which a name introduces a person ("ik ben Hanne", "vraag naar Ruud").
const INTRO_BEFORE: &[&str] = &[
    "heet",
    "ben",
    "naam",
    "genaamd",
    "noemt",
    "noem",
    "naar",
    "groet",
    "groetjes",
    "gr",
    "grt",
    "groeten",
    "mvg",
    "vg",
    "liefs",
    "xx",
    "xxx",
    "merci",
    "bedankt",
    "dankjewel",
    "dank",
    "proficiat",
    "gefeliciteerd",
    "welkom",
    "sorry",
    "hoi",
    "hallo",
    "hey",
    "hee",
    "dag",
    "beste",
    "lieve",
    "beterschap",
    "rip",
    "ikke",
    "tegen",
    "aan",
    "met",
    "bij",
    "van",
    "en",
    "of",
    "door",
    "via",
];

/// Words after which a capitalised word names an animal, not a person.
const ANIMALS: &[&str] = &[
    "kat",
    "kater",
    "poes",
    "poesje",
    "hond",
    "hondje",
    "pup",
    "puppy",
    "konijn",
    "paard",
    "pony",
    "cavia",
    "hamster",
    "papegaai",
    "katje",
    "kitten",
    "reu",
    "teef",
    "labrador",
    "retriever",
    "herder",
    "herdershond",
    "poedel",
    "teckel",
    "chihuahua",
    "husky",
    "terriër",
    "terrier",
    "spaniel",
    "beagle",
    "bulldog",
    "kitty",
];

/// The exact word lists of this module with their `names::flag` bits
/// (the names module puts them in its one hash map).
pub(crate) const EXACT_LISTS: [(&[&str], u16); 6] = [
    (TUSSEN, flag::TUSSEN),
    (SURNAME_TUSSEN, flag::SURNAME_TUSSEN),
    (NOT_NAMES, flag::NOT_NAMES),
    (TITLES, flag::TITLES),
    (INTRO_BEFORE, flag::INTRO_BEFORE),
    (ANIMALS, flag::ANIMALS),
];

/// `lower` is lower case already.
fn is_in(list: &[&str], lower: &str) -> bool {
    list.contains(&lower.trim_end_matches('.'))
}

struct Ctx<'a, 'n> {
    words: &'a [Word<'a>],
    n: &'n Names,
}

impl Ctx<'_, '_> {
    #[inline(always)]
    fn given(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.is(flag::GIVEN) || (w.hyphen && self.given_parts(w))
    }
    /// Every part of a hyphenated word is a given name ("Ann-Sofie").
    #[inline(never)]
    fn given_parts(&self, w: &Word<'_>) -> bool {
        w.w.split('-').all(|p| self.n.given(hash_lower(p)))
    }
    fn common(&self, i: usize) -> bool {
        self.words[i].is(flag::COMMON | flag::STOPWORD | flag::TUSSEN)
    }
    fn not_person(&self, i: usize) -> bool {
        self.words[i].is(flag::NOT_PERSON | flag::NOT_NAMES)
    }
    #[inline(always)]
    fn surname_word(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.is(flag::CORE) || (w.hyphen && self.surname_parts(w))
    }
    /// Every part of a hyphenated word is a surname word ("Jansen-Smit").
    #[inline(never)]
    fn surname_parts(&self, w: &Word<'_>) -> bool {
        w.w.split('-').all(|p| self.n.hashed(hash_lower(p)) & flag::CORE != 0)
    }
    fn tussen(&self, i: usize) -> bool {
        self.words[i].is(flag::TUSSEN)
    }
    /// The word before `i` when directly joined to it.
    fn prev(&self, i: usize) -> Option<&Word<'_>> {
        (i > 0 && (self.words[i].joined || self.words[i].after_dot)).then(|| &self.words[i - 1])
    }
    fn after_title(&self, i: usize) -> bool {
        self.prev(i).is_some_and(|p| p.is(flag::TITLES))
    }
    /// After an abbreviated form of address ("dhr.", "mw."): even a surname
    /// that is an ordinary word is a name there
    /// ("dhr. bakker"), unlike after "agent" or "juf".
    fn after_honorific(&self, i: usize) -> bool {
        self.after_title_in(i, HONORIFICS)
    }
    /// After a form of address ("meneer", "mevrouw", "dhr.", "juf"): what
    /// follows is a surname, even where it also names a place ("meneer de
    /// Haan", "mevrouw van Tilburg").
    fn after_address(&self, i: usize) -> bool {
        self.after_title_in(i, ADDRESS)
    }
    /// Directly after one of the titles `list` ("dhr." matches "dhr").
    fn after_title_in(&self, i: usize, list: &[&str]) -> bool {
        self.prev(i).is_some_and(|p| {
            p.is(flag::TITLES) && {
                let t = p.w.trim_end_matches('.');
                list.iter().any(|h| t.eq_ignore_ascii_case(h))
            }
        })
    }
    /// Words `i..=last` are a listed surname ("de Haan", "van den Hoek").
    fn listed_surname(&self, i: usize, last: usize, text: &str) -> bool {
        self.n.hashed(hash_lower(&text[self.words[i].s..self.words[last].e])) & flag::SURNAME != 0
    }
    fn after_intro(&self, i: usize) -> bool {
        self.prev(i).is_some_and(|p| p.is(flag::INTRO_BEFORE))
    }
    fn after_animal(&self, i: usize) -> bool {
        self.prev(i).is_some_and(|p| p.is(flag::ANIMALS))
    }
    /// Multi-word places and organisations starting at `i` ("Den Haag", "Albert Heijn"): their length in words.
    fn not_person_phrase(&self, i: usize, text: &str) -> usize {
        // only a word that starts such an entry can start the phrase
        if !self.words[i].is(flag::NOT_PERSON_HEAD) {
            return 0;
        }
        for len in [3usize, 2] {
            // (the tail bit is implied by a match: a cheap test first)
            if i + len <= self.words.len()
                && self.words[i + len - 1].is(flag::NOT_PERSON_TAIL)
                && (1..len).all(|k| self.words[i + k].joined)
            {
                let s = &text[self.words[i].s..self.words[i + len - 1].e];
                if self.n.hashed(hash_lower(s)) & flag::NOT_PERSON != 0 {
                    return len;
                }
            }
        }
        0
    }
    /// Tussenvoegsels from `i`, then a surname word: the index of that word.
    fn tussen_then_surname(&self, i: usize, text: &str, strict: bool) -> Option<usize> {
        let mut k = i;
        while k < self.words.len() && k < i + 3 && self.tussen(k) && (k == i || self.words[k].joined) {
            k += 1;
        }
        if k == i || k >= self.words.len() || !self.words[k].joined || self.words[k].tagged || self.tussen(k) {
            return None;
        }
        // (a listed surname of several words ends in a word with the tail bit)
        if self.words[k].is(flag::SURNAME_TAIL)
            && self.n.hashed(hash_lower(&text[self.words[i].s..self.words[k].e])) & flag::SURNAME != 0
        {
            return Some(k);
        }
        (!strict && (self.words[k].case == Case::Cap || self.surname_word(k))).then_some(k)
    }
}

pub(crate) fn find_persons(text: &str, ws: &[Word<'_>], out: &mut Vec<Candidate>) {
    let n = &*NAMES;
    let cx = Ctx { words: ws, n };
    let mut i = 0;
    while i < ws.len() {
        let skip = cx.not_person_phrase(i, text);
        if skip > 0 && !(cx.after_address(i) && cx.listed_surname(i, i + skip - 1, text)) {
            i += skip;
            continue;
        }
        if ws[i].tagged || cx.after_animal(i) || !may_start_name(&ws[i]) {
            i += 1;
            continue;
        }
        match parse_at(&cx, i, text) {
            Some((last, _, _)) if firm_after(text, ws[last].e) => i = last + 1,
            Some((last, conf, rule)) => {
                let start = ws[i].s;
                out.push(Candidate { start, end: ws[last].e, kind: EntityKind::Person, confidence: conf, rule });
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// False when [`parse_at`] finds no name at word `w`, whatever its
/// context: every rule of [`parse_at`] needs a capitalised word, a given
/// name, a surname word or a tussenvoegsel (a hyphenated word may be
/// the first two by its parts). Most words of a post are none of these,
/// so they skip [`parse_at`].
#[inline]
fn may_start_name(w: &Word<'_>) -> bool {
    w.case == Case::Cap || w.hyphen || w.is(flag::GIVEN | flag::CORE | flag::TUSSEN)
}

/// The text is one character (one byte, or up to four of a non-ASCII one).
#[inline]
fn one_char(w: &str) -> bool {
    w.len() == 1 || ((2..=4).contains(&w.len()) && w.chars().nth(1).is_none())
}

/// A name starting at word `i`: (index of its last word, confidence, rule).
fn parse_at(cx: &Ctx<'_, '_>, i: usize, text: &str) -> Option<(usize, f32, &'static str)> {
    let ws = cx.words;
    let w = &ws[i];
    let titled = cx.after_title(i);
    let cap = w.case == Case::Cap;
    let single_letter = one_char(w.w);

    // initials: "J. de Vries", "A.B. de Wit", "P.J. van Leeuwen"
    if single_letter && cap && text[w.e..].starts_with('.') {
        let mut k = i;
        while k + 1 < ws.len() && ws[k + 1].after_dot && one_char(ws[k + 1].w) && ws[k + 1].case == Case::Cap {
            k += 1;
        }
        let next = k + 1;
        if next < ws.len() && ws[next].after_dot && text[ws[k].e..ws[next].s].ends_with(' ') {
            if let Some(last) = cx.tussen_then_surname(next, text, false) {
                return Some((last, 0.9, "initials+surname"));
            }
            let nw = &ws[next];
            if nw.case != Case::Lower && cx.surname_word(next) && !cx.tussen(next) && !cx.not_person(next) {
                return Some((next, 0.9, "initials+surname"));
            }
        }
        return None;
    }
    if single_letter {
        return None;
    }

    // a given name, maybe followed by a surname
    // a lower-case given name that is also a word ("jan", "bas") only with a
    // tussenvoegsel and a listed surname after it ("jan de vries")
    let lower_word = w.case == Case::Lower
        && cx.common(i)
        && !titled
        && !(i + 1 < ws.len()
            && ws[i + 1].joined
            && cx.tussen(i + 1)
            && cx.tussen_then_surname(i + 1, text, true).is_some());
    // a verb or pronoun in lower case starts no name ("ik ben de nieuwe
    // buurvrouw"), nor does a lower-case word after a title that also goes
    // before a job ("mijn zoon wil hem bedanken")
    let lower_stop =
        w.case == Case::Lower && (w.is(flag::STOPWORD) || (titled && cx.common(i) && !cx.after_honorific(i)));
    if cx.given(i) && !cx.not_person(i) && !lower_word && !lower_stop && !street_like(w.w) {
        if street_after(cx, i + 1) {
            // "de Pieter de Hoochstraat", "Jan van Galenstraat": a street
            return None;
        }
        let mut g = i;
        // a second given name: "Jan Peter Balkenende", "Gerrit Jan ten Brinke"
        // (one that is also a word only when capitalised)
        if g + 1 < ws.len()
            && ws[g + 1].joined
            && cx.given(g + 1)
            && ws[g + 1].case == w.case
            && (!cx.common(g + 1) || w.case == Case::Cap)
        {
            if let Some(s) = surname_after(cx, g + 2, text, w.case) {
                return Some((s, 0.95, "given-name+surname"));
            }
        }
        if let Some(s) = surname_after(cx, g + 1, text, w.case) {
            let conf = if w.case == Case::Cap { 0.95 } else { 0.88 };
            return Some((s, conf, "given-name+surname"));
        }
        g = i;
        let common = cx.common(i);
        let conf = match (w.case, common) {
            _ if titled => 0.9,
            (Case::Cap, _) if signature(cx, i, text) => 0.8,
            (Case::Cap, _) if possessive(cx, i, text) => 0.75,
            (Case::Cap, false) if !w.sent_start => 0.85,
            (Case::Cap, false) => 0.75,
            (Case::Cap, true) if cx.after_intro(i) && !w.sent_start && !thing_or_pet(cx, i) => 0.75,
            // Dutch writes nouns in lower case: a given name that is also a
            // word, capitalised inside a sentence, is mostly the name
            // ("heeft er iemand Wim gezien?"), unless the words around it
            // are capitalised too (a headline)
            (Case::Cap, true) if !w.sent_start && !title_case_run(cx, i) && !thing_or_pet(cx, i) => 0.6,
            (Case::Lower | Case::Upper, false) => 0.7,
            (Case::Lower | Case::Upper, true) if cx.after_intro(i) && !w.is(flag::STOPWORD) => 0.0,
            _ => 0.0,
        };
        if conf > 0.0 && !(language_use(cx, i) && !titled && !greeted(cx, i)) {
            return Some((g, conf, if titled { "title+name" } else { "given-name" }));
        }
    }

    // tussenvoegsel + surname: "De Clercq", "Van Dam", "van Dijk" after a title
    if cx.tussen(i) && (cap || titled) && w.is(flag::SURNAME_TUSSEN) {
        let strict = !titled || w.case == Case::Lower;
        // "klusjesman van Tilburg" (a place), but "Burgemeester Van Ommen"
        let place_after_job = |l: usize| cx.not_person(l) && w.case == Case::Lower && !cx.after_address(i);
        if let Some(last) =
            cx.tussen_then_surname(i, text, strict).filter(|&l| !(place_after_job(l) || (titled && cx.given(l))))
        {
            let core_common = cx.common(last);
            let conf = if titled {
                0.9
            } else if !w.sent_start && !core_common {
                0.85
            } else if !w.sent_start || !core_common {
                0.7
            } else {
                0.0
            };
            // lower case only after "dhr."/"mw."/"mevr." ("dhr. de graaf")
            if conf > 0.0 && (ws[last].case != Case::Lower || cx.after_honorific(i)) {
                return Some((last, conf, if titled { "title+name" } else { "tussenvoegsel+surname" }));
            }
        }
        return None;
    }

    // a surname alone
    let listed = cx.surname_word(i) || cx.given(i);
    if titled
        && (cap || listed)
        && !(w.case == Case::Lower && cx.common(i) && !(cx.after_honorific(i) && w.is(flag::SURNAME)))
        && !cx.tussen(i)
        && !cx.not_person(i)
        && !w.is(flag::STOPWORD)
    {
        return Some((i, 0.9, "title+name"));
    }
    if cap
        && !w.sent_start
        && !cx.common(i)
        && !cx.not_person(i)
        && !w.is(flag::TITLES | flag::INTRO_BEFORE)
        && i + 1 < ws.len()
        && ws[i + 1].joined
    {
        let nx = &ws[i + 1];
        if nx.case == Case::Cap && nx.is(flag::SURNAME) && !cx.common(i + 1) && !cx.not_person(i + 1) {
            return Some((i + 1, 0.8, "name+surname"));
        }
    }
    if cap && !cx.not_person(i) && w.is(flag::SURNAME) && !cx.common(i) && !language_use(cx, i) {
        let conf = if w.sent_start { 0.55 } else { 0.75 };
        return Some((i, conf, "surname"));
    }
    None
}

/// Words from `k` are tussenvoegsels then a street name ("… de Hoochstraat").
fn street_after(cx: &Ctx<'_, '_>, k: usize) -> bool {
    let ws = cx.words;
    let mut j = k;
    while j < ws.len() && j < k + 3 && ws[j].joined && cx.tussen(j) {
        j += 1;
    }
    j < ws.len() && ws[j].joined && street_like(ws[j].w)
}

/// A firm follows the name: "Smit & Zonen", "Jansen en Zn.", "Bakker B.V.",
/// "Smit & Co." — but not "Bart en Co gaan vissen" (Co is a given name too).
fn firm_after(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', ',']);
    let word_is = |rest: &str, w: &str| {
        rest.len() >= w.len()
            && rest.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
    };
    let firm_word = |rest: &str, words: &[&str]| {
        rest.starts_with(|c: char| c.is_uppercase()) && words.iter().any(|w| word_is(rest, w))
    };
    if let Some(r) = rest.strip_prefix('&') {
        let r = r.trim_start();
        return firm_word(r, &["zonen", "zoon", "zn", "partners", "dochters"])
            || (word_is(r, "co") && r[2..].starts_with('.'));
    }
    if let Some(r) = rest.strip_prefix("en ") {
        return firm_word(r, &["zonen", "zoon", "zn"]);
    }
    ["b.v.", "bv", "n.v.", "nv", "vof", "v.o.f."].iter().any(|w| word_is(rest, w))
}

/// Word `i` signs the post: it is the last word, after a dash, tilde or
/// line break ("… of mij. - Koen", "Dank! ~ Geertje").
fn signature(cx: &Ctx<'_, '_>, i: usize, text: &str) -> bool {
    let w = &cx.words[i];
    i + 1 == cx.words.len()
        && !text[w.e..].chars().any(char::is_alphanumeric)
        && text[..w.s].trim_end_matches([' ', '\t']).ends_with(['-', '~', '\u{2013}', '\u{2014}', '\n'])
}

/// Word `i` owns what follows: "Els' auto", or Flemish "Tuur zijn brommer".
fn possessive(cx: &Ctx<'_, '_>, i: usize, text: &str) -> bool {
    let w = &cx.words[i];
    let rest = &text[w.e..];
    if let Some(after) = rest.strip_prefix(['\'', '\u{2019}']) {
        return after.starts_with([' ', '\t']);
    }
    let ws = cx.words;
    if w.sent_start && w.is(flag::STOPWORD) {
        // "Wil zijn moeder ook komen?": a verb
        return false;
    }
    i + 2 < ws.len()
        && ws[i + 1].joined
        && ws[i + 2].joined
        && ws[i + 2].case == Case::Lower
        && ["zijn", "z'n", "haar", "d'r"].iter().any(|p| ws[i + 1].w.eq_ignore_ascii_case(p))
        && !ws[i + 2].is(flag::STOPWORD)
}

/// Word `i` follows an article ("aan de Pier", "de Mark") or names a pet:
/// an animal word at most [`PET_REACH`] words before it in the same clause
/// ("bruine labrador, luistert naar Bobby"; not "de hond uit en Roos keek
/// toe"). The look-back is bounded, so the finder stays linear.
fn thing_or_pet(cx: &Ctx<'_, '_>, i: usize) -> bool {
    let ws = cx.words;
    let article = cx.prev(i).is_some_and(|p| ["de", "het", "een", "'t"].iter().any(|a| p.w.eq_ignore_ascii_case(a)));
    if article || ws[i].sent_start {
        return article;
    }
    for w in ws[i.saturating_sub(PET_REACH)..i].iter().rev() {
        if w.is(flag::ANIMALS) {
            return true;
        }
        if w.sent_start || ["en", "toen", "maar", "terwijl", "want"].iter().any(|c| w.w.eq_ignore_ascii_case(c)) {
            break;
        }
    }
    false
}

/// How far back [`thing_or_pet`] looks for an animal word.
const PET_REACH: usize = 6;

/// Word `i` is "Frans", the language rather than the man: after "het",
/// "in", "mijn", "spreekt" …, or near another language ("Frans en
/// Nederlands", "beter Nederlands dan ik Frans"). Bounded look-around.
fn language_use(cx: &Ctx<'_, '_>, i: usize) -> bool {
    const BEFORE: &[&str] = &[
        "het", "'t", "in", "op", "mijn", "m'n", "ons", "je", "jouw", "zijn", "z'n", "haar", "hun", "spreekt", "spreek",
        "spreken", "praat", "praten", "leer", "leert", "leren", "beste", "slecht", "goed", "vloeiend", "vak",
    ];
    const LANGUAGES: &[&str] = &[
        "nederlands",
        "engels",
        "duits",
        "spaans",
        "italiaans",
        "arabisch",
        "turks",
        "pools",
        "vlaams",
        "waals",
        "latijn",
        "grieks",
        "portugees",
        "russisch",
        "chinees",
        "berbers",
        "fries",
    ];
    let ws = cx.words;
    if !ws[i].w.eq_ignore_ascii_case("frans") {
        return false;
    }
    let after = |k: usize, list: &[&str]| list.iter().any(|l| ws[k].w.eq_ignore_ascii_case(l));
    (i > 0 && after(i - 1, BEFORE))
        || (i.saturating_sub(3)..(i + 4).min(ws.len())).any(|k| k != i && after(k, LANGUAGES))
}

/// Word `i` is greeted or thanked ("Merci Frans", "Dag Frans").
fn greeted(cx: &Ctx<'_, '_>, i: usize) -> bool {
    const GREETINGS: &[&str] = &[
        "merci",
        "sorry",
        "bedankt",
        "dankjewel",
        "dank",
        "hoi",
        "hallo",
        "hey",
        "dag",
        "beste",
        "lieve",
        "groetjes",
        "gr",
        "proficiat",
        "gefeliciteerd",
        "welkom",
        "heet",
        "ben",
        "genaamd",
    ];
    cx.prev(i).is_some_and(|p| GREETINGS.iter().any(|g| p.w.trim_end_matches('.').eq_ignore_ascii_case(g)))
}

/// Word `i` sits in a run of capitalised words that are no names
/// ("Gezocht: Zwarte Kat Wim Gevonden"): a headline, not a name.
fn title_case_run(cx: &Ctx<'_, '_>, i: usize) -> bool {
    let ws = cx.words;
    let headline = |k: usize| ws[k].case != Case::Lower && !cx.given(k) && (!ws[k].is(flag::SURNAME) || cx.common(k));
    (i > 0 && ws[i].joined && headline(i - 1)) || (i + 1 < ws.len() && ws[i + 1].joined && headline(i + 1))
}

/// A surname right after a given name (tussenvoegsels allowed), in a case
/// that fits the given name's: the index of its last word.
fn surname_after(cx: &Ctx<'_, '_>, k: usize, text: &str, case: Case) -> Option<usize> {
    let ws = cx.words;
    // places and parties are surnames too after a given name ("Ali Maas", "Bradley Groen")
    if k >= ws.len() || !ws[k].joined || ws[k].tagged || ws[k].is(flag::NOT_NAMES) || street_like(ws[k].w) {
        return None;
    }
    if cx.tussen(k) {
        let last = cx.tussen_then_surname(k, text, case == Case::Lower)?;
        if street_like(ws[last].w) {
            // "de Pieter de Hoochstraat"
            return None;
        }
        let ok = ws[last].case == case || ws[last].case == Case::Cap;
        return ok.then(|| double_barrel(cx, last));
    }
    let w = &ws[k];
    if w.case != case && !(case == Case::Cap && w.case == Case::Upper) {
        return None;
    }
    let listed = w.is(flag::SURNAME) || cx.surname_word(k);
    let common = cx.common(k);
    let stop = w.is(flag::STOPWORD | flag::TITLES | flag::INTRO_BEFORE);
    let ok = match w.case {
        Case::Cap | Case::Upper => (!common || listed) && !stop,
        // lower case: a listed surname after a given name that is no word ("nadia keizer")
        Case::Lower => listed && !stop,
    };
    ok.then(|| double_barrel(cx, k))
}

/// "Şahin-De Koning", "Blom-Van Beek": a hyphen then a tussenvoegsel ends
/// the word; the surname goes on.
fn double_barrel(cx: &Ctx<'_, '_>, last: usize) -> usize {
    let ws = cx.words;
    let w = ws[last].w;
    let Some((_, tail)) = w.rsplit_once('-') else { return last };
    if !is_in(SURNAME_TUSSEN, &tail.to_lowercase()) {
        return last;
    }
    let mut k = last + 1;
    while k < ws.len() && ws[k].joined && cx.tussen(k) && k < last + 3 {
        k += 1;
    }
    if k < ws.len() && ws[k].joined && ws[k].case != Case::Lower {
        return k;
    }
    last
}

/// Words ending like a street name ("Jan van Galenstraat") are no names.
fn street_like(w: &str) -> bool {
    const SUFFIXES: [&str; 9] = ["straat", "laan", "weg", "plein", "gracht", "kade", "singel", "steenweg", "dreef"];
    if w.is_ascii() {
        // lower-casing keeps an ASCII word's length: compare in place
        let b = w.as_bytes();
        // (every suffix is 3 bytes or more and ends in one of these)
        if b.len() < 6 || !matches!(b[b.len() - 1].to_ascii_lowercase(), b't' | b'n' | b'g' | b'e' | b'l' | b'f') {
            return false;
        }
        return SUFFIXES
            .iter()
            .any(|s| b.len() > s.len() + 2 && b[b.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes()));
    }
    let l = w.to_lowercase();
    SUFFIXES.iter().any(|s| l.len() > s.len() + 2 && l.ends_with(s))
}

/// The rule of the finds added by [`propagate`].
pub(crate) const REPEAT_RULE: &str = "repeat-of-found-name";

/// Other mentions of a found name in the same text ("Kris Vandenbroucke
/// … Kris, kom ze halen"): each given name or surname word of a find is
/// looked up among the text's words (one pass, hash lookups).
const CAP_ONLY: u64 = 0x9e37_79b9_7f4a_7c15;

pub(crate) fn propagate(ws: &[Word<'_>], kept: &mut Vec<Candidate>) {
    if !kept.iter().any(|c| c.kind == EntityKind::Person) {
        return;
    }
    let n = &*NAMES;
    let cx = Ctx { words: ws, n };
    // the hashes of the name words: a short list, a set once it grows
    let mut few = [0u64; 16];
    let mut n_few = 0;
    let mut names = super::names::Set::default();
    // kept is sorted by start and never overlaps: walk it alongside the words
    let mut k = 0;
    for (idx, w) in ws.iter().enumerate() {
        while k < kept.len() && kept[k].end <= w.s {
            k += 1;
        }
        let in_person =
            k < kept.len() && kept[k].kind == EntityKind::Person && kept[k].start <= w.s && w.e <= kept[k].end;
        if in_person && w.w.chars().nth(2).is_some() && !cx.tussen(idx) && !w.is(flag::STOPWORD) {
            // a name that is also a word ("Kris", "Roos") only repeats when capitalised
            let h = if cx.common(idx) { w.h ^ CAP_ONLY } else { w.h };
            if n_few < few.len() {
                few[n_few] = h;
                n_few += 1;
            } else {
                names.insert(h);
            }
        }
    }
    if n_few == 0 {
        return;
    }
    let few = &few[..n_few];
    let contains = |h: u64| few.contains(&h) || (!names.is_empty() && names.contains(&h));
    let mut added = Vec::new();
    let mut k = 0;
    for w in ws {
        while k < kept.len() && kept[k].end <= w.s {
            k += 1;
        }
        let hit = contains(w.h) || (w.case == Case::Cap && contains(w.h ^ CAP_ONLY));
        if hit && !w.tagged {
            let overlaps = k < kept.len() && kept[k].start < w.e;
            if !overlaps {
                added.push(Candidate {
                    start: w.s,
                    end: w.e,
                    kind: EntityKind::Person,
                    confidence: 0.8,
                    rule: REPEAT_RULE,
                });
            }
        }
    }
    if !added.is_empty() {
        kept.extend(added);
        kept.sort_by_key(|c| c.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persons(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find_persons(text, &words(text), &mut out);
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn skipped_words_start_no_name() {
        // the words that find_persons does not try find nothing when tried
        let root = env!("CARGO_MANIFEST_DIR");
        let mut tried = 0;
        for file in ["frames", "messy", "devset", "heldout"] {
            let raw = std::fs::read_to_string(format!("{root}/data/redaction/{file}.jsonl")).unwrap();
            for line in raw.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let text = v["text"].as_str().unwrap();
                for t in [text.to_owned(), text.to_lowercase(), text.to_uppercase()] {
                    let ws = words(&t);
                    let cx = Ctx { words: &ws, n: &NAMES };
                    for i in (0..ws.len()).filter(|&i| !may_start_name(&ws[i])) {
                        assert_eq!(parse_at(&cx, i, &t), None, "{:?} in {t:?}", ws[i].w);
                        tried += 1;
                    }
                }
            }
        }
        assert!(tried > 10_000);
    }

    #[test]
    fn names_in_context() {
        assert_eq!(persons("bel jan de vries even"), ["jan de vries"]);
        // A surname that is an ordinary word is a name after "dhr." or
        // "mevrouw", but not after titles that also go before a job.
        assert_eq!(persons("dhr. bakker kwam langs"), ["bakker"]);
        assert_eq!(persons("mw. visser belde"), ["visser"]);
        assert_eq!(persons("mevrouw bel me even terug"), Vec::<&str>::new());
        assert_eq!(persons("de agent bakker was er"), Vec::<&str>::new());
        assert_eq!(persons("Dhr. Bakker van de woningbouw"), ["Bakker"]);
        assert_eq!(persons("de bakker op de hoek is dicht"), Vec::<&str>::new());
        assert_eq!(persons("Naam op de doos: R. Hoekstra. Gr Rob"), ["R. Hoekstra", "Rob"]);
        assert_eq!(
            persons("Proficiat aan Lotte Vandenbroucke en Wout De Smet"),
            ["Lotte Vandenbroucke", "Wout De Smet"]
        );
        assert_eq!(persons("PIETER VAN DER BERG van nummer 14"), ["PIETER VAN DER BERG"]);
        assert_eq!(persons("Ik ben Hanne, woon hier"), ["Hanne"]);
        assert_eq!(persons("mijn kat Minoe is weg"), Vec::<&str>::new());
        assert_eq!(persons("Ik was bij dokter De Clercq"), ["De Clercq"]);
        assert_eq!(persons("A.B. de Wit en P.J. van Leeuwen"), ["A.B. de Wit", "P.J. van Leeuwen"]);
    }

    #[test]
    fn forms_of_address_signatures_possessives() {
        // a place that is also a surname, after a form of address
        assert_eq!(persons("meneer de Haan heette hij"), ["de Haan"]);
        assert_eq!(persons("ik zag de Haan"), Vec::<&str>::new());
        // lower case after "dhr.", and "ds." as a title
        assert_eq!(persons("mevr. chaoui en dhr. de graaf hebben"), ["chaoui", "de graaf"]);
        assert_eq!(persons("aan ds. Van den Hoek en zijn gezin"), ["Van den Hoek"]);
        // a second given name that is also a word
        assert_eq!(persons("Gerrit Jan ten Brinke is 100"), ["Gerrit Jan ten Brinke"]);
        // verbs and job titles
        assert_eq!(persons("ik ben de nieuwe buurvrouw"), Vec::<&str>::new());
        assert_eq!(persons("mijn zoon wil hem bedanken"), Vec::<&str>::new());
        assert_eq!(persons("de beste klusjesman van Tilburg"), Vec::<&str>::new());
        assert_eq!(persons("mevrouw van Tilburg belde"), ["van Tilburg"]);
        assert_eq!(persons("Gisteren kwam Burgemeester Van Ommen kijken"), ["Van Ommen"]);
        // streets and firms
        assert_eq!(persons("de Pieter de Hoochstraat is dicht"), Vec::<&str>::new());
        assert_eq!(persons("2. Smit & Zonen Installatietechniek 3."), Vec::<&str>::new());
        assert_eq!(persons("Karel en zoon Tim kwamen"), ["Karel", "Tim"]);
        // signatures, possessives, capitals inside a sentence
        assert_eq!(persons("Laat iets weten. - Koen"), ["Koen"]);
        assert_eq!(persons("Dank! ~ Geertje"), ["Geertje"]);
        assert_eq!(persons("Dank! ~ Geertje en de rest"), Vec::<&str>::new());
        assert_eq!(persons("Els' auto staat open"), ["Els"]);
        assert_eq!(persons("Tuur zijn brommer is luid"), ["Tuur"]);
        assert_eq!(persons("Heeft er iemand Wim gezien?"), ["Wim"]);
        assert_eq!(persons("Gezocht Grote Roos Gevonden"), Vec::<&str>::new());
        assert_eq!(persons("onze buurjongen Sem verkoopt limonade"), ["Sem"]);
        assert_eq!(persons("ze zit aan de Pier te vissen"), Vec::<&str>::new());
        assert_eq!(persons("hond weg, zwart vachtje, Bobby, rood bandje"), Vec::<&str>::new());
        assert_eq!(persons("Onze kater is weg. Bel Sofie of Bram"), ["Sofie", "Bram"]);
        // the language, not the man
        assert_eq!(persons("ze antwoorden in het Frans, mijn Frans is slecht"), Vec::<&str>::new());
        assert_eq!(persons("Merci Frans! En Frans Timmermans ook"), ["Frans", "Frans Timmermans"]);
        assert_eq!(persons("Gisteren zag ik Frans in de stad"), ["Frans"]);
        assert_eq!(persons("we praten Frans en Nederlands door elkaar"), Vec::<&str>::new());
        assert_eq!(persons("beter Nederlands dan ik Frans"), Vec::<&str>::new());
        // Co is a name; "& Co." and "en Zonen" are firms
        assert!(persons("Ik zag Bart, Co en Piet").contains(&"Bart"));
        assert!(persons("Karel & Co komen morgen").contains(&"Karel"));
        assert_eq!(persons("Bestel bij Smit & Co. in Delft"), Vec::<&str>::new());
        assert_eq!(persons("bij Jansen en Zonen gekocht"), Vec::<&str>::new());
        // a verb that is also a name, before "zijn"
        assert_eq!(persons("Wil zijn moeder ook komen?"), Vec::<&str>::new());
        // a pet only in the same clause, close by
        assert_eq!(persons("De buurman liet de hond uit en Roos keek toe"), ["Roos"]);
    }
}
