//! Finders for the kinds confirmed by syntax, check digits or format
//! rules: e-mail, handles, URLs, IP addresses, phone numbers, BSN, RRN,
//! payment cards, IBAN, licence plates, postcodes, addresses and dates of
//! birth. Each is one forward pass with look-around bounded by a constant.

use super::checks::{bsn_valid, iban_length, iban_valid, luhn_valid, rrn_valid};
use super::{Candidate, EntityKind, RedactionPolicy};

/// The buffers of [`scan`]: digit runs and number groups.
#[derive(Default)]
struct Buffers {
    runs: Vec<usize>,
    groups: Vec<Group>,
}

thread_local! {
    /// The buffers, reused from post to post (no allocation a post).
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

pub(crate) fn scan(text: &str, policy: &RedactionPolicy, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let reused = BUFFERS.try_with(|cell| {
        let Ok(mut buffers) = cell.try_borrow_mut() else { return false };
        let Buffers { runs, groups } = &mut *buffers;
        runs.clear();
        digit_runs(b, runs);
        scan_with(text, policy, runs, groups, out);
        // a very long text's buffers are not kept for good (those of a
        // text up to a few MB are: see `SCRATCH_KEEP_BYTES` in mod.rs)
        if runs.capacity() > 1 << 18 {
            runs.clear();
            runs.shrink_to(4096);
        }
        if groups.capacity() > 1 << 18 {
            groups.clear();
            groups.shrink_to(4096);
        }
        true
    });
    if reused != Ok(true) {
        let mut runs = Vec::new();
        digit_runs(b, &mut runs);
        scan_with(text, policy, &runs, &mut Vec::new(), out);
    }
}

fn scan_with(text: &str, policy: &RedactionPolicy, runs: &[usize], groups: &mut Vec<Group>, out: &mut Vec<Candidate>) {
    use EntityKind::*;
    let b = text.as_bytes();
    // Trigger bytes, found once: every find of the digit-driven finders
    // starts at (or next to) the start of a run of ASCII digits, so they
    // visit only those; the others run only when their trigger byte occurs.
    if (policy.enabled(Email) || policy.enabled(Handle)) && memchr::memchr(b'@', b).is_some() {
        at_signs(b, out);
    }
    // a URL holds a '.' ("www.", a domain) or a ':' ("https://")
    if policy.enabled(Url) && memchr::memchr2(b'.', b':', b).is_some() {
        urls(b, out);
    }
    if policy.enabled(IpAddress) {
        if !runs.is_empty() && memchr::memchr(b'.', b).is_some() {
            ipv4(b, runs, out);
        }
        if memchr::memchr_iter(b':', b).nth(1).is_some() {
            ipv6(text, out);
        }
    }
    if runs.is_empty() {
        return;
    }
    if policy.enabled(Phone) || policy.enabled(Bsn) || policy.enabled(NationalIdBe) || policy.enabled(CreditCard) {
        numbers(text, runs, groups, out);
    }
    if policy.enabled(Iban) {
        ibans(b, runs, out);
    }
    if policy.enabled(LicensePlate) {
        plates(b, runs, out);
    }
    if policy.enabled(Postcode) {
        postcodes(b, runs, out);
    }
    if policy.enabled(Address) {
        addresses(text, runs, out);
    }
    if policy.enabled(DateOfBirth) {
        dates_of_birth(text, runs, out);
    }
}

/// Start offsets of the maximal runs of ASCII digits, in order. Eight
/// bytes at a time: a bit mask of the digits, then of the run starts.
fn digit_runs(b: &[u8], runs: &mut Vec<usize>) {
    const LO: u64 = 0x0f0f_0f0f_0f0f_0f0f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut prev_digit = 0u64; // 1 when the byte before the chunk is a digit
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut x = [0u8; 8];
        x.copy_from_slice(chunk);
        let x = u64::from_le_bytes(x);
        // high nibble 3: the byte's bit 7 set in `hi3` (exact zero-byte test)
        let y = (x & !LO) ^ 0x3030_3030_3030_3030;
        let hi3 = !(((y & LOW7) + LOW7) | y) & HIGH;
        if hi3 == 0 {
            // no byte of 0x30..=0x3f: no digit (most chunks of words)
            prev_digit = 0;
            base += 8;
            continue;
        }
        // low nibble below 10: adding 6 leaves bit 4 clear
        let lo = ((!((x & LO) + 0x0606_0606_0606_0606)) & 0x1010_1010_1010_1010) << 3;
        let digits = hi3 & lo;
        // one bit per byte: byte k's bit 7 to bit 56 + k, then down to bit k
        let bits = ((digits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        let mut starts = bits & !((bits << 1) | prev_digit);
        while starts != 0 {
            runs.push(base + starts.trailing_zeros() as usize);
            starts &= starts - 1;
        }
        prev_digit = bits >> 7;
        base += 8;
    }
    let mut prev = prev_digit == 1;
    for (k, c) in chunks.remainder().iter().enumerate() {
        let d = c.is_ascii_digit();
        if d && !prev {
            runs.push(base + k);
        }
        prev = d;
    }
}

fn push(out: &mut Vec<Candidate>, start: usize, end: usize, kind: EntityKind, confidence: f32, rule: &'static str) {
    out.push(Candidate { start, end, kind, confidence, rule });
}

/// [`alnum_at`] by byte: ASCII alphanumerics, '_', '[', ']' and non-ASCII bytes.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'[' | b']') || b >= 0x80;
        c += 1;
    }
    t
};

#[inline]
fn alnum_at(b: &[u8], i: usize) -> bool {
    // a non-ASCII byte may be part of a letter: treat it as alphanumeric;
    // '_' joins words, and brackets glue to replacement tokens ("[EMAIL_1234ab]",
    // "[PERSOON]0612…"), so redacting a redacted text finds nothing new
    b.get(i).is_some_and(|&c| ALNUM[usize::from(c)])
}

fn prev_is_alnum(b: &[u8], i: usize) -> bool {
    i > 0 && alnum_at(b, i - 1)
}

/// True when the byte before `i` is a separator glued to a digit
/// (`12.` `3-` `4/`), i.e. `i` continues a longer number.
fn continues_number(b: &[u8], i: usize) -> bool {
    i >= 2 && matches!(b[i - 1], b'.' | b',' | b'-' | b'/' | b':') && (b[i - 2].is_ascii_digit() || b[i - 2] == b']')
}

/// True when `i` follows a 4-character group of capitals and digits and a
/// space, as inside a (broken) IBAN: "NL91 ABNA 0417 …".
fn after_iban_group(b: &[u8], i: usize) -> bool {
    i >= 5
        && b[i - 1] == b' '
        && b[i - 5..i - 1].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && b[i - 5..i - 1].iter().any(u8::is_ascii_uppercase)
        && !prev_is_alnum(b, i - 5)
}

/// Lower-case ASCII text of the (at most) `n` bytes before `i`.
fn window_before(text: &str, i: usize, n: usize) -> String {
    let mut s = i.saturating_sub(n);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    text[s..i].to_lowercase()
}

// ---------------------------------------------------------------- e-mail, handles

fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"._%+-".contains(&c)
}

