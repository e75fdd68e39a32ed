//! The `oasforge` command line, as a library function so tests can drive it in-process.
//! `src/bin/oasforge.rs` only forwards to [`main`].
//!
//! Exit codes: 0 success (or up to date), 1 `check` found the file stale or `diff
//! --fail-on-breaking` found a breaking change, 2 the spec (or a file) is wrong, 3 an internal
//! error, 64 bad usage.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::diagnostic::Diagnostic;
use crate::settings::SettingsArgs;
use crate::{Error, Generator, Settings};

/// Generate Rust from OpenAPI 3.0/3.1 documents (YAML or JSON).
#[derive(Debug, Parser)]
#[command(name = "oasforge", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Color diagnostics: auto (when stderr is a terminal and NO_COLOR is unset), always, never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        display_order = 100
    )]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self, stderr_is_terminal: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => {
                stderr_is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        }
    }
}

/// Prints diagnostics about one spec, reading its text (for the snippet) only once, and only
/// when a diagnostic has a line to show.
struct Reporter<'a> {
    spec: &'a Path,
    color: bool,
    source: std::cell::OnceCell<Option<String>>,
    /// The texts of the other files diagnostics are placed in (external `$ref`s).
    other_files: std::cell::RefCell<std::collections::HashMap<std::path::PathBuf, Option<String>>>,
}

impl<'a> Reporter<'a> {
    fn new(spec: &'a Path, color: bool) -> Self {
        Self {
            spec,
            color,
            source: std::cell::OnceCell::new(),
            other_files: Default::default(),
        }
    }

