//! Fuzzes `lh_argon2_hash` through the C ABI; the properties are in src/checks.rs.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| argon2rs_fuzz::checks::hash(data));
