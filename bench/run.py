#!/usr/bin/env python3
"""make bench: one table of quotelens's speed, every figure the median of
several runs with its spread, every comparison a ratio from the same run.

Environment: BENCH_RUNS (default 3), BENCH_SCALES (default 1000,10000,100000),
BENCH_DIR (default /dev/shm/quotelens-bench, else build/bench),
BENCH_FULL_MB (default 20: the part of the 100 MB text the full scan reads),
BENCH_EDIT_SECONDS (default 10: time for the 1,000 edits of each article size),
BENCH_SHAPES (default all: the hostile shapes of bench/shapes.py to grow).

`bench/run.py shapes` runs the growth rows of the hostile shapes alone;
`bench/run.py lsp` the language server's rows alone.
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QL = os.path.join(ROOT, 'build', 'quotelens')
RUNS = int(os.environ.get('BENCH_RUNS', '3'))
SCALES = [int(x) for x in os.environ.get('BENCH_SCALES', '1000,10000,100000').split(',') if x]
EDIT_SECONDS = int(os.environ.get('BENCH_EDIT_SECONDS', '10'))
WORK = os.environ.get('BENCH_DIR') or ('/dev/shm/quotelens-bench' if os.path.isdir('/dev/shm')
                                       else os.path.join(ROOT, 'build', 'bench'))
BUILD = os.path.join(ROOT, 'build', 'bench')
rows = []


def say(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def med(xs):
    return statistics.median(xs), min(xs), max(xs)


def fmt(m, unit, digits=1):
    return '%.*f %s (%.*f-%.*f)' % (digits, m[0], unit, digits, m[1], digits, m[2])


def row(what, figure, note=''):
    rows.append((what, figure, note))
    say('  %-48s %s %s' % (what, figure, note))


def gen(args, out):
    if not os.path.exists(out):
        say('generating', out)
        run([sys.executable, os.path.join(ROOT, 'scripts', 'gen-corpus.py')] + args + ['--out', out])
    return out


def build_tools():
    os.makedirs(BUILD, exist_ok=True)
    libs = run(['pkg-config', '--libs', 'libuv', 'msgpack', 'libutf8proc', 'libxxhash', 'jansson']).split()
    objs = [os.path.join(ROOT, 'build', 'obj', f) for f in os.listdir(os.path.join(ROOT, 'build', 'obj'))
            if f.endswith('.o') and f != 'main.o']
    run(['cc', '-O2', '-o', os.path.join(BUILD, 'floor'), os.path.join(ROOT, 'bench', 'floor.c'), '-lxxhash'])
    for tool in ('analyse', 'lookup'):
        run(['cc', '-O2', '-I' + os.path.join(ROOT, 'src'), '-o', os.path.join(BUILD, tool),
             os.path.join(ROOT, 'bench', tool + '.c')] + objs + libs + ['-lm'])


def throughput():
    say('scan throughput')
    big = gen(['--bytes', '100000000', '--seed', '7'], os.path.join(WORK, 'corpus-100mb.txt'))
    floor = med([float(run([os.path.join(BUILD, 'floor'), big]).split()[0]) for _ in range(RUNS)])
    ana = med([float(run([os.path.join(BUILD, 'analyse'), big]).split()[0]) for _ in range(RUNS)])
    row('floor: quote marks + word 5-gram hashes', fmt(floor, 'MB/s'))
    row('quotes + speakers (one core)', fmt(ana, 'MB/s'),
        'the floor is %.1fx faster (target: 200 MB/s, within 4x)' % (floor[0] / ana[0]))
    full_mb = int(os.environ.get('BENCH_FULL_MB', '20'))
    part = os.path.join(WORK, 'first-%dmb.txt' % full_mb)
    with open(big, 'rb') as f, open(part, 'wb') as out:
        out.write(f.read(full_mb * 1_000_000).rsplit(b'\n\n\n', 1)[0])
    res = [[float(x) for x in run([os.path.join(BUILD, 'lookup'), '--all', part]).split()] for _ in range(RUNS)]
    full = med([r[6] / 1e6 / (r[1] + r[7]) for r in res])
    row('full scan with cross-references (first %d MB, %d articles)' % (full_mb, res[0][0]), fmt(full, 'MB/s'),
        'each article analysed, indexed, and all its quotes looked up')
    peer(big)


def peer(big):
    npm = shutil.which('npm')
    if not npm:
        row('peer: compromise .quotations()', 'skipped', 'npm not found')
        return
    mods = os.path.join(BUILD, 'node_modules', 'compromise')
    if not os.path.isdir(mods):
        say('installing compromise with npm')
        p = subprocess.run([npm, 'install', '--no-audit', '--no-fund', '--prefix', BUILD, 'compromise@14.14.4'],
                           capture_output=True, text=True)
        if p.returncode != 0:
            row('peer: compromise .quotations()', 'skipped', 'npm install failed')
            return
    sample = os.path.join(WORK, 'sample-500kb.txt')
    with open(big, 'rb') as f, open(sample, 'wb') as out:
        out.write(f.read(500_000).rsplit(b'\n\n\n', 1)[0])
    env = dict(os.environ, NODE_PATH=os.path.join(BUILD, 'node_modules'))
    got = med([float(run(['node', os.path.join(ROOT, 'bench', 'peer.js'), sample], env=env).split()[0])
               for _ in range(RUNS)])
    ours = med([float(run([os.path.join(BUILD, 'analyse'), sample]).split()[0]) for _ in range(RUNS)])
    row('peer: compromise .quotations() (first 500 KB)', fmt(got, 'MB/s', 3),
        'quotelens on the same 500 KB: %.1f MB/s = %.0fx the peer (target: 50x)' % (ours[0], ours[0] / got[0]))


def scale():
    say('corpus scale')
    for n in SCALES:
        d = gen(['--articles', str(n), '--seed', '11'], os.path.join(WORK, 'corpus-%d' % n))
        res = [[float(x) for x in run([os.path.join(BUILD, 'lookup'), d]).split()] for _ in range(RUNS)]
        build, rate, p50, p99, rss = (med([r[i] for r in res]) for i in range(1, 6))
        row('%d articles: read + analyse + index' % n, fmt(build, 's', 2),
            '%.0f articles/s, RSS %.0f MB (%.1f KB/article)' % (rate[0], rss[0] / 1024, rss[0] / n))
        row('%d articles: cross-reference all quotes of one article' % n, fmt(p50, 'ms', 3),
            'p99 %.3f ms over 200 articles (target: under 10 ms at 100,000)' % p99[0])


def neovim():
    say('neovim')
    if not shutil.which('nvim'):
        row('neovim', 'skipped', 'nvim not found')
        return
    for lines in (1000, 10000, 100000):
        res = []
        for _ in range(RUNS):
            out = subprocess.run(['nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '--cmd', 'set rtp^=' + ROOT,
                                  '--cmd', 'runtime plugin/quotelens.lua', '-c', 'luafile bench/nvim.lua'],
                                 cwd=ROOT, capture_output=True, text=True,
                                 env=dict(os.environ, QUOTELENS_ROOT=ROOT, BENCH_LINES=str(lines),
                                          BENCH_EDITS='1000', BENCH_EDIT_SECONDS=str(EDIT_SECONDS)))
            try:
                res.append([float(x) for x in (out.stdout + out.stderr).split()[-6:]])
            except ValueError:
                row('%d-line article' % lines, 'skipped', 'the co-process did not answer: ' +
                    (out.stdout + out.stderr).strip()[-200:].replace('\n', ' '))
                break
        else:
            edits, att, whole, p50, p99, bare = (med([r[i] for r in res]) for i in range(6))
            row('%d-line article: attach, annotations on screen' % lines, fmt(att, 'ms'),
                'target: under 300 ms at 100,000 lines' if lines == 100000 else '')
            row('%d-line article: attach, every quote and source' % lines, fmt(whole, 'ms'),
                'a long article first gets the rows its window shows' if lines == 100000 else '')
            row('%d-line article: keystroke to annotation' % lines,
                'median %.2f ms, p99 %.2f ms' % (p50[0], p99[0]),
                '%d edits%s; bare round trip %.3f ms%s' % (
                    edits[1], '' if edits[1] >= 1000 else ' (all that fit in %d s)' % EDIT_SECONDS, bare[0],
                    '; target: median 1 ms, p99 5 ms' if lines == 10000 else ''))


def lsp():
    """The language server beside the plugin: keystroke to published
    diagnostics at 10,000 lines (bench/lsp.py)."""
    say('language server')
    res = []
    for _ in range(RUNS):
        out = run([sys.executable, os.path.join(ROOT, 'bench', 'lsp.py')],
                  env=dict(os.environ, BENCH_LINES='10000', BENCH_EDITS='1000',
                           BENCH_EDIT_SECONDS=str(EDIT_SECONDS)))
        res.append([float(x) for x in out.split()[-4:]])
    edits, opened, p50, p99 = (med([r[i] for r in res]) for i in range(4))
    row('10000-line article: open in quotelens lsp, diagnostics published', fmt(opened, 'ms'))
    row('10000-line article: keystroke to published diagnostics (quotelens lsp)',
        'median %.2f ms, p99 %.2f ms' % (p50[0], p99[0]),
        '%d edits%s; target: median 2 ms, p99 10 ms' % (
            edits[1], '' if edits[1] >= 1000 else ' (all that fit in %d s)' % EDIT_SECONDS))


# Each hostile shape (issue 13) at its unit count for 1x: 16x takes seconds.
SHAPES = {'bare': 4000, 'nested': 2000, 'reopen': 2000, 'single': 4000, 'headlines': 4000,
          'unclosed': 4000, 'surname': 4000, 'wire': 1000}


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def shapes():
    """Growth rows: each shape's scan at 1x, 4x and 16x its size; linear
    time keeps the 16x figure within 1.5x of sixteen times the 1x one."""
    say('hostile shapes')
    only = [x for x in os.environ.get('BENCH_SHAPES', '').split(',') if x]
    for shape, unit in SHAPES.items():
        if only and shape not in only:
            continue
        times = []
        for k in (1, 4, 16):
            f = os.path.join(WORK, 'shape-%s-%d.txt' % (shape, unit * k))
            if not os.path.exists(f):
                run([sys.executable, os.path.join(ROOT, 'bench', 'shapes.py'), shape, str(unit * k), f])
            times.append(med([timed([QL, 'scan', '--json', f]) for _ in range(RUNS)]))
        size = os.path.getsize(f) / 1e6
        row('shape %s: scan at 1x, 4x, 16x (%d to %d units)' % (shape, unit, 16 * unit),
            ', '.join(fmt(t, 's', 2) for t in times),
            '16x costs %.2fx linear (target: 1.5x at most); 16x is %.1f MB' %
            (times[2][0] / (16 * times[0][0]), size))


def main():
    os.makedirs(WORK, exist_ok=True)
    build_tools()
    t0 = time.time()
    if sys.argv[1:] == ['shapes']:
        shapes()
    elif sys.argv[1:] == ['lsp']:
        lsp()
    else:
        throughput()
        scale()
        neovim()
        lsp()
        shapes()
    cpu = ''
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    mem = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30
    print('\nquotelens benchmark: make bench, %s, %d cores, %.0f GiB, %s, %d runs each (median, min-max), %.0f s\n'
          % (cpu, os.cpu_count(), mem, platform.platform(terse=True), RUNS, time.time() - t0))
    print('| what | figure | note |')
    print('| --- | --- | --- |')
    for what, figure, note in rows:
        print('| %s | %s | %s |' % (what, figure, note))


if __name__ == '__main__':
    main()
