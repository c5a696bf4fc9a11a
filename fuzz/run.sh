#!/usr/bin/env bash
# Builds reqlint's libFuzzer targets and runs each for a fixed number of executions, starting
# from the committed seed corpus fuzz/seeds/<target>/. Exits non-zero if any target crashes
# (or fails to build); the crashing input is kept as .build/fuzz/artifacts/<target>/crash-*.
#
#   fuzz/run.sh                  # 20,000 executions of every target (CI; a few minutes)
#   fuzz/run.sh 2000000          # the long run (see fuzz/README.md)
#   fuzz/run.sh 50000 json lint  # some targets only
#   FUZZ_SECONDS=600 fuzz/run.sh # a time budget per target instead of a count
#
# Targets: json (the JSON parser and what is built on its tree), lint (the whole lint of one
# document), yaml (the YAML front end and its lint), lsp-framing (the language server's
# Content-Length framing and its resynchronisation, and LSP position conversion), sigv4 (the SigV4 canonicaliser).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

RUNS=${1:-20000}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(json lint yaml lsp-framing sigv4)

OUT=${FUZZ_BUILD_DIR:-$ROOT/.build/fuzz}
SWIFTC=${SWIFTC:-swiftc}
CLANG=${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}
SANITIZE=(-sanitize=fuzzer,address)
# -package-name: the modules share `package` declarations, as SwiftPM builds them.
SWIFTFLAGS=(-parse-as-library -O -g -swift-version 6 -enable-upcoming-feature ExistentialAny -package-name reqlint)
mkdir -p "$OUT/modules" "$OUT/objects" "$OUT/bin"

log() { printf '[fuzz] %s\n' "$*" >&2; }

# Runs a compiler, keeping its messages but not gold's noise about ASan's local symbols.
quiet() {
    local status=0
    "$@" 2>"$OUT/compiler.err" || status=$?
    grep -v "Cannot export local symbol" "$OUT/compiler.err" >&2 || true
    return $status
}

# Object files are rebuilt when a source is newer.
stale() { # stale OUTPUT SOURCES...
    local out=$1; shift
    [ ! -e "$out" ] && return 0
    local f
    for f in "$@"; do [ "$f" -nt "$out" ] && return 0; done
    return 1
}

core_sources() { find Sources/ReqLintCore -name '*.swift' | sort; }

build_core() {
    local obj="$OUT/objects/ReqLintCore.o"
    mapfile -t sources < <(core_sources)
    if stale "$obj" "${sources[@]}"; then
        log "compiling ReqLintCore (${#sources[@]} files)"
        quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -wmo -module-name ReqLintCore -I Sources/CPCRE2 -I Sources/CReqLintStamp/include \
            -emit-module -emit-module-path "$OUT/modules/ReqLintCore.swiftmodule" \
            -c "${sources[@]}" -o "$obj"
        # The release stamp ReqLintCore's BuildInfo reads (its default values).
        quiet "$CLANG" -c Sources/CReqLintStamp/stamp.c -I Sources/CReqLintStamp/include -o "$OUT/objects/CReqLintStamp.o"
    fi
}

# The YAML front end links the system's libyaml (libyaml-dev), not instrumented: coverage
# guides the fuzzer through reqlint's own composer and tree builder.
build_yaml_modules() {
    local obj="$OUT/objects/ReqLintYAML.o"
    mapfile -t sources < <(find Sources/ReqLintYAML -name '*.swift' | sort)
    if stale "$obj" "${sources[@]}" "$OUT/objects/ReqLintCore.o"; then
        log "compiling ReqLintYAML (${#sources[@]} files)"
        quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -wmo -module-name ReqLintYAML -I "$OUT/modules" -I Sources/CPCRE2 -I Sources/CReqLintStamp/include \
            -I Sources/CYAML \
            -emit-module -emit-module-path "$OUT/modules/ReqLintYAML.swiftmodule" \
            -c "${sources[@]}" -o "$obj"
    fi
}

