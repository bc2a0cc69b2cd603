#!/bin/sh
# Accuracy on the five seed articles in ../shared, scored by the project's
# shared scorer: quote F1 >= 0.97, speaker accuracy >= 0.95 and
# cross-reference F1 >= 0.90. Skipped, loudly, when ../shared is absent.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
shared=${SHARED:-../shared}
if [ ! -d "$shared/seeds" ] || [ ! -f "$shared/eval/score.py" ]; then
    echo "SKIP: $shared not found: seed accuracy is NOT checked" >&2
    exit 77
fi
out=build/seeds-test.jsonl
"$QL" scan --json "$shared"/seeds/*.txt > "$out" || { echo "scan failed"; exit 1; }
python3 "$shared/eval/score.py" "$shared/gold/seeds.jsonl" "$out" --root "$shared/seeds" \
    --xref "$shared/gold/seeds-xref.json" --json > build/seeds-score.json || exit 1
python3 - <<'PY'
import json, sys
s = json.load(open('build/seeds-score.json'))
q, sp, x = s['quotes']['f1'], s['speaker']['accuracy'], s['xref']['f1']
print('quote F1 %.3f (>= 0.97)  speaker accuracy %.3f (>= 0.95)  xref F1 %.3f (>= 0.90)' % (q, sp, x))
for k in ('missed_quotes', 'wrong_speakers'):
    for m in s[k]:
        print(k, m)
for m in s['xref']['missed']:
    print('missed link', m)
sys.exit(0 if q >= 0.97 and sp >= 0.95 and x >= 0.90 else 1)
PY