fn at_signs(b: &[u8], out: &mut Vec<Candidate>) {
    let mut i = 0;
    let mut resume = 0; // bytes before this are consumed
    while i < b.len() {
        // bytes other than '@' only move `i` on
        match memchr::memchr(b'@', &b[i..]) {
            Some(k) => i += k,
            None => break,
        }
        // local part: the run of local characters ending at '@'
        let mut s = i;
        while s > resume && is_local(b[s - 1]) {
            s -= 1;
        }
        while s < i && b[s] == b'.' {
            s += 1;
        }
        // domain
        let mut e = i + 1;
        while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'.' || b[e] == b'-') {
            e += 1;
        }
        while e > i + 1 && matches!(b[e - 1], b'.' | b'-') {
            e -= 1;
        }
        let domain = &b[i + 1..e];
        let tld_ok = domain.iter().rposition(|&c| c == b'.').is_some_and(|d| {
            let tld = &domain[d + 1..];
            tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic) && d > 0
        });
        if s < i && tld_ok && !(s > 0 && b[s - 1] >= 0x80) {
            push(out, s, e, EntityKind::Email, 0.98, "email-syntax");
            resume = e;
            i = e;
            continue;
        }
        if s == i && !prev_is_alnum(b, i) {
            // a handle: @ then letters, digits, '_' and inner dots
            let mut h = i + 1;
            while h < b.len() && h - i <= 31 && (b[h].is_ascii_alphanumeric() || b[h] == b'_' || b[h] == b'.') {
                h += 1;
            }
            while h > i + 1 && b[h - 1] == b'.' {
                h -= 1;
            }
            let ok = h > i + 1 && h - i <= 31 && (b[i + 1].is_ascii_alphanumeric() || b[i + 1] == b'_');
            if ok && !alnum_at(b, h) && b.get(h) != Some(&b'@') {
                push(out, i, h, EntityKind::Handle, 0.95, "handle-syntax");
                resume = h;
                i = h;
                continue;
            }
        }
        resume = i + 1;
        i += 1;
    }
}

// ---------------------------------------------------------------- URLs

const TLDS: &[&str] = &[
    "com",
    "nl",
    "be",
    "org",
    "net",
    "eu",
    "info",
    "io",
    "example",
    "de",
    "fr",
    "uk",
    "co",
    "app",
    "shop",
    "online",
    "nu",
    "tv",
    "me",
    "ly",
    "gov",
    "edu",
    "biz",
    "frl",
    "amsterdam",
    "brussels",
    "vlaanderen",
    "gent",
    "site",
    "xyz",
];

fn url_char(c: u8) -> bool {
    c > b' ' && c < 0x7f && !b"<>\"'`{}|\\^".contains(&c)
}

fn url_end(b: &[u8], mut e: usize, start: usize) -> usize {
    while e < b.len() && url_char(b[e]) {
        e += 1;
    }
    // trailing punctuation belongs to the sentence; ')' only without a '(' inside
    while e > start {
        let c = b[e - 1];
        if b".,;:!?]".contains(&c) || (c == b')' && !b[start..e].contains(&b'(')) {
            e -= 1;
        } else {
            break;
        }
    }
    e
}

fn starts_with_ci(b: &[u8], i: usize, pat: &[u8]) -> bool {
    b.len() >= i + pat.len() && b[i..i + pat.len()].eq_ignore_ascii_case(pat)
}

/// A byte of a host run (letters, digits, '.', '-').
fn host_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'.' || c == b'-'
}

/// A URL starts at an alphanumeric with no alphanumeric, '@', '.', '-'
/// or '/' before it, and its host run (or scheme) holds a '.' or a ':'
/// ("www.", a domain, "https:"). Only such positions can start one, and
/// inside a host run only its first byte can: so the finder visits the
/// host runs around each '.' and ':', left to right.
fn urls(b: &[u8], out: &mut Vec<Candidate>) {
    let mut cursor = 0; // bytes before this are consumed
    for p in memchr::memchr2_iter(b'.', b':', b) {
        if p < cursor {
            continue;
        }
        // A '.' that ends its run and is no part of a URL after it (end of a
        // sentence): the host run through it holds no other '.' (an earlier
        // one moved the cursor past it) and no scheme, so no URL starts up
        // to p either way.
        if b[p] == b'.' && !b.get(p + 1).is_some_and(|&c| url_char(c)) {
            cursor = p + 1;
            continue;
        }
        let mut i = p;
        while i > cursor && host_char(b[i - 1]) {
            i -= 1;
        }
        // a run that began before the cursor has no start left to try
        let run_start = i == 0 || !host_char(b[i - 1]);
        if !run_start
            || !b[i].is_ascii_alphanumeric()
            || prev_is_alnum(b, i)
            || (i > 0 && matches!(b[i - 1], b'@' | b'.' | b'-' | b'/'))
        {
            // no position up to p can start a URL
            cursor = p + 1;
            continue;
        }
        cursor = url_at(b, i, out);
    }
}

/// Push the URL starting at `i`, if any, and return where the search
/// goes on: after the URL, or after the host run.
fn url_at(b: &[u8], i: usize, out: &mut Vec<Candidate>) -> usize {
    let scheme = if starts_with_ci(b, i, b"https://") {
        8
    } else if starts_with_ci(b, i, b"http://") {
        7
    } else if starts_with_ci(b, i, b"www.") {
        4
    } else {
        0
    };
    if scheme > 0 {
        let e = url_end(b, i + scheme, i);
        if e > i + scheme + 2 {
            push(out, i, e, EntityKind::Url, 0.97, "url-scheme");
            return e;
        }
    }
    // a bare domain: labels joined by dots, a known top-level domain
    let mut e = i;
    while e < b.len() && host_char(b[e]) {
        e += 1;
    }
    let mut host_end = e;
    while host_end > i && matches!(b[host_end - 1], b'.' | b'-') {
        host_end -= 1;
    }
    let host = &b[i..host_end];
    if let Some(d) = host.iter().rposition(|&c| c == b'.') {
        let tld = &host[d + 1..];
        let first = host.iter().position(|&c| c == b'.').unwrap_or(0);
        let ok = first >= 2
            && TLDS.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(tld))
            && !host.iter().all(|c| c.is_ascii_digit() || *c == b'.')
            && !host.windows(2).any(|w| w == b"..")
            && b.get(host_end) != Some(&b'@');
        if ok && !alnum_at(b, host_end) {
            let end = if b.get(host_end) == Some(&b'/') { url_end(b, host_end, i) } else { host_end };
            push(out, i, end, EntityKind::Url, 0.85, "url-domain");
            return end.max(i + 1);
        }
    }
    e.max(i + 1)
}

// ---------------------------------------------------------------- IP addresses

