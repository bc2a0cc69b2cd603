#!/bin/sh
# The two output formats of `quotelens scan` on an article written for the
# test: quickfix-style text lines and JSON Lines with the documented fields,
# byte ranges that point at the quoted words, and one speaker per person
# across files.
set -u
QL=${QL:-build/quotelens}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'Harbour chief Ana Ruiz met the press.\n\n\342\200\234We will not sign,\342\200\235 Ruiz said.\n\nShe called the offer \342\200\234a joke\342\200\235.\n\nThe port closed.\342\200\235\n' > "$dir/a.txt"
printf '\342\200\234No deal,\342\200\235 Ruiz told reporters.\n' > "$dir/b.txt"

"$QL" scan "$dir/a.txt" "$dir/b.txt" > "$dir/out.txt" || { echo "scan failed"; exit 1; }
cat "$dir/out.txt"
lq=$(printf '\342\200\234') rq=$(printf '\342\200\235')
grep -qx "$dir/a.txt:3:4: Ana Ruiz (said): ${lq}We will not sign,${rq}" "$dir/out.txt" || { echo "text line for the full quote"; exit 1; }
grep -qx "$dir/a.txt:5:25: Ana Ruiz (called): partial ${lq}a joke${rq}" "$dir/out.txt" || { echo "text line for the partial quote"; exit 1; }
grep -q "^$dir/a.txt:7:17: warning: closing quotation mark with no opening mark\$" "$dir/out.txt" || { echo "stray mark warning"; exit 1; }
grep -q "^$dir/b.txt:1:4: Ana Ruiz (told)" "$dir/out.txt" || { echo "surname widened to the full name across files"; exit 1; }

"$QL" scan --json "$dir/a.txt" "$dir/b.txt" > "$dir/out.jsonl" || { echo "json scan failed"; exit 1; }
python3 - "$dir" <<'PY' || exit 1
import json, sys
d = sys.argv[1]
rows = [json.loads(l) for l in open(d + '/out.jsonl')]
assert len(rows) == 3, rows
need = {'file', 'start', 'end', 'line', 'col', 'kind', 'speaker', 'speaker_mention', 'cue',
        'confidence', 'sources', 'diagnostics'}
for r in rows:
    assert need <= set(r), (need - set(r))
    raw = open(r['file'], 'rb').read()
    assert raw[r['start']:r['end']].decode() == r['text'], r
    assert 0 <= r['confidence'] <= 1
m = rows[0]['speaker_mention']
assert open(rows[0]['file'], 'rb').read()[m['start']:m['end']] == b'Ruiz', m
assert [r['speaker'] for r in rows] == ['Ana Ruiz'] * 3, rows
assert [r['kind'] for r in rows] == ['full', 'partial', 'full'], rows
diags = [dg['code'] for r in rows for dg in r['diagnostics']]
assert diags == ['stray-mark'], diags
print('json ok')
PY

"$QL" scan > /dev/null 2>&1; [ $? -eq 2 ] || { echo "no files must exit 2"; exit 1; }
"$QL" scan --bogus "$dir/a.txt" > /dev/null 2>&1; [ $? -eq 2 ] || { echo "unknown option must exit 2"; exit 1; }
"$QL" --help | grep -q "quotelens scan" || { echo "--help"; exit 1; }
exit 0
