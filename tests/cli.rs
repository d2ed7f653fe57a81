//! The `argon2rs` command-line tool: each subcommand's exit codes and output, run as a
//! user would run it (stdin piped, so no prompts and no progress output).

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn argon2rs(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argon2rs"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run argon2rs");
    // A command that fails early may exit before reading stdin: a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn cheap_hash(password: &[u8]) -> String {
    let run = argon2rs(&["hash", "--profile", "insecure-test-only"], password);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.trim_end().to_owned()
}

#[test]
fn every_command_has_help_and_help_exits_0() {
    let main = argon2rs(&["--help"], b"");
    assert_eq!(main.code, 0);
    for command in ["hash", "verify", "needs-rehash", "decode", "bench", "calibrate"] {
        assert!(main.stdout.contains(command), "main help lists {command}");
        for args in [vec![command, "--help"], vec![command, "-h"], vec!["help", command]] {
            let run = argon2rs(&args, b"");
            assert_eq!(run.code, 0, "{args:?}");
            assert!(run.stdout.starts_with(&format!("usage: argon2rs {command}")), "{args:?}: {}", run.stdout);
        }
    }
    assert!(argon2rs(&["hash", "--help"], b"").stdout.contains("--profile NAME"));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let none = argon2rs(&[], b"");
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("usage: argon2rs COMMAND"));
    let cases: [(&[&str], &str); 6] = [
        (&["frobnicate"], "unknown command 'frobnicate'"),
        (&["hash", "--bogus"], "unknown option '--bogus'"),
        (&["verify"], "expected one HASH argument"),
        (&["hash", "-t"], "-t needs a value"),
        (&["hash", "-t", "three"], "-t needs a whole number"),
        (&["decode", "--profile", "owasp", "$argon2id$x"], "unknown option '--profile'"),
    ];
    for (args, expected) in cases {
        let run = argon2rs(args, b"pw");
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.starts_with("argon2rs: ") && run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    assert_eq!(argon2rs(&["--version"], b"").stdout, format!("argon2rs {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn hash_prints_a_phc_string_for_the_profile() {
    let encoded = cheap_hash(b"correct horse\n");
    assert!(encoded.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{encoded}");
    assert_eq!(encoded.matches('$').count(), 5);
}

#[test]
fn hash_takes_explicit_parameters_over_the_profile() {
    let run =
        argon2rs(&["hash", "--profile", "OWASP", "-t", "2", "-m", "64", "-p", "2", "-l", "16", "--type", "i"], b"pw");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("$argon2i$v=19$m=64,t=2,p=2$"), "{}", run.stdout);
    let tag = run.stdout.trim_end().rsplit('$').next().unwrap();
    assert_eq!(tag.len(), 22, "16-byte tag in unpadded Base64");
}

#[test]
fn hash_refuses_invalid_parameters_with_the_library_message() {
    let run = argon2rs(&["hash", "-t", "0"], b"pw");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("time cost is too small"), "{}", run.stderr);
    let run = argon2rs(&["hash", "--profile", "fastest"], b"pw");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown profile 'fastest'"), "{}", run.stderr);
}

#[test]
fn one_trailing_newline_is_not_part_of_the_password() {
    let encoded = cheap_hash(b"pw\n");
    assert_eq!(argon2rs(&["verify", &encoded], b"pw").code, 0);
    assert_eq!(argon2rs(&["verify", &encoded], b"pw\r\n").code, 0);
    assert_eq!(argon2rs(&["verify", &encoded], b"pw\n\n").code, 1, "only one newline is removed");
}

#[test]
fn verify_exits_0_on_match_1_on_mismatch_2_on_error() {
    let encoded = cheap_hash(b"correct horse");
    let right = argon2rs(&["verify", &encoded], b"correct horse");
    assert_eq!((right.code, right.stdout.as_str()), (0, "success\n"));
    let wrong = argon2rs(&["verify", &encoded], b"correct horsf");
    assert_eq!((wrong.code, wrong.stdout.as_str()), (1, "the password does not match the stored hash\n"));
    let bad = argon2rs(&["verify", "$argon2id$v=19$m=8,t=1,p=1$!!!$abc"], b"pw");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.starts_with("argon2rs: verify: "), "{}", bad.stderr);
    let hostile =
        argon2rs(&["verify", "$argon2id$v=19$m=4194304,t=100,p=32$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"], b"pw");
    assert_eq!(hostile.code, 2);
    assert!(hostile.stderr.contains("verify limits"), "{}", hostile.stderr);
}

