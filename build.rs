//! Gives the shared library its SONAME, `libargon2rs.so.<major>`, so that
//! applications bind to an ABI version rather than to a file.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" || target_os == "freebsd" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libargon2rs.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
