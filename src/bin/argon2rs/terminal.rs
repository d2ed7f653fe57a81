//! The terminal: passwords from stdin (prompted for without echo on a terminal) and
//! progress on stderr (only when it is a terminal, so pipes and tests see none).

use std::io::{self, BufRead, IsTerminal, Read, Write};

use zeroize::Zeroizing;

use crate::CliError;

/// Progress on stderr, only when stderr is a terminal.
pub struct Progress(bool);

impl Progress {
    pub fn new() -> Self {
        Progress(io::stderr().is_terminal())
    }
    pub fn line(&self, text: &str) {
        if self.0 {
            eprintln!("{text}");
        }
    }
    pub fn show(&self, text: &str) {
        if self.0 {
            eprint!("\r{text}\x1b[K");
            let _ = io::stderr().flush();
        }
    }
    pub fn clear(&self) {
        if self.0 {
            eprint!("\r\x1b[K");
        }
    }
}

/// The password: from a terminal, prompted for without echo (twice if `confirm`);
/// otherwise all of stdin with one trailing newline removed.
pub fn read_password(confirm: bool) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let password = prompt("Password: ")?;
        if confirm && prompt("Retype password: ")? != password {
            return Err(CliError::Io("the passwords do not match".to_owned()));
        }
        return Ok(password);
    }
    // Reserved up front so typical passwords never reallocate (a reallocation would
    // leave an unwiped copy behind).
    let mut password = Zeroizing::new(Vec::with_capacity(4096));
    stdin
        .lock()
        .read_to_end(&mut password)
        .map_err(|e| CliError::Io(format!("cannot read the password from stdin: {e}")))?;
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
fn prompt(label: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    eprint!("{label}");
    let _ = io::stderr().flush();
    let echo_off = EchoOff::new()?;
    let mut line = Zeroizing::new(Vec::with_capacity(4096));
    let read = io::stdin().lock().read_until(b'\n', &mut line);
    drop(echo_off);
    eprintln!();
    read.map_err(|e| CliError::Io(format!("cannot read the password: {e}")))?;
    strip_newline(&mut line);
    Ok(line)
}

/// Terminal echo turned off on stdin while alive (restored on drop, panics included).
struct EchoOff(libc::termios);

impl EchoOff {
    fn new() -> Result<Self, CliError> {
        let mut original = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: fd 0 is checked to be a terminal by the caller; tcgetattr fills the
        // struct it is given and reports failure by its return value.
        if unsafe { libc::tcgetattr(0, original.as_mut_ptr()) } != 0 {
            return Err(CliError::Io(format!("cannot read the terminal settings: {}", io::Error::last_os_error())));
        }
        // SAFETY: tcgetattr succeeded, so the struct is initialised.
        let original = unsafe { original.assume_init() };
        let mut silent = original;
        silent.c_lflag &= !libc::ECHO;
        // SAFETY: a valid termios for fd 0.
        if unsafe { libc::tcsetattr(0, libc::TCSAFLUSH, &silent) } != 0 {
            return Err(CliError::Io(format!("cannot turn off the terminal echo: {}", io::Error::last_os_error())));
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
