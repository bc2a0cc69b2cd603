/*
 * mention.c: tells mentions from speech among the quotations attribution
 * has read. Owns the table of mention rules and the word lists they use:
 *
 *   mention:title        the title of a work or a show: a Title Case phrase
 *                        after "the film", "the show", "the bill", ... or
 *                        anything after "titled" / "entitled";
 *   mention:nickname     a name or a term held up for view: after "so-called",
 *                        "dubbed", "known as", "the term", "the word", ...,
 *                        a Title Case name after "called", or between a first
 *                        and a last name (Dwayne "The Rock" Johnson);
 *   mention:scare-quote  a term in marks: a partial quote of one to three
 *                        capitalised words ("the “Harbour First” campaign")
 *                        given no speaker at all, in a sentence with no word
 *                        of speech. (Lowercase scare quotes are left as
 *                        speech: in news copy they are as often the words
 *                        of someone the sentence reports.)
 *
 * The first rule that accepts a quote names it. A quote whose speaker came
 * from a cue ("called for “every nation” to ...", "The so-called “quiet
 * vote” will decide it, Dunn predicted") is speech, unless the words right
 * before it name a work: a title stays a title whoever mentions it.
 *
 * The pass is linear in the text however many quotes share one sentence: a
 * memo carries the sentence from quote to quote (see sentence_memo), and the
 * diagnostics mentions drop are dropped in one pass at the end.
 */
#include "mention.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "text.h"

/* Words a scare quote may have at most. */
#define MENTION_SCARE_WORDS 3
/* Words a Title Case title or name may have at most. */
#define MENTION_TITLE_WORDS 8

/* Nouns for works and shows that name a title in marks after them. */
static const char *const work_nouns[] = {
    "film", "movie", "documentary", "show", "series", "programme", "program", "episode",
    "book", "novel", "memoir", "song", "album", "single", "play", "musical", "opera", "poem",
    "bill", "act", "column", "op-ed", "essay", "podcast", "broadcast", "magazine", "newspaper",
    "ad", "advert", "advertisement", "commercial", "video", "classic", "hit", "segment",
    "headline", NULL,
};

/* People and things of a work that follow its title: "“Harbour Lights” star". */
static const char *const work_people[] = {
    "star", "stars", "actor", "actress", "host", "creator", "producer", "director", "fans",
    "reboot", "sequel", "remake", "cast", "author", "singer", NULL,
};

/* Words after which any quoted words are a title, in whatever case. */
static const char *const title_words[] = {"titled", "entitled", NULL};

/* One word that gives the quoted words as a name: a cue's speaker may be
 * using them ("the so-called “quiet vote”, Dunn predicted"). */
static const char *const naming_words[] = {
    "so-called", "dubbed", "nicknamed", "aka", "alias", NULL,
};

/* Nouns that hold the quoted words up as words, whoever speaks of them
 * ("Asker said the word “trivia” undersold it"). */
static const char *const term_nouns[] = {
    "moniker", "nickname", "slogan", "hashtag", "motto", "term", "word", "phrase", "label",
    "catchphrase", "mantra", "buzzword", "acronym", "expression", "euphemism", NULL,
};

/* Two words that do the same: "known as". */
static const char *const naming_pairs[][2] = {
    {"known", "as"}, {"referred", "to"}, {"go", "by"}, {"goes", "by"}, {NULL, NULL},
};

/* Abbreviations whose dot does not end a sentence. */
static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "jr",
    "sr", "u.s", "u.k", "no", "vs", "inc", "corp", "co", NULL,
};

typedef struct span {
    size_t s, e;
} span;

/* What the rules read: the quote, its text and its sentence, and the two
 * words right before the opening mark (empty when punctuation intervenes). */
typedef struct mention_ctx {
    const char *text;
    size_t len;
    const quote *q;
    span sentence;
    span prev1, prev2;
    size_t words;       /* words inside the marks */
    bool title_case;    /* every word of four letters or more is capitalised */
    bool headline;      /* the sentence has no lowercase word of four letters or more */
    struct sentence_memo *memo;
} mention_ctx;

typedef bool (*mention_test)(const mention_ctx *c);

static bool word_char(int32_t c)
{
    return text_is_letter(c) || text_is_digit(c) || c == '-' || c == '.';
}

static bool is_word(const mention_ctx *c, span w, const char *const *list)
{
    size_t n = w.e - w.s;
    while (n > 0 && c->text[w.s + n - 1] == '.')
        n--;
    for (size_t i = 0; n && list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(c->text + w.s, list[i], n) == 0)
            return true;
    return false;
}

