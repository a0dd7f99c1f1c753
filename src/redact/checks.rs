//! Check digits and format rules that confirm a find: ISO 13616 mod-97
//! (IBAN), the 11-proef (BSN), the Belgian rijksregisternummer mod-97 and
//! Luhn (payment cards). Each works on ASCII digits or letters only and
//! runs in time linear in its (bounded) input.

/// IBAN length per country (ISO 13616 registry). Countries not listed are
/// accepted at any length from 15 to 34 when the checksum holds.
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BR", 29),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NL", 18),
    (b"NO", 15),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"SA", 24),
    (b"SC", 31),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
];

/// The IBAN length of a country, when the registry fixes one.
pub(crate) fn iban_length(country: [u8; 2]) -> Option<usize> {
    let c = [country[0].to_ascii_uppercase(), country[1].to_ascii_uppercase()];
    IBAN_LENGTHS.iter().find(|(k, _)| **k == c).map(|&(_, n)| n)
}

/// ISO 13616 mod-97 over an IBAN without spaces (letters in any case).
pub(crate) fn iban_valid(iban: &[u8]) -> bool {
    if !(15..=34).contains(&iban.len())
        || !iban[..2].iter().all(u8::is_ascii_alphabetic)
        || !iban[2..4].iter().all(u8::is_ascii_digit)
        || !iban.iter().all(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    if let Some(n) = iban_length([iban[0], iban[1]]) {
        if n != iban.len() {
            return false;
        }
    }
    let mut rem: u32 = 0;
    for &b in iban[4..].iter().chain(&iban[..4]) {
        if b.is_ascii_digit() {
            rem = (rem * 10 + u32::from(b - b'0')) % 97;
        } else {
            let v = u32::from(b.to_ascii_uppercase() - b'A') + 10;
            rem = (rem * 100 + v) % 97;
        }
    }
    rem == 1
}

/// The Dutch 11-proef for a 9-digit BSN.
pub(crate) fn bsn_valid(digits: &[u8]) -> bool {
    if digits.len() != 9 || !digits.iter().all(u8::is_ascii_digit) || digits.iter().all(|&d| d == b'0') {
        return false;
    }
    let mut sum: i64 = 0;
    for (i, &d) in digits.iter().enumerate() {
        let w = if i == 8 { -1 } else { 9 - i as i64 };
        sum += w * i64::from(d - b'0');
    }
    sum % 11 == 0
}

/// The Belgian rijksregisternummer (11 digits: YYMMDD, a 3-digit sequence
/// and 2 check digits): mod 97 over the first nine digits, or over them
/// prefixed with `2` for people born from 2000 on. Month and day must be
/// plausible (0 stands for unknown; BIS numbers add 20 or 40 to the month).
pub(crate) fn rrn_valid(digits: &[u8]) -> bool {
    if digits.len() != 11 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| digits[r].iter().fold(0u64, |a, &d| a * 10 + u64::from(d - b'0'));
    let month = num(2..4) % 20;
    let day = num(4..6);
    if month > 12 || day > 31 || num(6..9) == 0 {
        return false;
    }
    let base = num(0..9);
    let check = num(9..11);
    97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
}

/// The Luhn check for a payment card number of 13 to 19 digits.
pub(crate) fn luhn_valid(digits: &[u8]) -> bool {
    if !(13..=19).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans() {
        assert!(iban_valid(b"NL91ABNA0417164300"));
        assert!(iban_valid(b"BE68539007547034"));
        assert!(iban_valid(b"DE89370400440532013000"));
        assert!(iban_valid(b"GB29NWBK60161331926819"));
        assert!(iban_valid(b"nl91abna0417164300"));
        assert!(!iban_valid(b"NL91ABNA0417164301"));
        assert!(!iban_valid(b"NL91ABNA041716430")); // wrong length for NL
        assert_eq!(iban_length(*b"nl"), Some(18));
    }

    #[test]
    fn bsns() {
        assert!(bsn_valid(b"111222333"));
        assert!(bsn_valid(b"123456782"));
        assert!(!bsn_valid(b"123456789"));
        assert!(!bsn_valid(b"000000000"));
    }

    #[test]
    fn rrns() {
        // 85.07.30-033.28: 97 - (850730033 mod 97) = 28
        assert!(rrn_valid(b"85073003328"));
        assert!(!rrn_valid(b"85073003329"));
        // born in 2000 or later: check over 2 followed by the nine digits
        let base = 10_203_001u64; // 01.02.03-001
        let check = 97 - (2_000_000_000 + base) % 97;
        let s = format!("{base:09}{check:02}");
        assert!(rrn_valid(s.as_bytes()));
        assert!(!rrn_valid(b"85133003328")); // month 13
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(luhn_valid(b"378282246310005"));
        assert!(!luhn_valid(b"4111111111111112"));
        assert!(!luhn_valid(b"411111111111")); // too short
    }
}
