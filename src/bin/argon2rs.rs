//! `argon2rs`: hash, verify, inspect, benchmark and calibrate Argon2 from a shell.
//!
//! Built on the library's safe Rust API (the same code the C ABI calls). Arguments are
//! parsed by hand: six subcommands with a dozen options do not need a parser crate.
//! Exit codes: 0 success (verify: match; needs-rehash: yes), 1 the negative answer
//! (verify: mismatch; needs-rehash: no), 2 any error, including bad usage.
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use argon2rs::calibrate::Step;
use argon2rs::engine::Extras;
use argon2rs::params::*;
use argon2rs::password;
use argon2rs::salt::os_rng;
use argon2rs::status::{lh_argon2_status, message, LH_ARGON2_ERR_VERIFY_MISMATCH, LH_ARGON2_OK};
use zeroize::Zeroizing;

const YES: u8 = 0;
const NO: u8 = 1;
const ERROR: u8 = 2;

/// A failure: the message printed after "argon2rs: " (exit code 2).
type Outcome = Result<u8, String>;

const MAIN_HELP: &str = "\
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

const PARAMS_HELP: &str = "\
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

const HASH_HELP: &str = "\
usage: argon2rs hash [PARAMETERS] [--secret-file PATH]

Hashes a password with a fresh random salt and prints the PHC string, e.g.
$argon2id$v=19$m=65536,t=3,p=4$<salt>$<tag>. The password is read from stdin
(one trailing newline removed), or prompted for twice without echo on a terminal.

  --secret-file PATH  a pepper (Argon2's secret K): the file's bytes, as they are
";

const VERIFY_HELP: &str = "\
usage: argon2rs verify HASH [--secret-file PATH]

Checks the password on stdin (one trailing newline removed; prompted for without
echo on a terminal) against HASH and prints the result.
Exit 0 if it matches, 1 if it does not, 2 if HASH is not a valid hash (or asks for
more than the default verify limits) or another error occurs.

  --secret-file PATH  the pepper the hash was made with
";

const NEEDS_REHASH_HELP: &str = "\
usage: argon2rs needs-rehash HASH [PARAMETERS]

Prints yes and exits 0 if HASH was made with parameters other than the given ones
(algorithm, version, m, t, p, tag or salt length); prints no and exits 1 if not;
exits 2 if HASH is not a valid hash.
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("argon2rs: {message}");
            ERROR
        }
    };
    ExitCode::from(code)
}

fn run(args: &[String]) -> Outcome {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{MAIN_HELP}");
        return Ok(ERROR);
    };
    let (help, handler): (&str, fn(&Options) -> Outcome) = match command.as_str() {
        "hash" => (HASH_HELP, hash),
        "verify" => (VERIFY_HELP, verify),
        "needs-rehash" => (NEEDS_REHASH_HELP, needs_rehash),
        "decode" => (DECODE_HELP, decode),
        "bench" => (BENCH_HELP, bench),
        "calibrate" => (CALIBRATE_HELP, calibrate),
        "help" | "--help" | "-h" => {
            return match rest.first().map(String::as_str) {
                None => print_help(MAIN_HELP, ""),
                Some(name) => run(&[name.to_owned(), "--help".to_owned()]),
            };
        }
        "--version" | "-V" => {
            println!("argon2rs {}", env!("CARGO_PKG_VERSION"));
            return Ok(YES);
        }
        other => return Err(format!("unknown command '{other}' (see argon2rs --help)")),
    };
    let options = Options::parse(command, rest)?;
    if options.help {
        let extra = if matches!(command.as_str(), "hash" | "needs-rehash" | "bench") { PARAMS_HELP } else { "" };
        return print_help(help, extra);
    }
    handler(&options)
}

fn print_help(text: &str, extra: &str) -> Outcome {
    print!("{text}");
    if !extra.is_empty() {
        print!("\n{extra}");
    }
    Ok(YES)
}

