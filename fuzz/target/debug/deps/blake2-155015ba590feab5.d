/work/wt/i10a/fuzz/target/debug/deps/blake2-155015ba590feab5.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/consts.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/simd.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/macros.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/../README.md

/work/wt/i10a/fuzz/target/debug/deps/libblake2-155015ba590feab5.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/consts.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/simd.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/macros.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/../README.md

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/lib.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/consts.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/simd.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/macros.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/blake2-0.11.0/src/../README.md:
