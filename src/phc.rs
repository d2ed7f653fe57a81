//! The Argon2 PHC string: strict parsing and canonical encoding, in safe Rust.
//!
//! Grammar (as the reference implementation reads it, plus the PHC `data=` field):
//! `$<argon2d|argon2i|argon2id>[$v=<16|19>]$m=<dec>,t=<dec>,p=<dec>[,data=<b64>]$<salt b64>$<tag b64>`
//! A missing `v=` means version 0x10. Decimals have no sign and no leading zeros;
//! Base64 is the standard alphabet, unpadded and canonical.

use base64ct::{Base64Unpadded, Encoding};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::fallible;
use crate::params::LH_ARGON2_AD_MAX;
use crate::types::{Algorithm, HashParams, Params, Version};

/// Bytes an encoded hash may occupy, including its terminating NUL: the bounded scan
/// of every `const char *encoded` argument stops here.
pub const LH_ARGON2_ENCODED_MAX: usize = 4096;

/// A parsed PHC string. The tag is the stored secret-derived value, so it is wiped.
pub struct Decoded {
    /// Parameters; `salt_len` and `hash_len` are the decoded lengths.
    pub params: HashParams,
    /// The salt bytes.
    pub salt: Vec<u8>,
    /// The expected tag.
    pub tag: Zeroizing<Vec<u8>>,
    /// Associated data carried in a `data=` field, if any.
    pub data: Option<Vec<u8>>,
}

/// Parses and validates an encoded hash (without its NUL).
pub fn parse(encoded: &[u8]) -> Result<Decoded> {
    let text = std::str::from_utf8(encoded).map_err(|_| Error::MalformedHash)?;
    let rest = text.strip_prefix('$').ok_or(Error::MalformedHash)?;
    let mut fields = rest.split('$');

    let algorithm = match fields.next() {
        Some("") | None => return Err(Error::MalformedHash),
        Some(name) => Algorithm::from_name(name).ok_or(Error::UnsupportedAlgorithm)?,
    };

    let mut field = fields.next().ok_or(Error::MalformedHash)?;
    let version = match field.strip_prefix("v=") {
        Some(digits) => {
            let version = decimal(digits)?;
            field = fields.next().ok_or(Error::MalformedHash)?;
            version
        }
        // Checked with the other parameters, after the Base64 fields (as before).
        None => Version::V10.number(),
    };

    let (m_cost, t_cost, parallelism, data) = cost_parameters(field)?;
    let salt_b64 = fields.next().ok_or(Error::MalformedHash)?;
    let tag_b64 = fields.next().ok_or(Error::MalformedHash)?;
    if fields.next().is_some() {
        return Err(Error::MalformedHash);
    }

    let salt = std::mem::take(&mut *base64(salt_b64)?);
    let tag = base64(tag_b64)?;
    // Longer fields than u32 cannot fit within LH_ARGON2_ENCODED_MAX; saturate anyway.
    let hash_len = u32::try_from(tag.len()).unwrap_or(u32::MAX);
    let salt_len = u32::try_from(salt.len()).unwrap_or(u32::MAX);
    let params = Params::new(algorithm.number(), version, m_cost, t_cost, parallelism, hash_len)?;
    let params = HashParams::new(params, salt_len)?;
    Ok(Decoded { params, salt, tag, data })
}

type CostParameters = (u32, u32, u32, Option<Vec<u8>>);

/// `m=<dec>,t=<dec>,p=<dec>` with an optional `,data=<b64>` (`keyid=` is refused).
fn cost_parameters(field: &str) -> Result<CostParameters> {
    let mut pairs = field.split(',');
    let mut next_value = |name: &str| -> Result<u32> {
        let pair = pairs.next().ok_or(Error::MalformedHash)?;
        let value = pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')).ok_or(Error::MalformedHash)?;
        decimal(value)
    };
    let m_cost = next_value("m")?;
    let t_cost = next_value("t")?;
    let parallelism = next_value("p")?;

    let mut data = None;
    for pair in pairs {
        if pair.starts_with("keyid=") && data.is_none() {
            return Err(Error::UnsupportedKeyid);
        }
        match pair.strip_prefix("data=") {
            Some(value) if data.is_none() => {
                let bytes = std::mem::take(&mut *base64(value)?);
                if bytes.len() as u64 > LH_ARGON2_AD_MAX {
                    return Err(Error::AdTooLong);
                }
                data = Some(bytes);
            }
            _ => return Err(Error::MalformedHash),
        }
    }
    Ok((m_cost, t_cost, parallelism, data))
}

