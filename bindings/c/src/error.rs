//! Status codes and the optional, caller-owned error object (after
//! rustls-ffi's `rustls_result` and regex-capi's `rure_error`).

use std::ffi::{CString, c_char, c_int};

use signaal_core::{Error, ErrorKind};

use crate::ffi::{Castable, free_box, to_box_ptr, try_mut, try_ref};
use crate::panic::ffi_panic_boundary;

/// The result of every fallible signaal function.
///
/// Values are explicit and never reused: a retired status keeps its number
/// (as a comment here) and new statuses get new numbers. `SIGNAAL_STATUS_OK`
/// is 0, so `if (status) { … }` tests for failure.
///
/// Each error kind of the Rust library maps to exactly one status:
/// `InvalidConfig`, `InvalidModel`, `InvalidInput` and `Io`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum signaal_status {
    /// Success. Out parameters have been written.
    Ok = 0,
    /// A pointer argument that must not be NULL was NULL.
    NullParameter = 1,
    /// A text (or the configuration) is not valid UTF-8.
    InvalidUtf8 = 2,
    /// The configuration was rejected: not JSON, an unknown field, a value
    /// out of range, pseudonym mode without a key, a key that is too short.
    InvalidConfig = 3,
    /// A model file is truncated, corrupted, of an unknown version or not a
    /// model at all.
    InvalidModel = 4,
    /// An input could not be used (e.g. a length larger than `PTRDIFF_MAX`).
    InvalidInput = 5,
    /// Reading a file (the model named in the configuration) failed.
    Io = 6,
    /// signaal panicked: a bug. Please report it. The handles involved stay
    /// valid and must still be freed.
    Panic = 7,
    /// An error of a kind this version of the C ABI does not know (the Rust
    /// library added one). Never returned by a consistent build.
    Unknown = 8,
}

impl signaal_status {
    fn as_cstr(self) -> &'static [u8] {
        match self {
            signaal_status::Ok => b"ok\0",
            signaal_status::NullParameter => b"a required pointer argument was NULL\0",
            signaal_status::InvalidUtf8 => b"text is not valid UTF-8\0",
            signaal_status::InvalidConfig => b"invalid configuration\0",
            signaal_status::InvalidModel => b"invalid model file\0",
            signaal_status::InvalidInput => b"invalid input\0",
            signaal_status::Io => b"I/O error\0",
            signaal_status::Panic => b"internal error (panic) in signaal\0",
            signaal_status::Unknown => b"unknown error\0",
        }
    }

    fn from_int(status: c_int) -> Option<signaal_status> {
        const ALL: [signaal_status; 9] = [
            signaal_status::Ok,
            signaal_status::NullParameter,
            signaal_status::InvalidUtf8,
            signaal_status::InvalidConfig,
            signaal_status::InvalidModel,
            signaal_status::InvalidInput,
            signaal_status::Io,
            signaal_status::Panic,
            signaal_status::Unknown,
        ];
        ALL.into_iter().find(|s| *s as c_int == status)
    }
}

impl From<ErrorKind> for signaal_status {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidConfig => signaal_status::InvalidConfig,
            ErrorKind::InvalidModel => signaal_status::InvalidModel,
            ErrorKind::InvalidInput => signaal_status::InvalidInput,
            ErrorKind::Io => signaal_status::Io,
            _ => signaal_status::Unknown,
        }
    }
}

/// A short, static, NUL-terminated English description of a status
/// (`"invalid configuration"`). An unknown value gives
/// `"unrecognised status"`.
///
/// # Safety
/// Always safe to call. The returned string is static: never free it.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_status_str(status: c_int) -> *const c_char {
    ffi_panic_boundary! {
        match signaal_status::from_int(status) {
            Some(s) => s.as_cstr().as_ptr().cast(),
            None => c"unrecognised status".as_ptr(),
        }
    }
}

/// A detailed error message from a failed call.
///
/// Create one with `signaal_error_new()`, pass it as the last argument of
/// fallible calls (or pass NULL when the status is enough) and free it with
/// `signaal_error_free()`. A call that fails overwrites it with its status
/// and message; a call that succeeds leaves it untouched. Messages never
/// contain the text of a post, a configuration value or the pseudonym key:
/// only what went wrong and where (a field name, a line and column, a byte
/// offset, an index into a batch).
///
/// Thread safety: not safe for concurrent use. Give each thread its own
/// error object (they are cheap).
pub struct signaal_error {
    _private: [u8; 0],
}