/// Every option of every command; `Options::parse` admits only the command's own.
#[derive(Default)]
struct Options {
    command: String,
    help: bool,
    json: bool,
    positional: Vec<String>,
    profile: Option<String>,
    t_cost: Option<u32>,
    m_cost: Option<u32>,
    parallelism: Option<u32>,
    hash_len: Option<u32>,
    salt_len: Option<u32>,
    algorithm: Option<u32>,
    secret_file: Option<String>,
    iterations: Option<u32>,
    target_ms: Option<u32>,
    max_memory: Option<u32>,
}

const PARAM_OPTIONS: &[&str] = &["--profile", "-t", "-m", "-p", "-l", "--salt-len", "--type"];

impl Options {
    fn parse(command: &str, args: &[String]) -> Result<Self, String> {
        let (allowed, positional): (&[&str], usize) = match command {
            "hash" => (&["--secret-file"], 0),
            "verify" => (&["--secret-file"], 1),
            "needs-rehash" => (&[], 1),
            "decode" => (&["--json"], 1),
            "bench" => (&["-n"], 0),
            _ => (&["--target-ms", "--max-memory", "--parallelism", "-p"], 0),
        };
        let takes_params = matches!(command, "hash" | "needs-rehash" | "bench");
        let mut options = Options { command: command.to_owned(), ..Default::default() };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--help" || arg == "-h" {
                options.help = true;
                return Ok(options);
            }
            if !arg.starts_with('-') || arg == "-" {
                options.positional.push(arg.clone());
                continue;
            }
            let (name, inline_value) = match arg.split_once('=') {
                Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
                _ => (arg.as_str(), None),
            };
            let known = allowed.contains(&name) || (takes_params && PARAM_OPTIONS.contains(&name));
            if !known {
                return Err(format!("{command}: unknown option '{name}' (see argon2rs {command} --help)"));
            }
            if name == "--json" {
                options.json = true;
                continue;
            }
            let value = match inline_value {
                Some(value) => value,
                None => args.next().cloned().ok_or_else(|| format!("{command}: {name} needs a value"))?,
            };
            options.set(name, &value)?;
        }
        if options.positional.len() != positional {
            let wanted = if positional == 0 { "no arguments" } else { "one HASH argument" };
            return Err(format!("{command}: expected {wanted} (see argon2rs {command} --help)"));
        }
        Ok(options)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let number = || parse_number(&self.command, name, value);
        match name {
            "--profile" => self.profile = Some(value.to_owned()),
            "-t" => self.t_cost = Some(number()?),
            "-m" => self.m_cost = Some(number()?),
            "-p" | "--parallelism" => self.parallelism = Some(number()?),
            "-l" => self.hash_len = Some(number()?),
            "--salt-len" => self.salt_len = Some(number()?),
            "-n" => self.iterations = Some(number()?),
            "--target-ms" => self.target_ms = Some(number()?),
            "--type" => self.algorithm = Some(parse_type(value)?),
            "--max-memory" => self.max_memory = Some(parse_size(value)?),
            "--secret-file" => self.secret_file = Some(value.to_owned()),
            _ => return Err(format!("{}: unknown option '{name}'", self.command)),
        }
        Ok(())
    }

    /// The profile's (or the default) parameters with the explicit options applied.
    fn params(&self) -> Result<lh_argon2_params, String> {
        let mut params = match &self.profile {
            Some(name) => lh_argon2_params::from_profile(parse_profile(name)?).map_err(status_text)?,
            None => lh_argon2_params::default_profile(),
        };
        let fields = [
            (self.t_cost, &mut params.t_cost),
            (self.m_cost, &mut params.m_cost),
            (self.parallelism, &mut params.parallelism),
            (self.hash_len, &mut params.hash_len),
            (self.salt_len, &mut params.salt_len),
            (self.algorithm, &mut params.algorithm),
        ];
        for (value, field) in fields {
            if let Some(value) = value {
                *field = value;
            }
        }
        params.validate().map_err(|status| format!("{}: invalid parameters: {}", self.command, status_text(status)))?;
        Ok(params)
    }

    fn hash_arg(&self) -> &str {
        &self.positional[0]
    }

    fn secret(&self) -> Result<Zeroizing<Vec<u8>>, String> {
        match &self.secret_file {
            None => Ok(Zeroizing::new(Vec::new())),
            Some(path) => std::fs::read(path)
                .map(Zeroizing::new)
                .map_err(|e| format!("{}: cannot read the secret file '{path}': {e}", self.command)),
        }
    }
}

