#!/bin/sh
# Cross-references on the five seed articles in ../shared: the links between
# the same quote in different articles, scored by the shared scorer against
# ../shared/gold/seeds-xref.json, F1 >= 0.90. Skipped, loudly, when ../shared
# is absent or when the scan reports no "sources" at all (linking not built).
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
shared=${SHARED:-../shared}
if [ ! -d "$shared/seeds" ] || [ ! -f "$shared/eval/score.py" ]; then
    echo "SKIP: $shared not found: seed cross-references are NOT checked" >&2
    exit 77
fi
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
"$QL" scan --json "$shared"/seeds/*.txt > "$dir/raw" || { echo "scan failed"; exit 1; }
python3 - "$dir/raw" "$dir/out" <<'PY'
import json, sys
quotes = [l for l in open(sys.argv[1], encoding='utf-8')
          if l.strip() and json.loads(l).get('type', 'quote') == 'quote']
open(sys.argv[2], 'w', encoding='utf-8').writelines(quotes)
sys.exit(0 if any('sources' in json.loads(l) for l in quotes) else 3)
PY
case $? in
    0) ;;
    3) echo "SKIP: no cross-references yet (no \"sources\" field in the scan)" >&2; exit 77 ;;
    *) echo "scan output is not JSON Lines"; exit 1 ;;
esac
python3 "$shared/eval/score.py" "$shared/gold/seeds.jsonl" "$dir/out" --root "$shared/seeds" \
    --xref "$shared/gold/seeds-xref.json" --json > "$dir/score" || exit 1
python3 - "$dir/score" <<'PY'
import json, sys
x = json.load(open(sys.argv[1]))['xref']
print('xref F1 %.3f (>= 0.90)  precision %.3f  recall %.3f  links %d of %d' %
      (x['f1'], x['precision'], x['recall'], x['correct'], x['gold_links']))
for m in x['missed']:
    print('missed link', m)
sys.exit(0 if x['f1'] >= 0.90 else 1)
PY
