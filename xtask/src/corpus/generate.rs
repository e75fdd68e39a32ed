//! One `oasforge generate --client --server` per document, run twice to prove the output is
//! byte-identical, with a few runs in parallel.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::Result;
use super::specs::Spec;

/// A run that takes longer than this is killed and counted as a timeout.
const TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Outcome {
    Generated,
    /// Exit 2: the spec is refused with a diagnostic.
    SpecError,
    /// Exit 3: oasforge produced code that does not parse.
    InternalError,
    /// A panic, or death by a signal (a stack overflow aborts).
    Panic,
    Timeout,
    /// Both runs succeeded but wrote different bytes.
    Nondeterministic,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Generated => "generated",
            Self::SpecError => "spec-error",
            Self::InternalError => "internal-error",
            Self::Panic => "panic",
            Self::Timeout => "timeout",
            Self::Nondeterministic => "nondeterministic",
        }
    }
}

pub struct Generation {
    pub outcome: Outcome,
    /// Wall time of the first run.
    pub seconds: f64,
    /// The first line of each warning.
    pub warnings: Vec<String>,
    /// The first line of the error (or the panic message).
    pub error: Option<String>,
    pub lines: usize,
    pub output: Option<PathBuf>,
    /// For generated code: the operations the client has against those the router serves.
    pub routing: Option<Routing>,
}

/// The operations (webhooks included) the generated client has and the server router
/// serves, and the warned reasons for the difference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Routing {
    /// Request builders: one `sendable!(` each.
    pub client: usize,
    /// Handlers the router calls: one `async fn handle_` each.
    pub served: usize,
    /// Left out: the method and template (up to parameter names) of an earlier operation.
    pub duplicate: usize,
    /// Left out: no security alternative a supported scheme can check.
    pub security: usize,
}

impl Routing {
    fn of(code: &str, warnings: &[String]) -> Self {
        let warned = |text: &str| warnings.iter().filter(|w| w.contains(text)).count();
        Self {
            client: code.matches("sendable!(").count(),
            served: code.matches("async fn handle_").count(),
            duplicate: warned("the server router keeps the first"),
            security: warned("the server router leaves this operation out"),
        }
    }

    /// Operations the client has that the router neither serves nor explains (must be 0).
    pub fn unexplained(self) -> isize {
        self.client as isize - (self.served + self.duplicate + self.security) as isize
    }
}

/// Runs every spec in `indices`; results are keyed by spec index.
pub fn run_all(
    oasforge: &Path,
    specs: &[Spec],
    indices: &[usize],
    out_dir: &Path,
    jobs: usize,
) -> Result<BTreeMap<usize, Generation>> {
    if out_dir.exists() {
        fs::remove_dir_all(out_dir)?;
    }
    fs::create_dir_all(out_dir)?;
    let next = AtomicUsize::new(0);
    let results = Mutex::new(BTreeMap::new());
    let failure = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let position = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&index) = indices.get(position) else {
                        break;
                    };
                    match generate_one(oasforge, &specs[index], index, out_dir) {
                        Ok(generation) => {
                            results
                                .lock()
                                .expect("no worker panics")
                                .insert(index, generation);
                        }
                        Err(error) => {
                            *failure.lock().expect("no worker panics") =
                                Some(format!("{}: {error}", specs[index].id));
                            break;
                        }
                    }
                    if (position + 1).is_multiple_of(250) {
                        eprintln!("  {} / {}", position + 1, indices.len());
                    }
                }
            });
        }
    });
    if let Some(failure) = failure.into_inner().expect("no worker panics") {
        return Err(failure.into());
    }
    Ok(results.into_inner().expect("no worker panics"))
}

fn generate_one(oasforge: &Path, spec: &Spec, index: usize, out_dir: &Path) -> Result<Generation> {
    let output = out_dir.join(format!("m{index}.rs"));
    let stderr = out_dir.join(format!("m{index}.stderr"));
    let started = Instant::now();
    let status = run(oasforge, &spec.path, &output, &stderr)?;
    let seconds = started.elapsed().as_secs_f64();
    let messages = fs::read_to_string(&stderr)?;
    let warnings = headlines(&messages, "warning: ");
    let error = headlines(&messages, "error: ").into_iter().next();
    let outcome = match status {
        None => Outcome::Timeout,
        Some(status) if status.success() => Outcome::Generated,
        Some(status) => match status.code() {
            Some(2) => Outcome::SpecError,
            Some(3) => Outcome::InternalError,
            _ => Outcome::Panic,
        },
    };
    let error = match outcome {
        Outcome::Panic => Some(panic_message(&messages)),
        Outcome::Timeout => Some(format!("no result after {} s", TIMEOUT.as_secs())),
        _ => error,
    };
    if outcome != Outcome::Generated {
        return Ok(Generation {
            outcome,
            seconds,
            warnings,
            error,
            lines: 0,
            output: None,
            routing: None,
        });
    }
    let first = fs::read(&output)?;
    let again = out_dir.join(format!("m{index}.again.rs"));
    let same = match run(oasforge, &spec.path, &again, &stderr)? {
        Some(status) if status.success() => fs::read(&again)? == first,
        _ => false,
    };
    fs::remove_file(&again).ok();
    fs::remove_file(&stderr).ok();
    let lines = first.iter().filter(|&&byte| byte == b'\n').count();
    let routing = Routing::of(&String::from_utf8_lossy(&first), &warnings);
    Ok(Generation {
        outcome: if same {
            Outcome::Generated
        } else {
            Outcome::Nondeterministic
        },
        seconds,
        warnings,
        error: (!same).then(|| "the second run wrote different bytes".to_owned()),
        lines,
        output: Some(output),
        routing: Some(routing),
    })
}

/// Runs the CLI once; `None` when it timed out (and was killed).
fn run(oasforge: &Path, spec: &Path, output: &Path, stderr: &Path) -> Result<Option<ExitStatus>> {
    let mut child = Command::new(oasforge)
        .arg("generate")
        .arg(spec)
        .args(["--client", "--server", "--color", "never", "-o"])
        .arg(output)
        .stdout(Stdio::null())
        .stderr(fs::File::create(stderr)?)
        .spawn()?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if started.elapsed() > TIMEOUT {
            child.kill().ok();
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The message of every diagnostic of one severity (`prefix` is `warning: ` or `error: `).
fn headlines(stderr: &str, prefix: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .map(str::to_owned)
        .collect()
}

fn panic_message(stderr: &str) -> String {
    let mut lines = stderr.lines();
    match lines.by_ref().find(|line| line.contains("panicked at")) {
        Some(place) => format!("{place} {}", lines.next().unwrap_or_default()),
        None => stderr
            .lines()
            .last()
            .unwrap_or("killed by a signal")
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::Routing;

    #[test]
    fn routing_counts_builders_handlers_and_warned_reasons() {
        let code = "macro_rules! sendable {}\nsendable!(A => X);\nsendable!(B => Y);\nsendable!(C => Z);\nasync fn handle_a() {}\nasync fn handle_c() {}\n";
        let warnings = vec![
            "another operation has the same method and path (up to parameter names); the server router keeps the first (at #/paths/~1b/get)".to_owned(),
        ];
        let routing = Routing::of(code, &warnings);
        assert_eq!(
            routing,
            Routing {
                client: 3,
                served: 2,
                duplicate: 1,
                security: 0
            }
        );
        assert_eq!(routing.unexplained(), 0);
        assert_eq!(Routing::of(code, &[]).unexplained(), 1);
    }
}