fn parse_number(command: &str, name: &str, value: &str) -> Result<u32, String> {
    value.parse().map_err(|_| format!("{command}: {name} needs a whole number from 0 to {}, not '{value}'", u32::MAX))
}

fn parse_type(value: &str) -> Result<u32, String> {
    match value.to_ascii_lowercase().trim_start_matches("argon2") {
        "id" => Ok(LH_ARGON2_ID),
        "i" => Ok(LH_ARGON2_I),
        "d" => Ok(LH_ARGON2_D),
        _ => Err(format!("--type must be id, i or d, not '{value}'")),
    }
}

/// Profile names, matched ignoring case, '-' and '_' (so argon2-cffi's
/// RFC_9106_LOW_MEMORY works too).
const PROFILES: [(&str, lh_argon2_profile); 7] = [
    ("rfc9106-low-memory", LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY),
    ("rfc9106-high-memory", LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY),
    ("owasp", LH_ARGON2_PROFILE_OWASP),
    ("interactive", LH_ARGON2_PROFILE_INTERACTIVE),
    ("moderate", LH_ARGON2_PROFILE_MODERATE),
    ("sensitive", LH_ARGON2_PROFILE_SENSITIVE),
    ("insecure-test-only", LH_ARGON2_PROFILE_INSECURE_TEST_ONLY),
];

fn parse_profile(name: &str) -> Result<lh_argon2_profile, String> {
    let squash = |s: &str| s.chars().filter(|c| *c != '-' && *c != '_').collect::<String>().to_ascii_lowercase();
    let wanted = squash(name);
    if wanted == "default" {
        return Ok(LH_ARGON2_PROFILE_DEFAULT);
    }
    PROFILES.iter().find(|(known, _)| squash(known) == wanted).map(|(_, value)| *value).ok_or_else(|| {
        let names: Vec<&str> = PROFILES.iter().map(|(known, _)| *known).collect();
        format!("unknown profile '{name}' (known: {})", names.join(", "))
    })
}

/// A memory size in KiB: "65536" (KiB), "512KiB", "256MiB", "1GiB" (also K, M, G).
fn parse_size(value: &str) -> Result<u32, String> {
    let lower = value.trim().to_ascii_lowercase();
    let digits_end = lower.find(|c: char| !c.is_ascii_digit()).unwrap_or(lower.len());
    let (digits, unit) = lower.split_at(digits_end);
    let factor: u64 = match unit.trim() {
        "" | "k" | "kib" => 1,
        "m" | "mib" => 1024,
        "g" | "gib" => 1024 * 1024,
        _ => return Err(format!("--max-memory: unknown unit in '{value}' (use KiB, MiB or GiB)")),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .and_then(|kib| u32::try_from(kib).ok())
        .ok_or_else(|| format!("--max-memory: '{value}' is not a size from 8KiB to 4TiB"))
}

fn status_text(status: lh_argon2_status) -> String {
    message(status).to_string_lossy().into_owned()
}

fn algorithm_name(algorithm: u32) -> &'static str {
    match algorithm {
        LH_ARGON2_D => "argon2d",
        LH_ARGON2_I => "argon2i",
        _ => "argon2id",
    }
}

/// The PHC prefix without salt and tag, e.g. `$argon2id$v=19$m=65536,t=3,p=4`.
fn phc_parameters(p: &lh_argon2_params) -> String {
    format!("${}$v={}$m={},t={},p={}", algorithm_name(p.algorithm), p.version, p.m_cost, p.t_cost, p.parallelism)
}

fn describe(p: &lh_argon2_params) -> String {
    format!(
        "{} v={} m={} KiB t={} p={}, {}-byte tag, {}-byte salt",
        algorithm_name(p.algorithm),
        p.version,
        p.m_cost,
        p.t_cost,
        p.parallelism,
        p.hash_len,
        p.salt_len
    )
}

// ---- commands ----

