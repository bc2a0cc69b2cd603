#!/usr/bin/env python3
"""make bench: one table of quotelens's speed, every figure the median of
several runs with its spread, every comparison a ratio from the same run.

Environment: BENCH_RUNS (default 3), BENCH_SCALES (default 1000,10000,100000),
BENCH_DIR (default /dev/shm/quotelens-bench, else build/bench).
"""
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QL = os.path.join(ROOT, 'build', 'quotelens')
RUNS = int(os.environ.get('BENCH_RUNS', '3'))
SCALES = [int(x) for x in os.environ.get('BENCH_SCALES', '1000,10000,100000').split(',') if x]
WORK = os.environ.get('BENCH_DIR') or ('/dev/shm/quotelens-bench' if os.path.isdir('/dev/shm')
                                       else os.path.join(ROOT, 'build', 'bench'))
BUILD = os.path.join(ROOT, 'build', 'bench')
rows = []


def say(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def timed(cmd):
    """Wall time and peak RSS (KB) of one run of cmd."""
    t0 = time.perf_counter()
    p = subprocess.run(['/usr/bin/time', '-f', '%M'] + cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit('failed: %s\n%s' % (' '.join(cmd[:4]), p.stderr[-2000:]))
    return dt, int(p.stderr.strip().splitlines()[-1])


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
    run(['cc', '-O2', '-I' + os.path.join(ROOT, 'src'), '-o', os.path.join(BUILD, 'analyse'),
         os.path.join(ROOT, 'bench', 'analyse.c')] + objs + libs + ['-lm'])


def throughput():
    say('scan throughput')
    big = gen(['--bytes', '100000000', '--seed', '7'], os.path.join(WORK, 'corpus-100mb.txt'))
    floor = med([float(run([os.path.join(BUILD, 'floor'), big]).split()[0]) for _ in range(RUNS)])
    ana = med([float(run([os.path.join(BUILD, 'analyse'), big]).split()[0]) for _ in range(RUNS)])
    row('floor: quote marks + word 5-gram hashes', fmt(floor, 'MB/s'))
    row('quotes + speakers (one core)', fmt(ana, 'MB/s'), '= %.2fx the floor' % (floor[0] / ana[0]))
    parts = os.path.join(WORK, 'parts')
    if not os.path.isdir(parts):
        os.makedirs(parts)
        with open(big, encoding='utf-8') as f:
            text = f.read()
        chunk = len(text) // 10
        for i in range(10):
            with open(os.path.join(parts, 'part%02d.txt' % i), 'w', encoding='utf-8') as out:
                out.write(text[i * chunk:(i + 1) * chunk if i < 9 else len(text)])
    files = sorted(os.path.join(parts, f) for f in os.listdir(parts))
    size = sum(os.path.getsize(f) for f in files) / 1e6
    full = med([size / timed([QL, 'scan'] + files)[0] for _ in range(RUNS)])
    row('full scan with cross-references (10 files)', fmt(full, 'MB/s'))
    peer(big, ana)


def peer(big, ana):
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
    sample = os.path.join(WORK, 'sample-2mb.txt')
    with open(big, 'rb') as f, open(sample, 'wb') as out:
        out.write(f.read(2_000_000).rsplit(b'\n\n\n', 1)[0])
    env = dict(os.environ, NODE_PATH=os.path.join(BUILD, 'node_modules'))
    got = med([float(run(['node', os.path.join(ROOT, 'bench', 'peer.js'), sample], env=env).split()[0])
               for _ in range(RUNS)])
    row('peer: compromise .quotations() (2 MB sample)', fmt(got, 'MB/s', 2),
        'quotelens = %.0fx the peer' % (ana[0] / got[0]))


def scale():
    say('corpus scale')
    for n in SCALES:
        d = gen(['--articles', str(n), '--seed', '11'], os.path.join(WORK, 'corpus-%d' % n))
        files = sorted(os.path.join(d, '000', f) for f in os.listdir(os.path.join(d, '000')))[:101]
        one = [timed([QL, 'scan', files[0], '--corpus', d]) for _ in range(RUNS)]
        many = [timed([QL, 'scan'] + files + ['--corpus', d]) for _ in range(RUNS)]
        idx = med([t for t, _ in one])
        per = med([max(0.0, (m[0] - o[0]) / (len(files) - 1) * 1000) for m, o in zip(many, one)])
        rss = statistics.median(r for _, r in one)
        row('%d articles: read + analyse + index' % n, fmt(idx, 's', 2),
            '%.0f articles/s, RSS %.0f MB (%.1f KB/article)' % (n / idx[0], rss / 1024, rss / n))
        row('%d articles: cross-reference one article' % n, fmt(per, 'ms', 2))


def neovim():
    say('neovim')
    if not shutil.which('nvim'):
        row('neovim', 'skipped', 'nvim not found')
        return
    for lines, edits in ((1000, 1000), (10000, 200), (100000, 20)):
        res = []
        for _ in range(RUNS):
            out = subprocess.run(['nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '--cmd', 'set rtp^=' + ROOT,
                                  '--cmd', 'runtime plugin/quotelens.lua', '-c', 'luafile bench/nvim.lua'],
                                 cwd=ROOT, capture_output=True, text=True,
                                 env=dict(os.environ, QUOTELENS_ROOT=ROOT, BENCH_LINES=str(lines),
                                          BENCH_EDITS=str(edits)))
            vals = [float(x) for x in (out.stdout + out.stderr).split()[-4:]]
            res.append(vals)
        att, p50, p99, bare = (med([r[i] for r in res]) for i in range(4))
        row('%d-line article: attach' % lines, fmt(att, 'ms'))
        row('%d-line article: keystroke to annotation' % lines,
            'median %.2f ms, p99 %.2f ms' % (p50[0], p99[0]), '(%d edits; bare round trip %.3f ms)' % (edits, bare[0]))


def main():
    os.makedirs(WORK, exist_ok=True)
    build_tools()
    t0 = time.time()
    throughput()
    scale()
    neovim()
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
