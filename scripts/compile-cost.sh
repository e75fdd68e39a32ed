#!/usr/bin/env bash
# Compile cost of generated code, side by side: `cargo check` wall time and peak memory of the
# generated crate alone (dependencies built first, CARGO_INCREMENTAL=0), and its line count,
# for GitHub's REST spec:
#   - oasforge, models only, models + client, and models + client + server;
#   - OpenAPI Generator 7.26.0 (`rust` client; PyPI's openapi-generator-cli bundles it, Java 17).
# Everything lives in the ignored .cache/compile-cost. Run on a quiet machine.
# Usage: bash scripts/compile-cost.sh [CRATE...]   (default: all four crates)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/.cache/compile-cost"
mkdir -p "$work"

cargo xtask corpus --fetch-only
spec="$root/.cache/corpus/github-23.0.2/package/generated/api.github.com.json"
cargo build --quiet --release -p oasforge
oasforge="$root/target/release/oasforge"

if [ ! -x "$work/venv/bin/openapi-generator-cli" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet "openapi-generator-cli==7.26.0"
fi

# name, then how to generate it into "$work/$name".
generate() {
    local name=$1
    rm -rf "${work:?}/$name"
    local timed=(/usr/bin/time -f '%e %M' -o "$work/$name.generate-time")
    case "$name" in
        oasforge-models)
            "${timed[@]}" "$oasforge" generate "$spec" --crate "$work/$name" --name github-models --color never 2>/dev/null ;;
        oasforge-client)
            "${timed[@]}" "$oasforge" generate "$spec" --client --crate "$work/$name" --name github-client --color never 2>/dev/null ;;
        oasforge-client-server)
            "${timed[@]}" "$oasforge" generate "$spec" --client --server --crate "$work/$name" --name github-api --color never 2>/dev/null ;;
        openapi-generator-rust)
            "${timed[@]}" "$work/venv/bin/openapi-generator-cli" generate -g rust -i "$spec" -o "$work/$name" \
                --skip-validate-spec --additional-properties=packageName=github_rust >/dev/null ;;
    esac
    # Each crate is its own workspace, with its own target folder.
    grep -q '^\[workspace\]' "$work/$name/Cargo.toml" || printf '\n[workspace]\n' >> "$work/$name/Cargo.toml"
    read -r seconds kb < "$work/$name.generate-time"
    echo "$name: generated in $seconds s, $((kb / 1024)) MB peak"
}

measure() {
    local name=$1 dir="$work/$1"
    (cd "$dir" && cargo check --quiet 2>/dev/null || true)   # dependencies (and a first check)
    touch "$dir/src/lib.rs"
    local package
    package=$(cd "$dir" && cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["name"])')
    (cd "$dir" && cargo clean --quiet -p "$package")
    local lines
    lines=$(find "$dir/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
    local report="$work/$name.time"
    if (cd "$dir" && CARGO_INCREMENTAL=0 /usr/bin/time -f '%e %M' -o "$report" cargo check --quiet 2>"$work/$name.check.log"); then
        status=ok
    else
        status="errors ($(grep -c '^error' "$work/$name.check.log" || true))"
    fi
    read -r seconds kb < "$report"
    printf '| %s | %s | %s s | %s MB | %s |\n' "$name" "$lines" "$seconds" "$((kb / 1024))" "$status"
}

crates=("$@")
[ ${#crates[@]} -eq 0 ] && crates=(openapi-generator-rust oasforge-models oasforge-client oasforge-client-server)
for name in "${crates[@]}"; do
    generate "$name"
done
echo
echo "| crate | lines | cargo check | peak memory | result |"
echo "|---|---:|---:|---:|---|"
for name in "${crates[@]}"; do
    measure "$name"
done
