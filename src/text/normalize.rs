//! Normalisation of words for matching (never for output).

/// Lower-case a word and fold diacritics (`é` → `e`, `ë` → `e`, `ß` → `ss`),
/// keeping letters, digits and apostrophes (`’` becomes `'`).
///
/// # Example
/// ```
/// assert_eq!(signaal::text::fold_word("Ëén-Café"), "eencafe");
/// ```
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        for l in c.to_lowercase() {
            match fold_char(l) {
                Some(s) => out.push_str(s),
                None if l.is_alphanumeric() => out.push(l),
                None if l == '\'' || l == '’' => out.push('\''),
                None => {}
            }
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ś' | 'š' | 'ş' => "s",
        'ź' | 'ż' | 'ž' => "z",
        'ł' => "l",
        'ğ' => "g",
        'ř' => "r",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ĳ' => "ij",
        _ => return None,
    })
}

/// Undo digit-for-letter obfuscation (`m00rd` → `moord`, `k4nker` → `kanker`)
/// when every run of digits stands between letters.
fn deobfuscate(word: &str) -> Option<String> {
    let b = word.as_bytes();
    if !b.iter().any(u8::is_ascii_digit) || !b.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let run_start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let left = run_start > 0 && b[run_start - 1].is_ascii_alphabetic();
            let right = i < b.len() && b[i].is_ascii_alphabetic();
            if !(left && right) {
                return None;
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        out.push(match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            '8' => 'b',
            '9' => 'g',
            other => other,
        });
    }
    Some(out)
}

/// Shorten runs of three or more equal letters to two (`heeeel` → `heel`,
/// `neeeee` → `nee`).
fn shorten_elongations(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev = '\0';
    let mut run = 0;
    for c in word.chars() {
        if c == prev {
            run += 1;
        } else {
            prev = c;
            run = 1;
        }
        if run <= 2 || !c.is_alphabetic() {
            out.push(c);
        }
    }
    out
}

/// Social-media spellings, abbreviations and Flemish forms, mapped to the
/// standard words they stand for. Sorted by key for binary search.
const EXPANSIONS: &[(&str, &[&str])] = &[
    ("aub", &["alstublieft"]),
    ("d'r", &["haar"]),
    ("da", &["dat"]),
    ("dak", &["dat", "ik"]),
    ("egt", &["echt"]),
    ("ff", &["even"]),
    ("ge", &["je"]),
    ("gij", &["jij"]),
    ("gwn", &["gewoon"]),
    ("idd", &["inderdaad"]),
    ("iem", &["iemand"]),
    ("ipv", &["in", "plaats", "van"]),
    ("k", &["ik"]),
    ("kben", &["ik", "ben"]),
    ("kga", &["ik", "ga"]),
    ("kheb", &["ik", "heb"]),
    ("kk", &["kanker"]),
    ("kmoet", &["ik", "moet"]),
    ("kweet", &["ik", "weet"]),
    ("kwil", &["ik", "wil"]),
    ("kzal", &["ik", "zal"]),
    ("m'n", &["mijn"]),
    ("mn", &["mijn"]),
    ("mss", &["misschien"]),
    ("ne", &["een"]),
    ("nen", &["een"]),
    ("ni", &["niet"]),
    ("nie", &["niet"]),
    ("nx", &["niks"]),
    ("pls", &["alsjeblieft"]),
    ("plz", &["alsjeblieft"]),
    ("sws", &["sowieso"]),
    ("tog", &["toch"]),
    ("ulle", &["jullie"]),
    ("vd", &["van", "de"]),
    ("wa", &["wat"]),
    ("wss", &["waarschijnlijk"]),
    ("z'n", &["zijn"]),
    ("zn", &["zijn"]),
];

/// The keys of [`EXPANSIONS`], packed by [`pack8`](super::pack8), in the same (sorted) order.
const EXPANSION_KEYS: [u64; EXPANSIONS.len()] = super::pack_all(EXPANSIONS_WORDS);

const EXPANSIONS_WORDS: &[&str; EXPANSIONS.len()] = &{
    let mut words = [""; EXPANSIONS.len()];
    let mut i = 0;
    while i < words.len() {
        words[i] = EXPANSIONS[i].0;
        i += 1;
    }
    words
};

/// Forms after a lone apostrophe: `'k` → `ik`, `'t` → `het`.
const APOSTROPHE_FORMS: [&[&str]; 5] = [&["ik"], &["het"], &["hem"], &["een"], &["des"]];

/// The index in [`APOSTROPHE_FORMS`] of the form `word` stands for after a
/// lone apostrophe.
fn after_apostrophe(word: &str) -> Option<usize> {
    Some(match word {
        "k" => 0,
        "t" => 1,
        "m" => 2,
        "n" => 3,
        "s" => 4,
        _ => return None,
    })
}