/// An unsigned decimal without sign or leading zeros that fits in 32 bits.
fn decimal(digits: &str) -> Result<u32> {
    let canonical =
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
    if !canonical {
        return Err(Error::MalformedHash);
    }
    digits.parse().map_err(|_| Error::MalformedHash)
}

/// Decodes into a buffer allocated fallibly (`decode_vec` would abort when the
/// allocator fails) and wiped on drop: the field may be a tag.
fn base64(field: &str) -> Result<Zeroizing<Vec<u8>>> {
    // Four characters carry three bytes; a partial group carries at most two.
    let mut bytes = fallible::zeroed_bytes(field.len() / 4 * 3 + 2)?;
    let len = Base64Unpadded::decode(field, &mut bytes).map_err(|_| Error::InvalidBase64)?.len();
    bytes.truncate(len);
    Ok(bytes)
}

/// Base64 characters for the longest salt or tag (`LH_ARGON2_SALT_LEN_MAX`,
/// `LH_ARGON2_HASH_LEN_MAX`: 1024 bytes).
const BASE64_FIELD_MAX: usize = 1366;

/// A stack buffer for one Base64 field; only the bytes used are wiped on drop (wiping
/// all 1366 with volatile stores would cost more than the rest of an 8 KiB hash's
/// encoding).
struct Base64Scratch {
    bytes: [u8; BASE64_FIELD_MAX],
    used: usize,
}

impl Base64Scratch {
    /// `data` as Base64 in this buffer.
    fn encode(&mut self, data: &[u8]) -> Result<&str> {
        let len = Base64Unpadded::encoded_len(data).min(BASE64_FIELD_MAX);
        self.used = self.used.max(len);
        Base64Unpadded::encode(data, &mut self.bytes[..len]).map_err(|_| Error::Internal)
    }
}

impl Drop for Base64Scratch {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.bytes[..self.used].zeroize();
    }
}

/// The canonical encoding (always with `v=`), without NUL. `params` must be valid and
/// describe `salt` and `tag`; `Error::OutOfMemory` if the string cannot be
/// allocated.
pub fn encode(hash: &HashParams, salt: &[u8], tag: &[u8]) -> Result<Zeroizing<String>> {
    use std::fmt::Write;
    // Built in place at its final size, reserved fallibly up front, so writing never
    // reallocates: a growing `format!` would abort when the allocator fails and free
    // partial copies of the tag (as Base64) without wiping them.
    let params = hash.params();
    let mut out = fallible::string_with_capacity(encoded_len(hash))?;
    let mut base64 = Base64Scratch { bytes: [0u8; BASE64_FIELD_MAX], used: 0 };
    // Writing to a String with room cannot fail.
    let _ = write!(
        out,
        "${}$v={}$m={},t={},p={}$",
        params.algorithm().name(),
        params.version().number(),
        params.m_cost(),
        params.t_cost(),
        params.parallelism(),
    );
    // Salt and tag of valid parameters fit the buffer; anything else is a caller's bug.
    out.push_str(base64.encode(salt)?);
    out.push('$');
    out.push_str(base64.encode(tag)?);
    debug_assert!(out.len() < encoded_len(hash) + 1 && out.capacity() >= out.len());
    Ok(out)
}

