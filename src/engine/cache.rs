//! How much memory one hash can expect to find still cached: the largest cache's size
//! as Linux lists it in sysfs (the C library's figure where sysfs says nothing), but no
//! more than `MOST_CACHED`.
//!
//! The reported size misleads on a VM. This project's Intel VM reports one 105 MiB L3,
//! yet fetching random blocks slows from 108 ns at 16 MiB to 312 ns at 32 MiB (`probe
//! blocks`), presumably because the host's other tenants share that cache. And the C
//! library's figure can be another cache's: on the AMD EPYC VM, glibc's `sysconf` gives
//! 320 MiB where sysfs (and CPUID's cache leaf) list the 32 MiB L3 of the two vCPUs.

/// The most a hash can count on staying cached, whatever the cache's reported size: on
/// both VMs measured, about what stayed (above).
const MOST_CACHED: usize = 32 << 20;

/// The memory a hash can expect to find still cached (see the module comment);
/// `MOST_CACHED` when the system does not say.
pub fn cacheable_bytes() -> usize {
    sysfs_last_level().or_else(sysconf_last_level).map_or(MOST_CACHED, |size| size.min(MOST_CACHED))
}

/// The size of CPU 0's highest-level data (or unified) cache, as sysfs lists it; `None`
/// where that is missing or malformed.
fn sysfs_last_level() -> Option<usize> {
    let mut buffer = [0u8; 256];
    let mut best: Option<(u32, u32)> = None; // (level, index)
    for index in 0..16 {
        let Some(level) = read_cache_file(index, "level", &mut buffer) else { break };
        let Ok(level) = level.trim().parse::<u32>() else { continue };
        if read_cache_file(index, "type", &mut buffer)?.trim() != "Instruction" && best.is_none_or(|(b, _)| level > b) {
            best = Some((level, index));
        }
    }
    let (_, index) = best?;
    parse_size(read_cache_file(index, "size", &mut buffer)?)
}

/// The size of the largest cache, where the C library reports it.
fn sysconf_last_level() -> Option<usize> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for name in [libc::_SC_LEVEL4_CACHE_SIZE, libc::_SC_LEVEL3_CACHE_SIZE, libc::_SC_LEVEL2_CACHE_SIZE] {
        // SAFETY: sysconf has no preconditions.
        let size = unsafe { libc::sysconf(name) };
        if size > 0 {
            return usize::try_from(size).ok();
        }
    }
    None
}

/// A sysfs cache size such as `32768K` (Linux writes kibibytes; `M` and `G` and a
/// bare byte count are accepted too); `None` if malformed or too large.
fn parse_size(text: &str) -> Option<usize> {
    let text = text.trim();
    let (digits, unit) = match text.as_bytes().last()? {
        b'K' => (&text[..text.len() - 1], 1usize << 10),
        b'M' => (&text[..text.len() - 1], 1 << 20),
        b'G' => (&text[..text.len() - 1], 1 << 30),
        _ => (text, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(unit)
}

/// The text of `name` in CPU 0's sysfs directory for cache `index`, read without
/// allocating: the first wipe asks for it, and allocation failure must stay a status
/// (`test_faults alloc`). std builds a path this short in a stack buffer. `None` if the
/// file cannot be read, is not text, or might not fit in `buffer`.
fn read_cache_file<'b>(index: u32, name: &str, buffer: &'b mut [u8; 256]) -> Option<&'b str> {
    use std::io::{Read, Write};
    let mut path = [0u8; 96];
    let unused = {
        let mut cursor = &mut path[..];
        write!(cursor, "/sys/devices/system/cpu/cpu0/cache/index{index}/{name}").ok()?;
        cursor.len()
    };
    let path = std::str::from_utf8(&path[..path.len() - unused]).ok()?;
    let read = std::fs::File::open(path).ok()?.read(buffer).ok()?;
    if read == buffer.len() {
        return None;
    }
    std::str::from_utf8(&buffer[..read]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sysfs_sizes_are_parsed_and_malformed_ones_refused() {
        assert_eq!(parse_size("32768K\n"), Some(32 << 20));
        assert_eq!(parse_size("1M"), Some(1 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("K"), None);
        assert_eq!(parse_size("12Q"), None);
        assert_eq!(parse_size("-1K"), None);
        assert_eq!(parse_size("99999999999999999999K"), None);
    }

    #[test]
    fn the_estimate_is_the_largest_listed_cache_at_most_the_cap() {
        let cached = cacheable_bytes();
        assert!(cached > 0 && cached <= MOST_CACHED);
        if !(cfg!(target_os = "linux") && std::path::Path::new("/sys/devices/system/cpu/cpu0/cache/index0").exists()) {
            return;
        }
        // Read independently of the code under test, with the text tools of std: the
        // size of the highest-level data or unified cache.
        let mut largest: Option<(u32, String)> = None;
        for index in 0..16 {
            let dir = format!("/sys/devices/system/cpu/cpu0/cache/index{index}");
            let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).map(|t| t.trim().to_owned());
            let (Ok(level), Ok(kind), Ok(size)) = (read("level"), read("type"), read("size")) else { continue };
            let level: u32 = level.parse().expect("a numeric cache level");
            if kind != "Instruction" && largest.as_ref().is_none_or(|(l, _)| level > *l) {
                largest = Some((level, size));
            }
        }
        let (_, size) = largest.expect("sysfs lists a data or unified cache");
        let kib: usize = size.strip_suffix('K').expect("sysfs writes sizes in K").parse().expect("a size");
        assert_eq!(cached, (kib << 10).min(MOST_CACHED), "{kib} KiB listed");
    }
}
