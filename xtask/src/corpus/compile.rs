//! `cargo check` of generated modules, many per crate.
//!
//! Each batch crate `#[path]`-includes up to `LINES_PER_BATCH` lines of outputs as modules of a
//! workspace that shares one target folder, so the dependencies are built once and cargo
//! checks two batches at a time. Every diagnostic is mapped back to its spec by the file its
//! primary span is in. A spec in a batch that failed only because of another spec is checked
//! again in a new batch, so one bad output never hides or fakes another's result.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::Result;

/// Keeps a batch's rustc memory and time moderate; a larger output gets a batch of its own.
const LINES_PER_BATCH: usize = 60_000;
/// A batch holds at most this many modules.
const SPECS_PER_BATCH: usize = 40;
/// Rounds of re-checking specs whose batch failed because of others.
const MAX_ROUNDS: usize = 4;

/// The dependencies generated code may name: the same crates and features as the committed
/// `generated/` crate, resolved with the repository's Cargo.lock.
const DEPENDENCIES: &str = r#"serde = { version = "1.0.219", features = ["derive"] }
serde_json = "1.0.140"
chrono = { version = "0.4.41", default-features = false, features = ["serde", "std"] }
uuid = { version = "1.17", features = ["serde"] }
base64 = "0.22"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "form", "multipart"] }
serde_path_to_error = "0.1.17"
serde_html_form = "0.4"
regex = { version = "1.11", default-features = false, features = ["std", "unicode"] }
axum = { version = "0.8", default-features = false, features = ["http1", "json", "query", "tokio", "form", "multipart"] }
indexmap = { version = "2", features = ["serde"] }
"#;

pub struct Job {
    pub spec: usize,
    pub file: PathBuf,
    pub lines: usize,
}

#[derive(Default, Clone)]
pub struct Compilation {
    /// Rendered rustc errors (short form) whose primary span is in this spec's output.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl Compilation {
    pub fn label(&self) -> &'static str {
        match (self.errors.is_empty(), self.warnings.is_empty()) {
            (false, _) => "compile-error",
            (true, false) => "compiled-with-warnings",
            (true, true) => "compiled",
        }
    }
}

/// Checks every job; the result is keyed by spec index.
pub fn check_all(
    root: &Path,
    cache: &Path,
    jobs: &[Job],
    parallel: usize,
) -> Result<BTreeMap<usize, Compilation>> {
    let workspace = cache.join("check");
    let mut results = BTreeMap::new();
    let mut pending: Vec<&Job> = jobs.iter().collect();
    // Specs whose batch crashed rustc are checked alone, to find the one that does.
    let mut solo = BTreeSet::new();
    for round in 0..MAX_ROUNDS {
        if pending.is_empty() {
            break;
        }
        if round > 0 {
            eprintln!(
                "  checking {} modules again, apart from the failing ones",
                pending.len()
            );
        }
        let last_round = round + 1 == MAX_ROUNDS;
        let batches = pack(&pending, &solo);
        write_workspace(root, &workspace, &batches)?;
        let checked = cargo_check(cache, &workspace, &batches, parallel)?;
        let mut per_spec = checked.per_spec;
        let mut again = Vec::new();
        for (batch_index, batch) in batches.iter().enumerate() {
            let crashed =
                !checked.finished.contains(&batch_index) && !checked.failed.contains(&batch_index);
            for job in batch {
                let mut compilation = per_spec.remove(&job.spec).unwrap_or_default();
                if crashed && batch.len() > 1 && !last_round {
                    solo.insert(job.spec);
                    again.push(*job);
                    continue;
                }
                if crashed {
                    compilation
                        .errors
                        .push("rustc crashed (see the cargo output)".to_owned());
                }
                let clean_in_failed_batch =
                    compilation.errors.is_empty() && checked.failed.contains(&batch_index);
                if clean_in_failed_batch && !last_round {
                    again.push(*job);
                    continue;
                }
                if clean_in_failed_batch {
                    compilation
                        .errors
                        .push("not verified: its batch kept failing because of others".to_owned());
                }
                results.insert(job.spec, compilation);
            }
        }
        pending = again;
    }
    Ok(results)
}

