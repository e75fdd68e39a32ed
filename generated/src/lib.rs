//! The committed `oasforge generate` output for the specs in `specs/`, one module per run of
//! `generated/regenerate.sh`. Compiling this crate under `deny(warnings)` (and clippy's
//! `-D warnings` in CI) is how we know generated code is clean.
#![deny(warnings)]
// `deep` nests `Vec`s 63 levels deep, past what rustc checks by default; oasforge's warning for
// it names this limit (a `--crate` writes it itself). CI builds this crate in release, where
// the limit is reached.
#![recursion_limit = "256"]

// The modules are prettyplease output, pinned byte for byte; rustfmt must not restyle them.

/// `specs/securegate.yaml`: the Securegate API.
#[rustfmt::skip]
pub mod securegate;

/// `specs/showcase.yaml`: every schema construct oasforge maps.
#[rustfmt::skip]
pub mod showcase;

/// `specs/showcase.yaml` with `--enum-catch-all`.
#[rustfmt::skip]
pub mod showcase_open;

/// `specs/petstore-3.0.json`: OpenAPI 3.0 constructs (`nullable`, boolean exclusive bounds).
#[rustfmt::skip]
pub mod petstore;

/// `specs/kitchen-sink.yaml`: every parameter location, body kind and security scheme.
#[rustfmt::skip]
pub mod kitchen_sink;

/// `specs/external/main.yaml`: a spec split over several files.
#[rustfmt::skip]
pub mod external;

/// `specs/showcase.yaml` with `--index-map --module ordered`.
#[rustfmt::skip]
pub mod showcase_ordered;

/// `specs/edge-cases.yaml`: operations that each use one helper alone, or none.
#[rustfmt::skip]
pub mod edge_cases;

/// `specs/defects.yaml`: spec defects from public specs that generate with a warning each.
#[rustfmt::skip]
pub mod defects;

/// `specs/deep.json`: schemas nested to the limit (README, "Nesting limits"), one per shape.
#[rustfmt::skip]
pub mod deep;

/// `specs/openapi-3.1.yaml`: the constructs OpenAPI 3.1 added.
#[rustfmt::skip]
pub mod openapi31;

/// `specs/fastapi.json`: what FastAPI writes for `tests/fastapi/app.py`, which
/// `scripts/fastapi.sh` drives with this client (`tests/fastapi_app.rs`).
#[rustfmt::skip]
pub mod fastapi_app;

/// `specs/routes.yaml`: paths axum cannot express (`/files/{name}.json`, `/v1/{name}:cancel`),
/// served by one router.
#[rustfmt::skip]
pub mod routes;

/// `specs/identity.yaml`: the caller's principal in handlers, for each security shape, and
/// OAuth2 scopes.
#[rustfmt::skip]
pub mod identity;

/// `specs/server-types.yaml`: a server whose only model types sit in a response header and a
/// multipart part.
#[rustfmt::skip]
pub mod server_types;
