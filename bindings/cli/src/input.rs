//! Reading records: JSON Lines, CSV/TSV with a header, or plain text, from
//! files (gzip by extension) or standard input, a chunk at a time.
//!
//! Reading is serial and cheap (split lines, split CSV fields); the JSON of
//! a line is parsed later, on the worker threads ([`Raw::into_post`]).
//! Problems are named by file, line and reason, never by the text.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Map, Value};

use crate::Fail;
use crate::args::Format;

/// Which other input fields go to the output.
#[derive(Clone, Debug)]
pub enum Keep {
    /// None (the default).
    None,
    /// Every field but the text and id fields.
    All,
    /// The named fields (dotted paths for JSON), `null` when absent.
    Named(Vec<String>),
}

impl Keep {
    pub fn from_arg(arg: Option<&str>) -> Keep {
        match arg {
            None => Keep::None,
            Some("") => Keep::All,
            Some(list) => {
                Keep::Named(list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
            }
        }
    }
}

/// What the workers need to know about the input's fields.
pub struct Fields {
    pub text: String,
    pub id: String,
    pub keep: Keep,
}

/// One record as read, not yet parsed.
pub struct Raw {
    /// 1-based line number where the record starts.
    pub line: u64,
    pub body: Body,
}

pub enum Body {
    /// A JSON Lines line, parsed by a worker.
    Json(Vec<u8>),
    /// A CSV/TSV row or a text line, already split.
    Ready(Post),
    /// A record that cannot be read: its id when known, and why.
    Bad(Option<String>, String),
}

/// A readable record.
pub struct Post {
    pub id: Option<String>,
    pub text: String,
    /// Kept input fields (`--keep-fields`); a JSON object keeps them sorted by name.
    pub fields: Option<Map<String, Value>>,
}

/// A record that cannot be read, for `--on-error`.
pub struct BadRecord {
    pub line: u64,
    pub id: Option<String>,
    pub reason: String,
}

impl Raw {
    /// Parse the record (on a worker thread).
    pub fn into_post(self, fields: &Fields) -> Result<Post, BadRecord> {
        let line = self.line;
        let bad = |id, reason| BadRecord { line, id, reason };
        match self.body {
            Body::Ready(p) => Ok(p),
            Body::Bad(id, reason) => Err(bad(id, reason)),
            Body::Json(bytes) => {
                let text = std::str::from_utf8(&bytes).map_err(|_| bad(None, "invalid UTF-8".into()))?;
                parse_json(text, fields).map_err(|(id, reason)| bad(id, reason))
            }
        }
    }
}

type JsonError = (Option<String>, String);

/// A JSON object's text, id and kept fields. Errors name the field and
/// what was wrong, never a value.
pub fn parse_json(line: &str, fields: &Fields) -> Result<Post, JsonError> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| (None, format!("invalid JSON at column {}", e.column())))?;
    let Value::Object(obj) = value else {
        return Err((None, "record is not a JSON object".into()));
    };
    let id = match lookup(&obj, &fields.id) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err((None, format!("field `{}` is not a string or number", fields.id))),
    };
    let text = match lookup(&obj, &fields.text) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err((id, format!("field `{}` is not a string", fields.text))),
        None => return Err((id, format!("field `{}` is missing", fields.text))),
    };
    let kept = match &fields.keep {
        Keep::None => None,
        Keep::Named(names) => {
            Some(names.iter().map(|n| (n.clone(), lookup(&obj, n).cloned().unwrap_or(Value::Null))).collect())
        }
        Keep::All => {
            let mut obj = obj;
            remove_path(&mut obj, &fields.text);
            remove_path(&mut obj, &fields.id);
            Some(obj)
        }
    };
    Ok(Post { id, text, fields: kept })
}

/// Look up a field by a dotted path (`user.text`).
fn lookup<'a>(obj: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut cur = obj.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    Some(cur)
}

fn remove_path(obj: &mut Map<String, Value>, path: &str) {
    match path.split_once('.') {
        None => {
            obj.remove(path);
        }
        Some((head, rest)) => {
            if let Some(Value::Object(inner)) = obj.get_mut(head) {
                remove_path(inner, rest);
            }
        }
    }
}

