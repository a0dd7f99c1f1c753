//! Language identification, in three stages from cheap to dear:
//!
//! 1. Posts with at least two Dutch-only function words (most of them) are
//!    Dutch at once.
//! 2. A vote of frequent words, compared as written (lower-cased): each
//!    running word counts for every language of [`VOTED`] whose list holds
//!    it, and a word with a Turkish (`ı`, `ğ`) or Polish (`ł`, `ś`, `ż`, …)
//!    letter counts for that language. The leader wins if it has at least
//!    two votes, two more than any other language (Danish, Norwegian and
//!    Swedish vote too, but only to hold back), and a vote for at least
//!    every fifth word. Dutch must also beat Afrikaans on the words the two
//!    do not share ("een", "niet", "zijn" against "ek", "vir", "hulle").
//!    The confidence is 0.6 plus the lead over the runner-up per word. This
//!    settles nearly all Dutch and Flemish posts the first stage leaves
//!    (slang, dialect, news style: 98–99 % of the corpus posts are settled
//!    by stages 1 and 2), and clear English, German, French, Turkish or
//!    Polish ones. Stages 1 and 2 share one hash-table look-up per word.
//! 3. The rest (short or unusual posts, other languages) go to whatlang's
//!    trigram model over the 40 languages most written on Dutch and Belgian
//!    social media, steadied for short Dutch and Flemish posts by the share
//!    of Dutch stopwords. It costs more than the whole classification, so
//!    the first two stages exist to keep posts away from it.
//!
//! Every stage is one pass over the terms: time is linear in the post.

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
const DISTINCTLY_DUTCH: &str = "bij dat deze dit een geen heb hebben heeft het hij ik jij jullie maar mijn naar niet \
    nog ook uit voor wat wel wij zijn";

/// The languages stage 2 can settle, in the order of their bits in [`VOTE_LISTS`].
const VOTED: [&str; 9] = ["nl", "en", "de", "fr", "es", "it", "pt", "tr", "pl"];
const NL: u16 = 1 << 0;
const EN: u16 = 1 << 1;
const DE: u16 = 1 << 2;
const FR: u16 = 1 << 3;
const ES: u16 = 1 << 4;
const IT: u16 = 1 << 5;
const PT: u16 = 1 << 6;
const TR: u16 = 1 << 7;
const PL: u16 = 1 << 8;
/// Danish, Norwegian and Swedish, as one voter that can only hold back.
const SCANDINAVIAN: usize = 9;
const SC: u16 = 1 << SCANDINAVIAN;
/// Dutch words that Afrikaans does not share.
const NL_NOT_AF: u16 = 1 << 10;
/// Afrikaans words that Dutch does not share.
const AF_NOT_NL: u16 = 1 << 11;
/// Words of [`DISTINCTLY_DUTCH`] (stage 1), counted alongside the votes.
const DUTCH_SHORTCUT: u16 = 1 << 12;
const VOTERS: usize = 13;

// Stage 2 word lists: frequent words, lower case, as written (diacritics
// kept), space-separated and sorted by bytes. A word may stand in several
// lists; it then votes for each of their languages. Words shared with a
// language must also be in that language's list, or they would tip the vote.

/// Frequent Dutch words that Afrikaans writes the same way: they vote for
/// Dutch against the other languages but not against Afrikaans.
const NL_AF_WORDS: &str = "aan af al alle alles broer daar dag dan dat die dinsdag dit doen donderdag een eens elke \
    en gaan geen gemeente gewoon gister goed groot had heel hele het hier hoe hoor huis iedere iedereen iemand in is \
    ja jaar jou kan keer kom kon laat maandag maar mag mee meer met moeder moet mooi na nie niemand niks nog nooit \
    nou of om omdat ons ook op rond staan staat straat te terug tot tussen u uit uur vader van vanaf vanmiddag veel \
    vind voor vriend waar waarom wanneer want was wat week weer weet weg wel wie wil woensdag";

