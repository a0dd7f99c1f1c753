//! The analyzer from `--config` (TOML), the flags and the pseudonym key.
//!
//! The TOML file has the fields of the core's `Config` (also the C ABI's
//! JSON and Python's keyword arguments): `model`, `[thresholds]`,
//! `[redaction]` with `mode`, `modes`, `kinds`, `disable`, `allowlist`,
//! `default_allowlist`, `min_confidence`, `include_values`,
//! `pseudonym_key`. Flags override the same fields. Error messages name
//! the problem and its place, never a value (it could be the key).

use std::path::Path;

use signaal::{Analyzer, Config, EntityKind, Label, Mode, PseudonymKey, RedactionPolicy};

use crate::Fail;
use crate::args::EngineArgs;

/// The environment variable holding the pseudonym key.
pub const KEY_ENV: &str = "SIGNAAL_PSEUDONYM_KEY";

fn config_fail(msg: impl Into<String>) -> Fail {
    Fail(3, msg.into())
}

/// Read a TOML configuration file.
pub fn read_toml(path: &Path) -> Result<Config, Fail> {
    let name = path.display();
    let text = std::fs::read(path).map_err(|e| Fail(1, format!("cannot read {name}: {}", crate::io_reason(&e))))?;
    let text = String::from_utf8(text).map_err(|_| config_fail(format!("{name}: invalid UTF-8")))?;
    toml::from_str::<Config>(&text).map_err(|e| {
        let (line, col) = match e.span() {
            Some(s) => {
                let before = &text[..s.start.min(text.len())];
                (before.matches('\n').count() + 1, before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1)
            }
            None => (0, 0),
        };
        config_fail(format!(
            "{name}:{line}:{col}: {}",
            Config::error_reason(e.message()).as_deref().unwrap_or("not valid TOML")
        ))
    })
}

fn kind(name: &str) -> Result<EntityKind, Fail> {
    EntityKind::parse(name.trim()).ok_or_else(|| {
        config_fail(format!(
            "unknown kind of personal data `{}`; one of: {}",
            name.trim().escape_debug(),
            EntityKind::ALL.map(EntityKind::as_str).join(", ")
        ))
    })
}

fn mode(name: &str) -> Result<Mode, Fail> {
    Mode::parse(name.trim()).ok_or_else(|| {
        config_fail(format!(
            "unknown mode `{}`; one of: mask, tag, pseudonym, remove, keep",
            name.trim().escape_debug()
        ))
    })
}

/// The pseudonym key: `--key-file`, else the environment; `None` when neither.
fn key(key_file: Option<&Path>) -> Result<Option<Vec<u8>>, Fail> {
    let bytes = match key_file {
        Some(p) => {
            let mut b = std::fs::read(p)
                .map_err(|e| Fail(1, format!("cannot read key file {}: {}", p.display(), crate::io_reason(&e))))?;
            if b.ends_with(b"\n") {
                b.pop();
                if b.ends_with(b"\r") {
                    b.pop();
                }
            }
            b
        }
        None => match std::env::var_os(KEY_ENV) {
            Some(v) if !v.is_empty() => v.into_encoded_bytes(),
            _ => return Ok(None),
        },
    };
    Ok(Some(bytes))
}

/// The configuration in force: the TOML file, then the flags on top.
pub fn config(e: &EngineArgs) -> Result<Config, Fail> {
    let mut cfg = match &e.config {
        Some(p) => read_toml(p)?,
        None => Config::default(),
    };
    if let Some(m) = &e.model {
        cfg.model = Some(m.clone());
    }
    for t in &e.threshold {
        let (l, p) = t.split_once('=').ok_or_else(|| config_fail("--threshold takes LABEL=P, e.g. threat=0.7"))?;
        let label = Label::parse(l.trim()).ok_or_else(|| {
            config_fail(format!(
                "unknown label `{}`; one of: complaint, tip, threat, polarization",
                l.trim().escape_debug()
            ))
        })?;
        let p: f32 = p.trim().parse().map_err(|_| config_fail(format!("--threshold {label}: not a number")))?;
        cfg.thresholds.insert(label, p);
    }
    let r = &mut cfg.redaction;
    if let Some(kinds) = &e.redact {
        r.kinds = Some(kinds.iter().map(|k| kind(k)).collect::<Result<_, _>>()?);
    }
    for k in &e.no_redact {
        r.disable.push(kind(k)?);
    }
    for m in &e.mode {
        match m.split_once('=') {
            Some((k, m)) => {
                r.modes.insert(kind(k)?, mode(m)?);
            }
            None => r.mode = Some(mode(m)?),
        }
    }
    r.allowlist.extend(e.allow.iter().cloned());
    if e.no_default_allowlist {
        r.default_allowlist = Some(false);
    }
    if let Some(c) = e.min_confidence {
        r.min_confidence = Some(c);
    }
    if e.include_values {
        r.include_values = Some(true);
    }
    Ok(cfg)
}

/// Build the analyzer of the options.
pub fn analyzer(e: &EngineArgs) -> Result<Analyzer, Fail> {
    let mut cfg = config(e)?;
    let mut b = Analyzer::builder();
    if let Some(k) = key(e.key_file.as_deref())? {
        // `--key-file` and the environment win over a key in the TOML file.
        cfg.redaction.pseudonym_key = None;
        let mut policy = RedactionPolicy::default();
        policy.pseudonym_key(PseudonymKey::new(k).map_err(|e| config_fail(e.message().to_string()))?);
        b.redaction(policy);
    }
    let model = cfg.model.clone();
    b.config(cfg);
    b.build().map_err(|e| match (e.kind(), model) {
        (signaal::ErrorKind::Io, Some(p)) => Fail(1, format!("{}: {}", p.display(), e)),
        (signaal::ErrorKind::InvalidModel, Some(p)) => Fail(3, format!("{}: {}", p.display(), e)),
        _ => e.into(),
    })
}
