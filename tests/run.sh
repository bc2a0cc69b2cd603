#!/bin/sh
# Runs every test of quotelens and prints one closing line "N passed, N failed".
#   unit tests   build/unit/test_* and the same under ASan+UBSan (build/asan/unit)
#   CLI tests    tests/cli/*.sh, given the binary to test in $QL (plain, then ASan)
#   LSP tests    tests/lsp/*.sh, given the binary in $QL (plain, then ASan)
#   Neovim tests tests/nvim/test_*.lua, run by tests/nvim/run.sh (plain, then ASan)
# A test script exits 0 to pass, 77 to skip (saying why on stderr), else fails.
cd "$(dirname "$0")/.." || exit 1
passed=0 failed=0 skipped=0
failures=""
log=build/test-logs
mkdir -p "$log"

record() { # name status
    case $2 in
        0) passed=$((passed + 1)); echo "ok    $1" ;;
        77) skipped=$((skipped + 1)); echo "skip  $1" ;;
        *) failed=$((failed + 1)); failures="$failures $1"; echo "FAIL  $1" ;;
    esac
}

run() { # name command...
    name=$1; shift
    out="$log/$(echo "$name" | tr '/ ' '__').log"
    "$@" >"$out" 2>&1
    st=$?
    record "$name" $st
    if [ $st -ne 0 ] && [ $st -ne 77 ]; then sed 's/^/    /' "$out" | tail -40; fi
    if [ $st -eq 77 ]; then sed 's/^/    /' "$out" | tail -3; fi
}

for t in build/unit/test_*; do
    [ -x "$t" ] && run "unit/$(basename "$t")" "$t"
done
for t in build/asan/unit/test_*; do
    [ -x "$t" ] && run "asan-unit/$(basename "$t")" "$t"
done
for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    QL=build/quotelens run "cli/$(basename "$t" .sh)" sh "$t"
    QL=build/asan/quotelens run "asan-cli/$(basename "$t" .sh)" sh "$t"
done
# The language server's tests: the protocol, and editors as its clients.
for t in tests/lsp/*.sh; do
    [ -f "$t" ] || continue
    QL=build/quotelens run "lsp/$(basename "$t" .sh)" sh "$t"
    QL=build/asan/quotelens run "asan-lsp/$(basename "$t" .sh)" sh "$t"
done
# The Neovim tests drive the plain co-process, then the sanitizer build,
# whose reports (ASan and UBSan write to log files, since the co-process's
# stderr belongs to Neovim) fail the run.
asan_nvim() {
    rm -rf build/asan-nvim && mkdir -p build/asan-nvim
    ASAN_OPTIONS="log_path=$PWD/build/asan-nvim/asan" UBSAN_OPTIONS="log_path=$PWD/build/asan-nvim/ubsan" \
        QL=build/asan/quotelens sh tests/nvim/run.sh "$1" || return 1
    if ls build/asan-nvim/* >/dev/null 2>&1; then
        cat build/asan-nvim/*
        return 1
    fi
}
for t in tests/nvim/test_*.lua; do
    [ -f "$t" ] || continue
    run "nvim/$(basename "$t" .lua)" sh tests/nvim/run.sh "$t"
    run "asan-nvim/$(basename "$t" .lua)" asan_nvim "$t"
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
