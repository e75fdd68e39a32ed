//! The threads the stages run on: every one gets a stack sized for the nesting limits
//! ([`crate::limits::STACK_SIZE`]), so no stage depends on the stack of the caller's thread
//! (2 MiB for a thread the standard library starts, a test harness's included).

use std::thread::{Scope, ScopedJoinHandle};

/// Starts `work` on a new thread of `scope`, with the stages' stack.
pub(crate) fn spawn_scoped<'scope, 'env, T: Send + 'scope>(
    scope: &'scope Scope<'scope, 'env>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> std::io::Result<ScopedJoinHandle<'scope, T>> {
    std::thread::Builder::new()
        .name("oasforge".to_owned())
        .stack_size(crate::limits::STACK_SIZE)
        .spawn_scoped(scope, work)
}

/// Runs `work` on a thread with the stages' stack and returns its result; a panic in it is
/// re-raised here as itself. If no thread can be started, `work` runs on this one.
pub(crate) fn on_sized_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    join_beside(|| (), work).1
}

/// Runs `beside` on another thread while `here` runs on this one, and returns both results
/// (for the front-end stages, which have no other work to share a second core with). If no
/// thread can be started, `beside` runs here after `here`; a panic in it is re-raised here as
/// itself.
pub(crate) fn join_beside<A, B: Send>(
    here: impl FnOnce() -> A,
    beside: impl FnOnce() -> B + Send,
) -> (A, B) {
    // The work is lent to the thread, so it is still here when no thread starts.
    let mut beside = Some(beside);
    let (here, done) = std::thread::scope(|scope| {
        let lent = &mut beside;
        let helper = spawn_scoped(scope, move || lent.take().map(|beside| beside()));
        let here = here();
        let done = helper.ok().and_then(|helper| {
            helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (here, done)
    });
    match (done, beside) {
        (Some(done), _) => (here, done),
        (None, Some(beside)) => (here, beside()),
        (None, None) => unreachable!("the thread took the work and returned its result"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Recursion that needs far more than a test thread's 2 MiB of stack.
    fn deep(levels: usize) -> usize {
        let padding = std::hint::black_box([0u8; 4096]);
        if levels == 0 {
            usize::from(padding[0])
        } else {
            deep(levels - 1) + 1
        }
    }

    #[test]
    fn work_runs_on_the_sized_stack() {
        assert_eq!(on_sized_stack(|| deep(4_000)), 4_000);
        let (here, beside) = join_beside(|| 1, || deep(4_000));
        assert_eq!((here, beside), (1, 4_000));
    }

    #[test]
    fn a_panic_is_raised_as_itself() {
        let panic =
            std::panic::catch_unwind(|| on_sized_stack(|| panic!("the work's own"))).unwrap_err();
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"the work's own"));
    }
}
