//! The shared helpers a module's code calls, recorded while it is emitted, so that exactly
//! those helpers are emitted after it: an unused private helper would be a warning in the
//! user's crate, and deciding from the IR alone drifts from what the emitters really call.

use std::cell::RefCell;
use std::collections::BTreeSet;

/// A helper function (or a few items written together) of a generated module. The order of
/// the type is the order the helpers are written out in.
pub(super) trait Helper: Copy + Ord + 'static {
    /// The helpers this one's code calls: marking it marks them.
    fn requires(self) -> &'static [Self];
}

/// Declares a helper enum (its order is the output's) and, for tests, `ALL` of its variants.
macro_rules! helper_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$doc:meta])* $variant:ident,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        $vis enum $name { $($(#[$doc])* $variant,)* }

        #[cfg(test)]
        impl $name {
            const ALL: &[Self] = &[$(Self::$variant),*];
        }
    };
}
pub(super) use helper_enum;

#[derive(Debug)]
pub(super) struct Uses<H>(RefCell<BTreeSet<H>>);

impl<H> Default for Uses<H> {
    fn default() -> Self {
        Self(RefCell::new(BTreeSet::new()))
    }
}

impl<H: Helper> Uses<H> {
    /// Records that emitted code calls `helper` (and so whatever `helper` calls).
    pub fn mark(&self, helper: H) {
        let mut used = self.0.borrow_mut();
        let mut pending = vec![helper];
        while let Some(helper) = pending.pop() {
            if used.insert(helper) {
                pending.extend_from_slice(helper.requires());
            }
        }
    }

    pub fn has(&self, helper: H) -> bool {
        self.0.borrow().contains(&helper)
    }

    /// The helpers marked, in the order they are written out.
    pub fn used(&self) -> Vec<H> {
        self.0.borrow().iter().copied().collect()
    }
}

/// For tests of a helper enum: every helper's code calls only what it is written with.
#[cfg(test)]
pub(super) fn assert_requires_complete<H: Helper + std::fmt::Debug>(
    all: &[H],
    code: impl Fn(H) -> proc_macro2::TokenStream,
) {
    use proc_macro2::TokenTree;
    use std::collections::BTreeMap;

    fn idents(tokens: proc_macro2::TokenStream, found: &mut BTreeSet<String>) {
        for token in tokens {
            match token {
                TokenTree::Ident(ident) => {
                    found.insert(ident.to_string());
                }
                TokenTree::Group(group) => idents(group.stream(), found),
                _ => {}
            }
        }
    }
    // The names each helper defines at the top level (not its methods).
    let mut defined_by: BTreeMap<String, H> = BTreeMap::new();
    for &helper in all {
        let tokens: Vec<TokenTree> = code(helper).into_iter().collect();
        for pair in tokens.windows(2) {
            if let [TokenTree::Ident(keyword), TokenTree::Ident(name)] = pair
                && ["fn", "struct", "enum", "type", "trait"].contains(&keyword.to_string().as_str())
            {
                defined_by.insert(name.to_string(), helper);
            }
        }
    }
    for &helper in all {
        let marked = Uses::default();
        marked.mark(helper);
        let mut used = BTreeSet::new();
        idents(code(helper), &mut used);
        for name in used {
            if let Some(&owner) = defined_by.get(&name) {
                assert!(
                    marked.has(owner),
                    "{helper:?} calls `{name}`, which {owner:?} writes, but does not require it"
                );
            }
        }
    }
}
