#!/bin/sh
# Three-word partial quotes and sentences that open alike, on three outlets
# written for the test: "its fishing fleet" and "a fair deal" link to the
# full quotes of their own speakers; the same "a fair deal" from another
# speaker does not; two full quotes that merely open with "We want a fair
# deal" are not one utterance and raise no attribution conflict; a short
# sentence split off a quote ("And the markets will close.") links to the
# whole only where the rest of the quote stands beside it.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
out=build/xref-partials.jsonl
"$QL" scan --json tests/fixtures/xref-partials/*.txt > "$out" || { echo "scan failed"; exit 1; }
python3 - "$out" <<'PY'
import sys
sys.path.insert(0, 'tests/cli')
from scan_checks import rows, check, finish
import scan_checks
found = rows(sys.argv[1])
def quote(file, start):
    return scan_checks.quote(found, file, start)
def where(q):
    return [(s['file'].split('/')[-1], s['relation']) for s in q['sources']]

check(where(quote('coast-digest.txt', 'its fishing fleet')) == [('chamber-report.txt', 'within')],
      'a three-word partial lies within its speaker\'s full quote')
check(where(quote('coast-digest.txt', 'a fair deal')) == [('chamber-report.txt', 'within')],
      'a fair deal, Crane: within his full quote')
check(where(quote('paris-wire.txt', 'a fair deal')) == [],
      'a fair deal from another speaker is not taken from Crane\'s quote')
moreau = quote('paris-wire.txt', 'We want a fair deal that')
check(moreau['sources'] == [], 'a sentence that only opens alike is no source')
check('attribution-conflict' not in [d['code'] for d in moreau['diagnostics']], 'nor a conflict')
check(('chamber-report.txt', 'within') in where(quote('coast-digest.txt', 'And the markets will close')),
      'a short sentence split off a quote lies within the whole, as the rest of it says')
check(where(quote('paris-wire.txt', 'And the markets will close')) == [],
      'the same short sentence amid other words is no part of it')
check(where(quote('paris-wire.txt', 'Full confidence')) == [],
      'a short quote beside a longer one holding its own words is not taken from a third')
crane = quote('chamber-report.txt', 'We want a fair deal for')
check(where(crane) == [('coast-digest.txt', 'contains')], 'Crane\'s quote holds his partial only')

finish()
PY
