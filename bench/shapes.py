#!/usr/bin/env python3
"""Writes one hostile-shaped input for the growth rows of make bench and the
shape tests (issue 13, item 1): inputs whose shape once made a scan
quadratic. N is the shape's unit count; the file grows linearly with N.

usage: shapes.py SHAPE N OUT

Shapes:
  bare       N bare quotes in one paragraph, no cue
  nested     N quotes in one paragraph, each holding two nested quotes
  reopen     “a ”b repeated N times in one paragraph
  single     N ‘single’ quotes in one paragraph
  headlines  a bulleted list of N quoted headlines
  unclosed   N unclosed nested marks “a ‘b in one paragraph
  surname    N people sharing one surname, each quoted by it
  wire       N invented stories in one file, each naming its own people
"""
import sys

SYL = 'ba ke lo mi nu ra se ti vo za der pan sol mar ven tor lis cam bri dol'.split()
TITLES = ['Trade Minister', 'Finance Minister', 'Mayor', 'Governor', 'Senator', 'union leader',
          'chief negotiator', 'opposition leader', 'Harbour Commissioner', 'Health Secretary']


def word(i, parts=4):
    """The i-th invented word: distinct for distinct i below 20**parts."""
    out = []
    for _ in range(parts):
        out.append(SYL[i % len(SYL)])
        i //= len(SYL)
    return ''.join(out)


def name(i):
    return word(i).capitalize() + ' ' + word(i * 7 + 3).capitalize()


def one_paragraph(n, piece):
    return ' '.join(piece(i) for i in range(n)) + '\n'


def story(i):
    a, b, c = name(3 * i), name(3 * i + 1), name(3 * i + 2)
    t = TITLES[i % len(TITLES)]
    sa, sb = a.split()[1], b.split()[1]
    return '\n\n'.join([
        f'{word(i).capitalize()} talks: {sa} under pressure',
        f'By {c}, Harbour Herald',
        f'{t} {a} met {b} on Tuesday to discuss the {word(i + 5)} plan.',
        f'“We will not {word(i + 1)} the {word(i + 2)},” {sa} said.',
        f'{sb} said: “The {word(i + 3)} is not ready for a vote.”',
        f'“It is a {word(i + 4)},” the {t.lower()} told reporters. “We stand by it.”',
        f'Critics called the plan “{word(i + 6)} and rushed”, and {sb} left.',
    ]) + '\n\n'


SHAPES = {
    'bare': lambda n: one_paragraph(n, lambda i: f'“{word(i)} and {word(i + 1)}”'),
    'nested': lambda n: one_paragraph(n, lambda i: f'“{word(i)} ‘{word(i + 1)}’ and “{word(i + 2)}” here”'),
    'reopen': lambda n: one_paragraph(n, lambda i: f'“{word(i)} ”{word(i + 1)}'),
    'single': lambda n: one_paragraph(n, lambda i: f'‘{word(i)} and {word(i + 1)}’'),
    'headlines': lambda n: ''.join(f'- “{word(i).capitalize()} Talks Stall as {word(i + 1).capitalize()} '
                                   f'Nears”\n' for i in range(n)),
    'unclosed': lambda n: one_paragraph(n, lambda i: f'“{word(i)} ‘{word(i + 1)}'),
    'surname': lambda n: ''.join(f'{word(i).capitalize()} Ruiz spoke. “We {word(i + 1)} it,” Ruiz said. '
                                 for i in range(n)) + '\n',
    'wire': lambda n: ''.join(story(i) for i in range(n)),
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit(__doc__)
    with open(sys.argv[3], 'w', encoding='utf-8') as f:
        f.write(SHAPES[sys.argv[1]](int(sys.argv[2])))


if __name__ == '__main__':
    main()
