#!/bin/sh
# File names that are not plain text keep the output whole and recoverable
# (issue 13, item 6):
#   - a newline (and a tab, a backslash) in a name: the text output is still
#     one `FILE:LINE:COL:` line per quote, the name escaped (\n \t \\) and
#     read back exactly by unescaping;
#   - invalid UTF-8 in a name: text output writes the byte as \xNN; --json
#     keeps valid JSON with U+FFFD in `file` and the exact bytes in hex in
#     `file_bytes`, for the quote and for a source; a plain name has no
#     `file_bytes`;
#   - `quotelens scan --help` documents it.
set -u
QL=${QL:-build/quotelens}
QL=$(cd "$(dirname "$QL")" && pwd)/$(basename "$QL")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { printf 'FAILED: %s\n' "$*"; exit 1; }
cd "$dir" || fail "cd"

quote='\342\200\234The harbour will stay open all winter,\342\200\235'
nl=$(printf 'two\nlines.txt')
bad=$(printf 'caf\351 \\ tab\t.txt')
printf "$quote Ruiz said.\n" > "$nl"
printf "The port chief spoke. $quote said Ana Ruiz.\n" > "$bad"
printf "$quote Ruiz said.\n" > plain.txt
[ -f "$nl" ] && [ -f "$bad" ] || { echo "the file system refuses such names" >&2; exit 77; }

timeout 30 "$QL" scan "$nl" "$bad" plain.txt > out 2> err
st=$?
[ $st -eq 0 ] || fail "the scan succeeds (status $st): $(cat err)"
[ "$(wc -l < out)" -eq 3 ] || fail "one line per quote, three files: $(cat out)"
grep -q '^two\\nlines\.txt:1:[0-9]*: .*Ruiz' out || fail "a newline in a name is written \\n: $(cat out)"
grep -q '^caf\\xe9 \\\\ tab\\t\.txt:1:[0-9]*: .*Ruiz' out || fail "invalid UTF-8 as \\xNN, a backslash \\\\, a tab \\t: $(cat out)"
python3 - out "$nl" "$bad" <<'PY' || fail "the escaped names read back to the exact file names"
import os, re, sys
names = set()
for line in open(sys.argv[1], 'rb').read().split(b'\n')[:-1]:
    m = re.match(rb'^(.*?):\d+:\d+: ', line)
    esc = m.group(1)
    out, i = bytearray(), 0
    while i < len(esc):
        if esc[i:i + 1] == b'\\':
            c = esc[i + 1:i + 2]
            if c == b'x':
                out.append(int(esc[i + 2:i + 4], 16)); i += 4; continue
            out += {b'n': b'\n', b'r': b'\r', b't': b'\t', b'\\': b'\\'}[c]; i += 2; continue
        out.append(esc[i]); i += 1
    names.add(bytes(out))
want = {os.fsencode(sys.argv[2]), os.fsencode(sys.argv[3]), b'plain.txt'}
assert names == want, (names, want)
PY

timeout 30 "$QL" scan --json "$bad" "$nl" plain.txt > out 2> err
st=$?
[ $st -eq 0 ] || fail "the JSON scan succeeds (status $st)"
python3 - out "$nl" "$bad" <<'PY' || fail "JSON: file, file_bytes"
import json, os, sys
qs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
nl, bad = os.fsencode(sys.argv[2]), os.fsencode(sys.argv[3])
by = {q['file']: q for q in qs}
assert set(by) == {sys.argv[2], 'caf\ufffd \\ tab\t.txt', 'plain.txt'}, list(by)
assert bytes.fromhex(by['caf\ufffd \\ tab\t.txt']['file_bytes']) == bad
assert 'file_bytes' not in by[sys.argv[2]], 'a valid UTF-8 name is exact in file'
assert 'file_bytes' not in by['plain.txt']
srcs = [s for s in by['plain.txt']['sources'] if 'file_bytes' in s]
assert [bytes.fromhex(s['file_bytes']) for s in srcs] == [bad], by['plain.txt']['sources']
PY

"$QL" scan --help > help || fail "scan --help exits 0"
grep -q 'file_bytes' help || fail "scan --help documents file_bytes"
grep -q 'xNN' help || fail "scan --help documents the escapes"
exit 0
