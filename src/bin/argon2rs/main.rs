//! `argon2rs`: hash, verify, inspect, benchmark and calibrate Argon2 from a shell.
//!
//! Built on the library's safe Rust API (the same code the C ABI calls). `args` turns
//! the command line into a `Command` (lexopt splits it), `commands` runs it, `terminal`
//! reads passwords and shows progress. Exit codes: 0 success (verify: match;
//! needs-rehash: yes), 1 the negative answer (verify: mismatch; needs-rehash: no), 2 any
//! error, including bad usage.
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

mod args;
mod commands;
mod terminal;

use std::fmt;
use std::process::ExitCode;

use argon2rs::error::Error;

use args::Command;

/// The positive answer, or plain success.
const YES: u8 = 0;
/// The negative answer of verify (mismatch) and needs-rehash (no).
const NO: u8 = 1;
/// Any error.
const ERROR: u8 = 2;

/// Every way the tool fails (exit code 2): printed after "argon2rs: ".
#[derive(Debug)]
pub enum CliError {
    /// No command at all: the main help goes to stderr.
    NoCommand,
    /// Bad usage: an unknown command or option, a missing or malformed value.
    Usage(String),
    /// The given parameters are not valid Argon2 parameters.
    InvalidParameters { command: &'static str, error: Error },
    /// A library call failed.
    Library { command: &'static str, error: Error },
    /// Reading the password or a file, or the terminal, failed.
    Io(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::NoCommand => write!(f, "no command (see argon2rs --help)"),
            CliError::Usage(text) | CliError::Io(text) => f.write_str(text),
            CliError::InvalidParameters { command, error } => write!(f, "{command}: invalid parameters: {error}"),
            CliError::Library { command, error } => write!(f, "{command}: {error}"),
        }
    }
}

fn main() -> ExitCode {
    let code = match args::parse(std::env::args_os().skip(1).collect()).and_then(run) {
        Ok(code) => code,
        Err(CliError::NoCommand) => {
            eprint!("{}", args::MAIN_HELP);
            ERROR
        }
        Err(error) => {
            eprintln!("argon2rs: {error}");
            ERROR
        }
    };
    ExitCode::from(code)
}

fn run(command: Command) -> Result<u8, CliError> {
    match command {
        Command::Help(topic) => {
            print!("{}", args::help(topic));
            Ok(YES)
        }
        Command::Version => {
            println!("argon2rs {}", env!("CARGO_PKG_VERSION"));
            Ok(YES)
        }
        Command::Hash { params, secret_file } => commands::hash(&params, secret_file.as_deref()),
        Command::Verify { hash, secret_file, limits } => commands::verify(&hash, secret_file.as_deref(), &limits),
        Command::NeedsRehash { hash, params, limits } => commands::needs_rehash(&hash, &params, &limits),
        Command::Decode { hash, json } => commands::decode(&hash, json),
        Command::Bench { params, runs } => commands::bench(&params, runs),
        Command::Calibrate { target_ms, max_memory_kib, parallelism } => {
            commands::calibrate(target_ms, max_memory_kib, parallelism)
        }
    }
}
