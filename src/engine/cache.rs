//! How much of the largest cache one CPU can count on: the size the C library reports,
//! divided among the CPUs that share that cache (as Linux lists them in sysfs).
//!
//! The whole size misleads on a VM or a many-core socket: this project's 2-vCPU VM
//! reports one 105 MiB L3 shared by both vCPUs, yet fetching random blocks slows from
//! 108 ns at 16 MiB to 312 ns at 32 MiB (`probe blocks`), so far less than 105 MiB stays
//! cached for one hash.

/// Assumed size of the largest cache when the system does not say.
const DEFAULT_LAST_LEVEL_CACHE: usize = 128 << 20;

/// The largest cache's size divided by the CPUs sharing it; the whole size when the
/// sharing is unknown (no sysfs, another OS), the default size when the size is.
pub fn last_level_share_per_cpu() -> usize {
    match last_level_cache() {
        Some((level, size)) => size / sharing_cpus(level).unwrap_or(1).max(1),
        None => DEFAULT_LAST_LEVEL_CACHE,
    }
}

/// The level and size of the largest cache, where the C library reports it.
fn last_level_cache() -> Option<(u32, usize)> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for (level, name) in
        [(4, libc::_SC_LEVEL4_CACHE_SIZE), (3, libc::_SC_LEVEL3_CACHE_SIZE), (2, libc::_SC_LEVEL2_CACHE_SIZE)]
    {
        // SAFETY: sysconf has no preconditions.
        let size = unsafe { libc::sysconf(name) };
        if size > 0 {
            return usize::try_from(size).ok().map(|size| (level, size));
        }
    }
    None
}

/// How many CPUs share CPU 0's data (or unified) cache of `level`, from sysfs.
fn sharing_cpus(level: u32) -> Option<usize> {
    let mut buffer = [0u8; 256];
    for index in 0..16 {
        let found = read_cache_file(index, "level", &mut buffer)?.trim().parse::<u32>().ok()?;
        if found == level && read_cache_file(index, "type", &mut buffer)?.trim() != "Instruction" {
            return count_cpu_list(read_cache_file(index, "shared_cpu_list", &mut buffer)?);
        }
    }
    None
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

/// The number of CPUs in a Linux CPU list such as `0-3,8,10-11`; `None` if malformed.
fn count_cpu_list(list: &str) -> Option<usize> {
    let mut count = 0usize;
    for part in list.trim().split(',') {
        let (first, last) = match part.split_once('-') {
            Some((first, last)) => (first.parse::<usize>().ok()?, last.parse::<usize>().ok()?),
            None => {
                let only = part.parse::<usize>().ok()?;
                (only, only)
            }
        };
        count = count.checked_add(last.checked_sub(first)?.checked_add(1)?)?;
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_lists_are_counted_and_malformed_ones_refused() {
        assert_eq!(count_cpu_list("0\n"), Some(1));
        assert_eq!(count_cpu_list("0-1\n"), Some(2));
        assert_eq!(count_cpu_list("0-3,8,10-11"), Some(7));
        assert_eq!(count_cpu_list(""), None);
        assert_eq!(count_cpu_list("3-1"), None);
        assert_eq!(count_cpu_list("0-x"), None);
        assert_eq!(count_cpu_list("0,,1"), None);
    }

    #[test]
    fn the_share_divides_the_reported_cache_among_the_cpus_sysfs_lists() {
        let share = last_level_share_per_cpu();
        assert!(share > 0);
        let Some((level, size)) = last_level_cache() else { return };
        assert!(share <= size);
        if cfg!(target_os = "linux") && std::path::Path::new("/sys/devices/system/cpu/cpu0/cache").exists() {
            // SAFETY: sysconf has no preconditions.
            let configured = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_CONF) }.max(1) as usize;
            let cpus = sharing_cpus(level).expect("sysfs lists the CPUs sharing the largest cache");
            assert!((1..=configured).contains(&cpus), "{cpus} of {configured} CPUs");
            assert_eq!(share, size / cpus);
        }
    }
}
