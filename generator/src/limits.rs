//! The nesting limits: how deep a spec may nest, and the stack every stage runs on.
//!
//! Build scripts run the generator unoptimized, where each level of recursion costs several
//! times the stack it costs in a release build. So the depth every recursive stage can reach
//! is bounded up front, by the two limits below, and every thread that runs a stage gets a
//! stack sized for them (64 MiB), whatever thread the caller is on. A spec that
//! crosses a limit is an error that names the node crossing it (JSON pointer, line, column).

/// Schemas inside schemas: `properties`, `items`, `allOf` members... each add one level; a
/// root schema (a component schema, a parameter's, a body's) is level 1. Nesting beyond it is
/// refused when the spec is read. `$ref`s do not count: a chain of references is followed
/// one link at a time, and cycles are found by the resolver.
pub const MAX_SCHEMA_DEPTH: usize = 64;

/// Objects and arrays inside each other anywhere in the document (YAML or JSON), the root
/// object being level 1. A schema level takes at most two (`properties` and the property's
/// object; `allOf` and its array), and the deepest place a root schema sits (a multipart
/// part's header in a response) is 12 levels down, so a schema at [`MAX_SCHEMA_DEPTH`] always
/// fits, with room for literal data (`default`, `x-` extensions) inside it.
pub const MAX_DOCUMENT_DEPTH: usize = 4 * MAX_SCHEMA_DEPTH;

/// `$ref`s to schemas outside `components/schemas` (`#/components/schemas/A/properties/b`,
/// `#/$defs/x`), each read inside the one before (a chain of arrays of the next, say). A
/// component schema is read on its own whatever refers to it, so `$ref`s to components have
/// no such limit; these are read where they are used, and their nesting is bounded here.
pub const MAX_REF_NESTING: usize = 4 * MAX_SCHEMA_DEPTH;

/// `allOf` members that are `$ref`s to a schema whose own `allOf` holds a `$ref`, and so on:
/// each link is merged inside the one before. The merged struct of the first link holds every
/// later link's fields, so the output grows with the square of the chain: at this length it
/// is already some 30,000 fields. A link past it is refused (its type becomes
/// `serde_json::Value`, with a warning at the link).
pub const MAX_ALL_OF_CHAIN: usize = 4 * MAX_SCHEMA_DEPTH;

/// The stack of every thread a stage runs on. Measured on a debug build of the CLI: a spec
/// at both limits needs under 8 MiB on the deepest thread; this leaves room for what the
/// measurement did not cover. Only touched pages are committed, so the reservation is cheap.
pub(crate) const STACK_SIZE: usize = 64 << 20;
