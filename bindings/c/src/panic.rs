//! The panic boundary around every exported function (after
//! rustls-ffi's `librustls/src/panic.rs`).
//!
//! A panic must never unwind into C: it would abort the host process (Rust
//! 1.81+) or be undefined behaviour (before). Every entry point wraps its
//! body in [`ffi_panic_boundary!`], which catches the panic and returns a
//! value the caller can recognise: [`signaal_status::Panic`] for functions
//! returning a status, NULL for pointers, an empty view for views, nothing
//! for `void`.

use std::ptr::{null, null_mut};

use crate::error::signaal_status;
use crate::types::{signaal_entity_slice, signaal_str};

/// The value an entry point returns when its body panicked.
pub(crate) trait PanicOrDefault {
    fn value() -> Self;
}

impl PanicOrDefault for signaal_status {
    fn value() -> Self {
        signaal_status::Panic
    }
}

impl PanicOrDefault for () {
    fn value() -> Self {}
}

impl PanicOrDefault for usize {
    fn value() -> Self {
        0
    }
}

impl<T> PanicOrDefault for *const T {
    fn value() -> Self {
        null()
    }
}

impl<T> PanicOrDefault for *mut T {
    fn value() -> Self {
        null_mut()
    }
}

impl PanicOrDefault for signaal_str {
    fn value() -> Self {
        signaal_str::EMPTY
    }
}

impl PanicOrDefault for signaal_entity_slice {
    fn value() -> Self {
        signaal_entity_slice::EMPTY
    }
}

/// Run the body, catching any panic.
///
/// `ffi_panic_boundary! { body }` returns [`PanicOrDefault::value`] on a
/// panic. `ffi_panic_boundary! { err = e; body }` also records the panic in
/// the caller's optional error object `e` (a `*mut signaal_error`) and
/// returns [`signaal_status::Panic`].
///
/// The body runs in a closure: `return` inside it returns from the entry
/// point with that value.
macro_rules! ffi_panic_boundary {
    (err = $err:expr; $($body:tt)*) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(ret) => ret,
            Err(_) => {
                return $crate::error::Failure::panic().record($err);
            }
        }
    };
    ($($body:tt)*) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(ret) => ret,
            Err(_) => return $crate::panic::PanicOrDefault::value(),
        }
    };
}

pub(crate) use ffi_panic_boundary;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{signaal_error, signaal_error_free, signaal_error_message, signaal_error_new};

    fn panics_with_status(err: *mut signaal_error, panic: bool) -> signaal_status {
        ffi_panic_boundary! { err = err;
            if panic {
                panic!("a bug");
            }
            signaal_status::Ok
        }
    }

    fn panics_with_pointer() -> *const u8 {
        ffi_panic_boundary! {
            panic!("a bug")
        }
    }

    fn panics_with_view() -> signaal_str {
        ffi_panic_boundary! {
            panic!("a bug")
        }
    }

    #[test]
    fn panics_become_values() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let err = signaal_error_new();
        assert_eq!(panics_with_status(err, false), signaal_status::Ok);
        assert_eq!(panics_with_status(err, true), signaal_status::Panic);
        let msg = unsafe { std::ffi::CStr::from_ptr(signaal_error_message(err)) };
        assert!(msg.to_str().unwrap().contains("panic"));
        unsafe { signaal_error_free(err) };
        assert_eq!(panics_with_status(null_mut(), true), signaal_status::Panic);
        assert!(panics_with_pointer().is_null());
        assert_eq!(panics_with_view().len, 0);
        std::panic::set_hook(prev);
    }
}
