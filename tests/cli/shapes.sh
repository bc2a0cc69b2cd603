#!/bin/sh
# The hostile shapes of issue 13 (bench/shapes.py), each at a size fit for
# make test: the scan must finish (a 60 s timeout catches a hang, not
# slowness: the bench's growth rows measure speed) and find what it should.
# The ASan build runs it too, so each size stays small.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
dir=build/test-shapes
mkdir -p "$dir"
status=0
for shape in bare nested reopen single headlines unclosed surname wire; do
    f=$dir/$shape.txt
    python3 bench/shapes.py "$shape" 300 "$f" || { echo "shapes.py failed on $shape"; exit 1; }
    if ! timeout 60 "$QL" scan --json "$f" > "$dir/$shape.jsonl"; then
        echo "FAILED: $shape: the scan failed or took over 60 s"
        status=1
        continue
    fi
    python3 tests/cli/shapes_check.py "$shape" 300 "$dir/$shape.jsonl" || status=1
done
exit $status
