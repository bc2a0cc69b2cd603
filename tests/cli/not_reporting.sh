#!/bin/sh
# A Markdown file that is not an article is not flooded (issue 14 item 5):
# in text with no verb of speech and no speaker found, `unattributed` is a
# hint, never a warning or information, and `scan --check` passes; the same
# file with one line of reporting, and a short news story, keep it at its
# usual severity (a warning for a full quote, information for a partial).
set -u
QL=${QL:-build/quotelens}
cd "$(dirname "$0")/../.." || exit 1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
fail() { echo "FAILED: $*"; exit 1; }
readme=tests/fixtures/not-news/tidewalk-README.md

# severities FILE...: "CODE SEVERITY COUNT" lines of the unattributed diagnostics.
severities() {
    "$QL" scan --json "$@" > "$dir/out.jsonl" || fail "scan --json $* exits $?"
    python3 - "$dir/out.jsonl" <<'PY'
import collections, json, sys
n = collections.Counter()
for line in open(sys.argv[1], encoding='utf-8'):
    for d in json.loads(line)['diagnostics']:
        if d['code'] == 'unattributed':
            n[d['severity']] += 1
for sev, k in sorted(n.items()):
    print('unattributed %d %d' % (sev, k))
PY
}

severities "$readme" > "$dir/sev"
cat "$dir/sev"
grep -q '^unattributed 4 1[0-9]$' "$dir/sev" || fail "the README's quoted titles and terms are hints"
grep -q '^unattributed [123] ' "$dir/sev" && fail "a README with no reporting gets unattributed warnings or information"
"$QL" scan --check "$readme" > "$dir/out" 2>&1
[ $? -eq 0 ] || fail "scan --check passes on the README"
grep -q ': warning: \|: info: ' "$dir/out" && fail "no warning or info line in the README's text output"

# One line of reporting: the file reads as reporting again.
cp "$readme" "$dir/club.md"
printf '\n\342\200\234We row at dawn, whatever the tables say,\342\200\235 the club captain, Mira Holt, said.\n' >> "$dir/club.md"
severities "$dir/club.md" > "$dir/sev"
grep -q '^unattributed 2 ' "$dir/sev" || fail "with a quote attributed, the full quotes warn again"
grep -q '^unattributed 3 ' "$dir/sev" || fail "with a quote attributed, the partial quotes are information again"

# A short news story: its one unattributed quote is a warning.
printf 'The Fennick Bay ferry sailed late on Monday, the harbour office said.\n\n\342\200\234Nobody told us a thing.\342\200\235\n\nThe next sailing is on Thursday.\n' > "$dir/ferry.txt"
severities "$dir/ferry.txt" > "$dir/sev"
grep -qx 'unattributed 2 1' "$dir/sev" || fail "news keeps its unattributed warning: $(cat "$dir/sev")"
"$QL" scan --check "$dir/ferry.txt" > /dev/null 2>&1
[ $? -eq 3 ] || fail "scan --check fails on the news story's unattributed quote"
echo ok
