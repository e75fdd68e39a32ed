#!/usr/bin/env bash
# The FastAPI round trip: FastAPI (from PyPI, tests/fastapi/requirements.txt) writes the
# OpenAPI document of tests/fastapi/app.py, which must be the committed specs/fastapi.json
# (oasforge generates generated/src/fastapi_app.rs from it); then the app runs under uvicorn
# and tests/fastapi_app.rs drives every operation with the generated client.
#
#   bash scripts/fastapi.sh            # check and drive
#   bash scripts/fastapi.sh --write    # rewrite specs/fastapi.json after changing the app
set -euo pipefail
cd "$(dirname "$0")/.."

# The packages go in a folder of their own (not the interpreter's, where schemathesis.sh puts
# its own), read through PYTHONPATH: no venv module needed.
packages="$PWD/.cache/fastapi-packages"
python3 -m pip install --quiet --disable-pip-version-check --upgrade --target "$packages" -r tests/fastapi/requirements.txt
export PYTHONPATH="$packages${PYTHONPATH:+:$PYTHONPATH}"
python=python3

written=$(mktemp)
app_log=$(mktemp)
trap 'rm -f "$written" "$app_log"; [ -z "${app:-}" ] || kill "$app" 2>/dev/null || true' EXIT
(cd tests/fastapi && "$python" -c '
import json, sys
from app import app
json.dump(app.openapi(), sys.stdout, indent=2)
print()
') >"$written"
if [ "${1:-}" = "--write" ]; then
  cp "$written" specs/fastapi.json
  echo "wrote specs/fastapi.json; now run generated/regenerate.sh"
elif ! diff -u specs/fastapi.json "$written"; then
  echo "specs/fastapi.json is not what FastAPI writes for tests/fastapi/app.py: run scripts/fastapi.sh --write"
  exit 1
fi

# A free port, then the app on it.
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd tests/fastapi && exec "$python" -m uvicorn app:app --host 127.0.0.1 --port "$port" --log-level warning) >"$app_log" 2>&1 &
app=$!
for _ in $(seq 1 100); do
  if "$python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/openapi.json')" 2>/dev/null; then
    break
  fi
  kill -0 "$app" 2>/dev/null || { cat "$app_log"; echo "the FastAPI app did not start"; exit 1; }
  sleep 0.1
done

OASFORGE_FASTAPI_URL="http://127.0.0.1:$port" cargo test --quiet --test fastapi_app -- --ignored
