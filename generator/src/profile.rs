//! Stage marks and peak memory, for the benchmark (`cargo run --release -p oasforge
//! --features internals --example bench`).

use std::path::Path;
use std::time::Duration;

use crate::load::Source;
use crate::place::place_error;
use crate::{Error, Generated, Generator, parallel};

impl Generator {
    /// Generates like [`Generator::generate_path`], also measuring each stage: for the
    /// benchmark (`cargo run --release -p oasforge --features internals --example bench`).
    #[doc(hidden)]
    pub fn generate_profiled(&self, path: &Path) -> Result<(Generated, Profile), Error> {
        let start = std::time::Instant::now();
        let mut marks = Vec::new();
        let source = Source::from_path(path)?;
        let thread_time = Default::default();
        let generated = parallel::on_sized_stack(|| {
            self.run_staged(
                &source,
                &mut |stage| {
                    marks.push(StageMark {
                        stage,
                        at: start.elapsed(),
                        peak_kb: peak_memory_kb(),
                    })
                },
                &thread_time,
            )
        })
        .map_err(|err| place_error(&source, &[], err))?;
        let (emit, format) = thread_time
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok((
            generated,
            Profile {
                marks,
                emit_thread_time: emit,
                format_thread_time: format,
            },
        ))
    }
}

/// What [`Generator::generate_profiled`] measured.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Profile {
    pub marks: Vec<StageMark>,
    /// Emitting and formatting run on up to two threads, module by module: the time the
    /// threads spent on each, summed (wall time is the `emit + format` mark).
    pub emit_thread_time: Duration,
    pub format_thread_time: Duration,
}

/// When a stage ended, and the process's peak memory by then.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct StageMark {
    pub stage: &'static str,
    pub at: std::time::Duration,
    /// Peak resident memory so far (Linux `VmHWM`), when the system says.
    pub peak_kb: Option<u64>,
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