/// Frequent Dutch (and Flemish, and chat) words that Afrikaans does not
/// have: "'t", "'k" and "z'n" are written `t`, `k`, `z'n` by the tokenizer.
const NL_ONLY_WORDS: &str = "achter agenten allemaal allez als altijd avond beetje ben bent bij binnen blijft buiten \
    buren buurman buurt da da's de dees den deze doet door dus echt effe efkes eigenlijk eindelijk er erin erop eruit \
    even ff fiets flikken ga gaat ge gedaan gemaakt gezellig gezien gij gisteren grote gulder hadden heb hebben hebt \
    hedde heeft helemaal hem hij hun ik je jij jongens jouw jullie k kben kga kheb kinderen kleine komen komt krijgen \
    krijgt kunnen kzal leuk ligt m'n maakt me men mensen mij mijn mijne moeten mogen mooie morgen naar naast nacht ne \
    nen ni niet nieuw nieuwe nu ochtend ofzo onze oude over politie samen sinds snel t tegen tijdens tis toch toen \
    ulle uw uwe vanavond vandaag vanmorgen vannacht vanochtend vindt vrijdag vrouw wa waren we werd wij willen witte \
    worden wordt z'n zal zalig zaterdag ze zegt zeker zelf zich zie zien ziet zij zijn zijt zit zitten zo zo'n zondag \
    zou zouden zullen zus zwarte";

/// English.
const EN_WORDS: &str = "a about after all also an and any are as at be because been but by can could did do don't \
    even for from get go got had has have he her here him his how i i'm if in into is it it's its just know like make \
    me more much my no not now of on one only or our out over really say she should so some still than thank thanks \
    that the their them then there these they this to today up us very was we week well were what when where which \
    who why will with would you your";

/// German.
const DE_WORDS: &str = "aber als an auch auf aus bei bis da das dass dem den der des dich die diese dieser dir doch \
    du durch ein eine einem einen einer er es euch für gab gibt habe haben hat hatte heute hier ich ihr im immer in \
    ist ja jetzt kann kein keine man mehr mein meine mich mir mit morgen muss nach nacht nein nicht noch nur oder \
    schon sehr sein sich sie sind so und uns von vor war was weg weil wenn werden wie wir wird wurde zu zum zur über";

/// French.
const FR_WORDS: &str = "a au aussi aux avec avoir bien c'est ce ces cette comme d'un d'une dans de des du elle elles \
    en encore est et fait hier il ils j'ai je la le les leur lui ma mais me merci mes mon même n'est ne nous on ont \
    ou où par pas plus pour qu'il que qui rien sa se ses si son sont sur te ton tous tout très tu un une vous y à ça \
    été être";

/// Spanish.
const ES_WORDS: &str = "a al como con cuando de del el en es esta este está están fue gracias ha han hay hoy la las \
    le les lo los me mi muy más no nos para pero por porque que se si sin sobre son su sus sí también te todo tu un \
    una y ya yo";

/// Italian.
const IT_WORDS: &str = "a al alla anche che ci come con da dei del della delle di e gli grazie ha ho i il in io la le \
    lo loro ma mi molto nel nella noi non oggi per più questa questo sempre si sono ti tu un una voi è";

/// Portuguese.
const PT_WORDS: &str = "a ao aos as com como da das de do dos e ela ele em essa esse está eu foi hoje isso mais mas \
    muito na no nos não o obrigado os para por que se seu sua são também tem um uma você é";

/// Turkish (a word with `ı` or `ğ` votes Turkish too).
const TR_WORDS: &str = "ama artık bana ben beni bir biz bu bugün da daha de değil diye en evet gibi hayır hep her hiç \
    ile için kadar ki mi mu mü mı nasıl ne neden o olarak ona onlar onu sana sen seni siz sonra var ve ya yani yok \
    çok çünkü şey şu";

/// Polish (a word with `ł`, `ś`, `ć`, `ź`, `ż` or `ń` votes Polish too).
const PL_WORDS: &str = "a ale bardzo bo był była było co czy dla do dzisiaj dziś go i ich jak jego jej jest jestem \
    jeszcze już kiedy która które który mi mnie może my na nic nie o od on ona oni po przez się są ta tak tam te tego \
    tej ten też to tu tylko u w we wy z za ze że";