/* The word that ends right before `at` across spaces only; empty when
 * something else (a comma, a bracket) stands there. */
static span word_before(const char *text, size_t floor, size_t at)
{
    size_t i = at, n;
    while (i > floor) {
        int32_t c = text_decode_before(text, i, &n);
        if (!text_is_space(c))
            break;
        i = n;
    }
    size_t e = i;
    while (i > floor) {
        int32_t c = text_decode_before(text, i, &n);
        if (!word_char(c))
            break;
        i = n;
    }
    return (span){i, e};
}

/* Counts the words in [s, e) and whether they read as a title. */
static void read_words(mention_ctx *c, size_t s, size_t e)
{
    c->words = 0;
    c->title_case = true;
    for (size_t i = s, n; i < e;) {
        int32_t ch = text_decode(c->text, e, i, &n);
        if (!text_is_letter(ch) && !text_is_digit(ch)) {
            i += n;
            continue;
        }
        size_t letters = 0;
        bool upper = text_is_upper(ch) || text_is_digit(ch);
        for (; i < e && (word_char(ch = text_decode(c->text, e, i, &n)) || ch == '\'' ||
                         ch == 0x2019); i += n)
            letters++;
        if (!upper && (letters > 3 || c->words == 0))
            c->title_case = false;
        c->words++;
    }
    if (c->words == 0 || c->words > MENTION_TITLE_WORDS)
        c->title_case = false;
}

/* Whether the dot at i ends a sentence: not after "Mr" or an initial. */
static bool sentence_dot(const char *text, size_t floor, size_t i)
{
    span w = word_before(text, floor, i);
    if (w.e != i)
        return true;
    if (w.e - w.s == 1 && text_is_upper((unsigned char)text[w.s]))
        return false; /* an initial: "John F. Kennedy" */
    mention_ctx c = {.text = text};
    return !is_word(&c, w, abbreviations);
}

/*
 * What the pass remembers from one quote to the next, so that many quotes in
 * one long sentence cost the sentence once, not once per quote. Quotes come
 * in the order of the text: a sentence's start is looked for back to where
 * the previous look began, its end forward from where the previous look
 * ended; what the sentence says (a headline? a word of speech?) is read once
 * per sentence as the first and last place where it says so, so that "outside
 * the quote [open, close)" is "before open or at close and after".
 */
typedef struct sentence_memo {
    bool have_start, have_end;
    size_t from, start;     /* the last look back began at from and found start */
    size_t to, stop, end;   /* the last look on began at to, stopped at stop, gave end */
    span sentence;          /* the sentence the fields below describe */
    bool read_head, read_speech;
    size_t head_first, head_last;     /* a long lowercase word starts; SIZE_MAX: none */
    size_t speech_first, speech_last; /* a word of speech starts; SIZE_MAX: none */
} sentence_memo;

/* Whether a sentence starts at s, looking back from a quote at from: after a
 * blank line, or after a full stop, a question or an exclamation mark
 * followed by a space. */
static bool starts_sentence(const char *text, size_t from, size_t s)
{
    char b = text[s - 1];
    if (b == '\n' && s >= 2 && text[s - 2] == '\n')
        return true;
    return (b == '.' || b == '!' || b == '?') && s < from && text_is_space((unsigned char)text[s]) &&
           (b != '.' || sentence_dot(text, 0, s - 1));
}

/* The start of the sentence around from: the last start at or before it. */
static size_t sentence_start(const char *text, size_t from, sentence_memo *m)
{
    size_t floor = m->have_start && m->from <= from ? m->from : 0, s = from;
    while (s > floor && !starts_sentence(text, from, s))
        s--;
    if (s == floor && floor > 0 && !starts_sentence(text, from, floor))
        s = m->start; /* below floor the look is the one done before */
    m->have_start = true;
    m->from = from;
    m->start = s;
    return s;
}

/* The end of the sentence from `to` on: before a blank line, or past a full
 * stop, a question or an exclamation mark followed by a space or the end. */
static size_t sentence_end(const char *text, size_t len, size_t to, sentence_memo *m)
{
    if (m->have_end && m->to <= to && to <= m->stop)
        return m->end; /* nothing in [to, stop) ended the sentence before */
    size_t e = to, end = len;
    for (; e < len; e++) {
        char b = text[e];
        if (b == '\n' && e + 1 < len && text[e + 1] == '\n') {
            end = e;
            break;
        }
        if ((b == '.' || b == '!' || b == '?') && (e + 1 == len || text_is_space((unsigned char)text[e + 1])) &&
            (b != '.' || sentence_dot(text, 0, e))) {
            end = e + 1;
            break;
        }
    }
    m->have_end = true;
    m->to = to;
    m->stop = e;
    m->end = end;
    return end;
}

