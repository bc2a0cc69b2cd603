#!/bin/sh
# One person, one name, across three outlets written for the test
# (tests/fixtures/xref-identity): Sofía Peña, Sofia Pena and Ms. Peña are
# one speaker (no diagnostic, each name shown as written); Halvorsen and
# Halvorsn are one speaker misspelled (a name-spelling-differs hint, no
# conflict); Ekdahl and Morel, both given the words by a direct cue, are
# an attribution conflict; Osei against a speaker named only by the
# paragraph before the quote (a weak attribution) is none.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
out=build/xref-identity.jsonl
"$QL" scan --json tests/fixtures/xref-identity/*.txt > "$out" || { echo "scan failed"; exit 1; }
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

for f in ('river-courier.txt', 'valley-post.txt', 'lorvik-wire.txt'):
    q = quote(f, 'The bridge will stay open')
    check(len(q['sources']) == 2, f + ': the bridge quote links to the two other outlets')
    check(codes(q) == [], f + ': Peña, Pena and Ms. Peña are one person, no diagnostic')
check(quote('valley-post.txt', 'The bridge will stay open')['speaker'] == 'Sofia Pena',
      'the name is shown as the outlet wrote it')

for f, mine, theirs in (('river-courier.txt', 'Halvorsen', 'Halvorsn'),
                        ('valley-post.txt', 'Halvorsn', 'Halvorsen')):
    q = quote(f, 'We have counted every crack')
    hints = [d for d in q['diagnostics'] if d['code'] == 'name-spelling-differs']
    check(len(hints) == 1 and hints[0]['severity'] == 4, f + ': one name-spelling-differs hint')
    msg = hints[0]['message'] if hints else ''
    check('Ingrid ' + mine in msg and 'Ingrid ' + theirs in msg, f + ': the hint names both spellings')
    other = 'valley-post.txt' if f == 'river-courier.txt' else 'river-courier.txt'
    check(other + ':7' in msg, f + ': the hint names the other source')
    check('attribution-conflict' not in codes(q), f + ': a misspelt name is no conflict')

for f in ('river-courier.txt', 'lorvik-wire.txt'):
    q = quote(f, 'Nobody in the council')
    check(codes(q) == ['attribution-conflict'], f + ': Ekdahl and Morel are a conflict')

osei = quote('valley-post.txt', 'The ferry timetable')
lenz = quote('lorvik-wire.txt', 'The ferry timetable')
check(len(osei['sources']) == 1 and lenz['speaker'] == 'Tobias Lenz', 'the ferry quote links, Lenz named weakly')
check(lenz['confidence'] < 0.85 <= osei['confidence'], 'one attribution is direct, the other a guess')
check(codes(osei) == [] and codes(lenz) == [], 'a weakly named speaker raises no conflict')
finish()
PY
