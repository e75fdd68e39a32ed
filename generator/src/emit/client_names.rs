//! The names of the items the client makes for one operation.

/// Names of the items made for one operation, unique within the client module.
pub(super) struct OperationNames {
    pub(super) builder: proc_macro2::Ident,
    pub(super) error: Option<proc_macro2::Ident>,
    pub(super) response: Option<proc_macro2::Ident>,
    pub(super) form: Option<proc_macro2::Ident>,
}
