//! The one error type of the crate.
//!
//! Messages never contain the text of a post, a pseudonym key or any other
//! input value: only what kind of thing went wrong and where (a line number,
//! a byte offset, a field name).

use std::fmt;

/// What kind of failure an [`Error`] is. New kinds may be added in minor
/// releases, so match with a wildcard arm.
///
/// Each kind maps to exactly one C status code and one Python exception.
///
/// # Example
/// ```
/// let err = signaal::Model::from_bytes(b"nope").unwrap_err();
/// match err.kind() {
///     signaal::ErrorKind::InvalidModel => {}
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A configuration value or option combination was rejected.
    InvalidConfig,
    /// A model file is truncated, corrupted, of an unknown version or not a model.
    InvalidModel,
    /// Input data (a post or a training record) could not be used.
    InvalidInput,
    /// Reading or writing a file failed.
    Io,
}

impl ErrorKind {
    /// A short stable name for the kind (`"invalid_model"`, …).
    ///
    /// # Example
    /// ```
    /// assert_eq!(signaal::ErrorKind::Io.as_str(), "io");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidConfig => "invalid_config",
            ErrorKind::InvalidModel => "invalid_model",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Io => "io",
        }
    }
}

/// The error of every fallible signaal call: an opaque value with a
/// [`kind`](Error::kind) to match on and a message for people.
///
/// # Example
/// ```
/// use signaal::{Analyzer, ErrorKind};
/// let err = Analyzer::builder().model_bytes(b"not a model".to_vec()).build().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidModel);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into() }
    }
    pub(crate) fn model(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidModel, message)
    }
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidConfig, message)
    }
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }
    pub(crate) fn io(context: &str, err: &std::io::Error) -> Self {
        // io::Error messages name the OS error only, never file contents.
        Error::new(ErrorKind::Io, format!("{context}: {err}"))
    }

    /// The message, without the kind.
    ///
    /// # Example
    /// ```
    /// let err = signaal::Model::from_bytes(b"").unwrap_err();
    /// assert!(err.message().contains("not a signaal model"));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The kind of failure.
    ///
    /// # Example
    /// ```
    /// use signaal::{ErrorKind, read_records};
    /// let err = read_records("{\"text\": 3}\n".as_bytes()).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str().replace('_', " "), self.message)
    }
}