/* The sentence around [from, to): back to a full stop, a question or an
 * exclamation mark followed by a space, or a blank line; on as far. */
static span sentence_of(const char *text, size_t len, size_t from, size_t to, sentence_memo *m)
{
    span s = {sentence_start(text, from, m), sentence_end(text, len, to, m)};
    if (s.s != m->sentence.s || s.e != m->sentence.e) {
        m->sentence = s;
        m->read_head = m->read_speech = false;
    }
    return s;
}

/* Notes p as a place where the sentence says something. */
static void note(size_t *first, size_t *last, size_t p)
{
    if (*first == SIZE_MAX)
        *first = p;
    *last = p;
}

/* Whether a place noted in [first, last] lies outside the quote [open, close). */
static bool outside(size_t first, size_t last, const quote *q)
{
    return first != SIZE_MAX && (first < q->open || last >= q->close);
}

/* Whether the sentence, outside the quote's marks, has a word of speech: a
 * verb or noun of speech, or "according". The marks hold no letter, so the
 * words outside them are the same whether the quote is read or skipped. */
static bool speech_in_sentence(const mention_ctx *c)
{
    sentence_memo *m = c->memo;
    if (!m->read_speech) {
        m->read_speech = true;
        m->speech_first = m->speech_last = SIZE_MAX;
        for (size_t i = c->sentence.s; i < c->sentence.e;) {
            size_t n;
            int32_t ch = text_decode(c->text, c->sentence.e, i, &n);
            if (!text_is_letter(ch)) {
                i += n;
                continue;
            }
            size_t w = i;
            while (i < c->sentence.e && text_is_letter(text_decode(c->text, c->sentence.e, i, &n)))
                i += n;
            unsigned lex = lexicon_classes(c->text + w, i - w);
            if ((lex & (LEX_CUE | LEX_CUE_ING | LEX_NOUN_CUE)) ||
                (i - w == 9 && strncasecmp(c->text + w, "according", 9) == 0))
                note(&m->speech_first, &m->speech_last, w);
        }
    }
    return outside(m->speech_first, m->speech_last, c->q);
}

/* Whether the sentence outside the quote is set as a headline: no word of
 * four letters or more starts lowercase. */
static bool headline(const char *text, sentence_memo *m, const quote *q)
{
    span sentence = m->sentence;
    if (!m->read_head) {
        m->read_head = true;
        m->head_first = m->head_last = SIZE_MAX;
        for (size_t i = sentence.s; i < sentence.e; i++) {
            bool start = i == sentence.s || !word_char((unsigned char)text[i - 1]);
            if (!start || text[i] < 'a' || text[i] > 'z')
                continue;
            size_t e = i;
            while (e < sentence.e && text[e] >= 'a' && text[e] <= 'z')
                e++;
            if (e - i >= 4)
                note(&m->head_first, &m->head_last, i);
        }
    }
    return !outside(m->head_first, m->head_last, q);
}

/* ---- The rules ---------------------------------------------------------- */

/* The first word after the closing mark, across spaces. */
static span word_after(const mention_ctx *c)
{
    size_t i = c->q->close, n;
    while (i < c->len && c->text[i] == ' ')
        i++;
    size_t s = i;
    while (i < c->len && word_char(text_decode(c->text, c->len, i, &n)))
        i += n;
    return (span){s, i};
}

/* The work noun before the mark, across a comma: "the film, “Harbour Lights,”". */
static bool after_work_noun(const mention_ctx *c)
{
    if (is_word(c, c->prev1, work_nouns))
        return true;
    size_t b = c->q->open;
    while (b > c->sentence.s && c->text[b - 1] == ' ')
        b--;
    if (c->prev1.e != c->prev1.s || b <= c->sentence.s || c->text[b - 1] != ',')
        return false;
    return is_word(c, word_before(c->text, c->sentence.s, b - 1), work_nouns);
}

static bool title_rule(const mention_ctx *c)
{
    if (is_word(c, c->prev1, title_words))
        return c->words <= 2 * MENTION_TITLE_WORDS;
    return c->title_case && (after_work_noun(c) || is_word(c, word_after(c), work_people));
}

/* Dwayne “The Rock” Johnson: a capitalised word on either side, across
 * one space each. */