/// An address starts at a digit with no alphanumeric before it: a digit run start.
fn ipv4(b: &[u8], runs: &[usize], out: &mut Vec<Candidate>) {
    let mut i = 0;
    for &r in runs {
        if r < i {
            continue;
        }
        i = r;
        if !b[i].is_ascii_digit() || prev_is_alnum(b, i) || (i > 0 && b[i - 1] == b'.') {
            continue;
        }
        let mut j = i;
        let mut ok = true;
        for part in 0..4 {
            let s = j;
            while j < b.len() && b[j].is_ascii_digit() && j - s < 4 {
                j += 1;
            }
            let n = &b[s..j];
            if n.is_empty() || n.len() > 3 || (n.len() > 1 && n[0] == b'0') {
                ok = false;
                break;
            }
            let v: u32 = n.iter().fold(0, |a, &d| a * 10 + u32::from(d - b'0'));
            if v > 255 {
                ok = false;
                break;
            }
            if part < 3 {
                if b.get(j) != Some(&b'.') {
                    ok = false;
                    break;
                }
                j += 1;
            }
        }
        let dotted_on = b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit);
        let tail_ok = !alnum_at(b, j) && !dotted_on;
        if ok && tail_ok {
            push(out, i, j, EntityKind::IpAddress, 0.95, "ipv4");
            i = j;
        } else {
            // skip the rest of this digit run
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
}

/// An address is a whole run of hex digits, ':' and '.' holding a ':'
/// (two, in fact): the finder visits the run around each ':' once.
fn ipv6(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let is6 = |c: u8| c.is_ascii_hexdigit() || c == b':' || c == b'.';
    let mut cursor = 0; // bytes before this are consumed
    for p in memchr::memchr_iter(b':', b) {
        if p < cursor {
            continue;
        }
        let mut i = p;
        while i > 0 && is6(b[i - 1]) {
            i -= 1;
        }
        let mut e = p;
        while e < b.len() && is6(b[e]) {
            e += 1;
        }
        cursor = e;
        if i > 0 && alnum_at(b, i - 1) {
            continue;
        }
        let mut end = e;
        while end > i && matches!(b[end - 1], b'.' | b':') && !text[i..end].ends_with("::") {
            end -= 1;
        }
        let s = &text[i..end];
        if end - i <= 45
            && !alnum_at(b, e)
            && s.bytes().filter(|&c| c == b':').count() >= 2
            && s.bytes().any(|c| c.is_ascii_hexdigit())
            && s.parse::<std::net::Ipv6Addr>().is_ok()
        {
            push(out, i, end, EntityKind::IpAddress, 0.95, "ipv6");
        }
    }
}

// ---------------------------------------------------------------- numbers

struct Group {
    start: usize,
    end: usize,
    /// the separator before this group contains white space
    spaced_before: bool,
}

/// Numbers written as digit groups with single separators (space, `.`,
/// `-`, `/`, ` - `, `(0)`), optionally after `+`: phones, BSN, RRN, cards.
/// A number starts at a digit with no alphanumeric before it (a digit run
/// start) or at the '+' right before one.
fn numbers(text: &str, runs: &[usize], groups: &mut Vec<Group>, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    let starts = runs.iter().flat_map(|&r| [(r > 0 && b[r - 1] == b'+').then(|| r - 1), Some(r)]).flatten();
    for c in starts {
        if c < i {
            continue;
        }
        i = c;
        let plus = b[i] == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let start_ok = (b[i].is_ascii_digit() || plus)
            && !prev_is_alnum(b, i)
            && !continues_number(b, i)
            && !after_iban_group(b, i);
        if !start_ok {
            continue;
        }
        let chunk_start = i;
        let mut j = if plus { i + 1 } else { i };
        groups.clear();
        let mut spaced = false;
        let mut trunk = false; // "(0)" seen
        loop {
            let s = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            groups.push(Group { start: s, end: j, spaced_before: spaced });
            // separator
            let mut k = j;
            let mut saw_space = false;
            if b.get(k) == Some(&b' ') {
                k += 1;
                saw_space = true;
            }
            if b[k..].starts_with(b"(0)") && !trunk {
                trunk = true;
                k += 3;
                if b.get(k) == Some(&b' ') || b.get(k) == Some(&b'-') {
                    k += 1;
                }
            } else if matches!(b.get(k), Some(b'.' | b'-' | b'/')) {
                k += 1;
                if saw_space && b.get(k) == Some(&b' ') {
                    k += 1;
                } else if saw_space {
                    // "12 -3": not a separator we know
                    break;
                }
            } else if !saw_space {
                break;
            }
            if k < b.len() && b[k].is_ascii_digit() && k > j {
                spaced = saw_space || b[j..k].contains(&b' ');
                j = k;
            } else {
                break;
            }
        }
        let chunk_end = j;
        let tail_glued = alnum_at(b, chunk_end);
        evaluate_chunk(text, chunk_start, plus, groups, tail_glued, out);
        i = chunk_end.max(i + 1);
    }
}

fn evaluate_chunk(
    text: &str,
    chunk_start: usize,
    plus: bool,
    groups: &[Group],
    tail_glued: bool,
    out: &mut Vec<Candidate>,
) {
    let b = text.as_bytes();
    // at most 19 digits are ever classified: no allocation
    let mut digits = [0u8; 19];
    for s in 0..groups.len() {
        if s > 0 && !groups[s].spaced_before {
            continue; // never start inside "12.345"
        }
        let begin = if s == 0 { chunk_start } else { groups[s].start };
        let has_plus = s == 0 && plus;
        let mut n = 0;
        for e in s..groups.len() {
            let g = &b[groups[e].start..groups[e].end];
            if n + g.len() > 19 {
                break;
            }
            digits[n..n + g.len()].copy_from_slice(g);
            n += g.len();
            let last = e + 1 == groups.len();
            if last && tail_glued {
                break;
            }
            if !last && !groups[e + 1].spaced_before {
                continue; // never end inside "12.345"
            }
            let end = groups[e].end;
            classify_number(text, begin, end, has_plus, &digits[..n], &groups[s..=e], out);
        }
    }
}

fn classify_number(
    text: &str,
    start: usize,
    end: usize,
    plus: bool,
    d: &[u8],
    groups: &[Group],
    out: &mut Vec<Candidate>,
) {
    let n = d.len();
    let first_len = groups[0].end - groups[0].start;
    // phones
    let intl = if plus { Some(d) } else { d.strip_prefix(b"00") };
    if let Some(rest) = intl {
        if let Some(nsn) = rest.strip_prefix(b"31") {
            let nsn = nsn.strip_prefix(b"0").unwrap_or(nsn);
            if nsn.len() == 9 && nsn[0] != b'0' {
                let conf = if nsn[0] == b'6' { 0.97 } else { 0.9 };
                push(out, start, end, EntityKind::Phone, conf, "phone-nl-intl");
            }
        } else if let Some(nsn) = rest.strip_prefix(b"32") {
            let nsn = nsn.strip_prefix(b"0").unwrap_or(nsn);
            if (nsn.len() == 9 && nsn[0] == b'4') || (nsn.len() == 8 && nsn[0] != b'0' && nsn[0] != b'4') {
                push(out, start, end, EntityKind::Phone, 0.95, "phone-be-intl");
            }
        } else if plus && (8..=13).contains(&rest.len()) {
            push(out, start, end, EntityKind::Phone, 0.7, "phone-intl");
        }
    } else if d[0] == b'0' && n >= 8 {
        let service =
            d.starts_with(b"0800") || d.starts_with(b"0900") || d.starts_with(b"0906") || d.starts_with(b"0909");
        if service && (n == 8 || n == 11) {
            push(out, start, end, EntityKind::Phone, 0.9, "phone-nl-service");
        } else if n == 10 && d[1] == b'6' {
            push(out, start, end, EntityKind::Phone, 0.97, "phone-nl-mobile");
        } else if n == 10 && d[1] == b'4' && matches!(d[2], b'6'..=b'9') {
            push(out, start, end, EntityKind::Phone, 0.95, "phone-be-mobile");
        } else if n == 10 && d[1] != b'0' {
            push(out, start, end, EntityKind::Phone, 0.88, "phone-nl-geographic");
        } else if n == 9 && d[1] != b'0' && !service {
            let conf = if groups.len() > 1 && first_len <= 3 { 0.86 } else { 0.7 };
            push(out, start, end, EntityKind::Phone, conf, "phone-be-geographic");
        }
    }
    if plus {
        return;
    }
    // BSN: nine digits passing the 11-proef
    if n == 9 && bsn_valid(d) {
        let ctx = window_before(text, start, 48);
        let context = ["bsn", "burgerservice", "sofi"].iter().any(|w| ctx.contains(w));
        push(out, start, end, EntityKind::Bsn, if context { 0.98 } else { 0.8 }, "bsn-11-proef");
    }
    // Belgian rijksregisternummer
    if n == 11 && rrn_valid(d) {
        let ctx = window_before(text, start, 48);
        let context =
            ["rijksregister", "rrn", "insz", "nationaal nummer", "identificatienummer"].iter().any(|w| ctx.contains(w));
        push(out, start, end, EntityKind::NationalIdBe, if context { 0.99 } else { 0.92 }, "rrn-mod97");
    }
    // payment cards
    if (13..=19).contains(&n) && matches!(d[0], b'2'..=b'6') && card_grouping(text, start, groups) && luhn_valid(d) {
        push(out, start, end, EntityKind::CreditCard, 0.93, "card-luhn");
    }
}

/// How card numbers are written, so that digits strung across unrelated
/// numbers are not taken for one ("2 - 0900-8844 192.0.2.14", whose 16
/// digits pass Luhn by chance):
/// - all digits together;
/// - groups of 2 to 8 digits with the same separator throughout
///   ("4178 2106 6742 3746", "2670-4363-…", "3442 498046 90046",
///   "41111111 11111111", "41 11 11 …");
/// - groups of four (the last shorter) or 4-6-5 / 4-6-4, spaces and
///   hyphens mixed ("4111 1111 1111-1111");
/// - any grouping after a card word ("creditcard", "kaartnummer", "visa"…).
fn card_grouping(text: &str, start: usize, groups: &[Group]) -> bool {
    let b = text.as_bytes();
    let len = |g: &Group| g.end - g.start;
    let sep = |w: &[Group]| &b[w[0].end..w[1].start];
    let Some((last, rest)) = groups.split_last().filter(|(_, rest)| !rest.is_empty()) else {
        return true; // all digits together
    };
    let first_sep = &b[groups[0].end..groups[1].start];
    if groups.windows(2).all(|w| sep(w) == first_sep) && groups.iter().all(|g| (2..=8).contains(&len(g))) {
        return true;
    }
    let lens = || groups.iter().map(len);
    let standard = (rest.iter().all(|g| len(g) == 4) && (1..=4).contains(&len(last)))
        || lens().eq([4, 6, 5])
        || lens().eq([4, 6, 4]);
    if standard && groups.windows(2).all(|w| matches!(sep(w), b" " | b"-")) {
        return true;
    }
    let ctx = window_before(text, start, 48);
    ["card", "kaart", "visa", "mastercard", "amex", "maestro"].iter().any(|w| ctx.contains(w))
}

// ---------------------------------------------------------------- IBAN

/// An IBAN starts two letters before a digit run start.
fn ibans(b: &[u8], runs: &[usize], out: &mut Vec<Candidate>) {
    let mut i = 0;
    // allocated at the first IBAN head only
    let mut buf: Vec<u8> = Vec::new();
    let mut ends: Vec<(usize, usize)> = Vec::new(); // (chars so far, byte end) at group ends
    for &r in runs {
        if r < 2 || r - 2 < i || r + 2 > b.len() {
            continue;
        }
        i = r - 2;
        let head = b[i].is_ascii_alphabetic()
            && b[i + 1].is_ascii_alphabetic()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && !prev_is_alnum(b, i);
        if !head {
            continue;
        }
        let want = iban_length([b[i], b[i + 1]]);
        let max = want.unwrap_or(34);
        buf.clear();
        ends.clear();
        let mut j = i;
        while j < b.len() && buf.len() < max {
            if b[j].is_ascii_alphanumeric() {
                buf.push(b[j]);
                j += 1;
            } else if b[j] == b' ' && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) && j > i + 3 {
                ends.push((buf.len(), j));
                j += 1;
            } else {
                break;
            }
        }
        ends.push((buf.len(), j));
        let mut found = None;
        for &(len, end) in ends.iter().rev() {
            if alnum_at(b, end) || want.is_some_and(|w| w != len) {
                continue;
            }
            if iban_valid(&buf[..len]) {
                found = Some(end);
                break;
            }
        }
        match found {
            Some(end) => {
                push(out, i, end, EntityKind::Iban, 0.99, "iban-mod97");
                i = end;
            }
            None => i += 2,
        }
    }
}