/// Danish, Norwegian and Swedish.
const SC_WORDS: &str = "af at att av bare de deg den det dig du eller en er et ett for fra från för han har hon hun \
    hva hvor i ikke ikkje inte jag jeg kan med meg meget men mig mycket nu nå och också og også om på seg sig ska \
    skal som så til till vad var vi är";

/// Afrikaans words that Dutch does not have: one of them in a post keeps
/// it from a Dutch vote unless Dutch-only words outnumber them by two.
const AF_WORDS: &str = "almal baie daardie dankie dis ek hierdie hulle hy julle jy kinders mense my sal se sy tog \
    vandag vir";

/// Every word list with the voters it counts for.
const VOTE_LISTS: &[(u16, &str)] = &[
    (NL, NL_AF_WORDS),
    (NL | NL_NOT_AF, NL_ONLY_WORDS),
    (EN, EN_WORDS),
    (DE, DE_WORDS),
    (FR, FR_WORDS),
    (ES, ES_WORDS),
    (IT, IT_WORDS),
    (PT, PT_WORDS),
    (TR, TR_WORDS),
    (PL, PL_WORDS),
    (SC, SC_WORDS),
    (AF_NOT_NL, AF_WORDS),
    (DUTCH_SHORTCUT, DISTINCTLY_DUTCH),
];

/// The words of [`VOTE_LISTS`], each with the bits of every list that
/// holds it: words of at most 8 bytes (nearly all) in an open-addressing
/// hash table, the longer ones sorted for binary search.
struct VoteTable {
    /// [`pack16`] keys of the short words, top half (0: empty slot).
    keys: Vec<u64>,
    bits: Vec<u16>,
    long: Vec<(u128, u16)>,
}

/// log2 of the slot count of [`VoteTable`]: at most half the slots are used.
const SLOTS_LOG2: u32 = 11;

fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS_LOG2)) as usize
}

impl VoteTable {
    fn new() -> Self {
        let mut t = VoteTable { keys: vec![0; 1 << SLOTS_LOG2], bits: vec![0; 1 << SLOTS_LOG2], long: Vec::new() };
        for &(bits, list) in VOTE_LISTS {
            for w in list.split_ascii_whitespace() {
                let key = pack16(w.as_bytes());
                if w.len() > 8 {
                    t.long.push((key, bits));
                    continue;
                }
                let key = (key >> 64) as u64;
                let mut i = slot(key);
                while t.keys[i] != 0 && t.keys[i] != key {
                    i = (i + 1) & ((1 << SLOTS_LOG2) - 1);
                }
                t.keys[i] = key;
                t.bits[i] |= bits;
            }
        }
        t.long.sort_unstable_by_key(|&(key, _)| key);
        t.long.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
        t
    }

    /// The bits of the word packed as `key`, `len` bytes long.
    fn get(&self, key: u128, len: usize) -> u16 {
        if len > 8 {
            return self.long.binary_search_by_key(&key, |&(k, _)| k).map_or(0, |i| self.long[i].1);
        }
        let key = (key >> 64) as u64;
        let mut i = slot(key);
        // Terminates: the table is never full.
        loop {
            match self.keys[i] {
                k if k == key => return self.bits[i],
                0 => return 0,
                _ => i = (i + 1) & ((1 << SLOTS_LOG2) - 1),
            }
        }
    }
}

static VOTE_TABLE: LazyLock<VoteTable> = LazyLock::new(VoteTable::new);

/// The first 16 bytes of `w`, zero-padded, as one number (words hold no NUL).
fn pack16(w: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = w.len().min(16);
    buf[..n].copy_from_slice(&w[..n]);
    u128::from_be_bytes(buf)
}

