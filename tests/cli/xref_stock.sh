#!/bin/sh
# Two stories that quote the same stock phrase from two people ("It's
# fine," from the mayor in one, from a chess club's secretary in the other)
# conflict in nothing: too short to be one statement, the two copies raise
# no attribution conflict. A long quote given to two people is still one
# (written for the test, in our own words).
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
out=build/xref-stock.jsonl
"$QL" scan --json tests/fixtures/xref-stock/*.txt > "$out" || { echo "scan failed"; exit 1; }
python3 - "$out" <<'PY'
import sys
sys.path.insert(0, 'tests/cli')
from scan_checks import rows, check, finish
import scan_checks
found = rows(sys.argv[1])
def codes(q):
    return [d['code'] for d in q['diagnostics']]

for f in ('harbour-daily.txt', 'island-voice.txt'):
    stock = scan_checks.quote(found, f, "It's fine")
    check(stock['sources'] != [], f + ': the two copies of the stock phrase are still linked')
    check('attribution-conflict' not in codes(stock), f + ': a stock phrase from two people is no conflict')
    fares = scan_checks.quote(found, f, 'We have held fares')
    check('attribution-conflict' in codes(fares), f + ': a long quote from two people is a conflict')
finish()
PY