// ---------------------------------------------------------------- licence plates

/// Dutch side codes 1–14 as group shapes: (letters?, length) per group.
const NL_SIDECODES: [[(bool, usize); 3]; 14] = [
    [(true, 2), (false, 2), (false, 2)],
    [(false, 2), (false, 2), (true, 2)],
    [(false, 2), (true, 2), (false, 2)],
    [(true, 2), (false, 2), (true, 2)],
    [(true, 2), (true, 2), (false, 2)],
    [(false, 2), (true, 2), (true, 2)],
    [(false, 2), (true, 3), (false, 1)],
    [(false, 1), (true, 3), (false, 2)],
    [(true, 2), (false, 3), (true, 1)],
    [(true, 1), (false, 3), (true, 2)],
    [(true, 3), (false, 2), (true, 1)],
    [(true, 1), (false, 2), (true, 3)],
    [(false, 1), (true, 2), (false, 3)],
    [(false, 3), (true, 2), (false, 1)],
];

/// Letters of side codes 4 and later: no vowels, no C, Q, W, Y.
fn modern_letter(c: u8) -> bool {
    b"BDFGHJKLMNPRSTVXZ".contains(&c.to_ascii_uppercase())
}

/// A plate is a whole run of letters, digits and '-' (at most 12 bytes)
/// with a digit: the finder visits the run around each digit run once.
fn plates(b: &[u8], runs: &[usize], out: &mut Vec<Candidate>) {
    let tok = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let run_end_from = |mut r: usize| {
        while r < b.len() && tok(b[r]) {
            r += 1;
        }
        r
    };
    let mut cursor = 0; // bytes before this are consumed
    for &r in runs {
        if r < cursor {
            continue;
        }
        // the start of the run holding this digit run, if within 12 bytes
        // (a longer run is no plate; an earlier digit of it came first)
        let mut i = r;
        while i > 0 && tok(b[i - 1]) && r - i < 12 {
            i -= 1;
        }
        if i > 0 && tok(b[i - 1]) {
            cursor = run_end_from(r);
            continue;
        }
        if !b[i].is_ascii_alphanumeric() || prev_is_alnum(b, i) || (i > 0 && matches!(b[i - 1], b'-' | b'.' | b'/')) {
            cursor = run_end_from(r);
            continue;
        }
        // the run from i, and its first 12 bytes at most
        let run_end = run_end_from(i);
        let e = run_end.min(i + 12);
        if run_end == e
            && e - i == 7
            && matches!(b[i], b'1'..=b'9')
            && b[i + 1..i + 4].iter().all(u8::is_ascii_uppercase)
            && b[i + 4..i + 7].iter().all(u8::is_ascii_digit)
        {
            push(out, i, e, EntityKind::LicensePlate, 0.85, "plate-be");
        } else if run_end == e
            && !alnum_at(b, e)
            && b[i..e].iter().filter(|&&c| c == b'-').count() == 2
            && b[i..e].iter().any(u8::is_ascii_digit)
        {
            // (three groups and a digit, checked before the allocations below)
            let s = &b[i..e];
            let parts: Vec<&[u8]> = s.split(|&c| c == b'-').collect();
            if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
                let shape: Vec<(bool, usize)> = parts
                    .iter()
                    .map(|p| {
                        if p.iter().all(u8::is_ascii_alphabetic) {
                            (true, p.len())
                        } else if p.iter().all(u8::is_ascii_digit) {
                            (false, p.len())
                        } else {
                            (true, 99)
                        }
                    })
                    .collect();
                let letters: Vec<u8> = s.iter().copied().filter(u8::is_ascii_alphabetic).collect();
                let upper = letters.iter().all(u8::is_ascii_uppercase);
                let lower = letters.iter().all(u8::is_ascii_lowercase);
                if upper || lower {
                    let case_conf = if upper { 0.0 } else { -0.1 };
                    if let Some(code) = NL_SIDECODES.iter().position(|sc| sc[..] == shape[..]) {
                        if code >= 3 {
                            if letters.iter().all(|&c| modern_letter(c)) {
                                push(out, i, e, EntityKind::LicensePlate, 0.92 + case_conf, "plate-nl-sidecode");
                            }
                        } else {
                            push(out, i, e, EntityKind::LicensePlate, 0.8 + case_conf, "plate-nl-sidecode");
                        }
                    } else if shape == [(false, 1), (true, 3), (false, 3)] && parts[0][0] != b'0' {
                        push(out, i, e, EntityKind::LicensePlate, 0.92 + case_conf, "plate-be");
                    }
                }
            }
        }
        cursor = run_end;
    }
}

