"""Helpers for the CLI cross-reference tests: the rows `quotelens scan --json`
wrote, the quote of a file that starts with given words, and checks that
report every failure before the script exits."""
import json
import sys

_failed = []


def rows(path):
    return [json.loads(line) for line in open(path)]


def quote(all_rows, file, start):
    for r in all_rows:
        if r['file'].endswith(file) and r['text'].startswith(start):
            return r
    raise AssertionError('no quote %s in %s' % (start, file))


def check(cond, what):
    if not cond:
        _failed.append(what)


def finish():
    for f in _failed:
        print('FAIL:', f)
    sys.exit(1 if _failed else 0)
