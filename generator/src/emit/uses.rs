//! The shared helpers a module's code calls, recorded while it is emitted, so that exactly
//! those helpers are emitted after it: an unused private helper would be a warning in the
//! user's crate, and deciding from the IR alone drifts from what the emitters really call.

use std::cell::RefCell;
use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub(super) struct Uses(RefCell<BTreeSet<&'static str>>);

impl Uses {
    /// Records that emitted code calls `helper`.
    pub fn mark(&self, helper: &'static str) {
        self.0.borrow_mut().insert(helper);
    }

    pub fn has(&self, helper: &str) -> bool {
        self.0.borrow().contains(helper)
    }
}