// ---------------------------------------------------------------- postcodes

/// A postcode starts at a digit run start.
fn postcodes(b: &[u8], runs: &[usize], out: &mut Vec<Candidate>) {
    let mut i = 0;
    for &r in runs {
        if r < i {
            continue;
        }
        i = r;
        if i + 6 > b.len() {
            break;
        }
        let ok_start = matches!(b[i], b'1'..=b'9') && !prev_is_alnum(b, i) && !continues_number(b, i);
        if !ok_start || !b[i + 1..i + 4].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let mut j = i + 4;
        let spaced = b[j] == b' ';
        if spaced {
            j += 1;
        }
        if j + 2 <= b.len() && b[j].is_ascii_alphabetic() && b[j + 1].is_ascii_alphabetic() && !alnum_at(b, j + 2) {
            let pair = [b[j].to_ascii_uppercase(), b[j + 1].to_ascii_uppercase()];
            let upper = b[j].is_ascii_uppercase() && b[j + 1].is_ascii_uppercase();
            let lower = b[j].is_ascii_lowercase() && b[j + 1].is_ascii_lowercase();
            let forbidden = matches!(&pair, b"SA" | b"SD" | b"SS");
            let next_cap = b.get(j + 2) == Some(&b' ') && b.get(j + 3).is_some_and(u8::is_ascii_uppercase);
            let framed = (i >= 2 && matches!(b[i - 2], b',' | b'(')) || matches!(b.get(j + 2), Some(b')' | b','));
            let after_op = b[i.saturating_sub(3)..i].eq_ignore_ascii_case(b"op ");
            let conf = if upper {
                0.9
            } else if lower && !spaced {
                0.75
            } else if lower && (next_cap || framed || after_op) {
                0.7
            } else {
                0.0
            };
            if conf > 0.0 && !forbidden {
                push(out, i, j + 2, EntityKind::Postcode, conf, "postcode-nl");
                i = j + 2;
                continue;
            }
        }
        i += 4;
    }
}

// ---------------------------------------------------------------- addresses

const STREET_SUFFIXES: &[&str] = &[
    "straat",
    "laan",
    "weg",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "steenweg",
    "lei",
    "dreef",
    "markt",
    "pad",
    "hof",
    "baan",
    "steeg",
    "wal",
    "kaai",
    "vest",
    "vesten",
    "wijk",
    "park",
    "plantsoen",
    "ring",
    "allee",
    "dam",
    "plaats",
    "erf",
    "kwartier",
    "boulevard",
    "promenade",
    "kant",
    "dreve",
    "heide",
    "berg",
    "veld",
    "akker",
    "hoek",
    "straatje",
    "laantje",
    "pleintje",
    "weide",
    "oord",
    "burcht",
    "poort",
    "haven",
    "zijde",
    "dries",
    "kouter",
];

/// The last bytes of the [`STREET_SUFFIXES`].
static SUFFIX_LAST: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < STREET_SUFFIXES.len() {
        let s = STREET_SUFFIXES[k].as_bytes();
        t[s[s.len() - 1] as usize] = true;
        k += 1;
    }
    t
};

/// The length of the shortest of the [`STREET_SUFFIXES`].
const SUFFIX_MIN: usize = {
    let mut min = usize::MAX;
    let mut k = 0;
    while k < STREET_SUFFIXES.len() {
        if STREET_SUFFIXES[k].len() < min {
            min = STREET_SUFFIXES[k].len();
        }
        k += 1;
    }
    min
};

/// Suffixes that also end many ordinary words: only capitalised street
/// names count for these.
const WEAK_SUFFIXES: &[&str] = &[
    "hof", "wal", "park", "ring", "dam", "plaats", "erf", "kant", "heide", "berg", "veld", "akker", "hoek", "weide",
    "oord", "burcht", "poort", "haven", "zijde", "wijk", "baan", "pad", "markt", "vest",
];