build_target() { # build_target NAME
    local name=$1 bin="$OUT/bin/fuzz-$1" harness="fuzz/$1/main.swift"
    case $name in
        json|lint)
            build_core
            if stale "$bin" "$harness" "$OUT/objects/ReqLintCore.o"; then
                log "linking fuzz-$name"
                quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -module-name "Fuzz_${name}" -I "$OUT/modules" -I Sources/CPCRE2 -I Sources/CReqLintStamp/include \
                    "$harness" "$OUT/objects/ReqLintCore.o" "$OUT/objects/CReqLintStamp.o" -lpcre2-8 -o "$bin"
            fi ;;
        yaml)
            build_core
            build_yaml_modules
            if stale "$bin" "$harness" "$OUT/objects/ReqLintCore.o" "$OUT/objects/ReqLintYAML.o"; then
                log "linking fuzz-yaml"
                quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -module-name Fuzz_yaml -I "$OUT/modules" -I Sources/CPCRE2 -I Sources/CReqLintStamp/include \
                    -I Sources/CYAML \
                    "$harness" "$OUT/objects/ReqLintYAML.o" "$OUT/objects/ReqLintCore.o" "$OUT/objects/CReqLintStamp.o" -lyaml -lpcre2-8 -o "$bin"
            fi ;;
        lsp-framing)
            build_core
            if stale "$bin" "$harness" Sources/ReqLintLSP/MessageFramer.swift Sources/ReqLintLSP/Positions.swift "$OUT/objects/ReqLintCore.o"; then
                log "linking fuzz-lsp-framing"
                quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -module-name Fuzz_framing -I "$OUT/modules" -I Sources/CPCRE2 \
                    -I Sources/CReqLintStamp/include \
                    "$harness" Sources/ReqLintLSP/MessageFramer.swift Sources/ReqLintLSP/Positions.swift \
                    "$OUT/objects/ReqLintCore.o" "$OUT/objects/CReqLintStamp.o" -lpcre2-8 -o "$bin"
            fi ;;
        sigv4)
            mapfile -t sources < <(find Sources/ReqLintSigV4 -name '*.swift' | sort)
            if stale "$bin" "$harness" fuzz/sigv4/CryptoStub/Crypto.swift "${sources[@]}"; then
                log "compiling the Crypto stand-in and ReqLintSigV4, linking fuzz-sigv4"
                quiet "$SWIFTC" "${SWIFTFLAGS[@]}" -wmo -module-name Crypto -emit-module -emit-module-path "$OUT/modules/Crypto.swiftmodule" \
                    -c fuzz/sigv4/CryptoStub/Crypto.swift -o "$OUT/objects/CryptoStub.o"
                quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -wmo -module-name ReqLintSigV4 -I "$OUT/modules" \
                    -emit-module -emit-module-path "$OUT/modules/ReqLintSigV4.swiftmodule" \
                    -c "${sources[@]}" -o "$OUT/objects/ReqLintSigV4.o"
                quiet "$SWIFTC" "${SANITIZE[@]}" "${SWIFTFLAGS[@]}" -module-name Fuzz_sigv4 -I "$OUT/modules" \
                    "$harness" "$OUT/objects/ReqLintSigV4.o" "$OUT/objects/CryptoStub.o" -o "$bin"
            fi ;;
        *) log "unknown target $name"; return 2 ;;
    esac
}

failed=()
summary=()
for target in "${TARGETS[@]}"; do
    if ! build_target "$target"; then
        log "$target: build failed"
        failed+=("$target (build)")
        continue
    fi
    seeds="fuzz/seeds/$target"
    work="$OUT/corpus/$target"          # grows with what the fuzzer finds; not committed
    artifacts="$OUT/artifacts/$target/"
    mkdir -p "$work" "$artifacts"
    budget=(-runs="$RUNS")
    [ -n "${FUZZ_SECONDS:-}" ] && budget=(-max_total_time="$FUZZ_SECONDS")
    log "$target: ${budget[*]} from $seeds"
    logfile="$OUT/$target.log"
    set +e
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
        "$OUT/bin/fuzz-$target" "${budget[@]}" -max_len="${FUZZ_MAX_LEN:-8192}" -timeout="${FUZZ_TIMEOUT:-10}" \
        -rss_limit_mb="${FUZZ_RSS_MB:-3072}" -artifact_prefix="$artifacts" -print_final_stats=1 \
        "$work" "$seeds" >"$logfile" 2>&1
    status=$?
    set -e
    execs=$(grep -E '^stat::number_of_executed_units' "$logfile" | awk '{print $2}' | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+' "$logfile" | tail -1)
    summary+=("$target: exit $status, ${execs:-?} executions, ${cov:-cov ?}")
    if [ $status -ne 0 ]; then
        log "$target: FAILED (exit $status); see $logfile and $artifacts"
        grep -E 'ERROR|==[0-9]+==|Fatal error|Precondition failed|deadly signal|timeout' "$logfile" | head -5 >&2 || true
        failed+=("$target")
    fi
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failures in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: no crashes"