static bool between_names(const mention_ctx *c)
{
    const char *t = c->text;
    size_t after = c->q->close;
    if (!c->title_case || c->words > 3 || c->prev1.e == c->prev1.s || c->prev1.e + 1 != c->q->open ||
        after + 1 >= c->len || t[after] != ' ')
        return false;
    size_t n, ps;
    if (c->headline || !text_is_letter(text_decode_before(t, c->q->end, &ps)))
        return false; /* "Is A ‘Natural Born Citizen,’ Board Finds" */
    return text_is_upper(text_decode(t, c->len, c->prev1.s, &n)) &&
           text_is_upper(text_decode(t, c->len, after + 1, &n));
}

static bool nickname_rule(const mention_ctx *c)
{
    if (is_word(c, c->prev1, term_nouns))
        return c->words <= MENTION_TITLE_WORDS;
    if (c->q->cue) /* The so-called “quiet vote” will decide it, Dunn predicted. */
        return false;
    if (is_word(c, c->prev1, naming_words))
        return c->words <= MENTION_TITLE_WORDS;
    for (size_t i = 0; naming_pairs[i][0]; i++)
        if (is_word(c, c->prev2, &naming_pairs[i][0]) && is_word(c, c->prev1, &naming_pairs[i][1]))
            return c->words <= MENTION_TITLE_WORDS;
    return between_names(c);
}

static bool scare_quote_rule(const mention_ctx *c)
{
    return c->q->kind == QUOTE_PARTIAL && !c->q->cue && !c->q->speaker && c->title_case &&
           c->words <= MENTION_SCARE_WORDS && !speech_in_sentence(c);
}

/* The rules in the order they are tried; the first that accepts names the mention. */
static const struct mention_rule {
    const char *name;
    mention_test test;
} mention_rules[] = {
    {"mention:title", title_rule},
    {"mention:nickname", nickname_rule},
    {"mention:scare-quote", scare_quote_rule},
};

/* ---- The pass ----------------------------------------------------------- */

static const char *classify(const char *text, size_t len, const quote *q, sentence_memo *m)
{
    mention_ctx c = {.text = text, .len = len, .q = q, .memo = m};
    c.sentence = sentence_of(text, len, q->open, q->close, m);
    c.prev1 = word_before(text, c.sentence.s, q->open);
    c.prev2 = c.prev1.e > c.prev1.s ? word_before(text, c.sentence.s, c.prev1.s) : c.prev1;
    if (c.prev2.e == c.prev2.s)
        c.prev2 = (span){0, 0};
    read_words(&c, q->start, q->end);
    c.headline = headline(text, m, q);
    for (size_t i = 0; i < sizeof mention_rules / sizeof *mention_rules; i++)
        if (mention_rules[i].test(&c))
            return mention_rules[i].name;
    return NULL;
}

static int by_span(const void *x, const void *y)
{
    const span *a = x, *b = y;
    return a->s != b->s ? (a->s < b->s ? -1 : 1) : (a->e > b->e) - (a->e < b->e);
}

/* Drops the "unattributed" diagnostics of the quotes [s, e) in `mentions`
 * (n of them), in one pass over the diagnostics. */
static void drop_unattributed(analysis *a, span *mentions, size_t n)
{
    if (n == 0)
        return;
    qsort(mentions, n, sizeof *mentions, by_span);
    size_t k = 0;
    for (size_t i = 0; i < a->n_diags; i++) {
        diag *d = &a->diags[i];
        span key = {d->start, d->end};
        if (strcmp(d->code, "unattributed") == 0 && bsearch(&key, mentions, n, sizeof *mentions, by_span))
            free(d->message);
        else
            a->diags[k++] = *d;
    }
    a->n_diags = k;
}

int mention_classify(const char *text, size_t len, analysis *a)
{
    sentence_memo memo = {0};
    span *mentions = NULL;
    size_t n = 0;
    for (size_t i = 0; i < a->n_quotes; i++) {
        quote *q = &a->quotes[i];
        const char *rule = classify(text, len, q, &memo);
        if (!rule)
            continue;
        if (!mentions && !(mentions = malloc(a->n_quotes * sizeof *mentions)))
            return -ENOMEM;
        q->kind = QUOTE_MENTION;
        q->rule = rule;
        free(q->speaker);
        free(q->cue);
        q->speaker = q->cue = NULL;
        q->mention_start = q->mention_end = 0;
        q->confidence = 0;
        mentions[n++] = (span){q->open, q->close};
    }
    drop_unattributed(a, mentions, n);
    free(mentions);
    return 0;
}
