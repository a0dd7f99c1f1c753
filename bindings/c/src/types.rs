//! Plain C structs and enums: string views, texts, entities, scores.

use std::ffi::{c_char, c_int};
use std::ptr::null;

use signaal_core::{Entity, EntityKind, Label};

use crate::panic::ffi_panic_boundary;

/// A read-only view of UTF-8 text owned by a signaal handle.
///
/// `data[len]` is always a NUL byte, so `data` can be used as a C string;
/// the text itself may contain NUL bytes when the input did (a redacted
/// text keeps the input's other characters), so prefer `len`. The view
/// stays valid until the handle that returned it is freed. Never free
/// `data` yourself. An empty view is `{ "", 0 }` (never NULL `data`),
/// except after a NULL handle or a panic, which give `{ NULL, 0 }`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct signaal_str {
    /// The first byte; NUL-terminated.
    pub data: *const c_char,
    /// The length in bytes, without the terminating NUL.
    pub len: usize,
}

impl signaal_str {
    pub(crate) const EMPTY: signaal_str = signaal_str { data: null(), len: 0 };

    /// A view of `s`, which must end in a NUL byte (not counted in `len`).
    pub(crate) fn from_nul_terminated(s: &[u8]) -> signaal_str {
        debug_assert_eq!(s.last(), Some(&0));
        signaal_str { data: s.as_ptr().cast(), len: s.len() - 1 }
    }
}

/// One input text for a batch call: `len` bytes of UTF-8 at `data` (no NUL
/// terminator needed). `data` must not be NULL, even when `len` is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct signaal_text {
    /// The first byte.
    pub data: *const u8,
    /// The length in bytes.
    pub len: usize,
}

/// The four labels as bits of `signaal_classification.labels`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum signaal_label {
    /// Dissatisfaction with how police or another authority acted.
    Complaint = 1,
    /// Information that could help police act.
    Tip = 2,
    /// Intent, wish or call to physically harm or seriously damage.
    Threat = 4,
    /// Us-versus-them hostility, dehumanising, calls for exclusion.
    Polarization = 8,
}

pub(crate) fn label_bit(label: Label) -> u32 {
    1 << label.index()
}

/// The kinds of personal data that redaction finds. Values are explicit
/// and never reused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum signaal_entity_kind {
    /// Given names, surnames, initials + surname, titles + name.
    Person = 0,
    /// E-mail addresses.
    Email = 1,
    /// Dutch and Belgian phone numbers.
    Phone = 2,
    /// IBANs of any country.
    Iban = 3,
    /// Dutch citizen service numbers (BSN).
    Bsn = 4,
    /// Belgian national register numbers (rijksregisternummer).
    NationalIdBe = 5,
    /// Dutch postcodes.
    Postcode = 6,
    /// Street + house number.
    Address = 7,
    /// Dutch and Belgian licence plates.
    LicensePlate = 8,
    /// Web addresses.
    Url = 9,
    /// IPv4 and IPv6 addresses.
    IpAddress = 10,
    /// @usernames.
    Handle = 11,
    /// Dates with a birth cue.
    DateOfBirth = 12,
    /// Payment card numbers.
    CreditCard = 13,
}

impl From<EntityKind> for signaal_entity_kind {
    fn from(kind: EntityKind) -> Self {
        match kind {
            EntityKind::Person => signaal_entity_kind::Person,
            EntityKind::Email => signaal_entity_kind::Email,
            EntityKind::Phone => signaal_entity_kind::Phone,
            EntityKind::Iban => signaal_entity_kind::Iban,
            EntityKind::Bsn => signaal_entity_kind::Bsn,
            EntityKind::NationalIdBe => signaal_entity_kind::NationalIdBe,
            EntityKind::Postcode => signaal_entity_kind::Postcode,
            EntityKind::Address => signaal_entity_kind::Address,
            EntityKind::LicensePlate => signaal_entity_kind::LicensePlate,
            EntityKind::Url => signaal_entity_kind::Url,
            EntityKind::IpAddress => signaal_entity_kind::IpAddress,
            EntityKind::Handle => signaal_entity_kind::Handle,
            EntityKind::DateOfBirth => signaal_entity_kind::DateOfBirth,
            EntityKind::CreditCard => signaal_entity_kind::CreditCard,
        }
    }
}

/// A span of personal data in the input text. `start`/`end` are UTF-8 byte
/// offsets into the text you passed in, `char_start`/`char_end` Unicode
/// code point offsets; `end` is exclusive. The found value itself is not
/// included: slice your own input with the byte offsets if you need it.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct signaal_entity {
    /// What was found.
    pub kind: signaal_entity_kind,
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
}

impl From<&Entity> for signaal_entity {
    fn from(e: &Entity) -> Self {
        signaal_entity {
            kind: e.kind.into(),
            start: e.start,
            end: e.end,
            char_start: e.char_start,
            char_end: e.char_end,
            confidence: e.confidence,
        }
    }
}

