//! Gives the shared library its SONAME, `libargon2rs.so.<major>`, so that
//! applications bind to an ABI version rather than to a file.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" || target_os == "freebsd" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libargon2rs.so.{major}");
    }
    // The AVX-512 intrinsics are stable from Rust 1.89; older compilers (rust-version
    // is lower) build without that kernel and use AVX2.
    println!("cargo::rustc-check-cfg=cfg(argon2rs_avx512)");
    if rustc_minor().is_some_and(|minor| minor >= 89) {
        println!("cargo:rustc-cfg=argon2rs_avx512");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// The minor version of the compiler cargo uses (`rustc 1.MINOR.PATCH ...`).
fn rustc_minor() -> Option<u32> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = std::process::Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    text.split_whitespace().nth(1)?.split('.').nth(1)?.parse().ok()
}