/// Street names without a suffix, and heads of multi-word names ("Laan van …").
const STREET_WORDS: &[&str] = &[
    "meir",
    "kouter",
    "coupure",
    "wapper",
    "vrijthof",
    "demer",
    "bruul",
    "groenplaats",
    "korenmarkt",
    "vismarkt",
    "zand",
    "boulevard",
    "esplanade",
    "reep",
    "brink",
    "buitenhof",
    "binnenhof",
    "rokin",
    "damrak",
    "coolsingel",
    "markt",
    "kaai",
    "plein",
    "dreef",
    "kade",
    "vest",
    "vesten",
    "wal",
    "dam",
    "ring",
    "lei",
    "dijk",
    "singel",
];
const STREET_HEADS: &[&str] = &[
    "laan", "plein", "weg", "kade", "dreef", "straat", "singel", "gracht", "dijk", "markt", "park", "hof", "steenweg",
    "coupure", "kaai", "vest", "wal", "oever", "kouter", "zand",
];
const STREET_PREFIXES: &[&str] = &[
    "lange",
    "korte",
    "oude",
    "nieuwe",
    "grote",
    "kleine",
    "hoge",
    "lage",
    "sint",
    "burgemeester",
    "burg.",
    "prins",
    "prinses",
    "koning",
    "koningin",
    "graaf",
    "dr.",
    "dokter",
    "professor",
    "prof.",
    "generaal",
    "kapitein",
    "pastoor",
    "noorder",
    "zuider",
    "ooster",
    "wester",
    "eerste",
    "tweede",
    "derde",
    "achter",
    "voor",
    "binnen",
    "buiten",
    "boven",
    "beneden",
    "onze",
    "lieve",
    "vrouwe",
    "heilige",
    "pater",
    "kardinaal",
    "minister",
    "president",
    "wethouder",
    "admiraal",
    "stadhouder",
    "jonkheer",
    "mr.",
    "ir.",
];
const TUSSEN: &[&str] = &["van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "la", "le", "du"];
const UNITS: &[&str] = &[
    "jaar",
    "keer",
    "km",
    "kilometer",
    "meter",
    "m",
    "min",
    "minuten",
    "uur",
    "u",
    "euro",
    "eur",
    "procent",
    "kg",
    "gram",
    "cm",
    "mensen",
    "personen",
    "dagen",
    "weken",
    "maanden",
    "stuks",
    "x",
    "man",
    "auto's",
    "kinderen",
    "jaar,",
];

/// The word (letters, `-`, `.`, `'`) that ends right before byte `end`.
fn word_before(text: &str, end: usize) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let mut k = end;
    while k > 0 && (b[k - 1].is_ascii_alphabetic() || matches!(b[k - 1], b'-' | b'\'' | b'.')) {
        k -= 1;
    }
    if k == 0 || b[k - 1] < 0x80 {
        // an ASCII word (or none): the char loop below would stop there too
        return (k < end).then(|| (k, &text[k..end]));
    }
    let s = text[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    Some((s, &text[s..end]))
}

/// A word in lower case (`str::to_lowercase`), on the stack when it is
/// short ASCII.
struct Lower {
    buf: [u8; 24],
    len: usize,
    heap: Option<String>,
}

impl Lower {
    fn new(w: &str) -> Lower {
        let mut l = Lower { buf: [0; 24], len: 0, heap: None };
        if w.len() <= l.buf.len() && w.is_ascii() {
            l.buf[..w.len()].copy_from_slice(w.as_bytes());
            l.buf[..w.len()].make_ascii_lowercase();
            l.len = w.len();
        } else {
            l.heap = Some(w.to_lowercase());
        }
        l
    }

    fn as_str(&self) -> &str {
        match &self.heap {
            Some(h) => h,
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A house number starts at a digit run start.
fn addresses(text: &str, runs: &[usize], out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 1;
    for &r in runs {
        if r < i {
            continue;
        }
        i = r;
        // a house number: 1–5 digits after one space, not inside a number
        if !(matches!(b[i], b'1'..=b'9')
            && b[i - 1] == b' '
            && i >= 2
            && text[..i - 1].chars().next_back().is_some_and(char::is_alphabetic))
        {
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() && j - i < 6 {
            j += 1;
        }
        if j - i > 5 || b.get(j).is_some_and(u8::is_ascii_digit) {
            i = j;
            continue;
        }
        let Some(end) = house_number_end(b, j) else {
            i = j;
            continue;
        };
        if let Some((start, conf)) = street_start(text, i - 1) {
            push(out, start, end, EntityKind::Address, conf, "street+number");
            i = end;
            continue;
        }
        i = j;
    }
}

/// House-number additions written as words ("bis", "hs" for huis, "bov" for
/// boven, "zw"/"rd" for zwart/rood in Amsterdam).
const ADDITIONS: [&[u8]; 8] = [b"bis", b"huis", b"hs", b"boven", b"bov", b"bg", b"zw", b"rd"];

/// The end of a house number's addition ("12a", "112-II", "12 A", "3 bus 2"),
/// or None when the number is followed by a unit ("12 km") or glued text.
fn house_number_end(b: &[u8], mut j: usize) -> Option<usize> {
    // written-out additions: "214bis", "12 hs", "7 zw" (huis, boven, zwart, rood)
    let at = if b.get(j) == Some(&b' ') { j + 1 } else { j };
    // (every addition starts with 'b', 'h', 'r' or 'z': most numbers are
    // followed by none of these)
    let addition = match b.get(at).map(u8::to_ascii_lowercase) {
        Some(b'b' | b'h' | b'r' | b'z') => ADDITIONS
            .iter()
            .find_map(|a| (starts_with_ci(b, at, a) && !alnum_at(b, at + a.len())).then_some(at + a.len())),
        _ => None,
    };
    if let Some(end) = addition {
        j = end;
    } else if b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        if b.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c >= 0x80) {
            return None; // "12km"
        }
        j += 1;
    } else if b.get(j) == Some(&b'-') && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) {
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_alphanumeric() && k - j <= 4 {
            k += 1;
        }
        if !alnum_at(b, k) {
            j = k;
        }
    } else if b.get(j) == Some(&b'/') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_digit() && k - j <= 3 {
            k += 1;
        }
        if !alnum_at(b, k) {
            j = k;
        }
    } else if b.get(j) == Some(&b' ')
        && b.get(j + 1).is_some_and(u8::is_ascii_uppercase)
        && !alnum_at(b, j + 2)
        && !(b.get(j + 2) == Some(&b'.') && b.get(j + 3).is_some_and(|c| c.is_ascii_alphabetic()))
    {
        j += 2;
    }
    if alnum_at(b, j) {
        return None;
    }
    // "bus 2"
    if starts_with_ci(b, j, b" bus ") && b.get(j + 5).is_some_and(u8::is_ascii_alphanumeric) {
        let mut k = j + 5;
        while k < b.len() && b[k].is_ascii_alphanumeric() && k - j < 9 {
            k += 1;
        }
        if !alnum_at(b, k) {
            return Some(k);
        }
    }
    // a unit after the number: not an address
    if b.get(j) == Some(&b' ') {
        let mut k = j + 1;
        while k < b.len() && (b[k].is_ascii_alphabetic() || b[k] == b'\'') && k - j < 12 {
            k += 1;
        }
        let w = &b[j + 1..k];
        if !w.is_empty() && UNITS.iter().any(|u| u.len() == w.len() && u.as_bytes().eq_ignore_ascii_case(w)) {
            return None;
        }
    }
    Some(j)
}

/// Where the street name ending at `end` (exclusive, before the space)
/// starts, with a confidence; None when the word is no street.
fn street_start(text: &str, end: usize) -> Option<(usize, f32)> {
    let (_, word) = word_before(text, end)?;
    let word = word.trim_start_matches(['.', '-', '\'']);
    let ws = end - word.len();
    let lower = Lower::new(word);
    let lower = lower.as_str();
    // (a word that ends in no suffix's last byte, or is too short for
    // every suffix, has none: most words before a number)
    let suffix = match lower.as_bytes().last() {
        Some(&c) if SUFFIX_LAST[usize::from(c)] && lower.len() >= SUFFIX_MIN + 3 => {
            STREET_SUFFIXES.iter().find(|s| lower.ends_with(*s) && lower.len() >= s.len() + 3)
        }
        _ => None,
    };
    let cap = capitalised(word);
    let mut conf = match suffix {
        Some(s) if WEAK_SUFFIXES.contains(s) && !cap => None,
        Some(_) => Some(if cap { 0.9 } else { 0.8 }),
        None if cap && STREET_WORDS.contains(&lower) => Some(0.8),
        None => None,
    };
    let mut start = ws;
    if conf.is_some() {
        // extend left over prefixes ("Lange", "Burgemeester de", "Van", "Jan van")
        let mut pos = ws;
        for _ in 0..3 {
            if pos < 2 || text.as_bytes()[pos - 1] != b' ' {
                break;
            }
            let Some((ps, pw)) = word_before(text, pos - 1) else { break };
            let pl = Lower::new(pw);
            let pl = pl.as_str();
            let cap = capitalised(pw);
            let given = cap && super::names::NAMES.given(super::names::hash_lower(pw));
            if cap && (STREET_PREFIXES.contains(&pl) || TUSSEN.contains(&pl) || given) {
                start = ps;
                pos = ps;
            } else if TUSSEN.contains(&pl) {
                pos = ps; // only kept when a capitalised word precedes it
            } else {
                break;
            }
        }
        return conf.map(|c| (start, c));
    }
    if cap && STREET_WORDS.contains(&lower) {
        return Some((start, 0.75));
    }
    // "Laan van Meerdervoort 12": a street head, linking words, capitalised words
    if !cap {
        return None;
    }
    let mut pos = ws;
    for _ in 0..4 {
        if pos < 2 || text.as_bytes()[pos - 1] != b' ' {
            return None;
        }
        let (ps, pw) = word_before(text, pos - 1)?;
        let pl = Lower::new(pw);
        let pl = pl.as_str();
        if capitalised(pw) && STREET_HEADS.contains(&pl) {
            start = ps;
            conf = Some(0.85);
            break;
        }
        if !(TUSSEN.contains(&pl) || capitalised(pw)) {
            return None;
        }
        pos = ps;
    }
    conf.map(|c| (start, c))
}

// ---------------------------------------------------------------- dates of birth

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "jan",
    "feb",
    "febr",
    "mrt",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "dec",
];
const BIRTH_CUES: &[&str] =
    &["geboortedatum", "geboortedag", "geb.datum", "geb. datum", "geboren", "geb.", "geb:", "geb ", "°", "born"];

