/work/wt/i10a/fuzz/target/debug/deps/argon2rs-18712d00d09c1faf.d: /work/wt/i10a/src/lib.rs /work/wt/i10a/src/boundary.rs /work/wt/i10a/src/budget.rs /work/wt/i10a/src/c_io.rs /work/wt/i10a/src/calibrate.rs /work/wt/i10a/src/engine.rs /work/wt/i10a/src/engine/blake2b.rs /work/wt/i10a/src/engine/block.rs /work/wt/i10a/src/engine/fill.rs /work/wt/i10a/src/engine/memory.rs /work/wt/i10a/src/engine/simd_avx2.rs /work/wt/i10a/src/engine/simd_avx512.rs /work/wt/i10a/src/engine/workers.rs /work/wt/i10a/src/fallible.rs /work/wt/i10a/src/ffi.rs /work/wt/i10a/src/params.rs /work/wt/i10a/src/password.rs /work/wt/i10a/src/phc.rs /work/wt/i10a/src/salt.rs /work/wt/i10a/src/status.rs /work/wt/i10a/src/version.rs

/work/wt/i10a/fuzz/target/debug/deps/libargon2rs-18712d00d09c1faf.rmeta: /work/wt/i10a/src/lib.rs /work/wt/i10a/src/boundary.rs /work/wt/i10a/src/budget.rs /work/wt/i10a/src/c_io.rs /work/wt/i10a/src/calibrate.rs /work/wt/i10a/src/engine.rs /work/wt/i10a/src/engine/blake2b.rs /work/wt/i10a/src/engine/block.rs /work/wt/i10a/src/engine/fill.rs /work/wt/i10a/src/engine/memory.rs /work/wt/i10a/src/engine/simd_avx2.rs /work/wt/i10a/src/engine/simd_avx512.rs /work/wt/i10a/src/engine/workers.rs /work/wt/i10a/src/fallible.rs /work/wt/i10a/src/ffi.rs /work/wt/i10a/src/params.rs /work/wt/i10a/src/password.rs /work/wt/i10a/src/phc.rs /work/wt/i10a/src/salt.rs /work/wt/i10a/src/status.rs /work/wt/i10a/src/version.rs

/work/wt/i10a/src/lib.rs:
/work/wt/i10a/src/boundary.rs:
/work/wt/i10a/src/budget.rs:
/work/wt/i10a/src/c_io.rs:
/work/wt/i10a/src/calibrate.rs:
/work/wt/i10a/src/engine.rs:
/work/wt/i10a/src/engine/blake2b.rs:
/work/wt/i10a/src/engine/block.rs:
/work/wt/i10a/src/engine/fill.rs:
/work/wt/i10a/src/engine/memory.rs:
/work/wt/i10a/src/engine/simd_avx2.rs:
/work/wt/i10a/src/engine/simd_avx512.rs:
/work/wt/i10a/src/engine/workers.rs:
/work/wt/i10a/src/fallible.rs:
/work/wt/i10a/src/ffi.rs:
/work/wt/i10a/src/params.rs:
/work/wt/i10a/src/password.rs:
/work/wt/i10a/src/phc.rs:
/work/wt/i10a/src/salt.rs:
/work/wt/i10a/src/status.rs:
/work/wt/i10a/src/version.rs:

# env-dep:CARGO_PKG_VERSION=0.1.0
