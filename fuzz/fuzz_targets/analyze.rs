//! Arbitrary bytes (lossy UTF-8) through `Analyzer::analyze`: see `checks::analyze`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::analyze(data));
