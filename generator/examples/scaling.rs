//! How generation time grows with a spec's depth and width, on synthetic specs that double
//! (`oasforge::synthetic`), for BENCHMARKS.md:
//!
//! ```sh
//! cargo run --release -p oasforge --features internals --example scaling [-- --runs N] [--only SERIES-PREFIX]
//! ```
//!
//! Each row is the median of N in-process runs (models, client and server) of one spec; the
//! ratio is to the row above, whose spec was half as deep or wide. Invalid specs (the slip)
//! are timed to their error. Uses the CLI's allocator (mimalloc) with the default features.

use std::time::{Duration, Instant};

use oasforge::synthetic::{self, Shape};
use oasforge::{Generator, Settings};

#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut runs = 7usize;
    let mut only = String::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--only" => only = args.next().expect("--only SERIES-PREFIX"),
            _ => panic!("unknown argument {arg}"),
        }
    }
    let generator = Generator::new(Settings::everything());
    println!(
        "| series | size | input bytes | output bytes | median time | × previous | µs per output KB |"
    );
    println!("|---|---|---|---|---|---|---|");
    let wanted = |series: &str| series.starts_with(&only);
    let depths = [8, 16, 32, 64];
    for shape in Shape::ALL {
        let series = format!("depth, {}", shape.name());
        if wanted(&series) {
            let specs = depths.map(|levels| (levels, synthetic::deep(shape, levels)));
            measure(&generator, &series, &specs, runs);
        }
    }
    if wanted("width") {
        let widths = [500, 1_000, 2_000, 4_000, 8_000];
        let specs = widths.map(|width| (width, synthetic::wide(width)));
        measure(&generator, "width, schemas", &specs, runs);
    }
    if wanted("`$ref` chain") {
        let lengths = [32, 64, 128, 256];
        let specs = lengths.map(|length| (length, synthetic::chain(length)));
        measure(&generator, "`$ref` chain", &specs, runs);
    }
    if wanted("`allOf` diamonds") {
        let levels = [10, 20, 40, 80];
        let specs = levels.map(|levels| (levels, synthetic::diamonds(levels)));
        measure(&generator, "`allOf` diamonds", &specs, runs);
    }
    if wanted("alias chain") {
        let lengths = [2_500, 5_000, 10_000, 20_000];
        let specs = lengths.map(|length| (length, synthetic::alias_chain(length)));
        measure(&generator, "alias chain", &specs, runs);
    }
}

fn measure(generator: &Generator, series: &str, specs: &[(usize, String)], runs: usize) {
    let mut previous: Option<Duration> = None;
    for (size, spec) in specs {
        let mut times = Vec::with_capacity(runs);
        let mut output = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let result = generator.generate_bytes("synthetic.json", spec.clone().into_bytes());
            times.push(started.elapsed());
            output = result.map_or(0, |generated| generated.code.len());
        }
        times.sort();
        let median = times[times.len() / 2];
        let ratio = previous.map_or_else(
            || "".to_owned(),
            |previous| format!("{:.2}", median.as_secs_f64() / previous.as_secs_f64()),
        );
        let per_kb = if output > 0 {
            format!(
                "{:.1}",
                median.as_secs_f64() * 1e6 / (output as f64 / 1024.0)
            )
        } else {
            "(error)".to_owned()
        };
        println!(
            "| {series} | {size} | {} | {output} | {:.2} ms | {ratio} | {per_kb} |",
            spec.len(),
            median.as_secs_f64() * 1e3,
        );
        previous = Some(median);
    }
}
