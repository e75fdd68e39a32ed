#!/usr/bin/env bash
# Regenerates the committed output in generated/src from specs/ with the CLI.
# tests/committed_output.rs fails when a file here differs from what this produces.
set -euo pipefail
cd "$(dirname "$0")/.."
oasforge() { cargo run --quiet -p oasforge -- "$@"; }
oasforge generate specs/securegate.yaml -o generated/src/securegate.rs
oasforge generate specs/showcase.yaml -o generated/src/showcase.rs
oasforge generate specs/showcase.yaml --enum-catch-all -o generated/src/showcase_open.rs
oasforge generate specs/petstore-3.0.json -o generated/src/petstore.rs
oasforge generate specs/kitchen-sink.yaml -o generated/src/kitchen_sink.rs
