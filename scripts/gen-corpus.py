#!/usr/bin/env python3
"""Writes a corpus of invented news articles for benchmarks.

usage: gen-corpus.py --articles N --out DIR [--join K] [--seed S]
       gen-corpus.py --bytes N --out FILE [--seed S]

--join K writes K articles to each file (a day's wire in one file), for
folders of a given size with fewer files.

Each story is covered by several invented outlets. They share quotes with
the variations real outlets make: trimmed, cut with an ellipsis, a word
changed, British or American spelling, straight or curly marks, a quote
split in two or continued over paragraphs, partial quotes, pronouns and
anonymous sources. Content words are invented from syllables.
"""
import argparse
import os
import random

FIRST = ['Ana', 'Tomas', 'Lena', 'Ivo', 'Marco', 'Clara', 'Sara', 'Paolo', 'Jon', 'Maria', 'Eli', 'Nora',
         'Bo', 'Dev', 'Ruth', 'Paul', 'Alan', 'Lydia', 'Nate', 'Rosa', 'Omar', 'Yuki', 'Femi', 'Ines']
LAST = ['Ruiz', 'Berg', 'Okafor', 'Marek', 'Vidal', 'Voss', 'Lind', 'Neri', 'Abel', 'Costa', 'Stone',
        'Hale', 'Park', 'Anand', 'Calder', 'Grant', 'Bird', 'Fenn', 'Ibanez', 'Sato', 'Adeyemi', 'Moreau']
TITLE = ['Trade Minister', 'Finance Minister', 'Mayor', 'Governor', 'Senator', 'union leader',
         'chief negotiator', 'opposition leader', 'Harbour Commissioner', 'Health Secretary']
OUTLET = ['Harbour Herald', 'Coastal Times', 'Valdoria Wire', 'The Ledger', 'Island Post', 'Morning Star',
          'Evening Courier', 'Daily Compass', 'Northern Echo', 'Civic Record', 'Metro Sentinel']
TOPIC = ['port', 'budget', 'ferry', 'bridge', 'housing', 'water', 'school', 'hospital', 'rail', 'tax']
CUE = ['said', 'told reporters', 'added', 'insisted', 'warned', 'noted', 'said on Tuesday', 'wrote']
FUNCTION = 'the a of to and we will not is are that this it for on with our their has been but'.split()
SYLLABLES = 'ba ke lo mi nu ra se ti vo za der pan sol mar ven tor lis cam bri dol'.split()


def vocabulary(rng, n=20000):
    """Invented content words, so that only the stories' shared quotes share runs."""
    words = set()
    while len(words) < n:
        words.add(''.join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


NARRATION = ('The talks resumed on Monday after a week of delays. Officials met behind closed doors. '
             'Markets took the news calmly. The council is due to vote next month. Residents gathered '
             'outside the building. The agreement would run for five years. Critics say the plan is '
             'rushed. Supporters say it is overdue.').split('. ')


def utterance(rng, vocab):
    n = rng.randint(8, 30)
    w = [rng.choice(FUNCTION) if rng.random() < 0.4 else vocab[min(len(vocab) - 1, int(rng.expovariate(1 / 4000)))]
         for _ in range(n)]
    return ' '.join(w).capitalize()


def vary(rng, text):
    w = text.split()
    r = rng.random()
    if r < 0.2 and len(w) > 10:
        w = w[:rng.randint(6, len(w) - 2)]
    elif r < 0.35 and len(w) > 10:
        cut = rng.randint(3, len(w) - 4)
        w = w[:cut] + ['…'] + w[cut + 2:]
    elif r < 0.5:
        i = rng.randrange(len(w))
        w[i] = 'very' if w[i] != 'very' else 'really'
    elif r < 0.6:
        w = [x + 'our' if i == 1 else x for i, x in enumerate(w)]
    return ' '.join(w)


def marks(rng):
    return ('“', '”') if rng.random() < 0.6 else ('"', '"')


def article(rng, vocab, outlet, people, quotes, topic):
    o, c = marks(rng)
    out = [f'{topic.capitalize()} talks: {people[0][1]} under pressure', '', f'By {rng.choice(FIRST)} '
           f'{rng.choice(LAST)}, {outlet}', '']
    (full0, title0) = people[0]
    out.append(f'{title0} {full0} spoke about the {topic} on Tuesday. {rng.choice(NARRATION).rstrip(".")}.')
    out.append('')
    for i, q in enumerate(quotes):
        full, title = people[i % len(people)]
        last = full.split()[1]
        text = vary(rng, q)
        style = rng.random()
        if style < 0.3:
            out.append(f'{o}{text},{c} {last} {rng.choice(CUE)}.')
        elif style < 0.5:
            out.append(f'{last} said: {o}{text}.{c}')
        elif style < 0.65:
            half = text.split()
            k = len(half) // 2
            out.append(f'{o}{" ".join(half[:k])},{c} {rng.choice(["he", "she"])} said. '
                       f'{o}{" ".join(half[k:])}.{c}')
        elif style < 0.75:
            out.append(f'{o}{text}.')
            out.append('')
            out.append(f'{o}{utterance(rng, vocab)}.{c}')
        elif style < 0.85:
            words = text.split()
            out.append(f'{last} called the plan {o}{" ".join(words[:3])}{c} and left.')
        else:
            out.append(f'{o}{text},{c} a spokesman for the {topic} authority said.')
        out.append('')
        out.append(rng.choice(NARRATION).rstrip('.') + '.')
        out.append('')
    return '\n'.join(out) + '\n'


def stories(rng):
    vocab = vocabulary(rng)
    while True:
        topic = rng.choice(TOPIC)
        people = [(f'{rng.choice(FIRST)} {rng.choice(LAST)}', rng.choice(TITLE)) for _ in range(3)]
        quotes = [utterance(rng, vocab) for _ in range(rng.randint(3, 8))]
        for outlet in rng.sample(OUTLET, rng.randint(2, 5)):
            yield outlet, article(rng, vocab, outlet, people,
                                  rng.sample(quotes, rng.randint(2, len(quotes))), topic)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--articles', type=int)
    ap.add_argument('--bytes', type=int)
    ap.add_argument('--out', required=True)
    ap.add_argument('--join', type=int, default=1)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    gen = stories(rng)
    if a.bytes:
        with open(a.out, 'w', encoding='utf-8') as f:
            n = 0
            while n < a.bytes:
                _, text = next(gen)
                f.write(text + '\n')
                n += len(text.encode('utf-8')) + 1
        return
    os.makedirs(a.out, exist_ok=True)
    n = a.articles or 100
    for f in range((n + a.join - 1) // a.join):
        texts = [next(gen) for _ in range(min(a.join, n - f * a.join))]
        sub = os.path.join(a.out, f'{f // 1000:03d}')
        os.makedirs(sub, exist_ok=True)
        name = f'{f:06d}-{texts[0][0].lower().replace(" ", "-")}.txt'
        with open(os.path.join(sub, name), 'w', encoding='utf-8') as out:
            out.write('\n'.join(text for _, text in texts))

if __name__ == '__main__':
    main()
