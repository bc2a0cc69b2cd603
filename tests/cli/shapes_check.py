#!/usr/bin/env python3
"""Checks the scan of one hostile shape of bench/shapes.py at N units
(tests/cli/shapes.sh): how many quotes of each kind, which diagnostics, and
who speaks, as an editor would read each shape.

usage: shapes_check.py SHAPE N SCAN.jsonl
"""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'bench'))
import shapes  # noqa: E402

shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
quotes = [json.loads(line) for line in open(path, encoding='utf-8')]
kinds = dict(collections.Counter(q['kind'] for q in quotes))
diags = dict(collections.Counter(d['code'] for q in quotes for d in q['diagnostics']))
speakers = collections.Counter(q['speaker'] for q in quotes)

# Each paragraph shape: its quotes (the first opens the paragraph, so it is
# full; the rest are woven into it) and its diagnostics.
EXPECT = {
    'bare': ({'full': 1, 'partial': n - 1}, {'unattributed': n}),
    # “a ‘b’ and “c” here”: the inner double mark ends the quote early and
    # its own closing mark is stray.
    'nested': ({'full': 1, 'partial': 2 * n - 1}, {'unbalanced-mark': n, 'stray-mark': n, 'unattributed': 2 * n}),
    # “a ”b: a closing mark before a letter opens again; each is unbalanced.
    'reopen': ({'full': 1, 'partial': 2 * n - 1}, {'unbalanced-mark': 2 * n, 'unattributed': 2 * n}),
    'single': ({'full': 1, 'partial': n - 1}, {'unattributed': n}),
    'headlines': ({'full': n}, {'unattributed': n}),
    'unclosed': ({'full': 1, 'partial': n - 1}, {'unbalanced-mark': n, 'unattributed': n}),
    # Everyone is a Ruiz: "Ruiz said" names no one of them in particular.
    'surname': ({'full': n}, {}),
    'wire': ({'full': 4 * n, 'partial': n}, {}),
}
want_kinds, want_diags = EXPECT[shape]
bad = []
if kinds != want_kinds:
    bad.append('kinds %s, expected %s' % (kinds, want_kinds))
if diags != want_diags:
    bad.append('diagnostics %s, expected %s' % (diags, want_diags))
if shape == 'surname' and speakers != {'Ruiz': n}:
    bad.append('speakers %s, expected Ruiz for all' % dict(speakers.most_common(3)))
if shape == 'wire':
    # Every story's two named speakers, by surname, are its own people.
    for i in range(n):
        a, b = shapes.name(3 * i), shapes.name(3 * i + 1)
        got = [quotes[5 * i]['speaker'], quotes[5 * i + 1]['speaker']]
        if got != [a, b]:
            bad.append('story %d: speakers %s, expected %s' % (i, got, [a, b]))
            break
if bad:
    print('FAILED: %s: %s' % (shape, '; '.join(bad)))
    sys.exit(1)
