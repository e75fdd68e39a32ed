#!/usr/bin/env bash
# A peer's test suite against our generated servers: schemathesis (from PyPI) fuzzes the
# in-memory Securegate example with specs/securegate.yaml, and the kitchen-sink example with
# specs/kitchen-sink.yaml, and checks every answer against the spec.
#
# Securegate, two runs: every check with the API key supplied, except status-code conformance, because the
# spec does not declare the 401 that schemathesis provokes on purpose by dropping the key; then
# status-code conformance alone on requests that carry the key.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check "schemathesis==4.32.5"
# The console script lands in the interpreter's scripts folder, whatever shims are on PATH.
st="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/st"

# serve EXAMPLE [ENV=VALUE...]: starts an example server on a free port; sets `url`.
servers=()
trap 'kill ${servers[@]+"${servers[@]}"} 2>/dev/null || true' EXIT
serve() {
  local example=$1 log
  shift
  cargo build --quiet --example "$example"
  log=$(mktemp)
  env PORT=0 "$@" "${CARGO_TARGET_DIR:-target}/debug/examples/$example" >"$log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 50); do
    grep -q "listening on" "$log" && break
    sleep 0.1
  done
  url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$log")
  [ -n "$url" ] || { cat "$log"; echo "$example did not start"; exit 1; }
}

serve securegate_server SECUREGATE_API_KEY=schemathesis-key
echo "schemathesis against the Securegate server at $url"
common=(--url "$url" -H "x-api-key: schemathesis-key" --max-examples 100 --seed 7 --max-time 30)
"$st" run specs/securegate.yaml "${common[@]}" --checks all --exclude-checks status_code_conformance
"$st" run specs/securegate.yaml "${common[@]}" --checks status_code_conformance --phases examples,fuzzing

# The kitchen sink: every parameter style, body kind and security scheme (credentials in
# schemathesis-kitchen-sink.toml). The checks left out, and why:
# - status_code_conformance: the spec declares no 400 or 401, which the server must answer;
# - content_type_conformance: a validation error is JSON even where the spec declares another
#   type for its 400 (the server issue);
# - response_headers_conformance: declared response headers are not sent yet (the server issue);
# - negative_data_rejection: a `null` for an optional, non-nullable field is read as absent on
#   purpose (README, "What the generated models look like"), and multipart parts reach the
#   handler unchecked (the server issue);
# - positive_data_acceptance: `type: integer` is i64, so a larger integer is refused;
# - use_after_free, ensure_resource_availability: the example keeps no state.
serve kitchen_sink_server
echo "schemathesis against the kitchen-sink server at $url"
"$st" --config-file scripts/schemathesis-kitchen-sink.toml run specs/kitchen-sink.yaml --url "$url" \
  --checks not_a_server_error,response_schema_conformance,ignored_auth,missing_required_header,unsupported_method \
  --max-examples 100 --seed 7 --max-time 30
