//! Language identification. Posts with Dutch-only function words (most of
//! them) are settled at once; the rest go to whatlang's trigram model over
//! the 40 languages most written on Dutch and Belgian social media, steadied
//! for short Dutch and Flemish posts by the share of Dutch stopwords.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{Term, TermSource, is_stopword};

/// The language of a post: an ISO 639-1 code (`"nl"`, `"en"`, …; `"und"`
/// when the post has too few letters to tell) and a confidence in [0, 1].
///
/// # Example
/// ```
/// let l = signaal::Analyzer::new().analyze("Thanks for the quick response, the officers were very kind to us today").language;
/// assert_eq!(l.code, "en");
/// assert!(!l.is_dutch());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code, or `"und"` (undetermined).
    pub code: String,
    /// Confidence in [0, 1].
    pub confidence: f64,
}

impl Language {
    /// True when the post is Dutch (Netherlands or Flemish).
    ///
    /// # Example
    /// ```
    /// use signaal::text::{detect_language, tokenize};
    /// let text = "ik heb net gezien dat er twee jongens bij de buren over het hek klommen";
    /// assert!(detect_language(text, &tokenize(text).terms).is_dutch());
    /// ```
    pub fn is_dutch(&self) -> bool {
        self.code == "nl"
    }
}

/// The languages told apart: those most written on Dutch and Belgian social
/// media (the trigram model over all 69 would cost three times as much).
static DETECTOR: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    use whatlang::Lang::*;
    whatlang::Detector::with_allowlist(vec![
        Nld, Eng, Deu, Fra, Tur, Pol, Ara, Spa, Ita, Por, Ron, Bul, Rus, Ukr, Afr, Dan, Swe, Nob, Ell, Hun, Ces, Slk,
        Hrv, Srp, Lit, Lav, Est, Fin, Pes, Heb, Hin, Urd, Cmn, Jpn, Kor, Tha, Vie, Ind, Tgl, Amh,
    ])
});

/// Function words that are Dutch and rare in English, German, French,
/// Afrikaans, Turkish and Polish text. Sorted.
const DISTINCTLY_DUTCH: &[&str] = &[
    "bij", "dat", "deze", "dit", "een", "geen", "heb", "hebben", "heeft", "het", "hij", "ik", "jij", "jullie", "maar",
    "mijn", "naar", "niet", "nog", "ook", "uit", "voor", "wat", "wel", "wij", "zijn",
];

/// [`DISTINCTLY_DUTCH`] packed by [`pack8`](super::pack8), in the same (sorted) order.
const DISTINCTLY_DUTCH_KEYS: [u64; DISTINCTLY_DUTCH.len()] = super::pack_all(DISTINCTLY_DUTCH);

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        #[allow(unreachable_patterns)]
        _ => "und",
    }
}

/// Identify the language of `text`, given its terms from
/// [`tokenize`](super::tokenize).
///
/// # Example
/// ```
/// use signaal::text::{detect_language, tokenize};
/// let text = "Polizei hat heute Abend die Straße gesperrt, weil es einen Unfall gab.";
/// assert_eq!(detect_language(text, &tokenize(text).terms).code, "de");
/// ```
pub fn detect_language(text: &str, terms: &[Term]) -> Language {
    // Only running words count: URLs, @handles, hashtags, numbers and emoji
    // say nothing about the language.
    let mut words = 0usize;
    let mut markers = 0usize;
    let mut distinctly_dutch = 0usize;
    let mut last_span = None;
    for t in terms.iter().filter(|t| t.source == TermSource::Word) {
        if is_stopword(&t.norm) {
            markers += 1;
        }
        // As written, not as expanded ("da" is German too, "ne" Turkish).
        let surface = &text[t.span.start..t.span.end];
        if t.norm.len() <= 8
            && DISTINCTLY_DUTCH_KEYS.binary_search(&super::pack8(t.norm.as_bytes())).is_ok()
            && surface.eq_ignore_ascii_case(&t.norm)
        {
            distinctly_dutch += 1;
        }
        // Expanded abbreviations share a span: count the surface word once.
        if last_span != Some(t.span.start) {
            words += 1;
            last_span = Some(t.span.start);
        }
    }
    let und = Language { code: "und".into(), confidence: 0.0 };
    let marker_share = if words == 0 { 0.0 } else { (markers as f64 / words as f64).min(1.0) };
    if words < 3 {
        // Too short to tell, unless Dutch function words say so.
        return if markers >= 1 { Language { code: "nl".into(), confidence: 0.5 } } else { und };
    }
    // Plainly Dutch (most posts): decided without the trigram model, which
    // costs more than the whole classification.
    let dutch_share = distinctly_dutch as f64 / words as f64;
    if distinctly_dutch >= 2 && dutch_share >= 0.08 {
        return Language { code: "nl".into(), confidence: round3((0.6 + dutch_share).min(1.0)) };
    }
    let mut words_text = String::with_capacity(text.len());
    let mut last_span = None;
    for t in terms.iter().filter(|t| t.source == TermSource::Word) {
        if last_span != Some(t.span.start) {
            words_text.push_str(&text[t.span.start..t.span.end]);
            words_text.push(' ');
            last_span = Some(t.span.start);
        }
    }
    match DETECTOR.detect(&words_text) {
        None if marker_share >= 0.2 => Language { code: "nl".into(), confidence: round3(marker_share) },
        None => und,
        Some(info) => {
            let code = iso639_1(info.lang());
            let conf = info.confidence();
            // Short Dutch posts are often taken for Afrikaans, German or English;
            // a high share of Dutch function words settles it.
            if code != "nl" && marker_share >= 0.25 && markers >= 2 && conf < 0.9 {
                Language { code: "nl".into(), confidence: round3(0.5 + marker_share / 2.0) }
            } else {
                Language { code: code.into(), confidence: round3(conf) }
            }
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn distinctly_dutch_sorted() {
        assert!(DISTINCTLY_DUTCH.windows(2).all(|w| w[0] < w[1]));
        assert!(DISTINCTLY_DUTCH.iter().all(|w| w.len() <= 8));
        assert!(DISTINCTLY_DUTCH_KEYS.windows(2).all(|w| w[0] < w[1]));
    }

    fn lang(t: &str) -> String {
        detect_language(t, &tokenize(t).terms).code
    }

    #[test]
    fn common_cases() {
        assert_eq!(lang("ge moet da nie doen allez, de flikken stonden er al"), "nl");
        assert_eq!(lang("the police closed the road after the accident this morning"), "en");
        assert_eq!(lang("😀😀"), "und");
        assert_eq!(lang(""), "und");
        assert_eq!(lang("https://x.nl @iemand #tag"), "und");
        assert_eq!(lang("ok"), "und");
    }
}
