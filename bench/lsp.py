#!/usr/bin/env python3
"""Keystroke to published diagnostics in `quotelens lsp`, for an article of
BENCH_LINES lines (the examples repeated, as bench/nvim.lua builds it):
edits in the middle of the article alternately add and remove a stray
closing mark, so that every edit changes the diagnostics and the server
publishes them. Prints: edits open_ms median_ms p99_ms."""
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'lsp'))
from lspclient import Client  # noqa: E402

LINES = int(os.environ.get('BENCH_LINES', '10000'))
EDITS = int(os.environ.get('BENCH_EDITS', '1000'))
SECONDS = float(os.environ.get('BENCH_EDIT_SECONDS', '10'))


def article():
    src = []
    for f in ('harbour-herald.txt', 'coastal-times.txt', 'island-post.txt'):
        with open(os.path.join(ROOT, 'examples', f), encoding='utf-8') as fh:
            src += fh.read().split('\n')
    lines = []
    while len(lines) < LINES:
        lines += src
    return lines[:LINES]


def main():
    c = Client(os.path.join(ROOT, 'build', 'quotelens'), env=dict(os.environ, QUOTELENS_LOG='/dev/null'))
    c.request('initialize', {'processId': None, 'rootUri': None, 'capabilities': {}})
    c.notify('initialized', {})
    lines = article()
    uri = 'untitled:bench'
    t = time.perf_counter()
    c.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'version': 0, 'text': '\n'.join(lines)}})
    c.diagnostics(uri, timeout=120)
    open_ms = (time.perf_counter() - t) * 1000
    row = LINES // 2
    while not lines[row].strip():
        row += 1
    end = len(lines[row].encode('utf-16-le')) // 2
    times = []
    started = time.perf_counter()
    for i in range(1, EDITS + 1):
        if time.perf_counter() - started > SECONDS:
            break
        # Odd edits append a stray closing mark to the line, even ones take it away.
        rng = {'start': {'line': row, 'character': end}, 'end': {'line': row, 'character': end + (i % 2 == 0)}}
        s = time.perf_counter()
        c.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': i},
                                            'contentChanges': [{'range': rng, 'text': '\u201d' if i % 2 else ''}]})
        p = c.diagnostics(uri, timeout=60)
        times.append((time.perf_counter() - s) * 1000)
        if p['version'] != i:
            raise SystemExit('published version %s after edit %d' % (p['version'], i))
    c.request('shutdown')
    c.notify('exit')
    times.sort()
    print(len(times), '%.3f' % open_ms, '%.3f' % times[len(times) // 2],
          '%.3f' % times[min(len(times) - 1, int(len(times) * 0.99))])


main()
