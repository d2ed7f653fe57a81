//! The reference library's encoded-hash format, with its rules: `$argon2<t>[$v=<n>]$m=<n>,
//! t=<n>,p=<n>$<salt>$<tag>`, any decimal version (absent means 0x10), no leading zeros, no other field (a `data=` or `keyid=` is a decoding failure), unpadded
//! Base64 whose unused bits are zero.

use base64ct::{Base64Unpadded, Encoding};

use crate::codes::*;

/// The lower-case or capitalised name of an Argon2 type, NUL-terminated; None for another.
pub fn type_name(kind: u32, uppercase: bool) -> Option<&'static [u8]> {
    Some(match (kind, uppercase) {
        (0, false) => b"argon2d\0",
        (0, true) => b"Argon2d\0",
        (1, false) => b"argon2i\0",
        (1, true) => b"Argon2i\0",
        (2, false) => b"argon2id\0",
        (2, true) => b"Argon2id\0",
        _ => return None,
    })
}

/// Characters of the unpadded Base64 of `len` bytes.
pub fn base64_len(len: u64) -> u64 {
    len / 3 * 4
        + match len % 3 {
            2 => 3,
            1 => 2,
            _ => 0,
        }
}

/// Decimal digits of `n`.
pub fn decimal_len(mut n: u32) -> u64 {
    let mut digits = 1;
    while n >= 10 {
        digits += 1;
        n /= 10;
    }
    digits
}

/// Appends the unpadded Base64 of `bytes` within `out`'s reserved capacity (the core's
/// constant-time `base64ct`: the bytes may be a tag).
fn push_base64(out: &mut Vec<u8>, bytes: &[u8]) {
    let start = out.len();
    out.resize(start + Base64Unpadded::encoded_len(bytes), 0);
    // The slice is exactly the encoded length, so encoding cannot fail.
    let _ = Base64Unpadded::encode(bytes, &mut out[start..]);
}

/// The encoded hash, without its NUL, into `out` (cleared first).
pub struct Encoded<'a> {
    pub kind: u32,
    pub version: u32,
    pub m_cost: u32,
    pub t_cost: u32,
    pub lanes: u32,
    pub salt: &'a [u8],
    pub tag: &'a [u8],
}

impl Encoded<'_> {
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), i32> {
        let name = type_name(self.kind, false).ok_or(ARGON2_ENCODING_FAIL)?;
        let needed = 40 + base64_len(self.salt.len() as u64) + base64_len(self.tag.len() as u64);
        out.clear();
        out.try_reserve_exact(needed as usize).map_err(|_| ARGON2_MEMORY_ALLOCATION_ERROR)?;
        out.push(b'$');
        out.extend_from_slice(&name[..name.len() - 1]);
        let numbers = format!("$v={}$m={},t={},p={}$", self.version, self.m_cost, self.t_cost, self.lanes);
        out.extend_from_slice(numbers.as_bytes());
        push_base64(out, self.salt);
        out.push(b'$');
        push_base64(out, self.tag);
        Ok(())
    }
}

/// A decoded hash: what the string gives, and whether anything follows the tag.
pub struct Decoded {
    pub version: u32,
    pub m_cost: u32,
    pub t_cost: u32,
    pub lanes: u32,
    pub salt: zeroize::Zeroizing<Vec<u8>>,
    pub tag: zeroize::Zeroizing<Vec<u8>>,
    /// Characters after the tag: the reference validates the parameters first, then
    /// refuses these with `ARGON2_DECODING_FAIL`.
    pub trailing: bool,
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn literal(&mut self, text: &[u8]) -> Result<(), i32> {
        self.0 = self.0.strip_prefix(text).ok_or(ARGON2_DECODING_FAIL)?;
        Ok(())
    }

    fn decimal(&mut self) -> Result<u32, i32> {
        let digits = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        // No digits, or a leading zero before more digits, is refused (as "0" alone is not).
        if digits == 0 || (digits > 1 && self.0[0] == b'0') {
            return Err(ARGON2_DECODING_FAIL);
        }
        let mut value: u64 = 0;
        for &b in &self.0[..digits] {
            value =
                value.checked_mul(10).and_then(|v| v.checked_add(u64::from(b - b'0'))).ok_or(ARGON2_DECODING_FAIL)?;
        }
        self.0 = &self.0[digits..];
        u32::try_from(value).map_err(|_| ARGON2_DECODING_FAIL)
    }

    /// The Base64 field up to the first character outside the alphabet, decoded with the
    /// core's constant-time `base64ct` (which refuses a lone character and non-zero
    /// unused bits, as the reference does) into a wiped, fallibly reserved buffer.
    fn base64(&mut self) -> Result<zeroize::Zeroizing<Vec<u8>>, i32> {
        let used = self.0.iter().take_while(|&&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/').count();
        let mut out = zeroize::Zeroizing::new(Vec::new());
        out.try_reserve_exact(used / 4 * 3 + 2).map_err(|_| ARGON2_MEMORY_ALLOCATION_ERROR)?;
        out.resize(used / 4 * 3 + 2, 0);
        let len = Base64Unpadded::decode(&self.0[..used], &mut out).map_err(|_| ARGON2_DECODING_FAIL)?.len();
        out.truncate(len);
        self.0 = &self.0[used..];
        Ok(out)
    }
}

/// Decodes `text` (without its NUL) for `kind`, as the reference's verify does.
pub fn decode(text: &[u8], kind: u32) -> Result<Decoded, i32> {
    let name = type_name(kind, false).ok_or(ARGON2_INCORRECT_TYPE)?;
    let mut r = Reader(text);
    r.literal(b"$")?;
    r.literal(&name[..name.len() - 1])?;
    let mut version = 0x10;
    if r.0.starts_with(b"$v=") {
        r.literal(b"$v=")?;
        version = r.decimal()?;
    }
    r.literal(b"$m=")?;
    let m_cost = r.decimal()?;
    r.literal(b",t=")?;
    let t_cost = r.decimal()?;
    r.literal(b",p=")?;
    let lanes = r.decimal()?;
    r.literal(b"$")?;
    let salt = r.base64()?;
    r.literal(b"$")?;
    let tag = r.base64()?;
    Ok(Decoded { version, m_cost, t_cost, lanes, salt, tag, trailing: !r.0.is_empty() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_remainder() {
        for len in 0..8 {
            let bytes: Vec<u8> = (0..len as u8).map(|b| b.wrapping_mul(77)).collect();
            let mut text = Vec::new();
            push_base64(&mut text, &bytes);
            assert_eq!(text.len() as u64, base64_len(len));
            let decoded = Reader(&text).base64().unwrap();
            assert_eq!(decoded.as_slice(), bytes.as_slice());
        }
    }

    #[test]
    fn non_zero_unused_bits_and_a_lone_character_are_refused() {
        assert!(Reader(b"AB").base64().is_err());
        assert!(Reader(b"A").base64().is_err());
        assert!(Reader(b"AA").base64().is_ok());
    }

    #[test]
    fn missing_version_is_0x10_and_any_number_is_read() {
        let d = decode(b"$argon2i$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAA", 1).unwrap();
        assert_eq!(d.version, 0x10);
        let d = decode(b"$argon2i$v=18$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAA", 1).unwrap();
        assert_eq!(d.version, 18);
        assert_eq!(decode(b"$argon2i$v=19$m=8,t=1,p=1,data=AA$AAAAAAAAAAA$AAAAAA", 1).err(), Some(-32));
        assert_eq!(decode(b"$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAA", 1).err(), Some(-32));
    }
}
