//! Labelled and unlabelled records: JSON Lines with `text`, optional `id`
//! and optional `labels`.

use std::io::BufRead;

use serde::{Deserialize, Serialize};

use crate::classify::Label;
use crate::error::Error;

/// One post with its id and, for training and evaluation, its true labels.
///
/// # Example
/// ```
/// let r: signaal::Record = serde_json::from_str(r#"{"id": "a", "text": "hoi", "labels": ["tip"]}"#).unwrap();
/// assert_eq!(r.labels, [signaal::Label::Tip]);
/// ```
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Record {
    /// Optional id, echoed in the analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The post.
    pub text: String,
    /// True labels (empty for none or unlabelled).
    #[serde(default)]
    pub labels: Vec<Label>,
}

/// `Debug` shows the id, the labels and the length of the text, never the
/// text (it may hold personal data).
impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Record")
            .field("id", &self.id)
            .field("text_len", &self.text.len())
            .field("labels", &self.labels)
            .finish()
    }
}

/// Parse one JSON object into a record. `text_field` and `id_field` are
/// dotted paths into nested objects (`user.text`); a key that itself
/// contains a dot cannot be addressed. Errors name the field and what was
/// wrong, never the values (they may be personal data).
///
/// # Example
/// ```
/// let r = signaal::parse_record(r#"{"id": 7, "text": "hoi", "labels": ["tip"]}"#, "text", "id").unwrap();
/// assert_eq!(r.id.as_deref(), Some("7"));
/// assert_eq!(r.labels, [signaal::Label::Tip]);
/// ```
pub fn parse_record(line: &str, text_field: &str, id_field: &str) -> Result<Record, Error> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| Error::input(format!("invalid JSON at column {}", e.column())))?;
    let obj = value.as_object().ok_or_else(|| Error::input("record is not a JSON object"))?;
    let text = match lookup(obj, text_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err(Error::input(format!("field `{text_field}` is not a string"))),
        None => return Err(Error::input(format!("field `{text_field}` is missing"))),
    };
    let id = match lookup(obj, id_field) {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err(Error::input(format!("field `{id_field}` is not a string or number"))),
    };
    let labels = match obj.get("labels") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => {
            let mut labels = Vec::with_capacity(items.len());
            for item in items {
                let label = item.as_str().and_then(Label::parse).ok_or_else(|| {
                    Error::input("`labels` holds something other than complaint, tip, threat, polarization")
                })?;
                if !labels.contains(&label) {
                    labels.push(label);
                }
            }
            labels.sort();
            labels
        }
        Some(_) => return Err(Error::input("field `labels` is not a list")),
    };
    Ok(Record { id, text, labels })
}

/// Look up a field by a dotted path (`user.text`).
fn lookup<'a>(obj: &'a serde_json::Map<String, serde_json::Value>, path: &str) -> Option<&'a serde_json::Value> {
    let mut parts = path.split('.');
    let mut cur = obj.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    Some(cur)
}

/// Read JSON Lines records (`text`, optional `id` and `labels`); blank
/// lines are skipped. The first bad line fails the read with its line number.
///
/// # Example
/// ```
/// let input = "{\"text\": \"Goed werk!\", \"labels\": []}\n\n{\"id\": \"b\", \"text\": \"help\"}\n";
/// let records = signaal::read_records(input.as_bytes()).unwrap();
/// assert_eq!(records.len(), 2);
/// let err = signaal::read_records("{oops\n".as_bytes()).unwrap_err();
/// assert!(err.to_string().contains("line 1"));
/// ```
pub fn read_records<R: BufRead>(reader: R) -> Result<Vec<Record>, Error> {
    let mut out = Vec::new();
    for (n, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|e| Error::io("reading records", &e))?;
        let line = std::str::from_utf8(&line).map_err(|_| Error::input(format!("line {}: invalid UTF-8", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec = parse_record(line, "text", "id")
            .map_err(|e| Error::new(e.kind(), format!("line {}: {}", n + 1, e.message())))?;
        out.push(rec);
    }
    Ok(out)
}

/// Read records from a JSON Lines file.
///
/// # Example
/// ```
/// let dev = signaal::read_records_file("data/corpus/dev.jsonl").unwrap();
/// assert!(dev.len() >= 600);
/// ```
pub fn read_records_file(path: impl AsRef<std::path::Path>) -> Result<Vec<Record>, Error> {
    let f = std::fs::File::open(path.as_ref()).map_err(|e| Error::io("opening records file", &e))?;
    read_records(std::io::BufReader::new(f))
}