/// Bytes `encode` produces for valid `params`, plus one for the NUL.
pub fn encoded_len(hash: &HashParams) -> usize {
    fn digits(mut n: u32) -> usize {
        let mut count = 1;
        while n >= 10 {
            n /= 10;
            count += 1;
        }
        count
    }
    fn base64_len(bytes: u32) -> usize {
        let bytes = bytes as usize;
        bytes / 3 * 4 + [0, 2, 3][bytes % 3]
    }
    let params = hash.params();
    1 + params.algorithm().name().len()
        + "$v=".len()
        + digits(params.version().number())
        + "$m=".len()
        + digits(params.m_cost())
        + ",t=".len()
        + digits(params.t_cost())
        + ",p=".len()
        + digits(params.parallelism())
        + 1
        + base64_len(hash.salt_len())
        + 1
        + base64_len(params.hash_len())
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{LH_ARGON2_HASH_LEN_MAX, LH_ARGON2_SALT_LEN_MAX};

    const SAMPLE: &str = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    #[test]
    fn canonical_string_round_trips() {
        let decoded = parse(SAMPLE.as_bytes()).unwrap();
        assert_eq!(decoded.params.params().m_cost(), 256);
        assert_eq!(decoded.params.params().hash_len(), 32);
        assert_eq!(decoded.params.salt_len(), 8);
        let again = encode(&decoded.params, &decoded.salt, &decoded.tag).unwrap();
        assert_eq!(again.as_str(), SAMPLE);
        assert_eq!(encoded_len(&decoded.params), SAMPLE.len() + 1);
    }

    #[test]
    fn missing_version_is_v10() {
        let s = "$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        assert_eq!(parse(s.as_bytes()).unwrap().params.params().version(), Version::V10);
    }

    #[test]
    fn each_defect_gets_its_specific_status() {
        let cases: &[(&str, Error)] = &[
            ("", Error::MalformedHash),
            ("$", Error::MalformedHash),
            ("$argon2x$v=19$m=256,t=2,p=1$c29tZXNhbHQ$AAAAAA", Error::UnsupportedAlgorithm),
            ("$argon2id$v=20$m=256,t=2,p=1$c29tZXNhbHQ$AAAAAA", Error::UnsupportedVersion),
            ("$argon2id$v=019$m=256,t=2,p=1$c29tZXNhbHQ$AAAAAA", Error::MalformedHash),
            ("$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$AAAAAA", Error::MalformedHash),
            ("$argon2id$v=19$m=256,t=2$c29tZXNhbHQ$AAAAAA", Error::MalformedHash),
            ("$argon2id$v=19$m=256,t=2,p=1,p=1$c29tZXNhbHQ$AAAAAA", Error::MalformedHash),
            ("$argon2id$v=19$m=256,t=2,p=+1$c29tZXNhbHQ$AAAAAA", Error::MalformedHash),
            ("$argon2id$v=19$m=4294967296,t=2,p=1$c29tZXNhbHQ$AAAAAA", Error::MalformedHash),
            ("$argon2id$v=19$m=256,t=2,p=1,keyid=AAAA$c29tZXNhbHQ$AAAAAA", Error::UnsupportedKeyid),
            ("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$AAAAAA=", Error::InvalidBase64),
            ("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHR$AAAAAA", Error::InvalidBase64),
            ("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$AAAAAA$", Error::MalformedHash),
            ("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$", Error::HashLenTooShort),
            ("$argon2id$v=19$m=256,t=2,p=1$$AAAAAA", Error::SaltTooShort),
            ("$argon2id$v=19$m=0,t=2,p=1$c29tZXNhbHQ$AAAAAA", Error::MCostTooSmall),
            ("$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$AAAAAA", Error::TCostTooSmall),
            ("$argon2id$v=19$m=256,t=1,p=0$c29tZXNhbHQ$AAAAAA", Error::ParallelismTooSmall),
        ];
        for (input, status) in cases {
            assert_eq!(parse(input.as_bytes()).err(), Some(*status), "{input:?}");
        }
    }

    #[test]
    fn data_field_is_read_as_associated_data() {
        let s = "$argon2d$v=16$m=32,t=2,p=3,data=Dw8PDw8P$AAAAAAAAAAA$KnH4gniiaFnDvlA1xev3yovC4cnrrI6tnHOYtmja90o";
        assert_eq!(parse(s.as_bytes()).unwrap().data, Some(vec![0x0f; 6]));
    }

    #[test]
    fn longest_encoding_fits_encoded_max() {
        let params = HashParams::new(
            Params::new(
                Algorithm::Id.number(),
                Version::V13.number(),
                u32::MAX,
                u32::MAX,
                crate::params::LH_ARGON2_PARALLELISM_MAX,
                LH_ARGON2_HASH_LEN_MAX,
            )
            .unwrap(),
            LH_ARGON2_SALT_LEN_MAX,
        )
        .unwrap();
        let salt = vec![7u8; params.salt_len() as usize];
        let tag = vec![9u8; params.params().hash_len() as usize];
        let encoded = encode(&params, &salt, &tag).unwrap();
        assert_eq!(encoded.len() + 1, encoded_len(&params));
        assert!(encoded_len(&params) <= LH_ARGON2_ENCODED_MAX);
    }
}
