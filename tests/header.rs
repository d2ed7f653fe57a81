//! The checked-in header must be exactly what cbindgen generates from the sources.

use std::path::Path;

#[test]
fn checked_in_header_is_what_cbindgen_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header")
        .write(&mut generated);
    let path = root.join("include/argon2rs.h");
    if std::env::var_os("LH_ARGON2_REGENERATE_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("write include/argon2rs.h");
    }
    let checked_in = std::fs::read(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "include/argon2rs.h is stale: run `LH_ARGON2_REGENERATE_HEADER=1 cargo test --test header` and commit it"
    );
}
