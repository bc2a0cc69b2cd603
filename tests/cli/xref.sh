#!/bin/sh
# Cross-references on three outlets' reports written for the test
# (tests/fixtures/xref): trimmed, split and joined quotes, an ellipsis and a
# [bracket], a changed word, British and American spelling, a quote given
# to two different speakers, and a stock phrase that must not link.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
out=build/xref-test.jsonl
"$QL" scan --json tests/fixtures/xref/*.txt > "$out" || { echo "scan failed"; exit 1; }
python3 - "$out" <<'PY'
import sys
sys.path.insert(0, 'tests/cli')
from scan_checks import rows, check, finish
import scan_checks
found = rows(sys.argv[1])
def quote(file, start):
    return scan_checks.quote(found, file, start)
def links(q):
    return {(s['file'].split('/')[-1], s['relation']): s for s in q['sources']}
def codes(q):
    return [d['code'] for d in q['diagnostics']]

joined = quote('harbour-herald.txt', 'We will not sign')
l = links(joined)
check(len(joined['sources']) == 3, 'the joined quote has the two halves of one outlet and the wire version')
check(('wire-service.txt', 'contains') in l, 'the wire cut the quote with an ellipsis: contains')
check('editorial' in l[('wire-service.txt', 'contains')]['class'], 'the ellipsis is editorial')

split = quote('coastal-times.txt', 'We will not be rushed')
check([s['relation'] for s in split['sources']] == ['within'], 'the second half lies within the joined quote')

v = quote('harbour-herald.txt', 'The behaviour')
lv = links(v)
check(('coastal-times.txt', 'variant') in lv, 'really/very is a variant')
cls = lv[('coastal-times.txt', 'variant')]['class']
check('wording' in cls and 'spelling' in cls, 'really/very is wording, behaviour/behavior spelling')
check(any(d['code'] == 'wording-differs' and '\u201creally\u201d here, \u201cvery\u201d in coastal-times.txt' in d['message']
          for d in v['diagnostics']), 'the wording difference is a diagnostic naming both words')
ops = lv[('coastal-times.txt', 'variant')]['diff']
check({'op': '~', 'a': 'really', 'b': 'very'} in ops, 'the diff replaces really with very')

w = quote('wire-service.txt', 'The behaviour of [the]')
check(all('editorial' in s['class'] for s in w['sources']), 'the bracket is editorial')

berth = quote('coastal-times.txt', 'defend every berth')
check([s['relation'] for s in berth['sources']] == ['same'], 'a partial quote the same in two outlets')

door = quote('harbour-herald.txt', 'Our door is open')
check('attribution-conflict' in codes(door), 'Berg in one outlet, Okafor in the other: a conflict')
check(door['sources'][0]['speaker'] == 'Lena Okafor', 'the source names its own speaker')

circus = quote('harbour-herald.txt', 'a circus')
check(circus['sources'] == [], 'a shared stock phrase is not a link')
check(quote('wire-service.txt', 'no plan')['sources'] == [], 'nor the other way')

quiet = [d for r in found for d in r['diagnostics'] if d['code'] == 'spelling-differs']
check(quiet == [], 'spelling stays quiet without --strict')
finish()
PY
[ $? -eq 0 ] || exit 1
"$QL" scan --strict tests/fixtures/xref/coastal-times.txt tests/fixtures/xref/harbour-herald.txt |
    grep -q 'spelled differently' || { echo "--strict reports spelling"; exit 1; }
"$QL" scan tests/fixtures/xref/coastal-times.txt --corpus tests/fixtures/xref | grep -q '\[2 sources\]' ||
    { echo "--corpus folder joins the corpus"; exit 1; }
exit 0