fn hash(options: &Options) -> Outcome {
    let params = options.params()?;
    let secret = options.secret()?;
    let password = read_password(true)?;
    let extras = Extras { secret: &secret, ad: b"" };
    let encoded = password::hash_encoded(&password, &params, extras, &mut os_rng())
        .map_err(|status| format!("hash: {}", status_text(status)))?;
    println!("{}", encoded.as_str());
    Ok(YES)
}

fn verify(options: &Options) -> Outcome {
    let secret = options.secret()?;
    // A malformed hash is reported before anyone is asked for a password.
    password::decode(options.hash_arg().as_bytes()).map_err(|status| format!("verify: {}", status_text(status)))?;
    let password = read_password(false)?;
    let extras = Extras { secret: &secret, ad: b"" };
    match password::verify(options.hash_arg().as_bytes(), &password, extras, &lh_argon2_limits::default()) {
        Ok(()) => {
            println!("{}", status_text(LH_ARGON2_OK));
            Ok(YES)
        }
        Err(LH_ARGON2_ERR_VERIFY_MISMATCH) => {
            println!("{}", status_text(LH_ARGON2_ERR_VERIFY_MISMATCH));
            Ok(NO)
        }
        Err(status) => Err(format!("verify: {}", status_text(status))),
    }
}

fn needs_rehash(options: &Options) -> Outcome {
    let params = options.params()?;
    match password::needs_rehash(options.hash_arg().as_bytes(), &params) {
        Ok(true) => {
            println!("yes");
            Ok(YES)
        }
        Ok(false) => {
            println!("no");
            Ok(NO)
        }
        Err(status) => Err(format!("needs-rehash: {}", status_text(status))),
    }
}

fn decode(options: &Options) -> Outcome {
    let p =
        password::decode(options.hash_arg().as_bytes()).map_err(|status| format!("decode: {}", status_text(status)))?;
    if options.json {
        println!(
            "{{\"algorithm\":\"{}\",\"version\":{},\"m_cost\":{},\"t_cost\":{},\"parallelism\":{},\"hash_len\":{},\"salt_len\":{}}}",
            algorithm_name(p.algorithm),
            p.version,
            p.m_cost,
            p.t_cost,
            p.parallelism,
            p.hash_len,
            p.salt_len
        );
    } else {
        println!("algorithm:   {}", algorithm_name(p.algorithm));
        println!("version:     {} (0x{:x})", p.version, p.version);
        println!("m_cost:      {} KiB", p.m_cost);
        println!("t_cost:      {}", p.t_cost);
        println!("parallelism: {}", p.parallelism);
        println!("hash_len:    {} bytes", p.hash_len);
        println!("salt_len:    {} bytes", p.salt_len);
    }
    Ok(YES)
}

fn bench(options: &Options) -> Outcome {
    let params = options.params()?;
    let runs = options.iterations.unwrap_or(10);
    if runs == 0 {
        return Err("bench: -n must be at least 1".to_owned());
    }
    // The hash is our own, so no verify limits apply to it.
    let unlimited =
        lh_argon2_limits { max_work: u64::MAX, max_m_cost: u32::MAX, max_t_cost: u32::MAX, max_parallelism: u32::MAX };
    const PASSWORD: &[u8] = b"benchmark password";
    let encoded = password::hash_encoded(PASSWORD, &params, Extras::default(), &mut os_rng())
        .map_err(|status| format!("bench: {}", status_text(status)))?;
    println!("{}: {runs} verifications", describe(&params));
    let progress = Progress::new();
    let mut total = Duration::ZERO;
    for run in 1..=runs {
        progress.show(&format!("verification {run}/{runs}"));
        let started = Instant::now();
        password::verify(encoded.as_bytes(), PASSWORD, Extras::default(), &unlimited)
            .map_err(|status| format!("bench: {}", status_text(status)))?;
        total += started.elapsed();
    }
    progress.clear();
    println!("{:.1} ms per verification", millis(total / runs));
    Ok(YES)
}