/// A read-only array of entities owned by a result handle, in text order,
/// never overlapping. Valid until that handle is freed; never free `data`.
/// `data` is NULL when `len` is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct signaal_entity_slice {
    /// The first entity.
    pub data: *const signaal_entity,
    /// The number of entities.
    pub len: usize,
}

impl signaal_entity_slice {
    pub(crate) const EMPTY: signaal_entity_slice = signaal_entity_slice { data: null(), len: 0 };

    pub(crate) fn of(v: &[signaal_entity]) -> signaal_entity_slice {
        if v.is_empty() { Self::EMPTY } else { signaal_entity_slice { data: v.as_ptr(), len: v.len() } }
    }
}

/// The classification of a post: the four calibrated scores in [0, 1] and
/// the labels given, as a bitmask of `signaal_label` values. A label is
/// given when its score reaches the analyzer's threshold for it and some
/// feature of the post supports it.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct signaal_classification {
    /// Score of `complaint`.
    pub complaint: f64,
    /// Score of `tip`.
    pub tip: f64,
    /// Score of `threat`.
    pub threat: f64,
    /// Score of `polarization`.
    pub polarization: f64,
    /// Bitwise OR of the `signaal_label` values given.
    pub labels: u32,
}

impl signaal_classification {
    pub(crate) fn new(scores: &signaal_core::Scores, labels: &[Label]) -> signaal_classification {
        signaal_classification {
            complaint: scores.complaint,
            tip: scores.tip,
            threat: scores.threat,
            polarization: scores.polarization,
            labels: labels.iter().map(|l| label_bit(*l)).fold(0, |a, b| a | b),
        }
    }
}

/// The name of a label bit (`"threat"` for `SIGNAAL_LABEL_THREAT`), as used
/// in the analysis JSON; NULL if `label` is not exactly one label bit.
///
/// # Safety
/// Always safe to call. The string is static: never free it.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_label_name(label: u32) -> *const c_char {
    ffi_panic_boundary! {
        match Label::ALL.iter().find(|l| label_bit(**l) == label) {
            Some(Label::Complaint) => c"complaint".as_ptr(),
            Some(Label::Tip) => c"tip".as_ptr(),
            Some(Label::Threat) => c"threat".as_ptr(),
            Some(Label::Polarization) => c"polarization".as_ptr(),
            None => null(),
        }
    }
}

/// The name of an entity kind (`"phone"`), as used in the analysis JSON and
/// the configuration; NULL for a value that is not a `signaal_entity_kind`.
///
/// # Safety
/// Always safe to call. The string is static: never free it.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_entity_kind_name(kind: c_int) -> *const c_char {
    ffi_panic_boundary! {
        match kind_from_int(kind) {
            Some(k) => KIND_NAMES[k.index()].as_ptr(),
            None => null(),
        }
    }
}

/// The Dutch tag of an entity kind as used in redacted text (`"TELEFOON"`);
/// NULL for a value that is not a `signaal_entity_kind`.
///
/// # Safety
/// Always safe to call. The string is static: never free it.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_entity_kind_tag(kind: c_int) -> *const c_char {
    ffi_panic_boundary! {
        match kind_from_int(kind) {
            Some(k) => KIND_TAGS[k.index()].as_ptr(),
            None => null(),
        }
    }
}

fn kind_from_int(kind: c_int) -> Option<EntityKind> {
    EntityKind::ALL.into_iter().find(|k| signaal_entity_kind::from(*k) as c_int == kind)
}

const KIND_NAMES: [&std::ffi::CStr; 14] = [
    c"person",
    c"email",
    c"phone",
    c"iban",
    c"bsn",
    c"national_id_be",
    c"postcode",
    c"address",
    c"license_plate",
    c"url",
    c"ip_address",
    c"handle",
    c"date_of_birth",
    c"credit_card",
];

const KIND_TAGS: [&std::ffi::CStr; 14] = [
    c"PERSOON",
    c"EMAIL",
    c"TELEFOON",
    c"IBAN",
    c"BSN",
    c"RRN",
    c"POSTCODE",
    c"ADRES",
    c"KENTEKEN",
    c"URL",
    c"IP",
    c"GEBRUIKER",
    c"GEBOORTEDATUM",
    c"CREDITCARD",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_names_match_the_core() {
        for k in EntityKind::ALL {
            assert_eq!(signaal_entity_kind::from(k) as usize, k.index());
            assert_eq!(KIND_NAMES[k.index()].to_str().unwrap(), k.as_str());
            assert_eq!(KIND_TAGS[k.index()].to_str().unwrap(), k.tag());
        }
        for l in Label::ALL {
            let name = unsafe { std::ffi::CStr::from_ptr(signaal_label_name(label_bit(l))) };
            assert_eq!(name.to_str().unwrap(), l.as_str());
        }
        assert!(signaal_label_name(3).is_null());
        assert!(signaal_entity_kind_name(14).is_null());
    }
}
