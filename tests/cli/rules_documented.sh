#!/bin/sh
# rules_documented.sh: every attribution rule of the table in src/rules.c is
# explained under :help quotelens-rules, and every rule the scan reports on
# the quote fixtures is one of the table's (or a mention's): a rule added
# without its words in the help, or a name the table does not hold, fails.
cd "$(dirname "$0")/../.." || exit 2
: "${QL:=build/quotelens}"
command -v python3 >/dev/null || { echo "SKIP: python3 not found" >&2; exit 77; }
python3 - "$QL" <<'PY'
import glob, json, re, subprocess, sys
table = re.findall(r'^\s*\{"([a-z-]+)", RULE_', open('src/rules.c').read(), re.M)
if len(table) < 5:
    sys.exit('could not read the rule table of src/rules.c')
doc = open('doc/quotelens.txt').read()
section = doc[doc.index('*quotelens-rules*'):doc.index('*quotelens-highlights*')]
bad = [r for r in table if not re.search(r'^\s+%s\s' % re.escape(r), section, re.M)]
out = subprocess.run([sys.argv[1], 'scan', '--json'] + sorted(glob.glob('tests/fixtures/quotes/*.txt')),
                     capture_output=True, text=True).stdout
seen = {json.loads(l).get('rule') for l in out.splitlines() if l.strip()} - {None}
unknown = [r for r in seen if r not in table and not r.startswith('mention:')]
for r in bad:
    print('rule %s is not explained under :help quotelens-rules' % r)
for r in unknown:
    print('the scan reports rule %s, which the table does not hold' % r)
print('%d rules in the table, %d seen on the fixtures' % (len(table), len(seen)))
sys.exit(1 if bad or unknown or len(seen) < 8 else 0)
PY