#[test]
fn secret_file_is_the_pepper() {
    let dir = std::env::temp_dir().join(format!("argon2rs-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pepper = dir.join("pepper");
    std::fs::write(&pepper, b"server-side pepper").unwrap();
    let pepper = pepper.to_str().unwrap();
    let run = argon2rs(&["hash", "--profile", "insecure-test-only", "--secret-file", pepper], b"pw");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let encoded = run.stdout.trim_end();
    assert_eq!(argon2rs(&["verify", encoded, "--secret-file", pepper], b"pw").code, 0);
    assert_eq!(argon2rs(&["verify", encoded], b"pw").code, 1, "without the pepper it does not match");
    let missing = argon2rs(&["verify", encoded, "--secret-file", "/nonexistent/pepper"], b"pw");
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read the secret file"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn needs_rehash_exits_0_yes_1_no_2_error() {
    let encoded = cheap_hash(b"pw");
    let same = argon2rs(&["needs-rehash", &encoded, "--profile", "insecure-test-only"], b"");
    assert_eq!((same.code, same.stdout.as_str()), (1, "no\n"));
    let default = argon2rs(&["needs-rehash", &encoded], b"");
    assert_eq!((default.code, default.stdout.as_str()), (0, "yes\n"));
    let more_passes = argon2rs(&["needs-rehash", &encoded, "--profile", "insecure-test-only", "-t", "2"], b"");
    assert_eq!(more_passes.code, 0);
    let bad = argon2rs(&["needs-rehash", "not a hash"], b"");
    assert_eq!(bad.code, 2);
    assert!(bad.stdout.is_empty() && bad.stderr.contains("not a well-formed"));
}

#[test]
fn decode_prints_parameters_as_text_or_json() {
    let encoded = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$PZ5Z2ZUmpZNRgtWPH3j6VJz7MUXj6iMKAcu8Hlh2Mto";
    let text = argon2rs(&["decode", encoded], b"");
    assert_eq!(text.code, 0, "{}", text.stderr);
    for line in [
        "algorithm:   argon2id",
        "version:     19 (0x13)",
        "m_cost:      65536 KiB",
        "t_cost:      3",
        "parallelism: 4",
        "hash_len:    32 bytes",
        "salt_len:    16 bytes",
    ] {
        assert!(text.stdout.lines().any(|l| l == line), "missing '{line}' in\n{}", text.stdout);
    }
    let json = argon2rs(&["decode", "--json", encoded], b"");
    assert_eq!(json.code, 0);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(value["algorithm"], "argon2id");
    assert_eq!(
        (value["version"].as_u64(), value["m_cost"].as_u64(), value["t_cost"].as_u64()),
        (Some(19), Some(65536), Some(3))
    );
    assert_eq!(
        (value["parallelism"].as_u64(), value["hash_len"].as_u64(), value["salt_len"].as_u64()),
        (Some(4), Some(32), Some(16))
    );
    let bad = argon2rs(&["decode", "$argon2id$v=20$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"], b"");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("unsupported Argon2 version"), "{}", bad.stderr);
}

#[test]
fn bench_reports_milliseconds_per_verification() {
    let run = argon2rs(&["bench", "--profile", "insecure-test-only", "-n", "3"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "argon2id v=19 m=8 KiB t=1 p=1, 32-byte tag, 16-byte salt: 3 verifications");
    let ms: f64 = lines[1].strip_suffix(" ms per verification").expect(lines[1]).parse().unwrap();
    assert!(ms >= 0.0);
    assert!(run.stderr.is_empty(), "no progress output when stderr is not a terminal");
    let with_params = argon2rs(&["bench", "-m", "64", "-t", "2", "-p", "1", "-n", "1"], b"");
    assert!(with_params.stdout.starts_with("argon2id v=19 m=64 KiB t=2 p=1"), "{}", with_params.stdout);
    assert_eq!(argon2rs(&["bench", "-n", "0"], b"").code, 2);
}

#[test]
fn calibrate_prints_parameters_and_the_measured_time() {
    let run = argon2rs(&["calibrate", "--target-ms", "20", "--max-memory", "1MiB", "--parallelism", "2"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let phc = lines[0];
    assert!(phc.starts_with("$argon2id$v=19$m="), "{phc}");
    let fields: Vec<u32> =
        phc.rsplit('$').next().unwrap().split(',').map(|kv| kv.split_once('=').unwrap().1.parse().unwrap()).collect();
    let (m, t, p) = (fields[0], fields[1], fields[2]);
    assert!((16..=1024).contains(&m) && t >= 1 && p == 2, "{phc}");
    let measured = lines[1].strip_prefix("measured ").expect(lines[1]);
    let ms: f64 = measured.split(' ').next().unwrap().parse().unwrap();
    assert!(ms <= 20.0, "{measured}");
    assert!(measured.contains("ms per hash (target 20 ms, at most 1024 KiB, p=2)"), "{measured}");
    assert_eq!(lines[2], format!("hash with: argon2rs hash -m {m} -t {t} -p {p}"));
    assert!(run.stderr.is_empty(), "no progress output when stderr is not a terminal");
}

#[test]
fn calibrate_refuses_bad_budgets() {
    let zero = argon2rs(&["calibrate", "--target-ms", "0"], b"");
    assert_eq!(zero.code, 2);
    assert!(zero.stderr.contains("time budget"), "{}", zero.stderr);
    let unit = argon2rs(&["calibrate", "--max-memory", "12XB"], b"");
    assert_eq!(unit.code, 2);
    assert!(unit.stderr.contains("unknown unit"), "{}", unit.stderr);
    let lanes = argon2rs(&["calibrate", "--target-ms", "20", "--max-memory", "1MiB", "-p", "0"], b"");
    assert_eq!(lanes.code, 2);
}

#[test]
fn explicit_memory_sizes_are_read_in_kib() {
    // A plain number is KiB, as -m is; 64 KiB at p=1 is small enough for any budget.
    let run = argon2rs(&["calibrate", "--target-ms", "50", "--max-memory", "64", "-p", "1"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("$argon2id$v=19$m=64,"), "{}", run.stdout);
}

#[test]
fn verify_limits_are_options_so_reference_cli_hashes_with_p_20_or_t_40_verify() {
    for (params, limit) in [
        (["-p", "20", "-m", "160", "-t", "1"], "--max-parallelism=20"),
        (["-t", "40", "-m", "8", "-p", "1"], "--max-t-cost=40"),
    ] {
        let mut args = vec!["hash", "--profile", "insecure-test-only"];
        args.extend(params);
        let made = argon2rs(&args, b"pw");
        assert_eq!(made.code, 0, "{}", made.stderr);
        let encoded = made.stdout.trim_end();
        let refused = argon2rs(&["verify", encoded], b"pw");
        assert_eq!(refused.code, 2, "beyond the default limits: {encoded}");
        assert!(refused.stderr.contains("verify limits"), "{}", refused.stderr);
        assert_eq!(argon2rs(&["verify", encoded, limit], b"pw").code, 0, "{limit} admits {encoded}");
        assert_eq!(argon2rs(&["verify", encoded, limit], b"pX").code, 1, "and still checks the password");
        // Beyond the limits it needs rehashing even with its own parameters; within them, not.
        let mut same = vec!["needs-rehash", encoded, "--profile", "insecure-test-only"];
        same.extend(params);
        assert_eq!(argon2rs(&same, b"").stdout, "yes\n");
        same.push(limit);
        assert_eq!(argon2rs(&same, b"").stdout, "no\n");
    }
}

#[test]
fn verify_limits_can_also_be_lowered() {
    let encoded = argon2rs(&["hash", "--profile", "insecure-test-only", "-m", "64"], b"pw").stdout;
    let encoded = encoded.trim_end();
    assert_eq!(argon2rs(&["verify", encoded], b"pw").code, 0);
    for limit in
        [&["--max-m-cost", "32"][..], &["--max-m-cost", "32KiB"], &["--max-work", "63"], &["--max-parallelism", "1"]]
    {
        let mut args = vec!["verify", encoded];
        args.extend(limit);
        let expected = if limit[0] == "--max-parallelism" { 0 } else { 2 };
        let run = argon2rs(&args, b"pw");
        assert_eq!(run.code, expected, "{limit:?}: {}", run.stderr);
    }
    let bad = argon2rs(&["verify", encoded, "--max-t-cost", "many"], b"pw");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--max-t-cost needs a whole number"), "{}", bad.stderr);
}

#[test]
fn every_command_refuses_options_it_does_not_take() {
    let encoded = cheap_hash(b"pw");
    let cases: [&[&str]; 10] = [
        &["hash", "--max-t-cost", "3"],
        &["hash", "--json"],
        &["verify", &encoded, "--profile", "owasp"],
        &["verify", &encoded, "-t", "2"],
        &["needs-rehash", &encoded, "--secret-file", "/dev/null"],
        &["decode", &encoded, "--max-parallelism", "2"],
        &["bench", "--target-ms", "5"],
        &["calibrate", "-t", "3"],
        &["calibrate", "--profile", "owasp"],
        &["calibrate", "--bogus"],
    ];
    for args in cases {
        let run = argon2rs(args, b"pw");
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("unknown option '"), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} did something: {}", run.stdout);
    }
    let extra = argon2rs(&["decode", &encoded, &encoded], b"");
    assert_eq!(extra.code, 2);
    assert!(extra.stderr.contains("expected one HASH argument"), "{}", extra.stderr);
    let stray = argon2rs(&["calibrate", "500"], b"");
    assert_eq!(stray.code, 2);
    assert!(stray.stderr.contains("expected no arguments"), "{}", stray.stderr);
}

#[test]
fn options_take_inline_values_and_help_names_the_engine() {
    let run = argon2rs(&["hash", "--profile=insecure-test-only", "-t2", "--salt-len=8"], b"pw");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("$argon2id$v=19$m=8,t=2,p=1$"), "{}", run.stdout);
    let engine = if cfg!(feature = "rustcrypto-engine") { "rustcrypto-argon2" } else { "libargon2rs" };
    assert!(argon2rs(&["--help"], b"").stdout.contains(&format!("computed by the {engine} engine")));
    for command in ["verify", "needs-rehash"] {
        assert!(argon2rs(&[command, "--help"], b"").stdout.contains("--max-parallelism N"), "{command}");
    }
}
