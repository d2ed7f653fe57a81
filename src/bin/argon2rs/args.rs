//! The command line as a `Command`: every option of every command is matched here, once,
//! next to the help text that describes it. lexopt only splits the arguments (`--opt=v`,
//! `-t3`, `--`); anything a command does not name is an error, never a default.

use std::ffi::OsString;
use std::path::PathBuf;

use argon2rs::types::{Algorithm, Limits};
use lexopt::prelude::*;

use crate::CliError;

/// What the user asked for.
pub enum Command {
    /// The main help (`None`) or a command's.
    Help(Option<&'static str>),
    /// `--version`.
    Version,
    /// `hash`: a fresh PHC string.
    Hash { params: ParamArgs, secret_file: Option<PathBuf> },
    /// `verify HASH`: exit 0 match, 1 mismatch.
    Verify { hash: String, secret_file: Option<PathBuf>, limits: Limits },
    /// `needs-rehash HASH`: exit 0 yes, 1 no.
    NeedsRehash { hash: String, params: ParamArgs, limits: Limits },
    /// `decode HASH`: the parameters.
    Decode { hash: String, json: bool },
    /// `bench`: ms per verification.
    Bench { params: ParamArgs, runs: u32 },
    /// `calibrate`: the strongest parameters within a time budget.
    Calibrate { target_ms: u32, max_memory_kib: u32, parallelism: u32 },
}

/// `--profile` and the explicit overrides of its values; `None` keeps the profile's.
#[derive(Default)]
pub struct ParamArgs {
    pub profile: Option<String>,
    pub t_cost: Option<u32>,
    pub m_cost: Option<u32>,
    pub parallelism: Option<u32>,
    pub hash_len: Option<u32>,
    pub salt_len: Option<u32>,
    pub algorithm: Option<Algorithm>,
}

pub const MAIN_HELP: &str = "\
argon2rs: Argon2 password hashing from the command line (libargon2rs)

usage: argon2rs COMMAND [OPTIONS]

commands:
  hash               hash a password read from stdin (prompted for on a terminal)
  verify HASH        check a password from stdin: exit 0 match, 1 mismatch, 2 error
  needs-rehash HASH  exit 0 if HASH was made with other parameters, 1 if not
  decode HASH        print the parameters of HASH (as text, or --json)
  bench              milliseconds per verification for a profile or parameters
  calibrate          the strongest parameters within a time budget on this machine
  help [COMMAND]     this text, or a command's

`argon2rs COMMAND --help` describes a command's options. --version prints the version.
Exit codes: 0 success, 1 the negative answer of verify or needs-rehash, 2 error.
";

const PARAMS_HELP: &str = "
parameters (default: the default profile; options override the profile's values):
  --profile NAME     rfc9106-low-memory (the default), rfc9106-high-memory, owasp,
                     interactive, moderate, sensitive, insecure-test-only
  -t N               passes (time cost)
  -m KIB             memory in KiB (memory cost)
  -p N               lanes (parallelism)
  -l BYTES           tag length (default 32)
  --salt-len BYTES   salt length (default 16)
  --type TYPE        id (default), i or d
";

const LIMITS_HELP: &str = "
verify limits (what a stored hash may ask for; 0 or absent = the library default,
m = 2 GiB, t = 32, p = 16, work = 4 GiB-passes):
  --max-m-cost SIZE    memory: KiB, or with KiB, MiB or GiB
  --max-t-cost N       passes
  --max-parallelism N  lanes
  --max-work N         m_cost * t_cost, in KiB-passes
";

const HASH_HELP: &str = "\
usage: argon2rs hash [PARAMETERS] [--secret-file PATH]

Hashes a password with a fresh random salt and prints the PHC string, e.g.
$argon2id$v=19$m=65536,t=3,p=4$<salt>$<tag>. The password is read from stdin
(one trailing newline removed), or prompted for twice without echo on a terminal.

  --secret-file PATH  a pepper (Argon2's secret K): the file's bytes, as they are
";

const VERIFY_HELP: &str = "\
usage: argon2rs verify HASH [--secret-file PATH] [LIMITS]

Checks the password on stdin (one trailing newline removed; prompted for without
echo on a terminal) against HASH and prints the result.
Exit 0 if it matches, 1 if it does not, 2 if HASH is not a valid hash (or asks for
more than the verify limits) or another error occurs.

  --secret-file PATH  the pepper the hash was made with
";

const NEEDS_REHASH_HELP: &str = "\
usage: argon2rs needs-rehash HASH [PARAMETERS] [LIMITS]

Prints yes and exits 0 if HASH was made with parameters other than the given ones
(algorithm, version, m, t, p, tag or salt length), or asks for more than the verify
limits; prints no and exits 1 if not; exits 2 if HASH is not a valid hash.
";

const DECODE_HELP: &str = "\
usage: argon2rs decode HASH [--json]

Prints the parameters of HASH: algorithm, version, m (KiB), t, p, tag and salt
length; as one JSON object with --json. Exits 2 if HASH is not a valid hash.
";

const BENCH_HELP: &str = "\
usage: argon2rs bench [PARAMETERS] [-n N]

Hashes a password once with the parameters, then times N verifications of it
(default 10) and prints the milliseconds per verification. Shows progress on a
terminal.

  -n N   number of verifications
";

const CALIBRATE_HELP: &str = "\
usage: argon2rs calibrate [--target-ms MS] [--max-memory SIZE] [--parallelism N]

Measures this machine and recommends the strongest Argon2id parameters whose hash
(and verify) takes at most MS milliseconds here: with N lanes and at most SIZE of
memory, it starts at t=1, lowers the memory while t=1 is too slow, and otherwise
raises t while the budget holds. Prints the PHC parameter string and the measured
time; shows each measurement on a terminal. Calibrate on the machine, and under
the load, that will verify passwords.

  --target-ms MS     time budget per hash (default 500; at most 60000)
  --max-memory SIZE  memory ceiling: a number of KiB, or with KiB, MiB or GiB
                     (default 256MiB; at most 2GiB)
  --parallelism N    lanes (default 4), also -p
";

/// The commands, their help and whether they take PARAMETERS and LIMITS.
const COMMANDS: [(&str, &str, bool, bool); 6] = [
    ("hash", HASH_HELP, true, false),
    ("verify", VERIFY_HELP, false, true),
    ("needs-rehash", NEEDS_REHASH_HELP, true, true),
    ("decode", DECODE_HELP, false, false),
    ("bench", BENCH_HELP, true, false),
    ("calibrate", CALIBRATE_HELP, false, false),
];

/// The full help of a command (its text, then the shared option groups it takes).
pub fn help(command: Option<&str>) -> String {
    match COMMANDS.iter().find(|(name, ..)| Some(*name) == command) {
        None => format!("{MAIN_HELP}Tags are computed by the {} engine.\n", argon2rs::engine::ENGINE),
        Some(&(_, text, params, limits)) => {
            let mut out = text.to_owned();
            if params {
                out.push_str(PARAMS_HELP);
            }
            if limits {
                out.push_str(LIMITS_HELP);
            }
            out
        }
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: Vec<OsString>) -> Result<Command, CliError> {
    let mut parser = lexopt::Parser::from_args(args);
    let first = match parser.next().map_err(|e| usage_error("argon2rs", e))? {
        None => return Err(CliError::NoCommand),
        Some(Value(name)) => name.string().map_err(|e| usage_error("argon2rs", e))?,
        Some(Long("help") | Short('h')) => return Ok(Command::Help(None)),
        Some(Long("version") | Short('V')) => return Ok(Command::Version),
        Some(other) => return Err(usage_error("argon2rs", other.unexpected())),
    };
    if first == "help" {
        return match parser.next().map_err(|e| usage_error("help", e))? {
            None => Ok(Command::Help(None)),
            Some(Value(name)) => {
                let name = name.string().map_err(|e| usage_error("help", e))?;
                Ok(Command::Help(Some(known_command(&name)?)))
            }
            Some(other) => Err(usage_error("help", other.unexpected())),
        };
    }
    let command = known_command(&first)?;
    CommandParser { name: command, parser }.parse()
}

fn known_command(name: &str) -> Result<&'static str, CliError> {
    COMMANDS
        .iter()
        .map(|(known, ..)| *known)
        .find(|known| *known == name)
        .ok_or_else(|| CliError::Usage(format!("unknown command '{name}' (see argon2rs --help)")))
}

/// One command's arguments: options in any order, at most one HASH.
struct CommandParser {
    name: &'static str,
    parser: lexopt::Parser,
}

/// Every option any command takes; each command admits its own in `CommandParser::parse`.
enum Opt {
    Help,
    Param(ParamOpt),
    Limit(LimitOpt),
    SecretFile,
    Json,
    Runs,
    TargetMs,
    MaxMemory,
    Parallelism,
}

enum ParamOpt {
    Profile,
    TCost,
    MCost,
    Lanes,
    HashLen,
    SaltLen,
    Type,
}

enum LimitOpt {
    MCost,
    TCost,
    Parallelism,
    Work,
}

impl CommandParser {
    fn parse(mut self) -> Result<Command, CliError> {
        let name = self.name;
        let mut hash: Option<String> = None;
        let mut params = ParamArgs::default();
        // Options left out (or 0) take the defaults, as in the C API.
        let mut limits = Limits::UNSET;
        let mut secret_file = None;
        let mut json = false;
        let mut runs = 10;
        let (mut target_ms, mut max_memory_kib, mut parallelism) = (500, 256 * 1024, 4);
        let (_, _, takes_params, takes_limits) = *COMMANDS.iter().find(|(known, ..)| *known == name).expect("known");

        while let Some(arg) = self.parser.next().map_err(|e| usage_error(name, e))? {
            // The option as typed, for messages.
            let shown = match &arg {
                Short(c) => format!("-{c}"),
                Long(long) => format!("--{long}"),
                Value(_) => String::new(),
            };
            let option = match arg {
                Value(value) if hash.is_none() && matches!(name, "verify" | "needs-rehash" | "decode") => {
                    hash = Some(value.string().map_err(|e| usage_error(name, e))?);
                    continue;
                }
                Value(_) => return Err(self.expected()),
                Long("help") | Short('h') => Opt::Help,
                Long("profile") => Opt::Param(ParamOpt::Profile),
                Short('t') => Opt::Param(ParamOpt::TCost),
                Short('m') => Opt::Param(ParamOpt::MCost),
                Short('p') if name == "calibrate" => Opt::Parallelism,
                Short('p') => Opt::Param(ParamOpt::Lanes),
                Short('l') => Opt::Param(ParamOpt::HashLen),
                Long("salt-len") => Opt::Param(ParamOpt::SaltLen),
                Long("type") => Opt::Param(ParamOpt::Type),
                Long("max-m-cost") => Opt::Limit(LimitOpt::MCost),
                Long("max-t-cost") => Opt::Limit(LimitOpt::TCost),
                Long("max-parallelism") => Opt::Limit(LimitOpt::Parallelism),
                Long("max-work") => Opt::Limit(LimitOpt::Work),
                Long("secret-file") if matches!(name, "hash" | "verify") => Opt::SecretFile,
                Long("json") if name == "decode" => Opt::Json,
                Short('n') if name == "bench" => Opt::Runs,
                Long("target-ms") if name == "calibrate" => Opt::TargetMs,
                Long("max-memory") if name == "calibrate" => Opt::MaxMemory,
                Long("parallelism") if name == "calibrate" => Opt::Parallelism,
                other => return Err(usage_error(name, other.unexpected())),
            };
            match option {
                Opt::Help => return Ok(Command::Help(Some(name))),
                Opt::Param(_) if !takes_params => return Err(unknown_option(name, &shown)),
                Opt::Limit(_) if !takes_limits => return Err(unknown_option(name, &shown)),
                Opt::Param(which) => {
                    let value = self.value(&shown)?;
                    match which {
                        ParamOpt::Profile => params.profile = Some(value),
                        ParamOpt::TCost => params.t_cost = Some(number(name, &shown, &value)?),
                        ParamOpt::MCost => params.m_cost = Some(number(name, &shown, &value)?),
                        ParamOpt::Lanes => params.parallelism = Some(number(name, &shown, &value)?),
                        ParamOpt::HashLen => params.hash_len = Some(number(name, &shown, &value)?),
                        ParamOpt::SaltLen => params.salt_len = Some(number(name, &shown, &value)?),
                        ParamOpt::Type => params.algorithm = Some(parse_type(&value)?),
                    }
                }
                Opt::Limit(which) => {
                    let value = self.value(&shown)?;
                    match which {
                        LimitOpt::MCost => limits.max_m_cost = parse_size(&shown, &value)?,
                        LimitOpt::TCost => limits.max_t_cost = number(name, &shown, &value)?,
                        LimitOpt::Parallelism => limits.max_parallelism = number(name, &shown, &value)?,
                        LimitOpt::Work => {
                            limits.max_work = value.parse().map_err(|_| {
                                CliError::Usage(format!("{name}: {shown} needs a whole number, not '{value}'"))
                            })?
                        }
                    }
                }
                Opt::SecretFile => {
                    secret_file = Some(PathBuf::from(self.parser.value().map_err(|e| usage_error(name, e))?))
                }
                Opt::Json => json = true,
                Opt::Runs => runs = number(name, &shown, &self.value(&shown)?)?,
                Opt::TargetMs => target_ms = number(name, &shown, &self.value(&shown)?)?,
                Opt::MaxMemory => max_memory_kib = parse_size(&shown, &self.value(&shown)?)?,
                Opt::Parallelism => parallelism = number(name, &shown, &self.value(&shown)?)?,
            }
        }

        let needs_hash = matches!(name, "verify" | "needs-rehash" | "decode");
        if needs_hash && hash.is_none() {
            return Err(self.expected());
        }
        let hash = hash.unwrap_or_default();
        Ok(match name {
            "hash" => Command::Hash { params, secret_file },
            "verify" => Command::Verify { hash, secret_file, limits: limits.or_defaults() },
            "needs-rehash" => Command::NeedsRehash { hash, params, limits: limits.or_defaults() },
            "decode" => Command::Decode { hash, json },
            "bench" => Command::Bench { params, runs },
            _ => Command::Calibrate { target_ms, max_memory_kib, parallelism },
        })
    }

    /// The value of the option just read, as UTF-8.
    fn value(&mut self, shown: &str) -> Result<String, CliError> {
        let name = self.name;
        let value = self.parser.value().map_err(|e| usage_error(name, e))?;
        value.into_string().map_err(|_| CliError::Usage(format!("{name}: {shown} needs a UTF-8 value")))
    }

    fn expected(&self) -> CliError {
        let wanted = if matches!(self.name, "verify" | "needs-rehash" | "decode") {
            "one HASH argument"
        } else {
            "no arguments"
        };
        CliError::Usage(format!("{}: expected {wanted} (see argon2rs {} --help)", self.name, self.name))
    }
}

fn unknown_option(command: &str, option: &str) -> CliError {
    CliError::Usage(format!("{command}: unknown option '{option}' (see argon2rs {command} --help)"))
}

/// lexopt's errors in this tool's words.
fn usage_error(command: &str, error: lexopt::Error) -> CliError {
    use lexopt::Error as E;
    CliError::Usage(match error {
        E::MissingValue { option: Some(option) } => format!("{command}: {option} needs a value"),
        E::UnexpectedOption(option) => {
            format!("{command}: unknown option '{option}' (see argon2rs {command} --help)")
        }
        E::UnexpectedValue { option, .. } => format!("{command}: {option} takes no value"),
        E::UnexpectedArgument(value) => {
            format!("{command}: unexpected argument '{}' (see argon2rs {command} --help)", value.to_string_lossy())
        }
        other => format!("{command}: {other}"),
    })
}

fn number(command: &str, option: &str, value: &str) -> Result<u32, CliError> {
    value.parse().map_err(|_| {
        CliError::Usage(format!("{command}: {option} needs a whole number from 0 to {}, not '{value}'", u32::MAX))
    })
}

fn parse_type(value: &str) -> Result<Algorithm, CliError> {
    match value.to_ascii_lowercase().trim_start_matches("argon2") {
        "id" => Ok(Algorithm::Id),
        "i" => Ok(Algorithm::I),
        "d" => Ok(Algorithm::D),
        _ => Err(CliError::Usage(format!("--type must be id, i or d, not '{value}'"))),
    }
}

/// A memory size in KiB: "65536" (KiB), "512KiB", "256MiB", "1GiB" (also K, M, G).
fn parse_size(option: &str, value: &str) -> Result<u32, CliError> {
    let lower = value.trim().to_ascii_lowercase();
    let digits_end = lower.find(|c: char| !c.is_ascii_digit()).unwrap_or(lower.len());
    let (digits, unit) = lower.split_at(digits_end);
    let factor: u64 = match unit.trim() {
        "" | "k" | "kib" => 1,
        "m" | "mib" => 1024,
        "g" | "gib" => 1024 * 1024,
        _ => return Err(CliError::Usage(format!("{option}: unknown unit in '{value}' (use KiB, MiB or GiB)"))),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .and_then(|kib| u32::try_from(kib).ok())
        .ok_or_else(|| CliError::Usage(format!("{option}: '{value}' is not a size from 8KiB to 4TiB")))
}
