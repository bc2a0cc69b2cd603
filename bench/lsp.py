#!/usr/bin/env python3
"""Keystroke to published diagnostics in `quotelens lsp`, for an article of
BENCH_LINES lines (the examples repeated, as bench/nvim.lua builds it):
edits in the middle of the article alternately add and remove a stray
closing mark, so that every edit changes the diagnostics and the server
publishes them. The time runs from writing the edit to reading the whole
publishDiagnostics message for its version (framed, not parsed: decoding
JSON is the client's cost). Prints: edits open_ms median_ms p99_ms."""
import os
import re
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


def read_message(out):
    """One framed message's body from the server's stdout, read here, not
    on the client's thread (which it must not race)."""
    length = None
    while True:
        line = out.readline()
        if not line:
            raise SystemExit('the server closed its output')
        if line in (b'\r\n', b'\n'):
            break
        if line.lower().startswith(b'content-length:'):
            length = int(line.split(b':')[1])
    return out.read(length)


def published(out, uri, version):
    """Reads until the publishDiagnostics of `version` has arrived."""
    want = re.compile(rb'"method":"textDocument/publishDiagnostics","params":\{"uri":"%s","version":(\d+)'
                      % re.escape(uri.encode()))
    while True:
        m = want.search(read_message(out)[:300])
        if m and int(m.group(1)) == version:
            return


def main():
    c = Client(os.path.join(ROOT, 'build', 'quotelens'), reader=False,
               env=dict(os.environ, QUOTELENS_LOG=os.environ.get('QUOTELENS_LOG', '/dev/null')))
    out = c.proc.stdout
    c.send(c.request_msg('initialize', {'processId': None, 'rootUri': None, 'capabilities': {}}))
    read_message(out)
    c.notify('initialized', {})
    lines = article()
    uri = 'untitled:bench'
    t = time.perf_counter()
    c.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'version': 0, 'text': '\n'.join(lines)}})
    published(out, uri, 0)
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
        published(out, uri, i)
        times.append((time.perf_counter() - s) * 1000)
    c.proc.stdin.close()
    c.proc.wait()
    times.sort()
    print(len(times), '%.3f' % open_ms, '%.3f' % times[len(times) // 2],
          '%.3f' % times[min(len(times) - 1, int(len(times) * 0.99))])


main()
