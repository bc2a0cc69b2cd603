#!/bin/sh
# Whole articles written for the tests (tests/fixtures/articles/*.txt), each
# with the quotes an editor would mark in NAME.expect, one per line:
#   KIND <tab> SPEAKER or - <tab> TEXT (newlines written \n)
# The scan must find exactly those quotes with those speakers, in order.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
status=0
for f in tests/fixtures/articles/*.txt; do
    "$QL" scan --json "$f" | python3 -c '
import json, sys
for line in sys.stdin:
    q = json.loads(line)
    print("\t".join([q["kind"], q["speaker"] or "-", q["text"].replace("\n", "\\n")]))
' > "build/articles.out" || { echo "scan failed on $f"; status=1; continue; }
    if ! diff -u "${f%.txt}.expect" build/articles.out; then
        echo "FAILED: $f (expected -, got +)"
        status=1
    fi
done
exit $status
