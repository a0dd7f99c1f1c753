//! Casting between opaque C handles and the Rust values behind them
//! (after rustls-ffi's `librustls/src/ffi.rs`, reduced to what we use:
//! every handle here is a `Box`).

use crate::error::Failure;

/// Ties an opaque C type (`signaal_analyzer`) to the Rust value its
/// pointers point at. A `*mut C` handed to C is a `Box<C::RustType>`
/// turned into a raw pointer, or a pointer into memory owned by another
/// handle (batch items).
pub(crate) trait Castable {
    type RustType;
}

/// Box a value and hand the pointer to C.
pub(crate) fn to_box_ptr<C: Castable>(value: C::RustType) -> *mut C {
    Box::into_raw(Box::new(value)).cast()
}

/// A pointer to a value owned elsewhere, as the C type.
pub(crate) fn to_const_ptr<C: Castable>(value: &C::RustType) -> *const C {
    (value as *const C::RustType).cast()
}

/// The value behind a const handle; `None` for NULL.
///
/// # Safety
/// `ptr` is NULL or points at a live `C::RustType` that is not being
/// mutated, for at least `'a`.
pub(crate) unsafe fn try_ref<'a, C: Castable>(ptr: *const C) -> Option<&'a C::RustType> {
    // SAFETY: per the contract.
    unsafe { ptr.cast::<C::RustType>().as_ref() }
}

/// The value behind a mutable handle; `None` for NULL.
///
/// # Safety
/// `ptr` is NULL or points at a live `C::RustType` that nothing else uses
/// for at least `'a`.
pub(crate) unsafe fn try_mut<'a, C: Castable>(ptr: *mut C) -> Option<&'a mut C::RustType> {
    // SAFETY: per the contract.
    unsafe { ptr.cast::<C::RustType>().as_mut() }
}

/// Drop the box behind a handle; NULL does nothing.
///
/// # Safety
/// `ptr` is NULL or came from [`to_box_ptr`] and was not freed before.
pub(crate) unsafe fn free_box<C: Castable>(ptr: *mut C) {
    if !ptr.is_null() {
        // SAFETY: per the contract, a Box we leaked with to_box_ptr.
        drop(unsafe { Box::from_raw(ptr.cast::<C::RustType>()) });
    }
}

/// The handle behind `ptr`, or a `NULL_PARAMETER` failure naming the argument.
macro_rules! try_ref_from_ptr {
    ($ptr:ident) => {
        // SAFETY: every entry point's contract makes its handles NULL or live.
        match unsafe { $crate::ffi::try_ref($ptr) } {
            Some(v) => v,
            None => return Err($crate::error::Failure::null(stringify!($ptr))),
        }
    };
}

pub(crate) use try_ref_from_ptr;

/// Check an out pointer before any work: a `NULL_PARAMETER` failure naming it.
pub(crate) fn check_out<T>(ptr: *mut T, name: &str) -> Result<(), Failure> {
    if ptr.is_null() { Err(Failure::null(name)) } else { Ok(()) }
}

/// A byte range given as pointer + length, as a slice.
///
/// # Safety
/// `ptr` is NULL or valid for reads of `len` elements for `'a`.
pub(crate) unsafe fn try_slice<'a, T>(ptr: *const T, len: usize, name: &str) -> Result<&'a [T], Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    if len > isize::MAX as usize / size_of::<T>().max(1) {
        return Err(Failure::new(
            crate::error::signaal_status::InvalidInput,
            format!("length of `{name}` is larger than PTRDIFF_MAX"),
        ));
    }
    // SAFETY: non-NULL, size checked, readable per the contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A text given as pointer + length, checked as UTF-8. The message gives
/// the offset of the first bad byte, never the bytes.
///
/// # Safety
/// As [`try_slice`].
pub(crate) unsafe fn try_str<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: per the contract.
    let bytes = unsafe { try_slice(ptr, len, name) }?;
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            crate::error::signaal_status::InvalidUtf8,
            format!("`{name}` is not valid UTF-8 (bad byte at offset {})", e.valid_up_to()),
        )
    })
}

/// Write a successful result to its out pointer, or record the failure.
///
/// # Safety
/// `out` was checked non-NULL by [`check_out`] when `result` is `Ok`, and
/// `err` is NULL or a live error object.
pub(crate) unsafe fn finish<T>(
    result: Result<T, Failure>,
    out: *mut T,
    err: *mut crate::error::signaal_error,
) -> crate::error::signaal_status {
    match result {
        Ok(value) => {
            // SAFETY: out is non-NULL (checked first) and writable per the contract.
            unsafe { out.write(value) };
            crate::error::signaal_status::Ok
        }
        Err(f) => f.record(err),
    }
}
