//! The redaction policy: per-kind modes, kinds on/off, the allowlist, a
//! minimum confidence, the pseudonym key, and its serde configuration.

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::{EntityKind, Mode};
use crate::error::Error;

/// The secret key of pseudonym mode. It never appears in output, `Debug`
/// or error messages. At least 16 bytes.
///
/// # Example
/// ```
/// let key = signaal::PseudonymKey::new(b"a secret of sixteen+ bytes".to_vec()).unwrap();
/// assert_eq!(format!("{key:?}"), "PseudonymKey(<hidden>)");
/// assert!(signaal::PseudonymKey::new(b"short".to_vec()).is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PseudonymKey(Vec<u8>);

impl PseudonymKey {
    /// The shortest key accepted, in bytes.
    pub const MIN_LEN: usize = 16;

    /// A key from its bytes; shorter than [`MIN_LEN`](Self::MIN_LEN) is an
    /// [`ErrorKind::InvalidConfig`](crate::ErrorKind::InvalidConfig) error.
    ///
    /// # Example
    /// ```
    /// assert!(signaal::PseudonymKey::new(vec![7; 32]).is_ok());
    /// ```
    pub fn new(bytes: Vec<u8>) -> Result<PseudonymKey, Error> {
        if bytes.len() < Self::MIN_LEN {
            return Err(Error::config(format!("the pseudonym key must be at least {} bytes", Self::MIN_LEN)));
        }
        Ok(PseudonymKey(bytes))
    }
}

impl std::fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PseudonymKey(<hidden>)")
    }
}

/// Official accounts and service numbers that are never redacted by
/// default: handles of the Dutch and Belgian police and emergency and
/// police numbers. Handles starting with `@politie` are also allowed.
pub const DEFAULT_ALLOWLIST: &[&str] = &[
    "@politie",
    "@politienl",
    "@politie_nl",
    "@politiegent",
    "@politieantwerpen",
    "@politiebrussel",
    "@federalepolitie",
    "@112",
    "@112nl",
    "@112_nl",
    "@nctv_nl",
    "@meldmisdaad",
    "@nmbs",
    "@ns_online",
    "@delijn",
    "@postnl",
    "@bpost",
    "@verkeerscentrum",
    "@rijkswaterstaat",
    "@anwb",
    "112",
    "101",
    "0900-8844",
    "0800-7000",
];

/// How personal data is found and rewritten. Defaults: every kind on,
/// mode mask, minimum confidence 0.5, the [`DEFAULT_ALLOWLIST`], values
/// not included in results, no pseudonym key.
///
/// # Example
/// ```
/// use signaal::{Analyzer, EntityKind, Mode, RedactionPolicy};
/// let mut policy = RedactionPolicy::default();
/// policy.set_mode(EntityKind::Person, Mode::Tag).disable(EntityKind::Url);
/// let analyzer = Analyzer::builder().redaction(policy).build().unwrap();
/// let r = analyzer.redact("Jan de Vries en Jan de Vries: https://example.com");
/// assert_eq!(r.text, "[PERSOON_1] en [PERSOON_1]: https://example.com");
/// ```
#[derive(Clone, PartialEq)]
pub struct RedactionPolicy {
    modes: [Mode; 14],
    enabled: [bool; 14],
    allowlist: Vec<String>,
    /// A bit per (length, first byte) of the allowlist keys
    /// ([`sketch_bit`]): most values are ruled out without a comparison.
    key_sketch: u64,
    allow_politie_handles: bool,
    pub(crate) min_confidence: f32,
    pub(crate) include_values: bool,
    key: Option<PseudonymKey>,
}

impl Default for RedactionPolicy {
    fn default() -> Self {
        RedactionPolicy {
            modes: [Mode::Mask; 14],
            enabled: [true; 14],
            allowlist: Vec::new(),
            key_sketch: 0,
            allow_politie_handles: true,
            min_confidence: 0.5,
            include_values: false,
            key: None,
        }
        .with_default_allowlist()
    }
}