/// Counts the bytes read from a file (before decompression), for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The format of a file by its name (`Format::Auto`).
pub fn resolve_format(format: Format, path: Option<&Path>) -> Format {
    if format != Format::Auto {
        return format;
    }
    let name = path.and_then(|p| p.file_name()).map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".csv") {
        Format::Csv
    } else if name.ends_with(".tsv") || name.ends_with(".tab") {
        Format::Tsv
    } else if name.ends_with(".txt") {
        Format::Text
    } else {
        Format::Jsonl
    }
}

enum Reader {
    Lines(Box<dyn BufRead>, bool),
    Csv(Box<csv::Reader<Box<dyn BufRead>>>, usize, Option<usize>, Vec<(usize, String)>),
}

/// One input (a file or standard input), read record by record.
pub struct Source {
    pub name: String,
    reader: Reader,
    line: u64,
    buf: Vec<u8>,
    record: csv::ByteRecord,
}

impl Source {
    /// Open a file (`None` or `-`: standard input); `bytes_read` counts the
    /// bytes taken from the file.
    pub fn open(
        path: Option<&Path>,
        format: Format,
        fields: &Fields,
        bytes_read: Arc<AtomicU64>,
    ) -> Result<Source, Fail> {
        let stdin = path.is_none_or(|p| p.as_os_str() == "-");
        let name = if stdin { "<stdin>".to_string() } else { path.unwrap_or(Path::new("-")).display().to_string() };
        let raw: Box<dyn Read> = if stdin {
            Box::new(Counting { inner: io::stdin(), count: bytes_read })
        } else {
            let f = File::open(path.unwrap_or(Path::new("-")))
                .map_err(|e| Fail(1, format!("cannot open {name}: {}", crate::io_reason(&e))))?;
            Box::new(Counting { inner: f, count: bytes_read })
        };
        let gz = !stdin && name.to_lowercase().ends_with(".gz");
        let input: Box<dyn BufRead> = if gz {
            Box::new(BufReader::with_capacity(1 << 17, flate2::read::MultiGzDecoder::new(BufReader::new(raw))))
        } else {
            Box::new(BufReader::with_capacity(1 << 17, raw))
        };
        let reader = match resolve_format(format, path.filter(|_| !stdin)) {
            Format::Csv | Format::Tsv => {
                let delim = if resolve_format(format, path.filter(|_| !stdin)) == Format::Tsv { b'\t' } else { b',' };
                let mut r =
                    csv::ReaderBuilder::new().delimiter(delim).flexible(true).has_headers(true).from_reader(input);
                let header = r.byte_headers().map_err(|e| csv_fail(&name, 1, &e))?.clone();
                let mut names = Vec::with_capacity(header.len());
                for h in &header {
                    names.push(
                        std::str::from_utf8(h)
                            .map_err(|_| Fail(2, format!("{name}:1: invalid UTF-8 in the header")))?
                            .trim()
                            .to_string(),
                    );
                }
                let col = |f: &str| names.iter().position(|n| n == f);
                let text = col(&fields.text)
                    .ok_or_else(|| Fail(2, format!("{name}:1: no column `{}` in the header", fields.text)))?;
                let id = col(&fields.id);
                let keep = match &fields.keep {
                    Keep::None => Vec::new(),
                    Keep::All => names
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != text && Some(*i) != id)
                        .map(|(i, n)| (i, n.clone()))
                        .collect(),
                    Keep::Named(wanted) => wanted.iter().map(|w| (col(w).unwrap_or(usize::MAX), w.clone())).collect(),
                };
                Reader::Csv(Box::new(r), text, id, keep)
            }
            Format::Text => Reader::Lines(input, true),
            Format::Jsonl | Format::Auto => Reader::Lines(input, false),
        };
        Ok(Source { name, reader, line: 0, buf: Vec::new(), record: csv::ByteRecord::new() })
    }

    /// The kept column names of a CSV/TSV input (for CSV output headers).
    pub fn csv_kept_columns(&self) -> Option<Vec<String>> {
        match &self.reader {
            Reader::Csv(_, _, _, keep) => Some(keep.iter().map(|(_, n)| n.clone()).collect()),
            Reader::Lines(..) => None,
        }
    }

    /// Read up to `max_records` records or about `max_bytes` bytes; an
    /// empty chunk means the end of the input.
    pub fn next_chunk(&mut self, max_records: usize, max_bytes: usize) -> Result<Vec<Raw>, Fail> {
        let mut chunk = Vec::with_capacity(max_records.min(4096));
        let mut bytes = 0;
        while chunk.len() < max_records && bytes < max_bytes {
            match self.next_record()? {
                None => break,
                Some((raw, n)) => {
                    bytes += n;
                    chunk.push(raw);
                }
            }
        }
        Ok(chunk)
    }

    fn next_record(&mut self) -> Result<Option<(Raw, usize)>, Fail> {
        match &mut self.reader {
            Reader::Lines(input, plain) => loop {
                self.buf.clear();
                let n = input
                    .read_until(b'\n', &mut self.buf)
                    .map_err(|e| Fail(1, format!("reading {}: {}", self.name, crate::io_reason(&e))))?;
                if n == 0 {
                    return Ok(None);
                }
                self.line += 1;
                let mut end = self.buf.len();
                while end > 0 && matches!(self.buf[end - 1], b'\n' | b'\r') {
                    end -= 1;
                }
                // A UTF-8 byte-order mark is not part of the first record.
                let from = if self.line == 1 && self.buf.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
                let body = &self.buf[from.min(end)..end];
                if body.iter().all(u8::is_ascii_whitespace) {
                    continue; // blank lines are not records
                }
                let raw = if *plain {
                    let id = Some(self.line.to_string());
                    match std::str::from_utf8(body) {
                        Ok(t) => Body::Ready(Post { id, text: t.to_string(), fields: None }),
                        Err(_) => Body::Bad(id, "invalid UTF-8".into()),
                    }
                } else {
                    Body::Json(body.to_vec())
                };
                return Ok(Some((Raw { line: self.line, body: raw }, n)));
            },
            Reader::Csv(r, text, id, keep) => {
                let more = r.read_byte_record(&mut self.record).map_err(|e| {
                    let line = e.position().map_or(self.line + 1, csv::Position::line);
                    csv_fail(&self.name, line, &e)
                })?;
                if !more {
                    return Ok(None);
                }
                let line = self.record.position().map_or(0, csv::Position::line);
                self.line = line;
                let n = self.record.as_slice().len() + self.record.len();
                let field = |i: usize| self.record.get(i).map(std::str::from_utf8);
                let id_value = match id.map(field) {
                    Some(Some(Ok(s))) if !s.is_empty() => Some(s.to_string()),
                    Some(Some(Err(_))) => {
                        return Ok(Some((Raw { line, body: Body::Bad(None, "invalid UTF-8".into()) }, n)));
                    }
                    _ => None,
                };
                let body = match field(*text) {
                    None => Body::Bad(id_value, "the text column is missing in this row".into()),
                    Some(Err(_)) => Body::Bad(id_value, "invalid UTF-8".into()),
                    Some(Ok(t)) => {
                        let mut kept = None;
                        if !keep.is_empty() {
                            let mut m = Map::new();
                            for (i, name) in keep.iter() {
                                let v = match field(*i) {
                                    Some(Ok(s)) => Value::String(s.to_string()),
                                    Some(Err(_)) => {
                                        return Ok(Some((
                                            Raw { line, body: Body::Bad(id_value, "invalid UTF-8".into()) },
                                            n,
                                        )));
                                    }
                                    None => Value::Null,
                                };
                                m.insert(name.clone(), v);
                            }
                            kept = Some(m);
                        }
                        Body::Ready(Post { id: id_value, text: t.to_string(), fields: kept })
                    }
                };
                Ok(Some((Raw { line, body }, n)))
            }
        }
    }
}

fn csv_fail(name: &str, line: u64, e: &csv::Error) -> Fail {
    match e.kind() {
        csv::ErrorKind::Io(io) => Fail(1, format!("reading {name}: {}", crate::io_reason(io))),
        _ => Fail(2, format!("{name}:{line}: malformed CSV")),
    }
}