fn calibrate(options: &Options) -> Outcome {
    let target_ms = options.target_ms.unwrap_or(500);
    let max_memory = options.max_memory.unwrap_or(256 * 1024);
    let parallelism = options.parallelism.unwrap_or(4);
    let progress = Progress::new();
    progress.line(&format!("calibrating for {target_ms} ms per hash, at most {max_memory} KiB, p={parallelism}"));
    let mut show = |step: &Step| {
        let verdict = if step.fits { "within budget" } else { "too slow" };
        progress.line(&format!(
            "  m={} KiB, t={}: {:.1} ms ({verdict})",
            step.params.m_cost,
            step.params.t_cost,
            millis(step.elapsed)
        ));
    };
    let found = argon2rs::calibrate::calibrate(target_ms, max_memory, parallelism, &mut show)
        .map_err(|status| format!("calibrate: {}", status_text(status)))?;
    println!("{}", phc_parameters(&found.params));
    println!(
        "measured {:.1} ms per hash (target {target_ms} ms, at most {max_memory} KiB, p={parallelism})",
        millis(found.measured)
    );
    println!(
        "hash with: argon2rs hash -m {} -t {} -p {}",
        found.params.m_cost, found.params.t_cost, found.params.parallelism
    );
    Ok(YES)
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Progress on stderr, only when stderr is a terminal (so pipes and tests see none).
struct Progress(bool);

impl Progress {
    fn new() -> Self {
        Progress(io::stderr().is_terminal())
    }
    fn line(&self, text: &str) {
        if self.0 {
            eprintln!("{text}");
        }
    }
    fn show(&self, text: &str) {
        if self.0 {
            eprint!("\r{text}\x1b[K");
            let _ = io::stderr().flush();
        }
    }
    fn clear(&self) {
        if self.0 {
            eprint!("\r\x1b[K");
        }
    }
}

// ---- reading the password ----

/// The password: from a terminal, prompted for without echo (twice if `confirm`);
/// otherwise all of stdin with one trailing newline removed.
fn read_password(confirm: bool) -> Result<Zeroizing<Vec<u8>>, String> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let password = prompt("Password: ")?;
        if confirm && prompt("Retype password: ")? != password {
            return Err("the passwords do not match".to_owned());
        }
        return Ok(password);
    }
    // Reserved up front so typical passwords never reallocate (a reallocation would
    // leave an unwiped copy behind).
    let mut password = Zeroizing::new(Vec::with_capacity(4096));
    stdin.lock().read_to_end(&mut password).map_err(|e| format!("cannot read the password from stdin: {e}"))?;
    strip_newline(&mut password);
    Ok(password)
}

fn strip_newline(line: &mut Vec<u8>) {
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
}

/// Reads one line from the terminal on stdin with echo off, restoring it afterwards.
fn prompt(label: &str) -> Result<Zeroizing<Vec<u8>>, String> {
    eprint!("{label}");
    let _ = io::stderr().flush();
    let echo_off = EchoOff::new()?;
    let mut line = Zeroizing::new(Vec::with_capacity(4096));
    let read = io::stdin().lock().read_until(b'\n', &mut line);
    drop(echo_off);
    eprintln!();
    read.map_err(|e| format!("cannot read the password: {e}"))?;
    strip_newline(&mut line);
    Ok(line)
}

/// Terminal echo turned off on stdin while alive (restored on drop, panics included).
struct EchoOff(libc::termios);

impl EchoOff {
    fn new() -> Result<Self, String> {
        let mut original = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: fd 0 is checked to be a terminal by the caller; tcgetattr fills the
        // struct it is given and reports failure by its return value.
        if unsafe { libc::tcgetattr(0, original.as_mut_ptr()) } != 0 {
            return Err(format!("cannot read the terminal settings: {}", io::Error::last_os_error()));
        }
        // SAFETY: tcgetattr succeeded, so the struct is initialised.
        let original = unsafe { original.assume_init() };
        let mut silent = original;
        silent.c_lflag &= !libc::ECHO;
        // SAFETY: a valid termios for fd 0.
        if unsafe { libc::tcsetattr(0, libc::TCSAFLUSH, &silent) } != 0 {
            return Err(format!("cannot turn off the terminal echo: {}", io::Error::last_os_error()));
        }
        Ok(EchoOff(original))
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        // SAFETY: restores the settings tcgetattr returned for fd 0.
        unsafe { libc::tcsetattr(0, libc::TCSAFLUSH, &self.0) };
    }
}