/// Every cue holds a 'b' or 'B' ("geb…" at its third byte, "born" at its
/// first) or starts with 0xC2 ("°"): the finder tries only those spots,
/// left to right.
fn dates_of_birth(text: &str, runs: &[usize], out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let Some(&last_run) = runs.last() else { return };
    let mut i = 0; // bytes before this are consumed
    // a spot at or after last_run + 2 has its cues at or after the last run
    let upto = b.len().min(last_run + 2);
    for q in memchr::memchr3_iter(b'b', b'B', 0xC2, &b[..upto]) {
        let geb = q >= 2 && b[q] != 0xC2 && b[q - 2..q].eq_ignore_ascii_case(b"ge");
        // a cue at q itself can only be "born" or "°" (0xC2 0xB0)
        let here = if b[q] == 0xC2 { b.get(q + 1) == Some(&0xB0) } else { starts_with_ci(b, q, b"born") };
        for at in [geb.then(|| q - 2), here.then_some(q)].into_iter().flatten() {
            if at < i {
                continue;
            }
            // a date is a digit run after the cue: none left, no more finds
            if last_run <= at {
                return;
            }
            if let Some(next) = birth_date_at(text, at, out) {
                i = next;
            }
        }
    }
}

/// A birth cue at `i` and a date after it: push the date. Returns where
/// the search goes on when a cue starts at `i`.
fn birth_date_at(text: &str, i: usize, out: &mut Vec<Candidate>) -> Option<usize> {
    let b = text.as_bytes();
    let c = b[i];
    if !(c == b'g' || c == b'G' || c == b'b' || c == b'B' || c == 0xC2) || prev_is_alnum(b, i) && c != 0xC2 {
        return None;
    }
    let cue = BIRTH_CUES.iter().find(|cue| starts_with_ci(b, i, cue.as_bytes()))?;
    // the first digit within 40 bytes, in the same sentence ("geboren op",
    // "Geboren: Ella ❤ 2025-03-12", "geb.datum: 19/07/2021")
    let from = i + cue.len();
    let limit = (from + 40).min(b.len());
    let mut j = from;
    while j < limit && !b[j].is_ascii_digit() {
        let sentence_end =
            matches!(b[j], b'.' | b'!' | b'?' | b'\n') && b.get(j + 1).is_none_or(|c| *c == b' ' || *c == b'\n');
        if sentence_end && j > from {
            j = limit;
            break;
        }
        j += 1;
    }
    if j < limit
        && !text[..j].ends_with(char::is_alphanumeric)
        && let Some(end) = parse_date(b, j)
        && !animal_before(b, i)
    {
        push(out, j, end, EntityKind::DateOfBirth, 0.95, "birth-cue+date");
        Some(end)
    } else {
        Some(i + cue.len())
    }
}

/// Words that make a birth date an animal's ("KWPN merrie, geb. 14-05-2016").
const ANIMAL_WORDS: &[&[u8]] = &[
    b"merrie",
    b"hengst",
    b"ruin",
    b"veulen",
    b"paard",
    b"pony",
    b"kwpn",
    b"pup",
    b"pups",
    b"puppy",
    b"pupje",
    b"kitten",
    b"kittens",
    b"kat",
    b"kater",
    b"poes",
    b"poesje",
    b"hond",
    b"hondje",
    b"reu",
    b"teef",
    b"nestje",
    b"konijn",
    b"cavia",
    b"hamster",
    b"stamboom",
];

/// One of the two words right before the birth cue at `i`, in the same
/// sentence, is an animal word ("KWPN merrie 'Saffier', geb. …", "pups,
/// geboren …"). Further back, an animal says nothing: "de hond van Jan de
/// Vries, geb. …" is Jan's birth date. Words are runs of letters and '-'
/// ("kat-allergisch" is not "kat").
fn animal_before(b: &[u8], i: usize) -> bool {
    let mut k = i;
    let mut words = 0;
    while k > 0 && words < 2 {
        let c = b[k - 1];
        let sentence_end =
            c == b'\n' || matches!(c, b'.' | b'!' | b'?') && b.get(k).is_none_or(|n| n.is_ascii_whitespace());
        if sentence_end || c.is_ascii_digit() {
            return false;
        }
        if !(c.is_ascii_alphabetic() || c == b'-') {
            k -= 1;
            continue;
        }
        let end = k;
        while k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'-') {
            k -= 1;
        }
        if k > 0 && b[k - 1] >= 0x80 {
            return false; // part of a word with non-ASCII letters
        }
        if ANIMAL_WORDS.iter().any(|a| a.eq_ignore_ascii_case(&b[k..end])) {
            return true;
        }
        words += 1;
    }
    false
}

fn digits_at(b: &[u8], i: usize, max: usize) -> (usize, u32) {
    let mut j = i;
    let mut v = 0u32;
    while j < b.len() && b[j].is_ascii_digit() && j - i < max {
        v = v * 10 + u32::from(b[j] - b'0');
        j += 1;
    }
    (j - i, v)
}