/// Largest first, so the long checks start early and the small ones fill the gaps.
fn pack<'a>(jobs: &[&'a Job], solo: &BTreeSet<usize>) -> Vec<Vec<&'a Job>> {
    let mut sorted = jobs.to_vec();
    sorted.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.spec.cmp(&b.spec)));
    let (alone, sorted): (Vec<&Job>, Vec<&Job>) =
        sorted.into_iter().partition(|job| solo.contains(&job.spec));
    let mut batches: Vec<Vec<&Job>> = alone.into_iter().map(|job| vec![job]).collect();
    let mut current: Vec<&Job> = Vec::new();
    let mut lines = 0;
    for job in sorted {
        if !current.is_empty()
            && (lines + job.lines > LINES_PER_BATCH || current.len() == SPECS_PER_BATCH)
        {
            batches.push(std::mem::take(&mut current));
            lines = 0;
        }
        lines += job.lines;
        current.push(job);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

fn batch_name(index: usize) -> String {
    format!("batch_{index:03}")
}

fn write_workspace(root: &Path, workspace: &Path, batches: &[Vec<&Job>]) -> Result<()> {
    if workspace.exists() {
        fs::remove_dir_all(workspace)?;
    }
    fs::create_dir_all(workspace)?;
    let members: Vec<String> = (0..batches.len())
        .map(|index| format!("\"{}\"", batch_name(index)))
        .collect();
    fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "[workspace]\nmembers = [{}]\nresolver = \"3\"\n\n[workspace.dependencies]\n{DEPENDENCIES}",
            members.join(", ")
        ),
    )?;
    fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock"))?;
    let dependency_names: Vec<&str> = DEPENDENCIES
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name))
        .collect();
    for (index, batch) in batches.iter().enumerate() {
        let dir = workspace.join(batch_name(index));
        fs::create_dir_all(dir.join("src"))?;
        let dependencies: String = dependency_names
            .iter()
            .map(|name| format!("{name}.workspace = true\n"))
            .collect();
        fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{dependencies}",
                batch_name(index)
            ),
        )?;
        let modules: String = batch
            .iter()
            .map(|job| {
                format!(
                    "#[path = {:?}]\npub mod m{};\n",
                    job.file.display().to_string(),
                    job.spec
                )
            })
            .collect();
        fs::write(dir.join("src/lib.rs"), modules)?;
    }
    Ok(())
}

/// What one `cargo check` of the workspace found.
struct Checked {
    per_spec: HashMap<usize, Compilation>,
    /// Batches with at least one error.
    failed: BTreeSet<usize>,
    /// Batches rustc finished.
    finished: BTreeSet<usize>,
}

/// One `cargo check` of the whole workspace; `--keep-going` checks every batch even when one fails.
fn cargo_check(
    cache: &Path,
    workspace: &Path,
    batches: &[Vec<&Job>],
    parallel: usize,
) -> Result<Checked> {
    let spec_of_file: HashMap<String, usize> = batches
        .iter()
        .flatten()
        .map(|job| (job.file.display().to_string(), job.spec))
        .collect();
    let batch_of_crate: HashMap<String, usize> = (0..batches.len())
        .map(|index| (batch_name(index), index))
        .collect();
    let mut child = Command::new(env!("CARGO"))
        .current_dir(workspace)
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
            "--jobs",
        ])
        .arg(parallel.to_string())
        .env("CARGO_TARGET_DIR", cache.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let mut per_spec: HashMap<usize, Compilation> = HashMap::new();
    let mut failed = BTreeSet::new();
    let mut finished = BTreeSet::new();
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(&batch) = message["target"]["name"]
            .as_str()
            .and_then(|name| batch_of_crate.get(name))
        else {
            continue;
        };
        if message["reason"] == "compiler-artifact" {
            finished.insert(batch);
        }
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        let level = diagnostic["level"].as_str().unwrap_or_default();
        if !matches!(level, "error" | "warning") {
            continue;
        }
        if level == "error" {
            failed.insert(batch);
        }
        let primary_file = diagnostic["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|span| span["is_primary"] == true)
            .and_then(|span| span["file_name"].as_str());
        let Some(spec) = primary_file.and_then(|file| spec_of_file.get(file)) else {
            continue;
        };
        let text = short(diagnostic);
        let entry = per_spec.entry(*spec).or_default();
        if level == "error" {
            entry.errors.push(text);
        } else {
            entry.warnings.push(text);
        }
    }
    let status = child.wait()?;
    if !status.success() && failed.is_empty() && finished.len() == batches.len() {
        return Err(format!(
            "cargo check failed ({status}) without a compiler error; see its output above"
        )
        .into());
    }
    Ok(Checked {
        per_spec,
        failed,
        finished,
    })
}

/// `E0308 mismatched types at m12.rs:40:9`.
fn short(diagnostic: &serde_json::Value) -> String {
    let code = diagnostic["code"]["code"]
        .as_str()
        .map(|code| format!("{code} "))
        .unwrap_or_default();
    let message = diagnostic["message"].as_str().unwrap_or_default();
    let place = diagnostic["spans"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|span| span["is_primary"] == true)
        .map(|span| {
            let file = span["file_name"].as_str().unwrap_or_default();
            let file = file.rsplit('/').next().unwrap_or(file);
            format!(" at {file}:{}:{}", span["line_start"], span["column_start"])
        })
        .unwrap_or_default();
    format!("{code}{message}{place}")
}
