#!/bin/sh
# The co-process (quotelens with no arguments) started with standard input
# that is not a pipe (/dev/null, a regular file, closed) exits at once with
# status 2 and a message saying what stdin is and what to run instead; it
# aborted inside libuv's uv_run before (issue 13, item 4). With stdin a pipe
# it still answers a request. Every run is bounded by `timeout`.
set -u
QL=${QL:-build/quotelens}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAILED: $*"; exit 1; }
command -v timeout >/dev/null || { echo "no timeout" >&2; exit 77; }

# check NAME: the last run exited 2, told why, and did not crash.
check() {
    [ $st -eq 124 ] && fail "$1: the co-process hung"
    [ $st -eq 2 ] || fail "$1: exit status 2, not $st: $(head -5 "$dir/err")"
    grep -q "quotelens: standard input is $2, not a pipe" "$dir/err" || fail "$1: the message: $(cat "$dir/err")"
    grep -q "quotelens scan FILE" "$dir/err" || fail "$1: the message says what to run instead"
    grep -q -e AddressSanitizer -e 'runtime error' -e Assertion "$dir/err" && fail "$1: a crash report"
    [ -s "$dir/out" ] && fail "$1: nothing is written to stdout"
    return 0
}

timeout 10 "$QL" < /dev/null > "$dir/out" 2> "$dir/err"
st=$?
check "stdin at /dev/null" "a file or a device"

printf 'not msgpack\n' > "$dir/input"
timeout 10 "$QL" < "$dir/input" > "$dir/out" 2> "$dir/err"
st=$?
check "stdin a regular file" "a file or a device"

timeout 10 "$QL" <&- > "$dir/out" 2> "$dir/err"
st=$?
check "stdin closed" "closed or of an unknown kind"

# A pipe is what Neovim gives: a request [0, 1, "quotelens_status", []] is
# answered, and the process ends when the pipe closes.
python3 - "$QL" <<'PY' || fail "through a pipe the co-process still answers"
import subprocess, sys
req = bytes([0x94, 0x00, 0x01, 0xb0]) + b"quotelens_status" + bytes([0x90])
p = subprocess.run([sys.argv[1]], input=req, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
assert p.returncode == 0, (p.returncode, p.stderr[-500:])
assert p.stdout[:4] == bytes([0x94, 0x01, 0x01, 0xc0]), p.stdout[:40]
assert b"buffers" in p.stdout, p.stdout
PY
exit 0
