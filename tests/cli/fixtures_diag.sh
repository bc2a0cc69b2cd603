#!/bin/sh
# fixtures_diag.sh: checks the copy editor's warnings of the quote fixtures.
# For every tests/fixtures/quotes/NAME.diag it runs `$QL scan --json NAME.txt`
# and compares the sorted "code" fields of its diagnostics with the sorted
# codes listed in NAME.diag (one a line). A diagnostic is read either from a
# line of its own ({"type": "diagnostic", "code": ...}) or from the
# "diagnostics" list of the quote line that carries it. A fixture without a
# .diag file must produce none of the mark diagnostics (unbalanced-mark,
# stray-mark, doubled-mark), so a warning that fires on clean copy fails too.
cd "$(dirname "$0")/../.." || exit 2
: "${QL:=build/quotelens}"
if [ ! -x "$QL" ]; then
    echo "fixtures_diag.sh: $QL is not an executable" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "SKIP: python3 not found" >&2; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

fail=0 n=0
for txt in tests/fixtures/quotes/*.txt; do
    name=${txt%.txt}
    n=$((n + 1))
    "$QL" scan --json "$txt" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [ $st -ge 128 ] || grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/err"; then
        echo "CRASH $txt (exit $st)"; sed 's/^/    /' "$tmp/err" | head -20
        fail=$((fail + 1)); continue
    fi
    python3 - "$tmp/out" "$name.diag" >"$tmp/diff" <<'PY'
import json, os, sys
out, diagf = sys.argv[1:3]
MARKS = {'unbalanced-mark', 'stray-mark', 'doubled-mark'}
got = []
for line in open(out, encoding='utf-8', errors='replace'):
    if not line.strip():
        continue
    try:
        d = json.loads(line)
    except ValueError as e:
        print(f'  bad JSON: {e}: {line.strip()[:80]}')
        sys.exit(1)
    if d.get('type') == 'diagnostic':
        got.append(str(d.get('code')))
    elif d.get('type', 'quote') == 'quote':
        got += [str(x.get('code')) for x in d.get('diagnostics') or []]
if os.path.exists(diagf):
    want = sorted(l.strip() for l in open(diagf, encoding='utf-8') if l.strip())
    got = sorted(got)
else:
    want = []
    got = sorted(c for c in got if c in MARKS)
if got != want:
    print(f'  expected codes: {want}')
    print(f'  got codes:      {got}')
    sys.exit(1)
PY
    if [ $? -ne 0 ]; then
        echo "FAIL  $txt"
        cat "$tmp/diff"
        fail=$((fail + 1))
    else
        echo "ok    $txt"
    fi
done
echo "$((n - fail)) of $n fixtures have the expected diagnostics"
[ $n -gt 0 ] && [ $fail -eq 0 ]
