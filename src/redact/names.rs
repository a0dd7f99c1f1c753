//! The name lists of `data/names/`, embedded in the binary and turned into
//! hash sets on first use (about 10 ms, once per process).

use std::collections::HashSet;
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

/// FNV-1a over the lower-cased characters, with runs of white space as
/// one space and typographic apostrophes as `'`.
pub(crate) fn hash_lower(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut space = false;
    let mut started = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            h = (h ^ u64::from(b' ')).wrapping_mul(0x0100_0000_01b3);
            space = false;
        }
        started = true;
        let c = if c == '\u{2019}' || c == '`' { '\'' } else { c };
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    // finaliser: spread the bits (the set uses them as they are)
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

pub(crate) struct Names {
    /// Given names of NL and BE.
    pub given: Set,
    /// Whole surnames, tussenvoegsels included ("de jong", "van den berg").
    pub surname: Set,
    /// The last word of every surname ("jong", "berg", "vries").
    pub core: Set,
    /// Names that are also ordinary Dutch words (wdutch).
    pub common: Set,
    /// Places, organisations and brands that are also names.
    pub not_person: Set,
}

fn set_of<'a>(lists: impl IntoIterator<Item = &'a str>) -> Set {
    let mut s = Set::default();
    for list in lists {
        for line in list.lines() {
            if !line.is_empty() {
                s.insert(hash_lower(line));
            }
        }
    }
    s
}

pub(crate) static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let surname = set_of([NL_SURNAMES, BE_SURNAMES]);
    let mut core = Set::default();
    for line in NL_SURNAMES.lines().chain(BE_SURNAMES.lines()) {
        if let Some(last) = line.rsplit([' ', '-']).next() {
            if !last.is_empty() {
                core.insert(hash_lower(last));
            }
        }
    }
    Names {
        given: set_of([GIVEN_NL, GIVEN_BE, GIVEN_EXTRA]),
        surname,
        core,
        common: set_of([COMMON_WORDS, GIVEN_EXTRA_COMMON]),
        not_person: set_of([NOT_PERSON]),
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded_and_case_blind() {
        let n = &*NAMES;
        assert!(n.given.contains(&hash_lower("Pieter")));
        assert!(n.given.contains(&hash_lower("PIETER")));
        assert!(n.surname.contains(&hash_lower("de  Jong")));
        assert!(n.core.contains(&hash_lower("vries")));
        assert!(n.common.contains(&hash_lower("bakker")));
        assert_eq!(hash_lower("’t Hart"), hash_lower("'t hart"));
    }
}
