#!/bin/sh
# fixtures.sh: checks every quote fixture. For tests/fixtures/quotes/NAME.txt it
# runs `$QL scan --json NAME.txt`, cuts each quote's text out of the file bytes
# [start, end) and compares (kind, speaker, rule, text), in text order, with
# NAME.expect (one "kind<TAB>speaker<TAB>rule<TAB>text" a line, "-" for no
# speaker or rule, "\n" for a newline inside a quote): a failing line names
# the rule, and so the function, to open. Prints a diff per failing fixture.
# The text is cut from the file rather than read from the JSON so a wrong
# offset fails the test even when the engine echoes the right words.
cd "$(dirname "$0")/../.." || exit 2
: "${QL:=build/quotelens}"
if [ ! -x "$QL" ]; then
    echo "fixtures.sh: $QL is not an executable" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "SKIP: python3 not found" >&2; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

fail=0 n=0
for txt in tests/fixtures/quotes/*.txt; do
    name=${txt%.txt}
    [ -f "$name.expect" ] || { echo "MISSING $name.expect"; fail=$((fail + 1)); continue; }
    n=$((n + 1))
    "$QL" scan --json "$txt" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [ $st -ge 128 ] || grep -q 'ERROR: AddressSanitizer\|runtime error:' "$tmp/err"; then
        echo "CRASH $txt (exit $st)"; sed 's/^/    /' "$tmp/err" | head -20
        fail=$((fail + 1)); continue
    fi
    python3 - "$txt" "$tmp/out" "$name.expect" >"$tmp/diff" <<'PY'
import json, sys
txt, out, expect = sys.argv[1:4]
raw = open(txt, 'rb').read()

def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t')

got = []
for n, line in enumerate(open(out, encoding='utf-8', errors='replace'), 1):
    if not line.strip():
        continue
    try:
        q = json.loads(line)
    except ValueError as e:
        print(f'  bad JSON on output line {n}: {e}: {line.strip()[:80]}')
        sys.exit(1)
    if q.get('type', 'quote') != 'quote':
        continue
    s, e = q.get('start'), q.get('end')
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= len(raw):
        print(f'  bad range on output line {n}: start={s} end={e} (file has {len(raw)} bytes)')
        sys.exit(1)
    text = raw[s:e].decode('utf-8', errors='replace')
    got.append((s, '\t'.join([str(q.get('kind')), q.get('speaker') or '-', q.get('rule') or '-', esc(text)])))
got = [g for _, g in sorted(got)]
want = [l.rstrip('\n') for l in open(expect, encoding='utf-8') if l.strip()]
if got != want:
    import difflib
    for d in difflib.unified_diff(want, got, 'expected', 'got', lineterm='', n=1):
        print('  ' + d)
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
echo "$((n - fail)) of $n fixtures pass"
[ $n -gt 0 ] && [ $fail -eq 0 ]
