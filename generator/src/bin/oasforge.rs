//! The `oasforge` command: argument parsing only; the work is the library's.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use oasforge::{Error, Generator, Settings};

/// Generate Rust (serde models) from an OpenAPI 3.0/3.1 document.
#[derive(Debug, Parser)]
#[command(name = "oasforge", version, about)]
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
}

#[derive(Debug, clap::Args)]
struct SettingsArgs {
    /// Give every enum an `Other` variant that keeps values the spec does not list.
    #[arg(long)]
    enum_catch_all: bool,
}

impl From<SettingsArgs> for Settings {
    fn from(args: SettingsArgs) -> Self {
        Settings {
            enum_catch_all: args.enum_catch_all,
        }
    }
}

/// Exit codes: 0 success, 2 the spec (or an input file) is wrong, 3 internal error.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            spec,
            output,
            settings,
        } => match generate(&spec, &output, settings.into()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("{err}");
                match err {
                    Error::Internal(_) => ExitCode::from(3),
                    _ => ExitCode::from(2),
                }
            }
        },
    }
}

fn generate(
    spec: &std::path::Path,
    output: &std::path::Path,
    settings: Settings,
) -> Result<(), Error> {
    let generated = Generator::new(settings).generate_path(spec)?;
    for warning in &generated.warnings {
        eprintln!("{}: {warning}", spec.display());
    }
    std::fs::write(output, &generated.code).map_err(|source| Error::Write {
        path: output.to_owned(),
        source,
    })
}
