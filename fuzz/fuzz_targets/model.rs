//! Arbitrary bytes as a model file: `Model::from_bytes` returns an error or a
//! model that analyses without panicking. Inputs starting with an odd byte
//! are wrapped as a payload with a valid header and checksum, so the fuzzer
//! reaches the payload parser instead of stopping at the checksum.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fuzz_target!(|data: &[u8]| {
    let file = match data.first() {
        Some(b) if b % 2 == 1 => {
            let payload = &data[1..];
            let mut f = b"SGNLMDL\0".to_vec();
            f.extend_from_slice(&1u32.to_le_bytes());
            f.extend_from_slice(&(payload.len() as u64).to_le_bytes());
            f.extend_from_slice(payload);
            f.extend_from_slice(&fnv1a(payload).to_le_bytes());
            f
        }
        _ => data.to_vec(),
    };
    if let Ok(model) = signaal::Model::from_bytes(&file) {
        let analyzer = signaal::Analyzer::builder().model(model).build().unwrap();
        let a = analyzer.analyze("Ik weet waar je woont, de politie doet niks #schande");
        for l in signaal::Label::ALL {
            assert!((0.0..=1.0).contains(&a.scores.get(l)));
        }
    }
});
