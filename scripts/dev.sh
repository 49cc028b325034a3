#!/usr/bin/env bash
# midway's one driver script. Every command installs what is missing first, and is
# idempotent: a second run rebuilds only what changed.
#
#   scripts/dev.sh main    the main job: build the CLI (Release), run the worklist on the sample caseload
#   scripts/dev.sh test    every test: C++ (dev + ASan/UBSan + TSan builds, CTest) and Python (pytest, stubtest)
#   scripts/dev.sh bench   the benchmarks: Google Benchmark (Release) and the Python comparison
#   scripts/dev.sh fuzz [TARGET...]  each libFuzzer target (ASan+UBSan) for FUZZ_SECONDS (default 600),
#                          with its dictionary; new inputs in build/asan/tests/fuzz (docs/reliability.md)
#   scripts/dev.sh deps    only install what is missing
#   scripts/dev.sh validators  midway's flags against the real DfE validators' (own venv; not CI)
#
# Environment: PYTHON (default python3); FUZZ_SECONDS (fuzz: seconds per target, default 600).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(
  g++ ninja-build
  libboost-date-time-dev          # Boost.Date_Time: the date type
  nlohmann-json3-dev              # JSON in and out
  libpugixml-dev                  # XML returns (CIN census, SSDA903)
  libcli11-dev                    # CLI11: the command line's parser (header-only)
  pkgconf libical-dev             # libical: the iCalendar feeds of `midway ics` (found with pkg-config)
  libxlsxwriter-dev               # libxlsxwriter: Annex A workbooks (`midway annex-a --format xlsx`)
  chromium chromium-driver        # tests: the HTML report opened in headless Chromium (selenium, axe-core)
  libgtest-dev libgmock-dev       # GoogleTest
  libbenchmark-dev                # Google Benchmark
  clang libclang-rt-14-dev        # the ASan/UBSan build and the libFuzzer targets
  openjdk-17-jdk-headless libjna-java  # the Java (JNA) example of the C API (docs/embedding.md)
  mono-mcs mono-runtime           # the C# (P/Invoke) example of the C API (docs/embedding.md)
  abigail-tools                   # abidw/abidiff: the C API's ABI against tests/abi/midway_c.abi
)

log() { printf '==> %s\n' "$*" >&2; }

need_apt() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    [[ $p == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    [[ $(id -u) == 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Python requirements come from pyproject.toml: build-system.requires, project.dependencies
# and the `test` extra, plus cmake >= 3.25.
need_python() {
  local missing
  missing=$("$PYTHON" scripts/missing_requirements.py "$@")
  if [[ -n $missing ]]; then
    log "installing Python packages: $missing"
    # shellcheck disable=SC2086
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore $missing
  fi
}

deps() {
  need_apt
  need_python
}

# Installs the Python package (pip install .) unless the installed one was built from
# exactly these sources.
python_package() {
  local stamp=build/python/.installed-hash hash
  hash=$(git ls-files -s CMakeLists.txt cmake include src bindings pyproject.toml 2>/dev/null | sha1sum | cut -d' ' -f1)
  [[ -n $(git status --porcelain -- CMakeLists.txt cmake include src bindings pyproject.toml 2>/dev/null) ]] && hash="dirty-$(date +%s)"
  if [[ -f $stamp && $(cat "$stamp") == "$hash" ]] && "$PYTHON" -c "import midway" 2>/dev/null; then
    log "Python package up to date"
    return
  fi
  log "pip install . (the midway Python package)"
  "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-build-isolation --no-deps .
  mkdir -p build/python && echo "$hash" >"$stamp"
}

cmd_main() {
  deps
  cmake --preset release >/dev/null
  cmake --build --preset release --target midway_cli
  log "midway worklist: the bundled sample caseload (examples/caseload.json) as of Sunday 2026-11-22"
  build/release/src/cli/midway worklist examples/caseload.json --as-of 2026-11-22 --division england-and-wales
}

cmd_test() {
  deps
  log "C++: dev build (Debug, -Werror), GoogleTest through CTest"
  cmake --workflow --preset dev
  log "C++: ASan + UBSan build (clang), with the fuzz targets"
  cmake --workflow --preset asan
  log "C++: ThreadSanitizer build (clang) of the tests that run threads (label threads)"
  cmake --workflow --preset tsan
  python_package
  log "Python: stubs against the module (mypy.stubtest)"
  "$PYTHON" -m mypy.stubtest midway._core --allowlist tests/python/stubtest-allowlist.txt
  log "Python: type-check the package and tests (mypy --strict)"
  "$PYTHON" -m mypy --strict bindings/python/midway tests/python
  log "Python: pytest"
  "$PYTHON" -m pytest -q tests/python
}

cmd_bench() {
  need_apt
  need_python bench
  python_package
  cmake --preset release >/dev/null
  cmake --build --preset release --target midway_bench
  build/release/benchmarks/midway_bench "$@"
  "$PYTHON" benchmarks/bench_calendar.py
  "$PYTHON" benchmarks/bench_interop.py
  "$PYTHON" benchmarks/bench_evaluate_memory.py
  "$PYTHON" benchmarks/bench_peers.py
}

FUZZ_TARGETS=(fuzz_ssda903_csv fuzz_ssda903_xml fuzz_cin_census fuzz_caseload_json fuzz_cli_args fuzz_govuk_feed
  fuzz_iso_date fuzz_import_checks)

# Each target in turn for FUZZ_SECONDS, one process (the machine may be shared), with its seeds
# (read only) and a scratch corpus in the build tree that grows from run to run. A crash leaves
# its input as build/asan/tests/fuzz/<target>-crash-*; the summary line per target is printed at
# the end: executions, exec/s, corpus size, coverage.
cmd_fuzz() {
  deps
  local seconds=${FUZZ_SECONDS:-600} targets=("$@") t dir=build/asan/tests/fuzz src=$PWD/tests/fuzz status=0
  ((${#targets[@]})) || targets=("${FUZZ_TARGETS[@]}")
  cmake --preset asan >/dev/null
  cmake --build --preset asan --target "${targets[@]}"
  mkdir -p "$dir/cwd"
  local summary=()
  for t in "${targets[@]}"; do
    log "fuzz: $t for ${seconds}s"
    local dict=() log_file="$dir/$t.log"
    [[ -f $src/dict/$t.dict ]] && dict=("-dict=$src/dict/$t.dict")
    mkdir -p "$dir/$t-corpus"
    # fuzz_cli_args reads the files its arguments name, relative to a scratch directory.
    if (cd "$dir/cwd" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
          "../$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
          "-artifact_prefix=$PWD/../$t-" "${dict[@]}" "../$t-corpus" "$src/corpus/$t") >"$log_file" 2>&1; then
      summary+=("$t: $(grep -E '^stat::number_of_executed_units' "$log_file" | awk '{print $2}') executions in ${seconds}s, \
$(grep -E '^stat::average_exec_per_sec' "$log_file" | awk '{print $2}') exec/s, $(ls "$dir/$t-corpus" | wc -l) inputs in the corpus; no finding")
    else
      status=1
      summary+=("$t: FOUND A PROBLEM, see $log_file and $dir/$t-crash-*")
    fi
  done
  printf '%s\n' "${summary[@]}"
  return $status
}

case "${1:-}" in
  main) cmd_main ;;
  test) cmd_test ;;
  bench) shift; cmd_bench "$@" ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  deps) deps ;;
  validators) shift; PYTHON=$PYTHON scripts/validator_parity.sh "$@" ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
