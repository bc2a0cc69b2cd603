#!/bin/sh
# The most syndicated quote must not vanish (issue 13): 1,200 wire copies
# written here, each carrying one quote, make every fingerprint of it held
# by more than a thousand quotes. The scan with --corpus still links the
# article's quote to them and warns that they name another speaker; a short
# phrase with no speaker that every copy also holds stays unlinked.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import os, sys
tmp = sys.argv[1]
os.mkdir(os.path.join(tmp, 'wire'))
for i in range(1200):
    with open(os.path.join(tmp, 'wire', 'copy%04d.txt' % i), 'w') as f:
        f.write('Bulletin %d from the Kestrel Bay wire.\n\n'
                '\u201cThe tide tables will be rewritten before the autumn storms arrive,\u201d '
                'said Mara Lindqvist, the chief pilot of Kestrel Bay.\n\n'
                'Harbour staff in district %d called the old tables \u201ca muddle\u201d.\n' % (i, i))
with open(os.path.join(tmp, 'article.txt'), 'w') as f:
    f.write('The pilots met on Tuesday to settle the winter timetable.\n\n'
            '\u201cThe tide tables will be rewritten before the autumn storms arrive,\u201d '
            'said Oskar Brandt, the harbour master.\n\n'
            'One ferry captain called the meeting \u201ca muddle\u201d.\n')
PY
"$QL" scan --json --corpus "$tmp/wire" "$tmp/article.txt" > "$tmp/out.jsonl" || { echo "scan failed"; exit 1; }
python3 - "$tmp/out.jsonl" <<'PY'
import sys
sys.path.insert(0, 'tests/cli')
from scan_checks import rows, check, finish
import scan_checks
found = rows(sys.argv[1])
tide = scan_checks.quote(found, 'article.txt', 'The tide tables')
n = len(tide['sources'])
check(n >= 1000, 'the quote carried by 1,200 copies links to at least a thousand of them (%d)' % n)
check(all('/wire/copy' in s['file'] and s['relation'] == 'same' for s in tide['sources']),
      'every source is a wire copy of the same words')
check('attribution-conflict' in [d['code'] for d in tide['diagnostics']],
      'Brandt here, Lindqvist in the copies: a conflict')
muddle = scan_checks.quote(found, 'article.txt', 'a muddle')
check(muddle['sources'] == [], 'a short phrase with no speaker is no link, however many hold it')
finish()
PY
