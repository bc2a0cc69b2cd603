#!/bin/sh
# `scan --json` streams (issue 13 item 4): each quote's line is written as
# it is made, so JSON output takes no more memory than text output of the
# same scan, instead of a whole document's JSON tree (2.6x the text scan's
# peak on 3 MB of generated news before, 30x the input on real wire files).
# Peak RSS of both runs is compared; ASan's quarantine, which keeps freed
# memory, is turned off so the sanitizer build measures the same thing.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
python3 scripts/gen-corpus.py --bytes 3000000 --seed 7 --out "$dir/wire.txt" || exit 1
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0 python3 - "$QL" "$dir/wire.txt" <<'PY'
import os, sys
ql, wire = sys.argv[1], sys.argv[2]

def peak_kb(args):
    """Runs the scan with stdout to /dev/null; its peak RSS in KiB and its status."""
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execv(ql, [ql] + args)
    _, status, usage = os.wait4(pid, 0)
    return usage.ru_maxrss, os.waitstatus_to_exitcode(status)

text, st_text = peak_kb(['scan', wire])
json, st_json = peak_kb(['scan', '--json', wire])
print('peak RSS: text %d KiB, --json %d KiB (%.2fx)' % (text, json, json / text))
if st_text != 0 or st_json != 0:
    sys.exit('FAILED: scan exited %d (text), %d (json)' % (st_text, st_json))
if json > text * 1.25 + 4096:
    sys.exit('FAILED: --json takes %.2fx the memory of the text output: it is not streamed' % (json / text))
PY
