//! `_repr_html_` for Jupyter.
//!
//! Results do not keep the original post (so a pickled or displayed result
//! never holds more personal data than the redaction policy lets through),
//! hence the HTML shows the *redacted* text with each replacement highlighted
//! by entity kind. Colours are translucent fills with a solid underline and
//! the text colour is inherited, so it reads in light and dark themes. Every
//! piece of text is HTML-escaped.

use std::fmt::Write;

use signaal::{Analysis, Classification, Entity, EntityKind, Label, Redaction, Scores};

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn kind_rgb(kind: EntityKind) -> (u8, u8, u8) {
    match kind {
        EntityKind::Person => (230, 85, 13),
        EntityKind::Email => (49, 130, 189),
        EntityKind::Phone => (49, 163, 84),
        EntityKind::Iban => (117, 107, 177),
        EntityKind::Bsn => (214, 39, 40),
        EntityKind::NationalIdBe => (214, 39, 40),
        EntityKind::Postcode => (140, 86, 75),
        EntityKind::Address => (188, 128, 34),
        EntityKind::LicensePlate => (23, 190, 207),
        EntityKind::Url => (82, 110, 200),
        EntityKind::IpAddress => (127, 127, 127),
        EntityKind::Handle => (227, 119, 194),
        EntityKind::DateOfBirth => (158, 154, 40),
        EntityKind::CreditCard => (160, 50, 120),
    }
}

fn label_rgb(label: Label) -> (u8, u8, u8) {
    match label {
        Label::Complaint => (49, 130, 189),
        Label::Tip => (49, 163, 84),
        Label::Threat => (214, 39, 40),
        Label::Polarization => (230, 85, 13),
    }
}

/// Byte spans of the replacements in the redacted text, one per entity.
///
/// Text between entities is copied verbatim, so its length is known from the
/// byte offsets. A replacement is `[TAG]`, `[TAG_n]`, `[TAG_xxxxxx]` (mask,
/// tag, pseudonym), the value itself (keep; recognised when the policy
/// included values) or nothing (remove). A kept value without
/// `include_values` is shown as removed: the highlighting may then be off.
fn replacement_spans(redacted: &str, entities: &[Entity]) -> Vec<(usize, usize)> {
    let mut spans = Vec::with_capacity(entities.len());
    let mut p = 0usize;
    let mut prev_end = 0usize;
    for e in entities {
        p += e.start.saturating_sub(prev_end);
        if p > redacted.len() || !redacted.is_char_boundary(p) {
            break;
        }
        let rest = &redacted[p..];
        let prefix = format!("[{}", e.kind.tag());
        let end = if rest.starts_with(&prefix)
            && matches!(rest.as_bytes().get(prefix.len()), Some(b']') | Some(b'_'))
            && rest.contains(']')
        {
            p + rest.find(']').map_or(0, |i| i + 1)
        } else if let Some(v) = e.value.as_deref().filter(|v| rest.starts_with(*v)) {
            p + v.len()
        } else {
            p
        };
        spans.push((p, end));
        p = end;
        prev_end = e.end;
    }
    spans
}

fn highlighted(redacted: &str, entities: &[Entity]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for ((s, e), ent) in replacement_spans(redacted, entities).into_iter().zip(entities) {
        out.push_str(&escape(&redacted[pos..s]));
        let (r, g, b) = kind_rgb(ent.kind);
        let title = escape(&format!("{} · {} · {:.2}", ent.kind.as_str(), ent.rule, ent.confidence));
        let inner = if s == e { format!("<small>⌫ {}</small>", ent.kind.as_str()) } else { escape(&redacted[s..e]) };
        let _ = write!(
            out,
            "<mark title=\"{title}\" style=\"background: rgba({r},{g},{b},0.25); color: inherit; \
             border-bottom: 2px solid rgb({r},{g},{b}); border-radius: 3px; padding: 0 2px\">{inner}</mark>"
        );
        pos = e;
    }
    out.push_str(&escape(&redacted[pos..]));
    out
}

fn score_bars(scores: &Scores, labels: &[Label], evidence: Option<&signaal::Evidence>) -> String {
    let mut out = String::from("<table style=\"border-collapse: collapse; margin-top: 0.4em; color: inherit\">");
    for l in Label::ALL {
        let s = scores.get(l);
        let (r, g, b) = label_rgb(l);
        let on = labels.contains(&l);
        let weight = if on { "bold" } else { "normal" };
        let width = (s.clamp(0.0, 1.0) * 100.0).round();
        let ev = evidence
            .map(|e| e.get(l).iter().take(3).map(|i| escape(&i.feature)).collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td style=\"padding: 1px 8px 1px 0; font-weight: {weight}; text-align: left\">{}{}</td>\
             <td style=\"padding: 1px 0\"><div style=\"width: 120px; height: 0.8em; background: rgba(128,128,128,0.2); \
             border-radius: 2px\"><div style=\"width: {width}%; height: 100%; background: rgb({r},{g},{b}); \
             border-radius: 2px\"></div></div></td>\
             <td style=\"padding: 1px 8px; font-variant-numeric: tabular-nums; text-align: right\">{s:.3}</td>\
             <td style=\"padding: 1px 0; opacity: 0.75; text-align: left\"><small>{ev}</small></td></tr>",
            l.as_str(),
            if on { " ✓" } else { "" },
        );
    }
    out.push_str("</table>");
    out
}

const BOX: &str = "<div class=\"signaal\" style=\"color: inherit; font-family: inherit; line-height: 1.5; \
                   max-width: 52em; border: 1px solid rgba(128,128,128,0.35); border-radius: 6px; padding: 0.5em 0.8em\">";

pub fn analysis(a: &Analysis) -> String {
    let mut out = String::from(BOX);
    let id = a.id.as_deref().map(|i| format!("{} · ", escape(i))).unwrap_or_default();
    let _ = write!(
        out,
        "<div style=\"opacity: 0.7; font-size: 0.85em\">{id}language {} ({:.2}) · {} entities · {} {}</div>",
        escape(&a.language.code),
        a.language.confidence,
        a.entities.len(),
        escape(&a.model.name),
        escape(&a.model.version),
    );
    let _ = write!(
        out,
        "<div style=\"white-space: pre-wrap; margin: 0.3em 0\">{}</div>",
        highlighted(&a.redacted, &a.entities)
    );
    out.push_str(&score_bars(&a.scores, &a.labels, Some(&a.evidence)));
    out.push_str("</div>");
    out
}

pub fn classification(c: &Classification) -> String {
    format!("{BOX}{}</div>", score_bars(&c.scores, &c.labels, Some(&c.evidence)))
}

pub fn redaction(r: &Redaction) -> String {
    format!(
        "{BOX}<div style=\"white-space: pre-wrap\">{}</div><div style=\"opacity: 0.7; font-size: 0.85em\">{} entities</div></div>",
        highlighted(&r.text, &r.entities),
        r.entities.len()
    )
}