/// The bits of one running word, as written: its lists in [`VOTE_LISTS`]
/// (compared lower-cased, a typographic apostrophe as `'`) and its Turkish
/// or Polish letters.
fn word_votes(table: &VoteTable, word: &str) -> u16 {
    let mut buf = [0u8; 16];
    let mut letters = 0;
    let len;
    if word.is_ascii() {
        if word.len() > 16 {
            return 0;
        }
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        len = word.len();
    } else {
        let mut n = 0;
        let mut fits = true;
        for c in word.chars() {
            match c {
                'ı' | 'İ' | 'ğ' | 'Ğ' => letters |= TR,
                'ł' | 'Ł' | 'ś' | 'Ś' | 'ć' | 'Ć' | 'ź' | 'Ź' | 'ż' | 'Ż' | 'ń' | 'Ń' => letters |= PL,
                _ => {}
            }
            for l in c.to_lowercase() {
                let l = if l == '\u{2019}' { '\'' } else { l };
                if fits && n + l.len_utf8() <= 16 {
                    n += l.encode_utf8(&mut buf[n..]).len();
                } else {
                    fits = false;
                }
            }
        }
        if !fits {
            return letters;
        }
        len = n;
    }
    letters | table.get(u128::from_be_bytes(buf), len)
}

/// Stage 2: the language the word votes settle and its lead over the
/// runner-up, or `None`. The leader needs at least two votes, two more than
/// any other voter (Scandinavian included), and a vote for every fifth word
/// at least; Dutch also needs a Dutch-only word and no Afrikaans-only one, or
/// two more of the former.
fn settle_by_votes(votes: &[usize; VOTERS], words: usize) -> Option<(&'static str, usize)> {
    let (mut best, mut first, mut second) = (0, 0, 0);
    for (i, &n) in votes[..=SCANDINAVIAN].iter().enumerate() {
        if n > first {
            (best, first, second) = (i, n, first);
        } else if n > second {
            second = n;
        }
    }
    if best == SCANDINAVIAN || first < 2 || first < second + 2 || first * 5 < words {
        return None;
    }
    let (nl_only, af_only) = (votes[NL_NOT_AF.trailing_zeros() as usize], votes[AF_NOT_NL.trailing_zeros() as usize]);
    if best == 0 && !(nl_only >= 1 && af_only == 0 || nl_only >= af_only + 2) {
        return None;
    }
    Some((VOTED[best], first - second))
}

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
    let table = &*VOTE_TABLE;
    let mut words = 0usize;
    let mut votes = [0usize; VOTERS];
    let mut last_span = None;
    for t in terms.iter().filter(|t| t.source == TermSource::Word) {
        // Expanded abbreviations share a span: count the surface word once,
        // as written, not as expanded ("da" is German too, "ne" Turkish).
        if last_span != Some(t.span.start) {
            words += 1;
            last_span = Some(t.span.start);
            let mut v = word_votes(table, &text[t.span.start..t.span.end]);
            while v != 0 {
                votes[v.trailing_zeros() as usize] += 1;
                v &= v - 1;
            }
        }
    }
    // Dutch stopwords (as expanded), counted only when needed below.
    let markers = || terms.iter().filter(|t| t.source == TermSource::Word && is_stopword(&t.norm)).count();
    let und = || Language { code: "und".into(), confidence: 0.0 };
    if words < 3 {
        // Too short to tell, unless Dutch function words say so.
        return if markers() >= 1 { Language { code: "nl".into(), confidence: 0.5 } } else { und() };
    }
    // Plainly Dutch (most posts): decided without the trigram model, which
    // costs more than the whole classification.
    let distinctly_dutch = votes[DUTCH_SHORTCUT.trailing_zeros() as usize];
    let dutch_share = distinctly_dutch as f64 / words as f64;
    if distinctly_dutch >= 2 && dutch_share >= 0.08 {
        return Language { code: "nl".into(), confidence: round3((0.6 + dutch_share).min(1.0)) };
    }
    if let Some((code, lead)) = settle_by_votes(&votes, words) {
        return Language { code: code.into(), confidence: round3((0.6 + lead as f64 / words as f64).min(1.0)) };
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
    let markers = markers();
    let marker_share = (markers as f64 / words as f64).min(1.0);
    match DETECTOR.detect(&words_text) {
        None if marker_share >= 0.2 => Language { code: "nl".into(), confidence: round3(marker_share) },
        None => und(),
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

    fn words(list: &str) -> Vec<&str> {
        list.split_ascii_whitespace().collect()
    }

    #[test]
    fn word_lists_sorted_lower_case_and_short() {
        for &(_, list) in VOTE_LISTS {
            let w = words(list);
            assert!(w.windows(2).all(|p| p[0].as_bytes() < p[1].as_bytes()), "{list}");
            assert!(w.iter().all(|w| w.len() <= 16 && *w == w.to_lowercase() && !w.contains('\u{2019}')), "{list}");
        }
        // Each Dutch word is either shared with Afrikaans or not.
        let (shared, dutch, afrikaans) = (words(NL_AF_WORDS), words(NL_ONLY_WORDS), words(AF_WORDS));
        assert!(shared.iter().all(|w| !dutch.contains(w) && !afrikaans.contains(w)));
        assert!(dutch.iter().all(|w| !afrikaans.contains(w)));
        // Stage 1 words are Dutch words that vote.
        assert!(words(DISTINCTLY_DUTCH).iter().all(|w| shared.contains(w) || dutch.contains(w)));
    }

    #[test]
    fn vote_table_finds_every_word() {
        let t = &*VOTE_TABLE;
        assert!(t.keys.iter().filter(|&&k| k != 0).count() * 2 <= t.keys.len());
        for &(bits, list) in VOTE_LISTS {
            for w in words(list) {
                assert_eq!(word_votes(t, w) & bits, bits, "{w}");
            }
        }
        assert_eq!(word_votes(t, "Zijn") & NL, NL);
        assert_eq!(word_votes(t, "Z\u{2019}N") & NL, NL);
        assert_eq!(word_votes(t, "Très") & FR, FR);
        assert_eq!(word_votes(t, "kaybettiğimde"), TR);
        assert_eq!(word_votes(t, "zamknęła"), PL);
        assert_eq!(word_votes(t, "politieagenten"), 0);
        assert_eq!(word_votes(t, ""), 0);
    }

    /// Stage 2 alone.
    fn vote(t: &str) -> Option<&'static str> {
        let table = &*VOTE_TABLE;
        let mut votes = [0; VOTERS];
        let mut words = 0;
        let mut last = None;
        for term in tokenize(t).terms.iter().filter(|t| t.source == TermSource::Word) {
            if last != Some(term.span.start) {
                last = Some(term.span.start);
                words += 1;
                let mut v = word_votes(table, &t[term.span.start..term.span.end]);
                while v != 0 {
                    votes[v.trailing_zeros() as usize] += 1;
                    v &= v - 1;
                }
            }
        }
        settle_by_votes(&votes, words).map(|(code, _)| code)
    }

    #[test]
    fn votes_settle_clear_cases_only() {
        // Dutch and Flemish posts with one Dutch-only function word or none.
        assert_eq!(
            vote("Onze Sanne is vandaag geslaagd voor haar opleiding tot verpleegkundige!! Zo trots"),
            Some("nl")
        );
        assert_eq!(vote("tis weer maandag hé"), Some("nl"));
        assert_eq!(vote("Club Brugge kampioen!!! Allez allez"), Some("nl"));
        assert_eq!(vote("the neighbours were shouting again at two in the morning"), Some("en"));
        assert_eq!(
            vote("Karakoldaki memur hanım çok yardımcı oldu, kimliğimi kaybettiğimde her şeyi anlattı"),
            Some("tr")
        );
        assert_eq!(vote("Policja zamknęła całą ulicę przy sklepie. Ktoś wie, co się stało?"), Some("pl"));
        // Afrikaans, Danish and too few words are left to the trigram model.
        assert_eq!(vote("Ek het gister die polisie gebel maar hulle het nie gekom nie"), None);
        assert_eq!(vote("Jeg har ikke set ham i dag, men han er sikkert hjemme"), None);
        assert_eq!(vote("Bosuil gaat daveren"), None);
        assert_eq!(vote("Mocro Maffia seizoen 5 was echt kk spannend, die finale"), None);
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
        // Danish, left to the trigram model (which may say Norwegian).
        assert!(["da", "nb"].contains(&lang("Jeg har ikke set ham i dag, men han er sikkert hjemme").as_str()));
        assert_eq!(lang("Onze Sanne is vandaag geslaagd voor haar opleiding tot verpleegkundige!! Zo trots"), "nl");
    }
}
