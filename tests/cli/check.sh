#!/bin/sh
# `scan --check` for CI: exit 3 when a scanned file has a warning, 0 when
# none has, and the usual 1 when a file cannot be read, whatever the warnings.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
status=0
expect() { # WANT DESCRIPTION ARGS...
    want=$1 what=$2
    shift 2
    "$QL" scan "$@" > /dev/null 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAILED: $what: exit $got, want $want"
        status=1
    fi
}
# The examples disagree with each other (really/very): warnings.
expect 3 'warnings found' --check examples/harbour-herald.txt examples/coastal-times.txt
expect 0 'without --check the same scan succeeds' examples/harbour-herald.txt examples/coastal-times.txt
# Every quote attributed, nothing to compare with: no warning.
expect 0 'a clean article' --check tests/fixtures/quotes/attrib_after.txt
# A term nobody said is a mention: no warning, not even information.
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
printf 'The so-called \342\200\234pier tax\342\200\235 was never popular.\n' > "$dir/scare.txt"
if ! "$QL" scan "$dir/scare.txt" | grep -q 'mention:nickname'; then
    echo "FAILED: the so-called term is not shown as a mention"
    status=1
fi
expect 0 'a mention is no warning' --check "$dir/scare.txt"
expect 1 'an unreadable file outranks warnings' --check examples/harbour-herald.txt examples/coastal-times.txt /nonexistent/article.txt
exit $status
