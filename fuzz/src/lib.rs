//! The fuzz targets' property checks, shared with tests/fuzz_corpus.rs.
pub mod checks;
