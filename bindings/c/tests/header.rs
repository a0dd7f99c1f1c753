//! The checked-in header's `SIGNAAL_VERSION_*` defines match Cargo.toml,
//! and `signaal_version()` reports the same version.

use std::ffi::CStr;

fn header() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../include/signaal.h");
    std::fs::read_to_string(path).expect("include/signaal.h is checked in")
}

fn define(header: &str, name: &str) -> String {
    let prefix = format!("#define {name} ");
    let line = header.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("{name} is not defined"));
    line[prefix.len()..].trim().to_owned()
}

#[test]
fn version_defines_match_cargo_toml() {
    let h = header();
    assert_eq!(define(&h, "SIGNAAL_VERSION_MAJOR"), env!("CARGO_PKG_VERSION_MAJOR"));
    assert_eq!(define(&h, "SIGNAAL_VERSION_MINOR"), env!("CARGO_PKG_VERSION_MINOR"));
    assert_eq!(define(&h, "SIGNAAL_VERSION_PATCH"), env!("CARGO_PKG_VERSION_PATCH"));
}

#[test]
fn version_function_matches_cargo_toml() {
    let v = unsafe { CStr::from_ptr(signaal::signaal_version()) };
    assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    let m = unsafe { CStr::from_ptr(signaal::signaal_builtin_model_version()) };
    assert_eq!(m.to_str().unwrap(), signaal_core::MODEL_VERSION);
}

#[test]
fn header_has_an_include_guard_and_cpp_guards() {
    let h = header();
    assert!(h.contains("#ifndef SIGNAAL_H") && h.contains("#define SIGNAAL_H"));
    assert!(h.contains("extern \"C\""));
    assert!(h.contains("do not edit by hand"));
}
