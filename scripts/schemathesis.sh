#!/usr/bin/env bash
# A peer's test suite against our generated server: schemathesis (from PyPI) fuzzes the
# in-memory Securegate example with specs/securegate.yaml and checks every answer against it.
#
# Two runs: every check with the API key supplied, except status-code conformance, because the
# spec does not declare the 401 that schemathesis provokes on purpose by dropping the key; then
# status-code conformance alone on requests that carry the key.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check "schemathesis==4.32.5"
# The console script lands in the interpreter's scripts folder, whatever shims are on PATH.
st="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/st"

cargo build --quiet --example securegate_server
log=$(mktemp)
PORT=0 SECUREGATE_API_KEY=schemathesis-key ./target/debug/examples/securegate_server >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$log")
echo "schemathesis against $url"

common=(--url "$url" -H "x-api-key: schemathesis-key" --max-examples 100 --seed 7 --max-time 30)
"$st" run specs/securegate.yaml "${common[@]}" --checks all --exclude-checks status_code_conformance
"$st" run specs/securegate.yaml "${common[@]}" --checks status_code_conformance --phases examples,fuzzing
