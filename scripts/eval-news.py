#!/usr/bin/env python3
"""eval-news.py: `make eval-news`, the error report on real news (issue 12).

This file owns the reading of the scorer's result on the PolNeAR training
articles (../shared/corpus/polnear-train): it prints the scorer's own line,
the scan's diagnostics by code, speaker errors by the rule that named the
speaker and by error class, and missed and extra quotes; and it writes every
miss, with one line of context, to build/eval-news-errors.txt for reading.

It does not own the metric: ../shared/eval/score.py is run as a subprocess
for the figures, and its functions (load_jsonl, match_quotes, same_speaker,
name_words) are imported from its path for the tables, so both always agree.
Nothing from the corpus is kept in the project: it is read at run time.

usage: eval-news.py [--shared DIR] [--scan FILE] [--errors FILE]
                    [--min-f1 X] [--min-speaker Y]
  --scan FILE     `quotelens scan --json` over the articles (build/news.jsonl)
  --errors FILE   where to write the misses (build/eval-news-errors.txt)
  --min-f1, --min-speaker   exit 1 when quote F1 or speaker accuracy is below
                  (the floor test, tests/cli/eval_news.sh, passes them)
Exits 77, saying so on stderr, when the corpus or the scorer is absent.
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

CORPUS = 'corpus/polnear-train'
SCORER = 'eval/score.py'


def load_scorer(path):
    """score.py as a module, without leaving a __pycache__ in ../shared."""
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location('ql_score', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- speaker error classes
# A wrong speaker is put in the first class whose predicate holds, in this order.
# Each predicate gets (ours, gold, ctx) where ctx carries the scorer module and
# the other speakers the gold names in the same article.

PRONOUNS = {'he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me',
            'his', 'hers', 'their', 'its', 'who', 'this', 'that', 'these', 'those', 'one'}
DETERMINERS = {'the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'this', 'that', 'these',
               'those', 'another', 'one', 'some', 'both', 'each', 'several', 'many', 'two', 'three'}
ROLE_WORDS = {'spokesman', 'spokeswoman', 'spokesperson', 'official', 'officials', 'aide', 'aides',
              'adviser', 'advisers', 'advisor', 'senator', 'congressman', 'congresswoman', 'governor',
              'president', 'candidate', 'campaign', 'company', 'group', 'statement', 'report',
              'source', 'sources', 'lawmaker', 'lawmakers', 'leader', 'leaders', 'mayor', 'judge',
              'secretary', 'chairman', 'director', 'agency', 'department', 'committee', 'nominee',
              'frontrunner', 'billionaire', 'businessman', 'democrat', 'republican', 'democrats',
              'republicans', 'administration', 'white', 'house', 'speaker', 'woman', 'man', 'people',
              'voters', 'critics', 'supporters', 'analysts', 'experts', 'officer', 'police', 'staff',
              'attorney', 'lawyer', 'professor', 'reporter', 'writer', 'author', 'host', 'salesman',
              'fellow', 'representative', 'executive', 'strategist', 'pollster', 'economist',
              'activist', 'chief', 'manager', 'member', 'members', 'voter', 'resident', 'residents',
              'worker', 'workers', 'student', 'students', 'owner', 'founder', 'ceo', 'chair'}
# Capitalised words that open sentences or label page furniture, not names.
NOT_NAME_WORDS = {'even', 'but', 'and', 'or', 'so', 'yet', 'when', 'while', 'if', 'as', 'after',
                  'before', 'then', 'now', 'still', 'also', 'here', 'there', 'continued', 'watch',
                  'read', 'related', 'photo', 'photos', 'image', 'video', 'update', 'updated',
                  'advertisement', 'click', 'share', 'follow', 'story', 'below', 'above', 'more',
                  'editor', 'note', 'getty', 'images', 'ap', 'reuters', 'credit', 'source',
                  'instead', 'meanwhile', 'however', 'indeed', 'later', 'asked', 'calling', 'says',
                  'said', 'told', 'according', 'in', 'on', 'at', 'by', 'with', 'from', 'for', 'to',
                  'of', 'the', 'a', 'an', 'this', 'that', 'it', 'we', 'they', 'senators', 'reps'}


def words(s):
    return re.findall(r"[\w'’.-]+", s or '')


def is_none(ours, gold, ctx):
    return not (ours or '').strip()


def is_anaphor(ours, gold, ctx):
    w = [x.lower().strip('.') for x in words(ours)]
    if not w:
        return False
    if len(w) == 1 and w[0] in PRONOUNS:
        return True
    # "the spokesman", "a senior official", "the campaign": a determiner and a role;
    # "former secretary of state", "senior fellow at …": a lowercase description of a role
    if w[0] in DETERMINERS and any(x in ROLE_WORDS for x in w[1:]) and \
            not any(x[:1].isupper() for x in words(ours)[1:]):
        return True
    return words(ours)[0][:1].islower() and any(x in ROLE_WORDS for x in w)


def is_partial_name(ours, gold, ctx):
    nw = ctx['score'].name_words
    return bool(set(nw(ours)) & set(nw(gold)))


def is_other_person(ours, gold, ctx):
    same = ctx['score'].same_speaker
    return any(same(ours, other) for other in ctx['article_speakers'] if not same(other, gold))


def is_not_a_name(ours, gold, ctx):
    w = words(ours)
    if not w:
        return True
    if not w[0][:1].isupper():  # "the reporter", "critics of the plan"
        return True
    if w[0].lower().strip('.') in NOT_NAME_WORDS:  # "Even Ana", "Continued", "Watch"
        return True
    return not any(x[:1].isupper() and x.lower() not in NOT_NAME_WORDS for x in w[1:]) and len(w) > 1 \
        and sum(x[:1].isupper() for x in w) * 2 < len(w)


CLASSES = [  # (name, predicate, what it means)
    ('none', is_none, 'we named nobody'),
    ('anaphor', is_anaphor, 'ours is a pronoun or a role word ("he", "the spokesman")'),
    ('partial-name', is_partial_name, 'ours and gold share a word, but the scorer says different'),
    ('other-person-in-article', is_other_person, 'ours is another speaker the gold names in this article'),
    ('not-a-name', is_not_a_name, 'ours is a lowercased or function-word phrase, or page furniture'),
    ('wrong', lambda o, g, c: True, 'anything else'),
]


def classify(ours, gold, ctx):
    for name, pred, _ in CLASSES:
        if pred(ours, gold, ctx):
            return name
    return 'wrong'


# ---------------------------------------------------------------- context lines

class Article:
    """One article's bytes, with byte offsets turned into a line of context."""

    def __init__(self, path):
        self.raw = open(path, 'rb').read() if os.path.exists(path) else b''

    def _s(self, a, b):
        a, b = max(0, a), min(len(self.raw), b)
        return self.raw[a:b].decode('utf-8', 'replace') if b > a else ''

    def context(self, start, end, before=60, inner=100, after=100):
        """…before ‹quote, cut to ~inner chars› after…, on one line."""
        pre = self._s(start - 4 * before, start)[-before:]
        body = self._s(start, end)
        if len(body) > inner:
            body = body[:inner // 2 - 5] + ' [...] ' + body[-(inner // 2):]
        post = self._s(end, end + 4 * after)[:after]
        line = '%s‹%s›%s' % (pre, body, post)
        return line.replace('\r', '').replace('\n', '⏎')


# ---------------------------------------------------------------- main

def split_scan(path):
    """The scan's lines: quotes (as score.py reads them) and diagnostics by file.
    A diagnostic is either nested in a quote's "diagnostics" or a line of its own
    whose "type" is not "quote"."""
    quotes, diags = [], defaultdict(list)
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            fn = os.path.basename(o.get('file', ''))
            if o.get('type', 'quote') != 'quote':
                diags[fn].append(o)
                continue
            quotes.append(o)
            diags[fn].extend(o.get('diagnostics') or [])
    return quotes, diags


def table(rows, header):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = '  '.join('%%-%ds' % w if i == 0 else '%%%ds' % w for i, w in enumerate(widths))
    out = [fmt % tuple(header)]
    out += [fmt % tuple(r) for r in rows]
    return '\n'.join('  ' + l for l in out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default=os.environ.get('SHARED', '../shared'))
    ap.add_argument('--scan', default='build/news.jsonl')
    ap.add_argument('--errors', default='build/eval-news-errors.txt')
    ap.add_argument('--min-f1', type=float)
    ap.add_argument('--min-speaker', type=float)
    args = ap.parse_args()

    corpus = os.path.join(args.shared, CORPUS)
    gold_path, scorer_path = os.path.join(corpus, 'gold.jsonl'), os.path.join(args.shared, SCORER)
    articles = os.path.join(corpus, 'articles')
    if not (os.path.isfile(gold_path) and os.path.isfile(scorer_path) and os.path.isdir(articles)):
        print('SKIP: %s not found: real-news accuracy is NOT measured' % corpus, file=sys.stderr)
        return 77
    score = load_scorer(scorer_path)

    quotes, diags = split_scan(args.scan)
    os.makedirs(os.path.dirname(os.path.abspath(args.errors)), exist_ok=True)
    quotes_path = os.path.splitext(args.errors)[0] + '.quotes.jsonl'
    with open(quotes_path, 'w', encoding='utf-8') as f:
        for q in quotes:
            f.write(json.dumps(q, ensure_ascii=False) + '\n')

    # The figures: the scorer's own, run as it is run everywhere else.
    run = subprocess.run([sys.executable, '-B', scorer_path, gold_path, quotes_path, '--root', articles],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        print('eval-news: score.py failed', file=sys.stderr)
        return 1
    print('score.py: ' + run.stdout.strip().splitlines()[-1])
    js = subprocess.run([sys.executable, '-B', scorer_path, gold_path, quotes_path, '--root', articles, '--json'],
                        capture_output=True, text=True)
    figures = json.loads(js.stdout)

    gold = {os.path.basename(d['file']): d for d in score.load_jsonl(gold_path)}
    system = defaultdict(list)
    for q in quotes:
        if q.get('kind') != 'mention':  # as score.py: a mention is out of every metric
            system[os.path.basename(q['file'])].append(q)

    # Diagnostics: by code, over every article scanned.
    n_articles = len(gold)
    by_code, arts_with, by_sev = Counter(), Counter(), Counter()
    for fn, ds in diags.items():
        for code in {d.get('code', '?') for d in ds}:
            arts_with[code] += 1
        for d in ds:
            by_code[d.get('code', '?')] += 1
            by_sev[(d.get('code', '?'), d.get('severity'))] += 1
    total = sum(by_code.values())
    print('diagnostics: %d over %d articles, %.2f per article' % (total, n_articles, total / max(n_articles, 1)))
    rows = [(c, n, '%.2f' % (n / n_articles), arts_with[c],
             ' '.join('%s:%d' % ({1: 'E', 2: 'W', 3: 'I', 4: 'H'}.get(s, s), k)
                      for (cc, s), k in sorted(by_sev.items(), key=lambda x: str(x[0][1])) if cc == c))
            for c, n in by_code.most_common()]
    if rows:
        print(table(rows, ('code', 'total', '/article', 'articles', 'by severity')))

    # Matching, as the scorer does it, for the tables.
    wrong, missed, extra, null_gold = [], [], [], []
    spk_scored = Counter()
    for fn, d in sorted(gold.items()):
        gq, sq = d['quotes'], system.get(fn, [])
        pairs = score.match_quotes(gq, sq)
        ours_of = {gi: sq[si] for gi, si in pairs}
        hit_s = {si for _, si in pairs}
        art = None
        speakers = {g['speaker'] for g in gq if g.get('speaker')}

        def article():
            nonlocal art
            if art is None:
                art = Article(os.path.join(articles, fn))
            return art
        for gi, g in enumerate(gq):
            s = ours_of.get(gi)
            if s is None:
                missed.append((fn, g, article().context(g['start'], g['end'])))
                continue
            rule = s.get('rule') or '-'
            if not g.get('speaker'):
                null_gold.append((fn, g, s, article().context(g['start'], g['end'])))
                continue
            spk_scored[rule] += 1
            if score.same_speaker(s.get('speaker'), g['speaker']):
                continue
            cls = classify(s.get('speaker'), g['speaker'], {'score': score, 'article_speakers': speakers})
            wrong.append((fn, g, s, rule, cls, article().context(g['start'], g['end'])))
        for si, s in enumerate(sq):
            if si not in hit_s:
                extra.append((fn, s, article().context(s['start'], s['end'])))

    # By outlet (the file name's prefix): where the errors are.
    out_n, out_ok, out_g, out_s, out_m = Counter(), Counter(), Counter(), Counter(), Counter()
    for fn, d in gold.items():
        o = fn.split('_')[0]
        out_g[o] += len(d['quotes']); out_s[o] += len(system.get(fn, []))
    for fn, g, s, rule, cls, ctx in wrong:
        out_ok[fn.split('_')[0]] -= 1
    for fn, d in gold.items():
        o = fn.split('_')[0]
        pairs = score.match_quotes(d['quotes'], system.get(fn, []))
        out_m[o] += len(pairs)
        out_n[o] += sum(1 for gi, _ in pairs if d['quotes'][gi].get('speaker'))
    rows = [(o, out_g[o], out_s[o], '%.3f' % (out_m[o] / max(out_s[o], 1)), '%.3f' % (out_m[o] / max(out_g[o], 1)),
             '%.3f' % ((out_n[o] + out_ok[o]) / max(out_n[o], 1))) for o in sorted(out_g)]
    print('\nby outlet:')
    print(table(rows, ('outlet', 'gold', 'ours', 'P', 'R', 'speaker')))

    # Speaker errors by rule and by class.
    print('\nspeaker errors: %d of %d scored (matched gold quotes with a named speaker)'
          % (len(wrong), figures['speaker']['scored']))
    cls_names = [c[0] for c in CLASSES]
    by_rc = Counter((w[3], w[4]) for w in wrong)
    rules = sorted({w[3] for w in wrong} | set(spk_scored), key=lambda r: -sum(by_rc[(r, c)] for c in cls_names))
    short = {'none': 'none', 'anaphor': 'anaph', 'partial-name': 'partial', 'other-person-in-article': 'other',
             'not-a-name': 'notname', 'wrong': 'wrong'}
    rows = [[r, spk_scored[r], sum(by_rc[(r, c)] for c in cls_names)] + [by_rc[(r, c)] for c in cls_names]
            for r in rules]
    rows.append(['all', sum(spk_scored.values()), len(wrong)] + [sum(by_rc[(r, c)] for r in rules) for c in cls_names])
    print(table(rows, ['rule', 'scored', 'errors'] + [short[c] for c in cls_names]))
    print('  classes: ' + '; '.join('%s = %s' % (short[n], what) for n, _, what in CLASSES))

    # Quote-level: misses and false positives.
    fp_kind = Counter(s.get('kind', '?') for _, s, _ in extra)
    fp_short = Counter(s.get('kind', '?') for _, s, _ in extra if len(s.get('text', '').split()) <= 3)
    print('\nquotes: %d gold, %d ours, %d matched' % (figures['quotes']['gold'], figures['quotes']['system'],
                                                     figures['quotes']['matched']))
    print('  missed: %d (%d of them with a named gold speaker)' % (len(missed), sum(1 for _, g, _ in missed if g.get('speaker'))))
    print('  false positives: %d  (%s); 1-3 words long (likely mentions or scare quotes): %d (%s)' % (
        len(extra), ', '.join('%s %d' % kv for kv in sorted(fp_kind.items())), sum(fp_short.values()),
        ', '.join('%s %d' % kv for kv in sorted(fp_short.items()))))
    print('  gold quotes with no named speaker (pronoun or description), listed for reading: %d' % len(null_gold))

    # Every miss, for reading.
    with open(args.errors, 'w', encoding='utf-8') as f:
        f.write('# eval-news: every miss on %s (written by scripts/eval-news.py; do not commit)\n' % corpus)
        f.write('# context: 60 chars before, ‹the quote, cut to ~100 chars›, 100 chars after; ⏎ = newline\n')
        f.write('# %s\n' % run.stdout.strip().splitlines()[-1])
        f.write('\n## WRONG SPEAKERS (%d), by class then file\n' % len(wrong))
        f.write('# file  gold-id  class  rule  gold=…  ours=…\n')
        order = {c: i for i, c in enumerate(cls_names)}
        for fn, g, s, rule, cls, ctx in sorted(wrong, key=lambda w: (order[w[4]], w[0], w[1]['start'])):
            f.write('%s %s  %s  rule=%s  gold=%r  ours=%r  cue=%r\n    %s\n' % (
                fn, g.get('id'), cls, rule, g['speaker'], s.get('speaker'), s.get('cue'), ctx))
        f.write('\n## MISSED QUOTES (%d)\n' % len(missed))
        for fn, g, ctx in missed:
            f.write('%s %s  gold=%r  mention=%r  cue=%r\n    %s\n' % (
                fn, g.get('id'), g.get('speaker'), g.get('source_mention'), g.get('cue'), ctx))
        f.write('\n## FALSE POSITIVES (%d): our quotes matching no gold quote\n' % len(extra))
        for fn, s, ctx in sorted(extra, key=lambda e: (len(e[1].get('text', '').split()) > 3, e[0], e[1]['start'])):
            f.write('%s @%d  %s  %d words  rule=%s  ours=%r\n    %s\n' % (
                fn, s['start'], s.get('kind'), len(s.get('text', '').split()), s.get('rule') or '-',
                s.get('speaker'), ctx))
        f.write('\n## GOLD QUOTES WITH NO NAMED SPEAKER (%d): not scored; ours beside the gold mention\n' % len(null_gold))
        for fn, g, s, ctx in null_gold:
            f.write('%s %s  mention=%r  cue=%r  ours=%r  rule=%s\n    %s\n' % (
                fn, g.get('id'), g.get('source_mention'), g.get('cue'), s.get('speaker'), s.get('rule') or '-', ctx))
    print('\nevery miss, with context: %s' % args.errors)

    f1, acc = figures['quotes']['f1'], figures['speaker']['accuracy']
    ok = True
    if args.min_f1 is not None and f1 < args.min_f1:
        print('FAIL: quote F1 %.4f < %.3f' % (f1, args.min_f1))
        ok = False
    if args.min_speaker is not None and acc < args.min_speaker:
        print('FAIL: speaker accuracy %.4f < %.3f' % (acc, args.min_speaker))
        ok = False
    if args.min_f1 is not None or args.min_speaker is not None:
        print('floor: quote F1 %.4f (>= %s)  speaker accuracy %.4f (>= %s)' % (f1, args.min_f1, acc, args.min_speaker))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
