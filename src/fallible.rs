//! Fallible allocation: every buffer a call allocates comes from here, so that an
//! exhausted allocator is `Error::OutOfMemory` and never Rust's abort
//! ("memory allocation of N bytes failed"). `vec!`, `format!`, `to_vec` and `collect`
//! abort on failure and are not used on a call path.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// `len` zero bytes, wiped when dropped (the whole capacity).
pub fn zeroed_bytes(len: usize) -> Result<Zeroizing<Vec<u8>>> {
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(len).map_err(|_| Error::OutOfMemory)?;
    // Within the reserved capacity: no further allocation.
    bytes.resize(len, 0);
    Ok(Zeroizing::new(bytes))
}

/// An empty string with room for `capacity` bytes, wiped when dropped.
pub fn string_with_capacity(capacity: usize) -> Result<Zeroizing<String>> {
    let mut text = String::new();
    text.try_reserve_exact(capacity).map_err(|_| Error::OutOfMemory)?;
    Ok(Zeroizing::new(text))
}

/// An empty vector with room for `capacity` elements.
pub fn vec_with_capacity<T>(capacity: usize) -> Result<Vec<T>> {
    let mut items = Vec::new();
    items.try_reserve_exact(capacity).map_err(|_| Error::OutOfMemory)?;
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_beyond_the_address_space_are_out_of_memory() {
        assert_eq!(zeroed_bytes(usize::MAX).err(), Some(Error::OutOfMemory));
        assert_eq!(string_with_capacity(usize::MAX).err(), Some(Error::OutOfMemory));
        assert_eq!(vec_with_capacity::<u64>(usize::MAX).err(), Some(Error::OutOfMemory));
    }

    #[test]
    fn buffers_have_the_requested_shape() {
        assert_eq!(zeroed_bytes(5).unwrap().as_slice(), &[0u8; 5]);
        assert!(string_with_capacity(40).unwrap().capacity() >= 40);
        assert!(vec_with_capacity::<u32>(3).unwrap().capacity() >= 3);
    }
}
