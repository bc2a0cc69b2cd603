#!/bin/sh
# The scan in pipelines and CI (issue 14 item 6):
#   - output that cannot be written (/dev/full, a pipe whose reader has gone
#     while SIGPIPE is ignored) is an error: a message on stderr, exit 1;
#   - a --corpus folder that is missing or no folder is an error (exit 1),
#     also with --check, which must not pass without its cross-checks;
#   - `scan -` reads standard input (named <stdin>), an endless binary
#     stream is refused at its first bytes;
#   - a .html FILE is read as its text, as a corpus page is;
#   - confidence and similarity print as short decimals (0.95).
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
fail() { echo "FAILED: $*"; exit 1; }
lq=$(printf '\342\200\234') rq=$(printf '\342\200\235')
printf '%sWe sail at dawn,%s Captain Ida Moss said.\n\nThe ferry %swill wait%s, she added.\n' \
    "$lq" "$rq" "$lq" "$rq" > "$dir/ferry.txt"
art=examples/harbour-herald.txt

# Lost output.
for args in "scan $art" "scan --json $art" "--help" "--version"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    "$QL" $args > /dev/full 2> "$dir/err"
    st=$?
    [ $st -eq 1 ] || fail "quotelens $args > /dev/full exits $st, want 1"
    grep -q 'cannot write the output: No space left on device' "$dir/err" ||
        fail "quotelens $args > /dev/full: no message on stderr: $(cat "$dir/err")"
done
python3 - "$QL" "$art" <<'PY' || exit 1
import os, signal, subprocess, sys
ql, art = sys.argv[1], sys.argv[2]
signal.signal(signal.SIGPIPE, signal.SIG_IGN)   # inherited: writes fail with EPIPE
for args in (['scan', art], ['scan', '--json', art]):
    r, w = os.pipe()
    os.close(r)                                  # the reader is gone before the first write
    p = subprocess.run([ql] + args, stdout=w, stderr=subprocess.PIPE, restore_signals=False)
    os.close(w)
    err = p.stderr.decode()
    if p.returncode != 1 or 'Broken pipe' not in err:
        sys.exit('FAILED: %s into a closed pipe: exit %d, stderr %r' % (args, p.returncode, err))
print('closed pipe: exit 1')
PY

# Corpus folders.
"$QL" scan --corpus "$dir/missing" "$dir/ferry.txt" > "$dir/out" 2> "$dir/err"
[ $? -eq 1 ] || fail "a missing --corpus folder exits 1"
grep -q 'missing: No such file or directory' "$dir/err" || fail "the missing folder is named"
grep -q 'Ida Moss' "$dir/out" || fail "the FILE is still scanned"
"$QL" scan --check --corpus "$dir/missing" "$dir/ferry.txt" > /dev/null 2>&1
[ $? -eq 1 ] || fail "--check with a missing --corpus folder exits 1, not 0"
"$QL" scan --check --corpus "$dir/ferry.txt" "$dir/ferry.txt" > /dev/null 2>&1
[ $? -eq 1 ] || fail "--check with a --corpus that is a file exits 1"
mkdir "$dir/wire"
"$QL" scan --check --corpus "$dir/wire" "$dir/ferry.txt" > /dev/null 2>&1
[ $? -eq 0 ] || fail "--check with an empty but readable corpus folder passes"
if [ "$(id -u)" -ne 0 ]; then # root reads a folder whatever its mode
    mkdir "$dir/locked" && chmod 000 "$dir/locked"
    "$QL" scan --corpus "$dir/locked" "$dir/ferry.txt" > /dev/null 2>&1
    st=$?
    chmod 700 "$dir/locked"
    [ $st -eq 1 ] || fail "an unreadable --corpus folder exits 1"
fi

# Standard input.
"$QL" scan - < "$dir/ferry.txt" > "$dir/out" 2> "$dir/err" || fail "scan - < FILE exits $?"
grep -qx "<stdin>:1:4: Ida Moss (said): ${lq}We sail at dawn,${rq}" "$dir/out" || fail "scan - reads stdin: $(cat "$dir/out")"
cat "$dir/ferry.txt" | "$QL" scan --json - "$art" > "$dir/out.jsonl" || fail "scan --json - from a pipe"
grep -q '^{"file":"<stdin>","start":3,' "$dir/out.jsonl" || fail "a pipe on stdin is <stdin> in JSON"
grep -q '"file":"examples/harbour-herald.txt"' "$dir/out.jsonl" || fail "the other FILE is scanned too"
"$QL" scan - < /dev/null > "$dir/out" 2>&1 || fail "empty stdin scans cleanly"
[ -s "$dir/out" ] && fail "empty stdin has no quotes"
timeout 20 "$QL" scan - < /dev/zero > /dev/null 2> "$dir/err"
[ $? -eq 2 ] || fail "an endless binary stdin is refused (exit 2), not read for ever"
grep -q '<stdin>: binary file, skipped' "$dir/err" || fail "the binary stdin is named"

# A web page given as FILE.
printf '<html><head><style>p { color: red }</style></head><body>\n<p>&ldquo;We sail at dawn,&rdquo; Captain Ida Moss said.</p>\n<script>var s = "not a quote";</script></body></html>\n' > "$dir/page.html"
"$QL" scan --json "$dir/page.html" > "$dir/out.jsonl" || fail "scan of a .html FILE"
python3 - "$dir/out.jsonl" <<'PY' || exit 1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert [(r['text'], r['speaker']) for r in rows] == [('We sail at dawn,', 'Ida Moss')], rows
PY

# Short decimals.
"$QL" scan --json "$dir/ferry.txt" "$art" examples/coastal-times.txt > "$dir/out.jsonl" || fail "scan --json"
grep -q '"confidence":0.95,' "$dir/out.jsonl" || fail "confidence 0.95 prints as 0.95"
python3 - "$dir/out.jsonl" <<'PY' || exit 1
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
reals = re.findall(r'"(?:confidence|similarity)":(-?[0-9.eE+-]+)', text)
assert reals, 'no confidence in the output'
long = sorted({r for r in reals if len(r.split('.')[-1]) > 3})
assert not long, 'long decimals: %s' % long
print('short decimals: %s' % ' '.join(sorted(set(reals))))
PY
echo ok
