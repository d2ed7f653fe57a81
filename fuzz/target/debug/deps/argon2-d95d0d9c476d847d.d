/work/wt/i10a/fuzz/target/debug/deps/argon2-d95d0d9c476d847d.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/algorithm.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/blake2b_long.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/block.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/error.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/memory.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/params.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/version.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/../README.md

/work/wt/i10a/fuzz/target/debug/deps/libargon2-d95d0d9c476d847d.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/algorithm.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/blake2b_long.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/block.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/error.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/memory.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/params.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/version.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/../README.md

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/lib.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/algorithm.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/blake2b_long.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/block.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/error.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/memory.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/params.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/version.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/argon2-0.6.0/src/../README.md:
