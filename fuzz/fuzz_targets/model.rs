//! Arbitrary bytes as a model file; the checks are `checks::model`
//! (`fuzz/checks.rs`): an error or a model that analyses without
//! panicking. Most inputs are wrapped as a payload with a valid header and
//! checksum, so the fuzzer reaches the payload parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::model(data));
