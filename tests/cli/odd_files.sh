#!/bin/sh
# Odd files never hang the scan or exhaust memory, and one file is one
# document however it is named (issue 13, item 3):
#   - a FIFO, a socket, a symbolic link to /dev/zero in a corpus folder are
#     skipped with a message naming each, and the articles beside them are
#     still read; the same odd files given as FILEs are named and skipped;
#   - a file that never ends while read (a link to /proc/self/pagemap, a
#     regular file that says it is empty and yields gigabytes) is read up to
#     its size at open;
#   - an article reached as a FILE and again through its corpus folder under
#     other spellings (./dir, dir/../dir, a symbolic link to the folder or to
#     the file) is one document: never its own source.
# Every run is bounded by `timeout`, so a regression fails instead of hanging.
set -u
QL=${QL:-build/quotelens}
QL=$(cd "$(dirname "$QL")" && pwd)/$(basename "$QL") # the test changes folder below
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAILED: $*"; exit 1; }
# scan ARGS...: runs the scan into $dir/out and $dir/err with a time bound,
# sets $st, and fails at once on a hang or a crash.
scan() {
    timeout 30 "$QL" scan "$@" > "$dir/out" 2> "$dir/err"
    st=$?
    [ $st -eq 124 ] && fail "scan $* hung (killed after 30 s)"
    [ $st -lt 128 ] || fail "scan $* died with status $st: $(head -3 "$dir/err")"
    return 0
}
command -v mkfifo >/dev/null || { echo "no mkfifo" >&2; exit 77; }
command -v timeout >/dev/null || { echo "no timeout" >&2; exit 77; }

mkdir "$dir/corpus" "$dir/other"
printf '\342\200\234The harbour will stay open all winter,\342\200\235 Ruiz said on Monday.\n' > "$dir/story.txt"
printf 'The port chief spoke. \342\200\234The harbour will stay open all winter,\342\200\235 said Ana Ruiz.\n' > "$dir/other/wire.txt"
mkfifo "$dir/corpus/pipe.txt"
ln -s /dev/zero "$dir/corpus/zero.txt"
python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$dir/corpus/sock.txt" ||
    fail "could not make a socket"
cp "$dir/other/wire.txt" "$dir/corpus/wire.txt"

# Odd files in a corpus folder: skipped, each named, the rest still read.
scan "$dir/story.txt" --corpus "$dir/corpus"
[ $st -eq 0 ] || fail "odd corpus files do not fail the scan (status $st): $(cat "$dir/err")"
grep -q "pipe.txt: not a regular file (FIFO), skipped" "$dir/err" || fail "the FIFO is named: $(cat "$dir/err")"
grep -q "zero.txt: not a regular file (character device), skipped" "$dir/err" ||
    fail "the link to /dev/zero is named: $(cat "$dir/err")"
grep -q "sock.txt: not a regular file (socket), skipped" "$dir/err" || fail "the socket is named: $(cat "$dir/err")"
grep -q "\[1 source\]" "$dir/out" || fail "the real article beside them is a source: $(cat "$dir/out")"

# The same odd files as FILEs: named, skipped, and the exit status says so.
scan "$dir/corpus/pipe.txt" "$dir/corpus/zero.txt" /dev/null "$dir/story.txt"
[ $st -eq 1 ] || fail "odd FILEs are files not scanned: exit 1, not $st"
grep -q "pipe.txt: not a regular file (FIFO)" "$dir/err" || fail "a FIFO FILE is named"
grep -q "zero.txt: not a regular file (character device)" "$dir/err" || fail "/dev/zero as a FILE is named"
grep -q "/dev/null: not a regular file (character device)" "$dir/err" || fail "/dev/null as a FILE is named"
grep -q "Ruiz" "$dir/out" || fail "the readable FILE is still scanned"

# A regular file that never ends: read up to its size at open (0 bytes here),
# where reading to the end would take gigabytes. The plain build is also held
# to 2 GB of address space so an old binary fails fast instead of swapping.
if [ -r /proc/self/pagemap ]; then
    ln -s /proc/self/pagemap "$dir/endless.txt"
    case $QL in
        *asan*) scan "$dir/endless.txt" ;;
        *) (ulimit -v 2000000; exec timeout 30 "$QL" scan "$dir/endless.txt" > "$dir/out" 2> "$dir/err"); st=$? ;;
    esac
    [ $st -eq 0 ] || fail "a file that grows while read is read to its size at open: status $st, $(head -3 "$dir/err")"
    [ -s "$dir/out" ] && fail "an endless file empty at open has no quotes"
fi

# A file that grows while it is read (a writer appending without pause): the
# scan ends and finds the quotes the file held.
cp "$dir/story.txt" "$dir/growing.txt"
(i=0; while [ $i -lt 20000 ]; do cat "$dir/story.txt"; i=$((i + 1)); done >> "$dir/growing.txt") &
writer=$!
scan "$dir/growing.txt"
kill $writer 2>/dev/null
wait $writer 2>/dev/null
[ $st -eq 0 ] || fail "a growing file scans"
grep -q "growing.txt:1:[0-9]*: Ruiz" "$dir/out" || fail "a growing file's first quote is found: $(head -2 "$dir/out")"

# One article, many spellings: never its own source.
ln -s "$dir/corpus" "$dir/link"
ln -s "$dir/story.txt" "$dir/corpus/story-link.txt"
ln "$dir/story.txt" "$dir/corpus/story-hard.txt" 2>/dev/null # a hard link too, where the file system has them
cd "$dir" || fail "cd"
for spelling in corpus ./corpus corpus/../corpus "$dir/corpus" link/; do
    scan story.txt --corpus "$spelling"
    [ $st -eq 0 ] || fail "--corpus $spelling scans (status $st)"
    grep -q "\[1 source\]" out || fail "--corpus $spelling: the article is not its own source: $(cat out)"
done
scan ./story.txt "$dir/story.txt" corpus/story-link.txt --json
[ "$(wc -l < out)" -eq 1 ] || fail "one file given three ways is scanned once: $(cat out)"
python3 -c "
import json, sys
q = json.loads(open(sys.argv[1]).readline())
files = [s['file'] for s in q['sources']]
assert files == [], files
" out || fail "a file given three ways is not its own source"
exit 0