/// Normalise one word into the term(s) it stands for.
///
/// `after_apostrophe` is true when the word directly follows a lone
/// apostrophe (`'k`, `'t`).
///
/// # Example
/// ```
/// use signaal::text::normalize_word;
/// assert_eq!(normalize_word("HEEEEL", false), ["heel"]);
/// assert_eq!(normalize_word("m00rd", false), ["moord"]);
/// assert_eq!(normalize_word("kzal", false), ["ik", "zal"]);
/// assert_eq!(normalize_word("k", true), ["ik"]);
/// ```
pub fn normalize_word(word: &str, after_apostrophe_mark: bool) -> Vec<String> {
    let mut buf = String::with_capacity(word.len() + 1);
    let mut out = Vec::with_capacity(1);
    normalize_into(word, after_apostrophe_mark, &mut buf, |a, b| out.push((a, b)));
    out.into_iter().map(|(a, b)| buf[a..b].to_string()).collect()
}

/// [`normalize_word`] without allocating: appends each term to `buf`,
/// followed by one space, and hands its byte range in `buf` to `emit`.
pub(crate) fn normalize_into(
    word: &str,
    after_apostrophe_mark: bool,
    buf: &mut String,
    mut emit: impl FnMut(usize, usize),
) {
    let start = buf.len();
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_digit()) {
        ascii_fold_and_shorten_into(word, buf);
    } else {
        let folded = fold_word(word);
        let folded = deobfuscate(&folded).unwrap_or(folded);
        buf.push_str(&shorten_elongations(&folded));
    }
    let short_len = buf.len() - start;
    let mut replacement: &[&'static str] = &[];
    if let Some(w) = after_apostrophe_mark.then(|| after_apostrophe(&buf[start..])).flatten() {
        replacement = APOSTROPHE_FORMS[w];
    } else if short_len <= 5 {
        if let Ok(i) = EXPANSION_KEYS.binary_search(&super::pack8(&buf.as_bytes()[start..])) {
            replacement = EXPANSIONS[i].1;
        }
    }
    if !replacement.is_empty() {
        buf.truncate(start);
        for w in replacement {
            let a = buf.len();
            buf.push_str(w);
            emit(a, buf.len());
            buf.push(' ');
        }
    } else if short_len > 0 {
        emit(start, buf.len());
        buf.push(' ');
    }
}

/// The common case in one pass: an ASCII word without digits, lower-cased
/// (keeping letters and apostrophes) with elongations shortened, appended
/// to `out`.
fn ascii_fold_and_shorten_into(word: &str, out: &mut String) {
    // Most words are letters and apostrophes without a run of three: copy
    // and lower-case them in place.
    let start = out.len();
    out.push_str(word);
    let pushed = &mut out[start..];
    pushed.make_ascii_lowercase();
    let b = pushed.as_bytes();
    let clean = b.iter().enumerate().all(|(i, &c)| {
        (c.is_ascii_lowercase() || c == b'\'') && (i < 2 || c != b[i - 1] || c != b[i - 2] || c == b'\'')
    });
    if clean {
        return;
    }
    out.truncate(start);
    let (mut prev, mut run) = (0u8, 0);
    for b in word.bytes() {
        let c = match b {
            b'A'..=b'Z' => b + 32,
            b'a'..=b'z' => b,
            b'\'' => b'\'',
            _ => continue,
        };
        if c == prev {
            run += 1;
        } else {
            prev = c;
            run = 1;
        }
        if run <= 2 || c == b'\'' {
            out.push(char::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions_are_sorted() {
        assert!(EXPANSIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn obfuscation_only_inside_words() {
        assert_eq!(normalize_word("k4nker", false), ["kanker"]);
        assert_eq!(normalize_word("st3ek", false), ["steek"]);
        assert_eq!(normalize_word("a12", false), ["a12"]);
        assert_eq!(normalize_word("covid19", false), ["covid19"]);
        assert_eq!(normalize_word("06", false), ["06"]);
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        for w in
            ["HEEEEL", "Z'n", "jaaaaa", "Politie_Gent", "idd", "KZAL", "aaa", "x", "a'''b", "aa_a", "Aaa", "''", ""]
        {
            let general = shorten_elongations(&fold_word(w));
            let mut fast = String::from("x");
            ascii_fold_and_shorten_into(w, &mut fast);
            assert_eq!(&fast[1..], general, "{w}");
        }
    }

    #[test]
    fn expansions_are_short() {
        assert!(EXPANSIONS.iter().all(|(k, _)| k.len() <= 5));
        assert!(EXPANSION_KEYS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn diacritics_and_case() {
        assert_eq!(normalize_word("Ruzië", false), ["ruzie"]);
        assert_eq!(normalize_word("ÇOK", false), ["cok"]);
    }
}
