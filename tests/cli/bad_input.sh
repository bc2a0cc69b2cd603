#!/bin/sh
# Bad input never crashes the scan and is reported clearly: an empty file,
# invalid UTF-8 (named by byte offset, the rest still scanned), NUL bytes,
# a binary file (skipped), a 1 MB line, a missing path, a folder given as a
# file; and the exit status says how much could be scanned.
set -u
QL=${QL:-build/quotelens}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAILED: $*"; exit 1; }
crashed() { grep -q -e 'AddressSanitizer' -e 'runtime error:' -e 'Segmentation' "$1"; }
# scan ARGS...: runs the scan into $dir/out and $dir/err, sets $st, and fails
# at once on a crash, so every run is checked, not only the last one.
scan() {
    "$QL" scan "$@" > "$dir/out" 2> "$dir/err"
    st=$?
    [ $st -lt 128 ] || fail "scan $* died with status $st"
    crashed "$dir/err" && fail "scan $*: a sanitizer or crash report: $(head -3 "$dir/err")"
    return 0
}

: > "$dir/empty.txt"
printf 'Bad \377\376 bytes. \342\200\234Still found,\342\200\235 Ruiz said.\n' > "$dir/utf8.txt"
printf 'A NUL \000 here. \342\200\234Found,\342\200\235 she said.\n' > "$dir/nul.txt"
head -c 20000 /bin/sh > "$dir/binary.txt"
python3 -c "import sys; sys.stdout.write('\u201c' + 'word ' * 200000 + '\u201d Ruiz said.\n')" > "$dir/long.txt"
mkdir "$dir/folder"

scan "$dir/empty.txt"
[ $st -eq 0 ] || fail "an empty file scans cleanly"
[ -s "$dir/out" ] && fail "an empty file has no quotes"

scan "$dir/utf8.txt"
[ $st -eq 0 ] || fail "invalid UTF-8 still scans"
grep -q "invalid UTF-8 at byte 4" "$dir/err" || fail "the byte offset of invalid UTF-8 is named"
grep -q "Still found" "$dir/out" || fail "the quote after invalid UTF-8 is found"
"$QL" scan --json "$dir/utf8.txt" 2>/dev/null | python3 -c "import json,sys; [json.loads(l) for l in sys.stdin]" ||
    fail "JSON output stays valid JSON"

scan "$dir/nul.txt"
[ $st -eq 0 ] || fail "a text with a NUL byte is still scanned: exit 0"
grep -q "NUL byte at byte 6" "$dir/err" || fail "a NUL byte is reported"
grep -q "Found" "$dir/out" || fail "the quote after a NUL is found"

scan "$dir/binary.txt"
[ $st -eq 2 ] || fail "only a binary file: nothing scanned, exit 2"
grep -q "binary file, skipped" "$dir/err" || fail "a binary file is skipped with a message"

scan "$dir/long.txt"
[ $st -eq 0 ] || fail "a 1 MB line scans"
grep -q "Ruiz" "$dir/out" || fail "its quote is attributed"

scan "$dir/nope.txt" "$dir/folder" "$dir/utf8.txt"
[ $st -eq 1 ] || fail "some files not scanned: exit 1"
grep -q "nope.txt: No such file" "$dir/err" || fail "a missing file is named"
grep -q "folder: Is a directory" "$dir/err" || fail "a folder given as a file is named"
grep -q "Still found" "$dir/out" || fail "the readable file is still scanned"

scan "$dir/nope.txt" "$dir/folder"
[ $st -eq 2 ] || fail "nothing scanned: exit 2"
[ -s "$dir/err" ] || fail "nothing scanned: say why"

scan
[ $st -eq 2 ] || fail "no file given: exit 2"
scan --no-such-option "$dir/utf8.txt"
[ $st -eq 2 ] || fail "an unknown option: exit 2"
[ -s "$dir/err" ] || fail "an unknown option is reported"
exit 0