/// A date at `i`: `12-03-1987`, `12/3/87`, `1987-03-12`, `3 maart 1987`.
fn parse_date(b: &[u8], i: usize) -> Option<usize> {
    let (n1, v1) = digits_at(b, i, 4);
    if n1 == 0 {
        return None;
    }
    let mut j = i + n1;
    let sep = *b.get(j)?;
    if n1 == 4 && matches!(sep, b'-' | b'/' | b'.') {
        let (n2, m) = digits_at(b, j + 1, 2);
        j += 1 + n2;
        if n2 == 0 || b.get(j) != Some(&sep) {
            return None;
        }
        let (n3, d) = digits_at(b, j + 1, 2);
        j += 1 + n3;
        return (n3 > 0 && (1..=12).contains(&m) && (1..=31).contains(&d) && !alnum_at(b, j)).then_some(j);
    }
    if n1 > 2 || !(1..=31).contains(&v1) {
        return None;
    }
    if matches!(sep, b'-' | b'/' | b'.') {
        let (n2, m) = digits_at(b, j + 1, 2);
        j += 1 + n2;
        if n2 == 0 || !(1..=12).contains(&m) || !matches!(b.get(j), Some(b'-' | b'/' | b'.')) {
            return None;
        }
        let (n3, _) = digits_at(b, j + 1, 4);
        j += 1 + n3;
        return ((n3 == 2 || n3 == 4) && !alnum_at(b, j)).then_some(j);
    }
    if sep == b' ' {
        j += 1;
        let w_end = (j..b.len()).find(|&k| !b[k].is_ascii_alphabetic()).unwrap_or(b.len());
        let w = &b[j..w_end];
        if !MONTHS.iter().any(|m| m.as_bytes().eq_ignore_ascii_case(w)) {
            return None;
        }
        j = w_end;
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
        if b.get(j) != Some(&b' ') {
            return None;
        }
        let apostrophe = b.get(j + 1) == Some(&b'\'');
        let (n3, _) = digits_at(b, j + 1 + usize::from(apostrophe), 4);
        let end = j + 1 + usize::from(apostrophe) + n3;
        return ((n3 == 4 || n3 == 2) && !alnum_at(b, end)).then_some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(EntityKind, &str)> {
        let mut out = Vec::new();
        scan(text, &RedactionPolicy::default(), &mut out);
        let mut kept = Vec::new();
        super::super::resolve(&mut out, &mut kept);
        kept.iter().map(|c| (c.kind, &text[c.start..c.end])).collect()
    }

    #[test]
    fn additions_start_with_the_filtered_letters() {
        for a in ADDITIONS {
            assert!(matches!(a[0], b'b' | b'h' | b'r' | b'z'), "{a:?}");
        }
    }

    #[test]
    fn digit_runs_eight_bytes_at_a_time() {
        let naive = |b: &[u8]| -> Vec<usize> {
            (0..b.len()).filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit())).collect()
        };
        // every byte value next to digits, at every offset of a chunk
        let mut all: Vec<u8> = (0..=255u8).flat_map(|c| [c, b'7', c, c, b'0', b'9', c]).collect();
        all.extend_from_slice(b"12345678901234567 8/9:0a1\xff2");
        for s in 0..16 {
            for e in (s..all.len()).step_by(5) {
                let mut runs = Vec::new();
                digit_runs(&all[s..e], &mut runs);
                assert_eq!(runs, naive(&all[s..e]), "{s}..{e}");
            }
        }
    }

    #[test]
    fn numbers_of_every_shape() {
        use EntityKind::*;
        assert_eq!(kinds("bel 06 123 45 678!"), [(Phone, "06 123 45 678")]);
        assert_eq!(kinds("sms 0470/12.34.56 aub"), [(Phone, "0470/12.34.56")]);
        assert_eq!(kinds("+31 (0)6-2741 9385"), [(Phone, "+31 (0)6-2741 9385")]);
        assert_eq!(kinds("app 06 - 2913 4702"), [(Phone, "06 - 2913 4702")]);
        assert_eq!(kinds("bsn 295.79.5013"), [(Bsn, "295.79.5013")]);
        assert_eq!(kinds("mijn bsn is 111 222 333."), [(Bsn, "111 222 333")]);
        assert_eq!(kinds("rrn 85.07.30-033.28"), [(NationalIdBe, "85.07.30-033.28")]);
        assert_eq!(kinds("kaart 4111 1111 1111 1111"), [(CreditCard, "4111 1111 1111 1111")]);
        assert_eq!(kinds("om 12:30 op 12-03-2025 voor 3,50"), []);
    }

    #[test]
    fn ibans_spaced_and_not() {
        use EntityKind::*;
        assert_eq!(kinds("op NL91 ABNA 0417 1643 00 ovv"), [(Iban, "NL91 ABNA 0417 1643 00")]);
        assert_eq!(kinds("nl91abna0417164300"), [(Iban, "nl91abna0417164300")]);
        assert_eq!(kinds("BE68 5390 0754 7034."), [(Iban, "BE68 5390 0754 7034")]);
        assert_eq!(kinds("NL91 ABNA 0417 1643 01"), []);
    }

    #[test]
    fn web_things() {
        use EntityKind::*;
        assert_eq!(kinds("mail jan.peeters82@telenet.example."), [(Email, "jan.peeters82@telenet.example")]);
        assert_eq!(kinds("(@annsofie_vh)"), [(Handle, "@annsofie_vh")]);
        assert_eq!(kinds("zie https://example.org/a?b=c)."), [(Url, "https://example.org/a?b=c")]);
        assert_eq!(kinds("zie www.joost.example/cv, ok"), [(Url, "www.joost.example/cv")]);
        assert_eq!(
            kinds("ip 203.0.113.47 en fe80::1c2d:3eff:fe4a:9b01."),
            [(IpAddress, "203.0.113.47"), (IpAddress, "fe80::1c2d:3eff:fe4a:9b01")]
        );
        assert_eq!(kinds("om 10:30:00 en t.n.v. o.a. v1.2"), []);
    }

    #[test]
    fn plates_postcodes_addresses_births() {
        use EntityKind::*;
        // A birth cue about an animal in the same sentence is no person's birth date.
        assert_eq!(kinds("Te koop: KWPN merrie 'Saffier', geb. 14-05-2016, stokmaat 1.68m"), []);
        assert_eq!(kinds("Lieve pups, geboren 12-03-2025"), []);
        // An animal further back, across a line, or inside a word does not count.
        assert_eq!(kinds("Eigenaar van de hond: Jan de Vries, geb. 12-03-1987"), [(DateOfBirth, "12-03-1987")]);
        assert_eq!(kinds("Mijn kat is weg\nJan de Vries geb. 12-03-1987"), [(DateOfBirth, "12-03-1987")]);
        assert_eq!(kinds("Ik ben kat-allergisch, geboren 12-03-1987"), [(DateOfBirth, "12-03-1987")]);
        assert_eq!(
            kinds("Zoek de eigenaar van deze hond - Piet Jansen, geb. 01-02-1990"),
            [(DateOfBirth, "01-02-1990")]
        );
        assert_eq!(kinds("mijn kat\ngeb. 01-02-1990"), [(DateOfBirth, "01-02-1990")]);
        assert_eq!(kinds("Onze hond is ziek. Ik ben geboren op 12-03-1987"), [(DateOfBirth, "12-03-1987")]);
        assert_eq!(kinds("Sophie, geb. 02/11/2019, zoekt haar kat"), [(DateOfBirth, "02/11/2019")]);
        assert_eq!(kinds("kenteken 48-TNJ-7"), [(LicensePlate, "48-TNJ-7")]);
        assert_eq!(kinds("nummerplaat 1-KPT-482"), [(LicensePlate, "1-KPT-482")]);
        assert_eq!(kinds("een AB-CD-EF of 12-34-56"), []);
        assert_eq!(kinds("2517 AE Den Haag, 1072VR en 1234 SA"), [(Postcode, "2517 AE"), (Postcode, "1072VR")]);
        assert_eq!(kinds("op Laan van Meerdervoort 45a, ok"), [(Address, "Laan van Meerdervoort 45a")]);
        assert_eq!(kinds("Kouter 3 bus 2"), [(Address, "Kouter 3 bus 2")]);
        assert_eq!(kinds("naar Oudegracht 214bis, Utrecht"), [(Address, "Oudegracht 214bis")]);
        assert_eq!(kinds("Marnixstraat 12 hs bellen"), [(Address, "Marnixstraat 12 hs")]);
        assert_eq!(kinds("Kerkstraat 12 huizen verder"), [(Address, "Kerkstraat 12")]);
        assert_eq!(kinds("Kerkstraat 12 ter hoogte van"), [(Address, "Kerkstraat 12")]);
        assert_eq!(kinds("woon Kerkstraat 112-II."), [(Address, "Kerkstraat 112-II")]);
        assert_eq!(kinds("de Lange Lozanastraat 27"), [(Address, "Lange Lozanastraat 27")]);
        assert_eq!(kinds("de snelweg 12 km"), []);
        assert_eq!(kinds("geboren op 3 maart 1935 in"), [(DateOfBirth, "3 maart 1935")]);
        assert_eq!(kinds("RIP ° 12/03/1941 † 02/05/2025"), [(DateOfBirth, "12/03/1941")]);
        assert_eq!(kinds("(geb. 04/11/2009)"), [(DateOfBirth, "04/11/2009")]);
        assert_eq!(kinds("vergadering op 12-03-2025"), []);
    }
}
