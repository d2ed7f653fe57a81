//! Replays every committed fuzz corpus file (fuzz/corpus/<target>/) through the fuzz
//! targets' property checks, on the stable toolchain: a fixed crash stays fixed.

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus for {target}");
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: corpus file {} fails its check", file.display());
        }
    }
    println!("{target}: {} corpus files replayed", files.len());
}

#[test]
fn verify_corpus() {
    replay("verify", checks::verify);
}

#[test]
fn needs_rehash_corpus() {
    replay("needs_rehash", checks::needs_rehash);
}

#[test]
fn decode_corpus() {
    replay("decode", checks::decode_target);
}

#[test]
fn hash_corpus() {
    replay("hash", checks::hash);
}

#[test]
fn hash_raw_corpus() {
    replay("hash_raw", checks::hash_raw);
}