    fn print(&self, diagnostic: &Diagnostic, stderr: &mut dyn Write) {
        // A node another file holds is shown from that file (each file read once).
        if let Some(file) = &diagnostic.file {
            let mut files = self.other_files.borrow_mut();
            let source = match diagnostic.location {
                Some(_) => files
                    .entry(file.clone())
                    .or_insert_with(|| std::fs::read_to_string(file).ok())
                    .as_deref(),
                None => None,
            };
            let text = crate::snippet::render(diagnostic, file, source, self.color);
            let _ = writeln!(stderr, "{text}");
            return;
        }
        let source = match diagnostic.location {
            Some(_) => self
                .source
                .get_or_init(|| std::fs::read_to_string(self.spec).ok())
                .as_deref(),
            None => None,
        };
        let text = crate::snippet::render(diagnostic, self.spec, source, self.color);
        let _ = writeln!(stderr, "{text}");
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a Rust module from SPEC.
    Generate {
        /// The OpenAPI document (YAML or JSON, decided by content).
        spec: PathBuf,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        name: CrateName,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Report what changed between two versions of a spec for users of the generated code,
    /// each change marked breaking or compatible.
    Diff {
        /// The spec before the change.
        old: PathBuf,
        /// The spec after the change.
        new: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit 1 when anything breaking changed.
        #[arg(long)]
        fail_on_breaking: bool,
        /// The generated enums have a catch-all variant, so new enum values break nothing.
        #[arg(long)]
        enum_catch_all: bool,
    },
    /// Check that the output is what `generate` would write now; print a unified diff and
    /// exit 1 if not.
    Check {
        /// The OpenAPI document (YAML or JSON, decided by content).
        spec: PathBuf,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        name: CrateName,
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

/// The crate name for `--crate`.
#[derive(Debug, clap::Args)]
struct CrateName {
    /// The crate's name with --crate (default: the spec's file name).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    /// For a pull-request comment.
    Markdown,
}

/// Where the output goes: one module file, or a whole crate.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
struct Target {
    /// Write one module file.
    #[arg(short, long, value_name = "FILE.rs")]
    output: Option<PathBuf>,
    /// Write a crate into DIR: Cargo.toml with exactly the dependencies the code uses,
    /// src/lib.rs and README.md.
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
}

pub const EXIT_STALE: u8 = 1;
pub const EXIT_SPEC_ERROR: u8 = 2;
pub const EXIT_INTERNAL_ERROR: u8 = 3;
pub const EXIT_USAGE: u8 = 64;

/// Runs the command line `args` (program name first) and returns the exit code. `stderr` is
/// taken not to be a terminal, so diagnostics have no color unless `--color always`.
pub fn run(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    run_with(args, stdout, stderr, false)
}

fn run_with(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    stderr_is_terminal: bool,
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
    let color = cli.color.enabled(stderr_is_terminal);
    let result = match cli.command {
        Command::Generate {
            spec,
            target,
            name,
            settings,
        } => outputs(&spec, &target, &name, &settings, color, stderr)
            .and_then(|files| write_all(&files))
            .map(|()| 0),
        Command::Check {
            spec,
            target,
            name,
            settings,
        } => outputs(&spec, &target, &name, &settings, color, stderr)
            .map(|files| check_all(&spec, &files, stdout, stderr)),
        Command::Diff {
            old,
            new,
            format,
            fail_on_breaking,
            enum_catch_all,
        } => diff(&old, &new, format, enum_catch_all, stdout).map(|breaking| {
            if breaking && fail_on_breaking {
                EXIT_STALE
            } else {
                0
            }
        }),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            match &err {
                Error::Spec { spec, diagnostic } => {
                    Reporter::new(Path::new(spec), color).print(diagnostic, stderr);
                }
                _ => {
                    let _ = writeln!(stderr, "error: {err}");
                }
            }
            match err {
                Error::Internal(_) => EXIT_INTERNAL_ERROR,
                Error::Usage(_) => EXIT_USAGE,
                _ => EXIT_SPEC_ERROR,
            }
        }
    }
}

/// The binary's entry point.
pub fn main() -> std::process::ExitCode {
    use std::io::IsTerminal;
    let code = run_with(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        std::io::stderr().is_terminal(),
    );
    std::process::ExitCode::from(code)
}

/// Prints the API changes from `old` to `new`; returns whether any is breaking.
fn diff(
    old: &Path,
    new: &Path,
    format: Format,
    catch_all: bool,
    stdout: &mut dyn Write,
) -> Result<bool, Error> {
    let settings = Settings {
        enum_catch_all: catch_all,
        ..Settings::everything()
    };
    let generator = Generator::new(settings);
    let (before, _) = generator.resolve(&crate::load::Source::from_path(old)?)?;
    let (after, _) = generator.resolve(&crate::load::Source::from_path(new)?)?;
    let changes = crate::diff::api_changes(&before, &after, catch_all);
    let format = match format {
        Format::Text => crate::diff::ReportFormat::Text,
        Format::Json => crate::diff::ReportFormat::Json,
        Format::Markdown => crate::diff::ReportFormat::Markdown,
    };
    let report = crate::diff::render(
        &changes,
        &old.display().to_string(),
        &new.display().to_string(),
        format,
    );
    let _ = write!(stdout, "{report}");
    Ok(changes.iter().any(|c| c.breaking))
}

/// The files to write: (path, contents).
fn outputs(
    spec: &Path,
    target: &Target,
    name: &CrateName,
    settings: &SettingsArgs,
    color: bool,
    stderr: &mut dyn Write,
) -> Result<Vec<(PathBuf, String)>, Error> {
    let generated = Generator::new(settings.into()).generate_path(spec)?;
    let reporter = Reporter::new(spec, color);
    for warning in &generated.warnings {
        reporter.print(warning, stderr);
    }
    let spec_name = spec.file_name().map_or_else(
        || spec.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match (&target.output, &target.crate_dir) {
        (Some(file), _) => Ok(vec![(file.clone(), generated.code)]),
        (None, Some(dir)) => {
            let name = name.name.clone().unwrap_or_else(|| {
                let stem = spec
                    .file_stem()
                    .map_or_else(|| "api".into(), |s| s.to_string_lossy().into_owned());
                crate::naming::field_name(&stem)
                    .trim_start_matches("r#")
                    .replace('_', "-")
            });
            Ok(crate::package::crate_files(&generated, &name, &spec_name)
                .into_iter()
                .map(|(path, text)| (dir.join(path), text))
                .collect())
        }
        (None, None) => Err(Error::Usage("give -o FILE.rs or --crate DIR".into())),
    }
}

fn write_all(files: &[(PathBuf, String)]) -> Result<(), Error> {
    for (path, text) in files {
        crate::builder::write_if_changed(path, text.as_bytes())?;
    }
    Ok(())
}

/// Compares each file with what is on disk: 0 when all are current, else 1 and a diff.
fn check_all(
    spec: &Path,
    files: &[(PathBuf, String)],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let mut stale = false;
    for (path, fresh) in files {
        let committed = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                let _ = writeln!(
                    stderr,
                    "{} is stale: it cannot be read ({err})",
                    path.display()
                );
                stale = true;
                continue;
            }
        };
        if committed == *fresh {
            let _ = writeln!(stdout, "{} is up to date", path.display());
            continue;
        }
        stale = true;
        let diff = similar::TextDiff::from_lines(&committed, fresh);
        let committed_name = format!("{} (committed)", path.display());
        let fresh_name = format!("{} (generated from {})", path.display(), spec.display());
        let _ = write!(
            stdout,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&committed_name, &fresh_name)
        );
        let _ = writeln!(stderr, "{} is stale", path.display());
    }
    if stale {
        let _ = writeln!(
            stderr,
            "regenerate with `oasforge generate {} ...` and the same options",
            spec.display()
        );
        EXIT_STALE
    } else {
        0
    }
}
