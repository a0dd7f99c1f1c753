//! Dutch (and Flemish) stopwords. Language identification counts them to
//! steady its guess on short posts. The classifier keeps them as features:
//! on the corpus, dropping them cost cross-validated F1 ("ik ga", "jullie",
//! "niet" carry intent, address and negation).

/// Sorted list of normalised stopwords.
pub(crate) const STOPWORDS: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der", "deze", "die",
    "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb",
    "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "ja", "je", "jij", "jou", "jouw",
    "jullie", "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "nog",
    "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen", "tot", "u",
    "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "we", "wel", "werd", "wezen", "wie", "wij",
    "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// True when `norm` (a normalised term) is a stopword.
///
/// # Example
/// ```
/// assert!(signaal::text::is_stopword("het"));
/// assert!(!signaal::text::is_stopword("kogel"));
/// ```
pub fn is_stopword(norm: &str) -> bool {
    // Stopwords are 1–7 bytes: longer words skip the search.
    // (The length check keeps "ik\0" from passing for "ik".)
    norm.len() <= 7
        && STOPWORD_KEYS.binary_search(&super::pack8(norm.as_bytes())).is_ok_and(|i| STOPWORDS[i].len() == norm.len())
}

/// [`STOPWORDS`] packed by [`pack8`](super::pack8), in the same (sorted) order.
const STOPWORD_KEYS: [u64; STOPWORDS.len()] = super::pack_all(STOPWORDS);

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_and_short() {
        assert!(super::STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(super::STOPWORDS.iter().all(|w| w.len() <= 7));
        assert!(super::STOPWORD_KEYS.windows(2).all(|w| w[0] < w[1]));
    }
}