impl std::fmt::Debug for RedactionPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let modes: BTreeMap<&str, Mode> = EntityKind::ALL
            .iter()
            .filter(|k| self.enabled[k.index()])
            .map(|k| (k.as_str(), self.modes[k.index()]))
            .collect();
        f.debug_struct("RedactionPolicy")
            .field("modes", &modes)
            .field("allowlist", &self.allowlist.len())
            .field("min_confidence", &self.min_confidence)
            .field("include_values", &self.include_values)
            .field("key", &self.key.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

impl RedactionPolicy {
    fn with_default_allowlist(mut self) -> Self {
        for v in DEFAULT_ALLOWLIST {
            self.allow(v);
        }
        self
    }

    /// Set one kind's mode.
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.set_mode(signaal::EntityKind::Phone, signaal::Mode::Remove);
    /// assert_eq!(p.mode(signaal::EntityKind::Phone), signaal::Mode::Remove);
    /// ```
    pub fn set_mode(&mut self, kind: EntityKind, mode: Mode) -> &mut Self {
        self.modes[kind.index()] = mode;
        self
    }

    /// Set every kind's mode.
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.set_all_modes(signaal::Mode::Tag);
    /// assert_eq!(p.mode(signaal::EntityKind::Iban), signaal::Mode::Tag);
    /// ```
    pub fn set_all_modes(&mut self, mode: Mode) -> &mut Self {
        self.modes = [mode; 14];
        self
    }

    /// A kind's mode.
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::RedactionPolicy::default().mode(signaal::EntityKind::Email), signaal::Mode::Mask);
    /// ```
    pub fn mode(&self, kind: EntityKind) -> Mode {
        self.modes[kind.index()]
    }

    /// Stop finding a kind (its data stays in the text and is not reported).
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.disable(signaal::EntityKind::Url);
    /// assert!(!p.enabled(signaal::EntityKind::Url));
    /// ```
    pub fn disable(&mut self, kind: EntityKind) -> &mut Self {
        self.enabled[kind.index()] = false;
        self
    }

    /// Find a kind again.
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.disable(signaal::EntityKind::Url).enable(signaal::EntityKind::Url);
    /// assert!(p.enabled(signaal::EntityKind::Url));
    /// ```
    pub fn enable(&mut self, kind: EntityKind) -> &mut Self {
        self.enabled[kind.index()] = true;
        self
    }

    /// Find only these kinds.
    ///
    /// # Example
    /// ```
    /// use signaal::EntityKind;
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.only(&[EntityKind::Person, EntityKind::Phone]);
    /// assert!(p.enabled(EntityKind::Phone) && !p.enabled(EntityKind::Iban));
    /// ```
    pub fn only(&mut self, kinds: &[EntityKind]) -> &mut Self {
        self.enabled = [false; 14];
        for k in kinds {
            self.enabled[k.index()] = true;
        }
        self
    }

    /// Whether a kind is found.
    ///
    /// # Example
    /// ```
    /// assert!(signaal::RedactionPolicy::default().enabled(signaal::EntityKind::Bsn));
    /// ```
    pub fn enabled(&self, kind: EntityKind) -> bool {
        self.enabled[kind.index()]
    }

    /// Never redact this value (compared after normalisation: case,
    /// spaces and separators in numbers do not matter).
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.allow("@wijkteam_noord");
    /// let a = signaal::Analyzer::builder().redaction(p).build().unwrap();
    /// assert_eq!(a.redact("Vraag het @Wijkteam_Noord of @kees99").text, "Vraag het @Wijkteam_Noord of [GEBRUIKER]");
    /// ```
    pub fn allow(&mut self, value: &str) -> &mut Self {
        let v = allow_key(value);
        if !v.is_empty() && !self.allowlist.contains(&v) {
            self.key_sketch |= sketch_bit(v.len(), v.as_bytes()[0]);
            self.allowlist.push(v);
        }
        self
    }

    /// Remove every allowlist entry, the defaults included, and stop
    /// allowing `@politie…` handles.
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.clear_allowlist();
    /// let a = signaal::Analyzer::builder().redaction(p).build().unwrap();
    /// assert_eq!(a.redact("Tip aan @politie").text, "Tip aan [GEBRUIKER]");
    /// ```
    pub fn clear_allowlist(&mut self) -> &mut Self {
        self.allowlist.clear();
        self.key_sketch = 0;
        self.allow_politie_handles = false;
        self
    }

    /// Report only finds at least this sure (in [0, 1]; default 0.5).
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.min_confidence(0.9);
    /// assert!(signaal::Analyzer::builder().redaction(p).build().is_ok());
    /// ```
    pub fn min_confidence(&mut self, min: f32) -> &mut Self {
        self.min_confidence = min;
        self
    }

    /// Put the found text in each [`Entity::value`](super::Entity) (off by
    /// default: results then hold no personal data).
    ///
    /// # Example
    /// ```
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.include_values(true);
    /// let a = signaal::Analyzer::builder().redaction(p).build().unwrap();
    /// assert_eq!(a.redact("bel 0612345678").entities[0].value.as_deref(), Some("0612345678"));
    /// ```
    pub fn include_values(&mut self, yes: bool) -> &mut Self {
        self.include_values = yes;
        self
    }

    /// The key for pseudonym mode (required when any kind uses it).
    ///
    /// # Example
    /// ```
    /// use signaal::{EntityKind, Mode, PseudonymKey, RedactionPolicy};
    /// let mut p = RedactionPolicy::default();
    /// p.set_mode(EntityKind::Person, Mode::Pseudonym).pseudonym_key(PseudonymKey::new(vec![1; 32]).unwrap());
    /// let a = signaal::Analyzer::builder().redaction(p).build().unwrap();
    /// let t = a.redact("Groet, Pieter de Vries").text;
    /// assert!(t.starts_with("Groet, [PERSOON_") && t.len() == "Groet, [PERSOON_xxxxxx]".len());
    /// ```
    pub fn pseudonym_key(&mut self, key: PseudonymKey) -> &mut Self {
        self.key = Some(key);
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(Error::config("min_confidence must be a number in [0, 1]"));
        }
        if self.key.is_none() {
            if let Some(k) = EntityKind::ALL.iter().find(|k| self.enabled(**k) && self.mode(**k) == Mode::Pseudonym) {
                return Err(Error::config(format!(
                    "kind `{k}` uses pseudonym mode, which needs a pseudonym key; there is no default key"
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn allowed(&self, kind: EntityKind, value: &str) -> bool {
        // (a value between visible ASCII characters has nothing to trim)
        let graphic = |c: Option<&u8>| c.is_some_and(u8::is_ascii_graphic);
        let b = value.as_bytes();
        let v = if graphic(b.first()) && graphic(b.last()) { value } else { value.trim() };
        // one pass: only digits and separators? the digit count, the first digit
        let (mut n, mut first, mut numeric) = (0, 0u8, true);
        for &c in v.as_bytes() {
            match NUMERIC[usize::from(c)] {
                0 => {
                    numeric = false;
                    break;
                }
                DIGIT => {
                    if n == 0 {
                        first = c;
                    }
                    n += 1;
                }
                _ => {}
            }
        }
        if numeric {
            // the key is the digits of `v`: compare them without building it
            // (no handle is all digits, so the `@politie` rule cannot apply)
            if self.key_sketch & sketch_bit(n, first) == 0 {
                return false;
            }
            return self.allowlist.iter().any(|k| k.len() == n && k.bytes().eq(v.bytes().filter(u8::is_ascii_digit)));
        }
        if v.is_ascii() {
            // the key is `v` in lower case: compare without building it (keys
            // are lower case, so an ASCII key equal to it ignoring case is it)
            if kind == EntityKind::Handle
                && self.allow_politie_handles
                && v.len() >= 8
                && v.as_bytes()[..8].eq_ignore_ascii_case(b"@politie")
            {
                return true;
            }
            if self.key_sketch & sketch_bit(v.len(), v.as_bytes()[0].to_ascii_lowercase()) == 0 {
                return false;
            }
            return self.allowlist.iter().any(|k| k.len() == v.len() && k.eq_ignore_ascii_case(v));
        }
        let key = allow_key(value);
        if kind == EntityKind::Handle && self.allow_politie_handles && key.starts_with("@politie") {
            return true;
        }
        self.allowlist.contains(&key)
    }

    /// Six hex digits of HMAC-SHA256(key, kind NUL normalised value).
    pub(crate) fn pseudonym(&self, kind: EntityKind, value: &str) -> String {
        // validate() guarantees a key whenever a kind uses pseudonym mode
        let key = self.key.as_ref().map(|k| k.0.as_slice()).unwrap_or(&[]);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
        mac.update(kind.as_str().as_bytes());
        mac.update(&[0]);
        mac.update(normalise(kind, value).as_bytes());
        let out = mac.finalize().into_bytes();
        out[..3].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Apply a [`RedactionConfig`] on top of this policy.
    ///
    /// # Example
    /// ```
    /// let cfg: signaal::RedactionConfig = serde_json::from_str(r#"{"modes": {"phone": "remove"}}"#).unwrap();
    /// let mut p = signaal::RedactionPolicy::default();
    /// p.apply_config(&cfg).unwrap();
    /// assert_eq!(p.mode(signaal::EntityKind::Phone), signaal::Mode::Remove);
    /// ```
    pub fn apply_config(&mut self, cfg: &RedactionConfig) -> Result<&mut Self, Error> {
        if let Some(m) = cfg.mode {
            self.set_all_modes(m);
        }
        for (k, m) in &cfg.modes {
            self.set_mode(*k, *m);
        }
        if let Some(kinds) = &cfg.kinds {
            self.only(kinds);
        }
        for k in &cfg.disable {
            self.disable(*k);
        }
        if cfg.default_allowlist == Some(false) {
            self.clear_allowlist();
        }
        for v in &cfg.allowlist {
            self.allow(v);
        }
        if let Some(c) = cfg.min_confidence {
            self.min_confidence(c);
        }
        if let Some(v) = cfg.include_values {
            self.include_values(v);
        }
        if let Some(k) = &cfg.pseudonym_key {
            self.pseudonym_key(PseudonymKey::new(k.as_bytes().to_vec())?);
        }
        self.validate()?;
        Ok(self)
    }
}

/// The redaction part of a configuration file (JSON for the C ABI, TOML
/// for the command line, keyword arguments in Python). Every field is
/// optional; unknown fields are an error.
///
/// ```json
/// {"mode": "mask", "modes": {"person": "pseudonym"}, "disable": ["url"],
///  "allowlist": ["@wijkteam"], "min_confidence": 0.6, "pseudonym_key": "…"}
/// ```
///
/// # Example
/// ```
/// let err = serde_json::from_str::<signaal::RedactionConfig>(r#"{"mdoe": "tag"}"#).unwrap_err();
/// assert!(err.to_string().contains("unknown field"));
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedactionConfig {
    /// Mode for every kind (before `modes`).
    #[serde(default)]
    pub mode: Option<Mode>,
    /// Mode per kind.
    #[serde(default)]
    pub modes: BTreeMap<EntityKind, Mode>,
    /// Find only these kinds (default: all).
    #[serde(default)]
    pub kinds: Option<Vec<EntityKind>>,
    /// Kinds not to find.
    #[serde(default)]
    pub disable: Vec<EntityKind>,
    /// Values never redacted, added to the defaults.
    #[serde(default)]
    pub allowlist: Vec<String>,
    /// `false` drops the default allowlist (official police handles, 112, …).
    #[serde(default)]
    pub default_allowlist: Option<bool>,
    /// Minimum confidence of a find (default 0.5).
    #[serde(default)]
    pub min_confidence: Option<f32>,
    /// Include found values in results (default false).
    #[serde(default)]
    pub include_values: Option<bool>,
    /// The pseudonym key (at least 16 bytes). Never printed.
    #[serde(default)]
    pub pseudonym_key: Option<String>,
}

impl std::fmt::Debug for RedactionConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedactionConfig")
            .field("mode", &self.mode)
            .field("modes", &self.modes)
            .field("kinds", &self.kinds)
            .field("disable", &self.disable)
            .field("allowlist", &self.allowlist.len())
            .field("default_allowlist", &self.default_allowlist)
            .field("min_confidence", &self.min_confidence)
            .field("include_values", &self.include_values)
            .field("pseudonym_key", &self.pseudonym_key.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// [`NUMERIC`]: an ASCII digit.
const DIGIT: u8 = 2;

/// Bytes of a number in allowlist terms: digits ([`DIGIT`]), separators
/// `" -./+()"` (1), others (0).
static NUMERIC: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if matches!(b, b' ' | b'-' | b'.' | b'/' | b'+' | b'(' | b')') {
            1
        } else {
            0
        };
        c += 1;
    }
    t
};

/// The bit of a key of `len` bytes starting with `first` in
/// `RedactionPolicy::key_sketch`.
fn sketch_bit(len: usize, first: u8) -> u64 {
    1 << ((len.wrapping_mul(7) ^ usize::from(first)) & 63)
}

/// The allowlist form of a value: lower case; numbers without separators.
fn allow_key(value: &str) -> String {
    let v = value.trim();
    if v.bytes().all(|b| b.is_ascii_digit() || b" -./+()".contains(&b)) {
        v.bytes().filter(u8::is_ascii_digit).map(char::from).collect()
    } else {
        v.to_lowercase()
    }
}

/// The normalised value behind `tag` numbering and pseudonyms: the same
/// person, number or address written differently maps to one value.
pub(crate) fn normalise(kind: EntityKind, value: &str) -> String {
    match kind {
        EntityKind::Phone => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            let t = value.trim_start();
            if let Some(rest) =
                digits.strip_prefix("0031").or_else(|| t.starts_with('+').then(|| digits.strip_prefix("31")).flatten())
            {
                format!("+31{}", rest.strip_prefix('0').unwrap_or(rest))
            } else if let Some(rest) =
                digits.strip_prefix("0032").or_else(|| t.starts_with('+').then(|| digits.strip_prefix("32")).flatten())
            {
                format!("+32{}", rest.strip_prefix('0').unwrap_or(rest))
            } else {
                digits
            }
        }
        EntityKind::Iban | EntityKind::LicensePlate | EntityKind::Postcode => {
            value.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
        }
        EntityKind::Bsn | EntityKind::NationalIdBe | EntityKind::CreditCard => {
            value.chars().filter(char::is_ascii_digit).collect()
        }
        _ => {
            let lower = crate::text::fold_word(&value.to_lowercase());
            lower.split(|c: char| c.is_whitespace() || c == '.').filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_phones_agree() {
        let a = normalise(EntityKind::Phone, "+31 6 12345678");
        assert_eq!(a, normalise(EntityKind::Phone, "0031 612345678"));
        assert_eq!(a, "+31612345678");
        assert_eq!(normalise(EntityKind::Phone, "06-12345678"), "0612345678");
        assert_eq!(normalise(EntityKind::Person, "Pieter  de Vries"), normalise(EntityKind::Person, "pieter de vries"));
    }

    #[test]
    fn pseudonym_needs_a_key_and_hides_it() {
        let mut p = RedactionPolicy::default();
        p.set_mode(EntityKind::Person, Mode::Pseudonym);
        assert_eq!(p.validate().unwrap_err().kind(), crate::ErrorKind::InvalidConfig);
        p.pseudonym_key(PseudonymKey::new(b"0123456789abcdef-secret".to_vec()).unwrap());
        assert!(p.validate().is_ok());
        assert!(!format!("{p:?}").contains("secret"));
        let a = p.pseudonym(EntityKind::Person, "Jan Jansen");
        assert_eq!(a, p.pseudonym(EntityKind::Person, "jan  jansen"));
        assert_ne!(a, p.pseudonym(EntityKind::Person, "Jan Janssen"));
        assert_eq!(a.len(), 6);
    }

    #[test]
    fn allowlist_ignores_case_and_separators() {
        let p = RedactionPolicy::default();
        assert!(p.allowed(EntityKind::Phone, "0900 8844"));
        assert!(p.allowed(EntityKind::Handle, "@PolitieGent"));
        assert!(p.allowed(EntityKind::Handle, "@Politie_Utrecht"));
        assert!(!p.allowed(EntityKind::Handle, "@jan"));
    }
}
