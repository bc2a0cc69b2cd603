#!/bin/sh
# Editorial marks are not misquotes: a quote cut with a typewriter
# ellipsis ("...") and one whose first word an editor replaced in
# [brackets] link as editorial and raise no wording warning, while a
# changed word in the same pair of outlets (slow/late) still does.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
out=build/xref-editorial.jsonl
"$QL" scan --json tests/fixtures/xref-editorial/*.txt > "$out" || { echo "scan failed"; exit 1; }
python3 - "$out" <<'PY'
import sys
sys.path.insert(0, 'tests/cli')
from scan_checks import rows, check, finish
import scan_checks
found = rows(sys.argv[1])
def quote(file, start):
    return scan_checks.quote(found, file, start)
def codes(q):
    return [d['code'] for d in q['diagnostics']]

for file, start in (('north-gazette.txt', 'We will keep the ferry running through'),
                    ('south-ledger.txt', 'We will keep the ferry running ...'),
                    ('north-gazette.txt', 'It has cost'),
                    ('south-ledger.txt', '[The new pier]')):
    q = quote(file, start)
    check(len(q['sources']) == 1, '%s: one source' % start)
    check(all('editorial' in s['class'] and 'wording' not in s['class'] for s in q['sources']),
          '%s: the difference is editorial' % start)
    check('wording-differs' not in codes(q), '%s: no wording warning' % start)

slow = quote('north-gazette.txt', 'The council has been slow')
check(len(slow['sources']) == 1 and 'wording' in slow['sources'][0]['class'], 'slow/late is wording')
check(any(d['code'] == 'wording-differs' and '\u201cslow\u201d here, \u201clate\u201d in ' in d['message']
          for d in slow['diagnostics']), 'slow/late is a warning naming both words')

finish()
PY
