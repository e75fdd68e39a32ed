//! Wall time and peak memory of each pipeline stage on a spec, for BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release -p oasforge --features internals --example bench -- SPEC [--client] [--server] [--runs N]
//! cargo run --release -p oasforge --no-default-features --features internals --example bench -- SPEC ...
//! ```
//!
//! With the default features it uses the CLI's allocator (mimalloc); without them, the system
//! allocator, as a build script does unless it picks its own.
//!
//! Memory is the process's peak (`VmHWM`) when each stage ends, so it only grows; run one
//! spec per process.

use std::path::PathBuf;
use std::time::Duration;

use oasforge::{Generator, Settings};

#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ALLOCATOR_NAME: &str = if cfg!(feature = "cli") {
    "mimalloc, as the CLI"
} else {
    "the system's, as a build script by default"
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut spec = None;
    let mut settings = Settings::default();
    let mut runs = 5usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--client" => settings.client = true,
            "--server" => settings.server = true,
            "--runs" => runs = args.next().ok_or("--runs N")?.parse()?,
            other => spec = Some(PathBuf::from(other)),
        }
    }
    let spec = spec.ok_or("usage: bench SPEC [--client] [--server] [--runs N]")?;
    let generator = Generator::new(settings);
    let mut per_stage: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    let mut peaks: Vec<Option<u64>> = Vec::new();
    let mut lines = 0;
    let mut thread_times: Vec<(Duration, Duration)> = Vec::new();
    let runs = runs.max(1);
    let mut totals = Vec::new();
    for run in 0..runs {
        let (generated, profile) = generator.generate_profiled(&spec)?;
        thread_times.push((profile.emit_thread_time, profile.format_thread_time));
        let marks = profile.marks;
        totals.push(marks.last().map_or(Duration::ZERO, |mark| mark.at));
        lines = generated.code.lines().count();
        let mut previous = Duration::ZERO;
        for (index, mark) in marks.iter().enumerate() {
            if run == 0 {
                per_stage.push((mark.stage, Vec::new()));
                peaks.push(mark.peak_kb);
            }
            per_stage[index].1.push(mark.at - previous);
            previous = mark.at;
        }
    }
    println!(
        "{} ({lines} lines out), median of {runs} runs, allocator: {ALLOCATOR_NAME}:",
        spec.display()
    );
    let mut total = Duration::ZERO;
    for ((stage, mut times), peak) in per_stage.into_iter().zip(peaks) {
        times.sort();
        let median = times[times.len() / 2];
        total += median;
        let peak = peak.map_or_else(|| "?".to_owned(), |kb| format!("{} MB", kb / 1024));
        println!(
            "  {stage:<13} {:>8.1} ms   peak so far {peak}",
            median.as_secs_f64() * 1000.0
        );
    }
    totals.sort();
    let median = |times: &[Duration]| times[times.len() / 2].as_secs_f64() * 1000.0;
    println!(
        "  {:<13} {:>8.1} ms   (sum of the stage medians {:.1} ms; fastest run {:.1} ms)",
        "total",
        median(&totals),
        total.as_secs_f64() * 1000.0,
        totals[0].as_secs_f64() * 1000.0
    );
    // The yardstick of the performance goal: parsing the same bytes into a `serde_json::Value`
    // (after the generator's runs, so the peaks above are the generator's own).
    if spec.extension().is_some_and(|ext| ext == "json") {
        let bytes = std::fs::read(&spec)?;
        let mut value_parses: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = std::time::Instant::now();
                let value = serde_json::from_slice::<serde_json::Value>(&bytes);
                let elapsed = started.elapsed();
                drop(value);
                elapsed
            })
            .collect();
        value_parses.sort();
        println!(
            "  serde_json::Value parse of the same file {:.1} ms: the total is {:.1}x that",
            median(&value_parses),
            median(&totals) / median(&value_parses)
        );
    }
    thread_times.sort();
    let (emit, format) = thread_times[thread_times.len() / 2];
    println!(
        "  of emit + format, thread time: emit {:.1} ms, format {:.1} ms",
        emit.as_secs_f64() * 1000.0,
        format.as_secs_f64() * 1000.0
    );
    Ok(())
}