pub(crate) struct ErrorState {
    status: signaal_status,
    message: CString,
}

impl Castable for signaal_error {
    type RustType = ErrorState;
}

/// A failure on its way to the caller: a status and a message without
/// input text.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: signaal_status,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(status: signaal_status, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into() }
    }

    pub(crate) fn null(argument: &str) -> Failure {
        Failure::new(signaal_status::NullParameter, format!("argument `{argument}` is NULL"))
    }

    pub(crate) fn panic() -> Failure {
        Failure::new(signaal_status::Panic, "signaal panicked (a bug; please report it)")
    }

    /// Write the failure into the caller's error object (if any) and return its status.
    pub(crate) fn record(self, err: *mut signaal_error) -> signaal_status {
        // SAFETY: the caller promises `err` is NULL or from `signaal_error_new`.
        if let Some(state) = unsafe { try_mut(err) } {
            state.status = self.status;
            // Messages never hold NUL bytes; strip them rather than fail.
            state.message = CString::new(self.message.replace('\0', "")).unwrap_or_default();
        }
        self.status
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        // Core messages never contain post text or key material.
        Failure::new(e.kind().into(), e.to_string())
    }
}

/// Create an empty error object (status `SIGNAAL_STATUS_OK`, message `""`).
///
/// Returns NULL only if allocation fails inside a panic boundary.
///
/// # Safety
/// Always safe to call. The caller owns the result and must free it with
/// `signaal_error_free()` exactly once.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_error_new() -> *mut signaal_error {
    ffi_panic_boundary! {
        to_box_ptr::<signaal_error>(ErrorState { status: signaal_status::Ok, message: CString::default() })
    }
}

/// The message of the last failed call that was given this error object,
/// NUL-terminated UTF-8; `""` if none failed yet or `err` is NULL.
///
/// # Safety
/// `err` must be NULL or a live pointer from `signaal_error_new()`. The
/// returned string belongs to `err`: it stays valid until `err` is passed to
/// another call or freed. Never free it.
///
/// Thread safety: not safe while another thread uses the same `err`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_error_message(err: *const signaal_error) -> *const c_char {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_error_new, per the contract.
        match unsafe { try_ref(err) } {
            Some(state) => state.message.as_ptr(),
            None => c"".as_ptr(),
        }
    }
}

/// The status of the last failed call that was given this error object;
/// `SIGNAAL_STATUS_OK` if none failed yet or `err` is NULL.
///
/// # Safety
/// `err` must be NULL or a live pointer from `signaal_error_new()`.
///
/// Thread safety: not safe while another thread uses the same `err`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_error_status(err: *const signaal_error) -> signaal_status {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_error_new, per the contract.
        match unsafe { try_ref(err) } {
            Some(state) => state.status,
            None => signaal_status::Ok,
        }
    }
}

/// Free an error object. `NULL` is a no-op.
///
/// # Safety
/// `err` must be NULL or a pointer from `signaal_error_new()` that has not
/// been freed; call this at most once per object. Strings obtained from
/// `signaal_error_message()` are invalid afterwards.
///
/// Thread safety: no other thread may be using `err`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn signaal_error_free(err: *mut signaal_error) {
    ffi_panic_boundary! {
        // SAFETY: NULL or from signaal_error_new and not yet freed, per the contract.
        unsafe { free_box(err) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_kind_has_its_own_status() {
        let kinds = [ErrorKind::InvalidConfig, ErrorKind::InvalidModel, ErrorKind::InvalidInput, ErrorKind::Io];
        let statuses: Vec<signaal_status> = kinds.iter().map(|k| (*k).into()).collect();
        for (i, s) in statuses.iter().enumerate() {
            assert_ne!(*s, signaal_status::Unknown);
            assert!(!statuses[i + 1..].contains(s), "{s:?} is used twice");
        }
    }

    #[test]
    fn status_strings_are_static_and_distinct() {
        let mut seen = Vec::new();
        for i in 0..9 {
            let s = unsafe { std::ffi::CStr::from_ptr(signaal_status_str(i)) }.to_str().unwrap();
            assert!(!s.is_empty() && !seen.contains(&s));
            seen.push(s);
        }
        let s = unsafe { std::ffi::CStr::from_ptr(signaal_status_str(-1)) };
        assert_eq!(s.to_str().unwrap(), "unrecognised status");
    }
}
