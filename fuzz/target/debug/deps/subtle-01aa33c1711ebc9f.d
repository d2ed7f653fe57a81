/work/wt/i10a/fuzz/target/debug/deps/subtle-01aa33c1711ebc9f.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/subtle-2.6.1/src/lib.rs

/work/wt/i10a/fuzz/target/debug/deps/libsubtle-01aa33c1711ebc9f.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/subtle-2.6.1/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/subtle-2.6.1/src/lib.rs:
