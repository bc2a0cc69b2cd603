#!/bin/sh
# Runs the unit tests and real scans under valgrind memcheck: any leak or
# invalid access fails the run. Slower than the sanitizer build, but it
# checks the very binary users run.
set -u
cd "$(dirname "$0")/.." || exit 1
vg="valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
status=0
check() {
    if $vg "$@" >/dev/null 2>build/memcheck.log; then
        echo "clean  $*"
    elif [ $? -eq 99 ]; then
        echo "ERRORS $*"; cat build/memcheck.log; status=1
    else
        echo "clean  $* (exit status of the program itself is not checked here)"
    fi
}
for t in build/unit/test_*; do
    [ -x "$t" ] && check "$t"
done
files=$(ls examples/*.txt tests/fixtures/*/*.txt 2>/dev/null)
[ -d ../shared/seeds ] && files="$files $(ls ../shared/seeds/*.txt)"
[ -n "$files" ] && check build/quotelens scan --json $files
[ -n "$files" ] && check build/quotelens scan $files
for t in tests/nvim/test_*.lua; do
    [ -f "$t" ] || continue
    rm -f build/memcheck-*.log
    QUOTELENS_WRAPPER="$vg --log-file=build/memcheck-%p.log" sh tests/nvim/run.sh "$t" >/dev/null 2>&1
    # --quiet leaves a log empty unless memcheck found something.
    if ! ls build/memcheck-*.log >/dev/null 2>&1; then
        echo "NOT RUN co-process under $t (no memcheck log)"; status=1
    elif [ -n "$(cat build/memcheck-*.log)" ]; then
        echo "ERRORS co-process under $t"; cat build/memcheck-*.log; status=1
    else
        echo "clean  co-process under $t"
    fi
    rm -f build/memcheck-*.log
done
exit $status
