#!/bin/sh
# Help as a new user asks for it: `quotelens --help`, `-h`, `help`,
# `help scan` and `scan --help` / `-h` (anywhere before "--") print the
# usage on standard output and exit 0, with nothing on stderr; the usage
# describes every option the command line accepts (each has its own line),
# and every `quotelens ... --help` that doc/quotelens.txt points at works.
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
fail() { echo "FAILED: $*"; exit 1; }

"$QL" --help > "$dir/want" 2> "$dir/err" || fail "quotelens --help exits 0"
[ -s "$dir/err" ] && fail "quotelens --help writes to stderr: $(cat "$dir/err")"
grep -q '^usage: quotelens scan' "$dir/want" || fail "--help prints the usage"
for args in "-h" "help" "help scan" "scan --help" "scan -h" "scan --json --help" \
            "scan --check -h some.txt"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    "$QL" $args > "$dir/out" 2> "$dir/err"
    st=$?
    [ $st -eq 0 ] || fail "quotelens $args exits $st, want 0"
    [ -s "$dir/err" ] && fail "quotelens $args writes to stderr: $(cat "$dir/err")"
    cmp -s "$dir/want" "$dir/out" || fail "quotelens $args prints the usage"
done
"$QL" scan -- -h > /dev/null 2>&1
[ $? -eq 2 ] || fail "after --, -h is a file name (missing here: exit 2), not a request for help"
"$QL" help bogus > /dev/null 2> "$dir/err"
[ $? -eq 2 ] || fail "help on an unknown subcommand exits 2"
grep -q '^usage:' "$dir/err" || fail "help on an unknown subcommand prints the usage on stderr"

# Every option the parsers compare an argument with is described on a line
# of its own in the usage (the synopsis alone does not count).
python3 - "$dir/want" src/cli.c src/main.c <<'PY' || exit 1
import re, sys
usage = open(sys.argv[1], encoding='utf-8').read()
described = set()
for line in usage.splitlines():
    m = re.match(r'\s+(-[^\s,]*(?:, -[^\s,]*)*)\s', line)
    if m:
        described.update(o.strip() for o in m.group(1).split(','))
opts = set()
for src in sys.argv[2:]:
    opts.update(re.findall(r'strcmp\(\w+(?:\[\w+\])?, "(-[^"]*)"\)', open(src).read()))
need = {'--json', '--strict', '--check', '--corpus', '--', '-h', '--help', '--version'}
missing = sorted((opts | need) - described)
if missing:
    sys.exit('FAILED: options not described in the usage: %s' % ' '.join(missing))
print('described: %s' % ' '.join(sorted(described)))
PY

# What :help points at exists.
grep -o 'quotelens [a-z -]*--help' doc/quotelens.txt | sort -u > "$dir/cited"
[ -s "$dir/cited" ] || fail "doc/quotelens.txt points at no --help"
while read -r cmd; do
    # shellcheck disable=SC2086
    "$QL" ${cmd#quotelens } > "$dir/out" 2>&1 || fail "doc/quotelens.txt cites '$cmd', which fails"
    cmp -s "$dir/want" "$dir/out" || fail "'$cmd' (cited in doc/quotelens.txt) prints the usage"
done < "$dir/cited"
sed -n '/\*quotelens-process\*/,/^====/p' doc/quotelens.txt | grep -q 'quotelens scan --help' ||
    fail ":help quotelens-process points at quotelens scan --help"
echo ok
