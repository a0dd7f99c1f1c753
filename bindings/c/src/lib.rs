//! The C ABI of signaal: `libsignaal.so`/`libsignaal.a` and
//! `include/signaal.h` (generated from this crate by cbindgen).
//!
//! This crate only translates between C and the core crate; see
//! `docs/c-api.md` for the conventions (errors, ownership, strings,
//! threads, panics, versioning). In short:
//! - every fallible function returns a [`signaal_status`] and writes its
//!   out parameter only on success; details go to an optional
//!   caller-owned [`signaal_error`];
//! - texts come in as pointer + length and are checked as UTF-8;
//! - results are opaque handles that own the views (`{data, len}`,
//!   NUL-terminated) they hand out, until they are freed;
//! - every entry point is wrapped in `ffi_panic_boundary!`, so a panic
//!   becomes `SIGNAAL_STATUS_PANIC` (or NULL) instead of unwinding into C.

#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]

mod analyzer;
mod error;
mod ffi;
mod panic;
mod types;

pub use analyzer::*;
pub use error::{
    signaal_error, signaal_error_free, signaal_error_message, signaal_error_new, signaal_error_status, signaal_status,
    signaal_status_str,
};
pub use types::*;

use std::ffi::c_char;

use crate::panic::ffi_panic_boundary;

/// Major version of this header and library (checked against Cargo.toml by
/// a test).
pub const SIGNAAL_VERSION_MAJOR: u32 = 0;
/// Minor version.
pub const SIGNAAL_VERSION_MINOR: u32 = 1;
/// Patch version.
pub const SIGNAAL_VERSION_PATCH: u32 = 0;

const VERSION: &std::ffi::CStr =
    match std::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the version has no NUL byte"),
    };

/// `signaal_core::MODEL_VERSION` as a C string; a test checks they agree.
const BUILTIN_MODEL_VERSION: &std::ffi::CStr = c"2026.11.1";

/// The version of the library, `"MAJOR.MINOR.PATCH"` (e.g. `"0.1.0"`).
/// Compare it with the `SIGNAAL_VERSION_*` defines of the header you
/// compiled against to detect a mismatched shared library at run time.
///
/// # Safety
/// Always safe to call. The string is static: never free it.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_version() -> *const c_char {
    ffi_panic_boundary! {
        VERSION.as_ptr()
    }
}

/// The version of the model built into the library (e.g. `"2026.11.1"`),
/// used when the configuration names no model file.
///
/// # Safety
/// Always safe to call. The string is static: never free it.
///
/// Thread safety: safe to call from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn signaal_builtin_model_version() -> *const c_char {
    ffi_panic_boundary! {
        BUILTIN_MODEL_VERSION.as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_agree() {
        assert_eq!(SIGNAAL_VERSION_MAJOR.to_string(), env!("CARGO_PKG_VERSION_MAJOR"));
        assert_eq!(SIGNAAL_VERSION_MINOR.to_string(), env!("CARGO_PKG_VERSION_MINOR"));
        assert_eq!(SIGNAAL_VERSION_PATCH.to_string(), env!("CARGO_PKG_VERSION_PATCH"));
        assert_eq!(VERSION.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        assert_eq!(BUILTIN_MODEL_VERSION.to_str().unwrap(), signaal_core::MODEL_VERSION);
    }
}
