#!/bin/sh
# Accuracy on the five seed articles in ../shared, scored by the project's
# shared scorer: quote F1 >= 0.97 and speaker accuracy >= 0.95. Linking
# across articles is scored on its own by seeds_xref.sh, so a regression in
# one does not hide behind the other. Skipped, loudly, when ../shared is absent.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
shared=${SHARED:-../shared}
if [ ! -d "$shared/seeds" ] || [ ! -f "$shared/eval/score.py" ]; then
    echo "SKIP: $shared not found: seed accuracy is NOT checked" >&2
    exit 77
fi
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
"$QL" scan --json "$shared"/seeds/*.txt > "$dir/raw" || { echo "scan failed"; exit 1; }
# Only quote lines are scored: a line of another type (a diagnostic) is not a quote.
python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip() and json.loads(l).get("type", "quote") == "quote":
        sys.stdout.write(l)' "$dir/raw" > "$dir/out" || { echo "scan output is not JSON Lines"; exit 1; }
python3 "$shared/eval/score.py" "$shared/gold/seeds.jsonl" "$dir/out" --root "$shared/seeds" \
    --json > "$dir/score" || exit 1
python3 - "$dir/score" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
q, sp = s['quotes']['f1'], s['speaker']['accuracy']
print('quote F1 %.3f (>= 0.97)  speaker accuracy %.3f (>= 0.95)' % (q, sp))
for k in ('missed_quotes', 'wrong_speakers'):
    for m in s[k]:
        print(k, m)
sys.exit(0 if q >= 0.97 and sp >= 0.95 else 1)
PY
