#!/usr/bin/env bash
# Runs the fuzz targets (generator/fuzz, cargo fuzz + libFuzzer) for a bounded time each, then
# compiles a sample of what the `generate` target produced, as modules of one crate under
# `deny(warnings)`: generation that returns Ok must mean code that compiles clean.
#
#   FUZZ_SECONDS=60 FUZZ_SAMPLE=40 bash scripts/fuzz.sh [TARGET...]
#
# A crash fails the run and leaves its input in generator/fuzz/artifacts/TARGET/; the corpus
# grows in a temporary folder (the committed seeds, generator/fuzz/seeds/, are only read).
# Prints, per target, the executions and the coverage libFuzzer reached.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
sample=${FUZZ_SAMPLE:-40}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load_resolve generate router)

command -v cargo-fuzz >/dev/null || cargo install --quiet --locked cargo-fuzz
# libFuzzer's instrumentation needs nightly flags: the nightly toolchain when the machine has
# one, else the stable compiler allowed to take them.
if rustup toolchain list 2>/dev/null | grep '^nightly' >/dev/null; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi
fuzz_dir=generator/fuzz
# No sanitizer: the code under test is safe Rust (a panic, an abort, a timeout or running out
# of memory is what is looked for), and without one each run is several times faster.
"${fuzz[@]}" build --fuzz-dir "$fuzz_dir" --sanitizer none

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in "${targets[@]}"; do
  mkdir -p "$work/corpus/$target"
  log="$work/$target.log"
  echo "== fuzz $target for ${seconds}s"
  if ! "${fuzz[@]}" run --fuzz-dir "$fuzz_dir" --sanitizer none "$target" "$work/corpus/$target" "$fuzz_dir/seeds/$target" -- \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    { grep -E "panicked|ERROR|SUMMARY|Test unit written" -A4 "$log" || tail -40 "$log"; } | head -40 || true
    mkdir -p "$fuzz_dir/artifacts/$target"
    cp "$log" "$fuzz_dir/artifacts/$target/run.log"
    echo "fuzz target $target failed: see generator/fuzz/artifacts/$target/ (run.log, the input)"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  echo "$target: $runs executions, $cov, corpus $(ls "$work/corpus/$target" | wc -l) inputs"
done

case " ${targets[*]} " in *" generate "*) ;; *) exit 0 ;; esac
echo "== compile a sample of the generated code (up to $sample outputs, deny(warnings))"
out="$work/out"
mkdir -p "$out"
# Each corpus input runs once; every success writes its code to $out.
OASFORGE_FUZZ_OUT="$out" "${fuzz[@]}" run --fuzz-dir "$fuzz_dir" --sanitizer none generate "$work/corpus/generate" -- -runs=0 >/dev/null 2>&1
crate="$work/sample"
mkdir -p "$crate/src"
# generated/'s dependencies, with the versions the workspace gives them, and its lock file.
python3 - "$crate/Cargo.toml" <<'PY'
import sys, tomllib
root = tomllib.load(open("Cargo.toml", "rb"))["workspace"]["dependencies"]
generated = tomllib.load(open("generated/Cargo.toml", "rb"))["dependencies"]
def spec(name, value):
    if isinstance(value, dict) and value.get("workspace"):
        value = root[name]
    if isinstance(value, str):
        return f'"{value}"'
    fields = ", ".join(f"{k} = {v!r}".replace("'", '"') for k, v in value.items())
    return "{ " + fields.replace("True", "true").replace("False", "false") + " }"
lines = ["[package]", 'name = "fuzz-sample"', 'version = "0.0.0"', 'edition = "2024"',
         "publish = false", "", "[workspace]", "", "[dependencies]"]
lines += [f"{name} = {spec(name, value)}" for name, value in generated.items()]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
cp Cargo.lock "$crate/"
{
  echo '#![deny(warnings)]'
  echo '// Deeply nested fuzz outputs come with a warning naming the limit they need.'
  echo '#![recursion_limit = "1024"]'
} >"$crate/src/lib.rs"
count=0
for file in $(ls "$out" | sort | head -n "$sample"); do
  cp "$out/$file" "$crate/src/m${file%.rs}.rs"
  echo "#[rustfmt::skip] pub mod m${file%.rs};" >>"$crate/src/lib.rs"
  count=$((count + 1))
done
echo "$count distinct outputs of $(ls "$out" | wc -l) compiled"
if [ "$count" -gt 0 ]; then
  if ! CARGO_TARGET_DIR="$PWD/target" cargo check --quiet --manifest-path "$crate/Cargo.toml" 2>"$work/check.log"; then
    head -60 "$work/check.log"
    rm -rf target/fuzz-sample && cp -r "$crate" target/fuzz-sample
    echo "generated code from a fuzz input does not compile clean: target/fuzz-sample"
    exit 1
  fi
fi
