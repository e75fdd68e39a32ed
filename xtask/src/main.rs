//! `cargo xtask`: project chores that need more than `cargo` itself.
//!
//! `cargo xtask corpus` runs oasforge over public OpenAPI collections; see `corpus` and
//! BENCHMARKS.md, "Real-world corpus".

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project chores that need more than cargo"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate (and compile) Rust for public OpenAPI collections from the npm registry.
    Corpus(corpus::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Corpus(args) => corpus::run(&repo_root(), &args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn repo_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .expect("xtask lives one folder below the repository root")
        .to_path_buf()
}
