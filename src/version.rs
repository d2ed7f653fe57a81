//! The library version: Cargo.toml is the one source; a test checks these agree with it.

use std::ffi::CStr;

/// Major version of the library (the SONAME is `libargon2rs.so.<major>`).
pub const LH_ARGON2_LIB_VERSION_MAJOR: u32 = 0;
/// Minor version of the library.
pub const LH_ARGON2_LIB_VERSION_MINOR: u32 = 1;
/// Patch version of the library.
pub const LH_ARGON2_LIB_VERSION_PATCH: u32 = 0;

/// `CARGO_PKG_VERSION` as a C string, for `lh_argon2_version`.
pub const VERSION_CSTR: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(version) => version,
    Err(_) => panic!("the package version contains a NUL"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_version_macros_agree_with_cargo_toml() {
        let parts: Vec<u32> = env!("CARGO_PKG_VERSION").split(['.', '-']).take(3).map(|p| p.parse().unwrap()).collect();
        assert_eq!(parts, [LH_ARGON2_LIB_VERSION_MAJOR, LH_ARGON2_LIB_VERSION_MINOR, LH_ARGON2_LIB_VERSION_PATCH]);
        assert_eq!(VERSION_CSTR.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
