//! The `oasforge` command line, as a library function so tests can drive it in-process.
//! `src/bin/oasforge.rs` only forwards to [`main`].
//!
//! Exit codes: 0 success (or up to date), 1 `check` found the file stale, 2 the spec (or a
//! file) is wrong, 3 an internal error, 64 bad usage.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::{Error, Generator, Settings};

/// Generate Rust from OpenAPI 3.0/3.1 documents (YAML or JSON).
#[derive(Debug, Parser)]
#[command(name = "oasforge", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a Rust module from SPEC.
    Generate {
        /// The OpenAPI document (YAML or JSON, decided by content).
        spec: PathBuf,
        /// Where to write the module.
        #[arg(short, long, value_name = "FILE.rs")]
        output: PathBuf,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Check that FILE.rs is what `generate` would write now; print a unified diff and exit 1
    /// if not.
    Check {
        /// The OpenAPI document (YAML or JSON, decided by content).
        spec: PathBuf,
        /// The committed module to compare.
        #[arg(short, long, value_name = "FILE.rs")]
        output: PathBuf,
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

#[derive(Debug, clap::Args)]
struct SettingsArgs {
    /// Give every enum an `Other` variant that keeps values the spec does not list.
    #[arg(long)]
    enum_catch_all: bool,
    /// What to generate: the models always; with them the client and/or the server.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "models")]
    emit: Vec<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Part {
    /// The serde models (always generated).
    Models,
    /// The reqwest client.
    Client,
    /// The axum server stubs.
    Server,
}

impl From<SettingsArgs> for Settings {
    fn from(args: SettingsArgs) -> Self {
        Settings {
            enum_catch_all: args.enum_catch_all,
            client: args.emit.contains(&Part::Client),
            server: args.emit.contains(&Part::Server),
        }
    }
}

pub const EXIT_STALE: u8 = 1;
pub const EXIT_SPEC_ERROR: u8 = 2;
pub const EXIT_INTERNAL_ERROR: u8 = 3;
pub const EXIT_USAGE: u8 = 64;

/// Runs the command line `args` (program name first) and returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let text = err.render().to_string();
            return if err.use_stderr() {
                let _ = write!(stderr, "{text}");
                EXIT_USAGE
            } else {
                let _ = write!(stdout, "{text}");
                0
            };
        }
    };
    let result = match cli.command {
        Command::Generate {
            spec,
            output,
            settings,
        } => generate(&spec, &output, settings.into(), stderr).map(|()| 0),
        Command::Check {
            spec,
            output,
            settings,
        } => check(&spec, &output, settings.into(), stdout, stderr),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(stderr, "{err}");
            match err {
                Error::Internal(_) => EXIT_INTERNAL_ERROR,
                _ => EXIT_SPEC_ERROR,
            }
        }
    }
}

/// The binary's entry point.
pub fn main() -> std::process::ExitCode {
    let code = run(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::ExitCode::from(code)
}

fn check(
    spec: &Path,
    output: &Path,
    settings: Settings,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let generated = Generator::new(settings).generate_path(spec)?;
    for warning in &generated.warnings {
        let _ = writeln!(stderr, "{}: {warning}", spec.display());
    }
    let committed = match std::fs::read_to_string(output) {
        Ok(text) => text,
        Err(err) => {
            let _ = writeln!(
                stderr,
                "{} is stale: it cannot be read ({err}); run `oasforge generate {} -o {}`",
                output.display(),
                spec.display(),
                output.display()
            );
            return Ok(EXIT_STALE);
        }
    };
    if committed == generated.code {
        let _ = writeln!(stdout, "{} is up to date", output.display());
        return Ok(0);
    }
    let diff = similar::TextDiff::from_lines(&committed, &generated.code);
    let committed_name = format!("{} (committed)", output.display());
    let fresh_name = format!("{} (generated from {})", output.display(), spec.display());
    let _ = write!(
        stdout,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&committed_name, &fresh_name)
    );
    let _ = writeln!(
        stderr,
        "{} is stale; run `oasforge generate {} -o {}`",
        output.display(),
        spec.display(),
        output.display()
    );
    Ok(EXIT_STALE)
}

fn generate(
    spec: &Path,
    output: &Path,
    settings: Settings,
    stderr: &mut dyn Write,
) -> Result<(), Error> {
    let generated = Generator::new(settings).generate_path(spec)?;
    for warning in &generated.warnings {
        let _ = writeln!(stderr, "{}: {warning}", spec.display());
    }
    std::fs::write(output, &generated.code).map_err(|source| Error::Write {
        path: output.to_owned(),
        source,
    })
}
