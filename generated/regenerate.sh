#!/usr/bin/env bash
# Regenerates the committed output in generated/src from specs/ with the CLI; with --check,
# verifies it instead (`oasforge check`: exit 1 and a diff when a file is stale).
# tests/committed_output.rs runs the same lines in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=generate
[ "${1:-}" = "--check" ] && mode=check
oasforge() { shift; cargo run --quiet -p oasforge -- "$mode" "$@"; }
oasforge generate specs/securegate.yaml --client --server --example-tests -o generated/src/securegate.rs
oasforge generate specs/showcase.yaml --example-tests -o generated/src/showcase.rs
oasforge generate specs/showcase.yaml --enum-catch-all --example-tests -o generated/src/showcase_open.rs
oasforge generate specs/petstore-3.0.json --example-tests -o generated/src/petstore.rs
oasforge generate specs/kitchen-sink.yaml --client --server --example-tests -o generated/src/kitchen_sink.rs
oasforge generate specs/external/main.yaml --client --server --example-tests -o generated/src/external.rs
oasforge generate specs/showcase.yaml --index-map --module ordered --example-tests -o generated/src/showcase_ordered.rs
oasforge generate specs/edge-cases.yaml --client --server --example-tests -o generated/src/edge_cases.rs
oasforge generate specs/defects.yaml --client --server --example-tests -o generated/src/defects.rs
oasforge generate specs/deep.json --client --server --example-tests -o generated/src/deep.rs
oasforge generate specs/openapi-3.1.yaml --client --server --example-tests -o generated/src/openapi31.rs
oasforge generate specs/fastapi.json --client --server --example-tests -o generated/src/fastapi_app.rs
oasforge generate specs/routes.yaml --client --server --example-tests -o generated/src/routes.rs
oasforge generate specs/identity.yaml --client --server --example-tests --request-context -o generated/src/identity.rs
oasforge generate specs/server-types.yaml --client --server --example-tests -o generated/src/server_types.rs
