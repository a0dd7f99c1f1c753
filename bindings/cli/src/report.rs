//! `signaal eval` reports: the aligned tables on stdout and the
//! self-contained HTML page (inline SVG, no scripts, no network).

use std::fmt::Write as _;

use signaal::eval::{EntityReport, EvalReport, ReliabilityBin};

/// The per-label table.
pub fn label_table(r: &EvalReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<14} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6} {:>9}",
        "label", "precision", "recall", "f1", "support", "tp", "fp", "fn", "ece"
    );
    for m in &r.labels {
        let _ = writeln!(
            s,
            "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>9} {:>6} {:>6} {:>6} {:>9.3}",
            m.label.as_str(),
            m.precision,
            m.recall,
            m.f1,
            m.support,
            m.tp,
            m.fp,
            m.fn_,
            m.ece
        );
    }
    let _ = writeln!(s, "{:<14} {:>29.3}", "macro-F1", r.macro_f1);
    let _ = writeln!(s, "{:<14} {:>29.3}", "exact match", r.exact_match);
    let _ = writeln!(s, "{:<14} {:>29}", "posts", r.posts);
    s
}

/// The per-kind table.
pub fn entity_table(r: &EntityReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<15} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}",
        "kind", "precision", "recall", "f1", "ovl-prec", "ovl-rec", "ovl-f1", "support", "found"
    );
    for m in r.kinds.iter().chain(std::iter::once(&r.overall)) {
        let _ = writeln!(
            s,
            "{:<15} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>8}",
            m.kind.map_or("overall", |k| k.as_str()),
            m.precision,
            m.recall,
            m.f1,
            m.overlap_precision,
            m.overlap_recall,
            m.overlap_f1,
            m.support,
            m.predicted
        );
    }
    let _ = writeln!(s, "{:<15} {:>9}", "posts", r.posts);
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}\
th:first-child,td:first-child{text-align:left}.cm td{width:6em;text-align:center}\
.grid{display:flex;flex-wrap:wrap;gap:2em}.card{border:1px solid #ddd;padding:1em;border-radius:6px}\
h2{margin-top:1.5em}small{color:#666}";

/// A reliability plot: mean score against observed share per bin, the
/// diagonal is perfect calibration; dot area grows with the bin's count.
fn reliability_svg(bins: &[ReliabilityBin], label: &str) -> String {
    let (w, h, pad) = (260.0, 260.0, 30.0);
    let x = |v: f64| pad + v * (w - 2.0 * pad);
    let y = |v: f64| h - pad - v * (h - 2.0 * pad);
    let total: usize = bins.iter().map(|b| b.count).sum();
    let mut s = format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"reliability plot for {label}\">"
    );
    let _ = write!(
        s,
        "<rect x=\"{pad}\" y=\"{pad}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" stroke=\"#999\"/>",
        w - 2.0 * pad,
        h - 2.0 * pad
    );
    for t in [0.0, 0.5, 1.0] {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{t}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{t}</text>",
            x(t),
            h - pad + 12.0,
            pad - 4.0,
            y(t) + 3.0
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>",
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    let pts: Vec<&ReliabilityBin> = bins.iter().filter(|b| b.count > 0).collect();
    if pts.len() > 1 {
        let path: Vec<String> = pts.iter().map(|b| format!("{:.1},{:.1}", x(b.mean_score), y(b.observed))).collect();
        let _ = write!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#2a6fb0\" stroke-width=\"1.5\"/>",
            path.join(" ")
        );
    }
    for b in &pts {
        let r = 2.0 + 8.0 * (b.count as f64 / total.max(1) as f64).sqrt();
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"#2a6fb0\" fill-opacity=\"0.6\"><title>scores {:.1}–{:.1}: {} posts, mean score {:.3}, observed {:.3}</title></circle>",
            x(b.mean_score),
            y(b.observed),
            b.lower,
            b.lower + 0.1,
            b.count,
            b.mean_score,
            b.observed
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">mean score</text>\
         <text x=\"10\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 10 {:.1})\">observed share</text></svg>",
        w / 2.0,
        h - 4.0,
        h / 2.0,
        h / 2.0
    );
    s
}

/// The HTML page of an evaluation (labels and/or entity kinds).
pub fn html(file: &str, model: &str, labels: Option<&EvalReport>, entities: Option<&EntityReport>) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>signaal eval: {f}</title><style>{STYLE}</style></head><body>\n\
         <h1>signaal evaluation</h1><p>File <code>{f}</code>, model <code>{m}</code>.</p>\n",
        f = esc(file),
        m = esc(model)
    );
    if let Some(r) = labels {
        let _ = write!(
            s,
            "<h2>Labels</h2><p>{} posts; macro-F1 <b>{:.3}</b>; exact label-set match {:.3}.</p>\
             <table><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>ECE</th></tr>",
            r.posts, r.macro_f1, r.exact_match
        );
        for m in &r.labels {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{}</td><td>{:.3}</td></tr>",
                m.label.as_str(),
                m.precision,
                m.recall,
                m.f1,
                m.support,
                m.ece
            );
        }
        s.push_str("</table>\n<h2>Confusion and calibration per label</h2><div class=\"grid\">\n");
        for (m, bins) in r.labels.iter().zip(&r.reliability) {
            let tn = r.posts.saturating_sub(m.tp + m.fp + m.fn_);
            let _ = write!(
                s,
                "<div class=\"card\"><h3>{l}</h3><table class=\"cm\"><tr><th></th><th>predicted {l}</th><th>predicted not</th></tr>\
                 <tr><th>truly {l}</th><td>{} <small>TP</small></td><td>{} <small>FN</small></td></tr>\
                 <tr><th>truly not</th><td>{} <small>FP</small></td><td>{tn} <small>TN</small></td></tr></table>\
                 <p><small>Reliability: mean score against the observed share per score bin (10 bins); the dashed diagonal is perfect calibration. ECE {:.3}.</small></p>{}</div>",
                m.tp,
                m.fn_,
                m.fp,
                m.ece,
                reliability_svg(bins, m.label.as_str()),
                l = m.label.as_str(),
            );
            s.push('\n');
        }
        s.push_str("</div>\n");
    }
    if let Some(r) = entities {
        let _ = write!(
            s,
            "<h2>Personal data</h2><p>{} posts; full-span and any-overlap matching.</p>\
             <table><tr><th>kind</th><th>precision</th><th>recall</th><th>F1</th><th>overlap P</th><th>overlap R</th><th>overlap F1</th><th>support</th><th>found</th></tr>",
            r.posts
        );
        for m in r.kinds.iter().chain(std::iter::once(&r.overall)) {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{}</td><td>{}</td></tr>",
                m.kind.map_or("overall", |k| k.as_str()),
                m.precision,
                m.recall,
                m.f1,
                m.overlap_precision,
                m.overlap_recall,
                m.overlap_f1,
                m.support,
                m.predicted
            );
        }
        s.push_str("</table>\n");
    }
    s.push_str("<p><small>Written by <code>signaal eval</code>. The page holds figures only, no post text.</small></p></body></html>\n");
    s
}
