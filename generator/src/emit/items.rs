//! Where an emitter puts an operation's items: kept in the module, or handed over as they are
//! made.

use super::code::Code;

/// Where an emitter puts the items it writes for each operation (their bulk, on a large spec).
pub(crate) enum Items<'s> {
    /// In the module: how tests emit a module whole, to compare with the streamed one.
    #[cfg(test)]
    Inline(Vec<Code>),
    /// Handed over as they are made (to be formatted a few operations at a time, so their
    /// syntax trees do not all wait in memory); the module has [`Code::StreamedItems`] in
    /// their place.
    Streamed(&'s mut dyn FnMut(Vec<Code>)),
}

impl Items<'_> {
    /// One operation's items.
    pub(crate) fn push(&mut self, items: Vec<Code>) {
        match self {
            #[cfg(test)]
            Items::Inline(inline) => inline.extend(items),
            Items::Streamed(sink) => sink(items),
        }
    }

    /// What the module holds where the items go.
    pub(crate) fn into_code(self) -> Vec<Code> {
        match self {
            #[cfg(test)]
            Items::Inline(inline) => inline,
            Items::Streamed(_) => vec![Code::StreamedItems],
        }
    }
}
