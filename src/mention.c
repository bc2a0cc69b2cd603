/*
 * mention.c: tells mentions from speech among the quotations attribution
 * has read. Owns the table of mention rules and the word lists they use:
 *
 *   mention:title        the title of a work or a show: a Title Case phrase
 *                        after "the film", "the show", "the bill", ..., or
 *                        that the sentence goes on to speak of as a thing
 *                        ("“The Long Tide” is a drama", "“Billions,” which"),
 *                        or anything after "titled" / "entitled";
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
 * before it name a work: a title stays a title whoever mentions it. Nothing
 * here allocates.
 */
#include "mention.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "text.h"

/* Words a scare quote may have at most. */
#define MENTION_SCARE_WORDS 3
/* Words a Title Case title or name may have at most. */
#define MENTION_TITLE_WORDS 8
/* The longest quote any rule takes ("titled" takes a long title). */
#define MENTION_MAX_WORDS (2 * MENTION_TITLE_WORDS)
/* How far the sentence around a quote is read each way, in bytes: what the
 * rules ask of it lies near the quote, and a bound keeps the pass linear. */
#define MENTION_REACH 400

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

/* Verbs that make a title in marks the subject of its sentence: "“The
 * Long Tide” is a drama", "“Harbour Lights” returns in May". */
static const char *const title_verbs[] = {
    "is", "was", "has", "have", "had", "will", "follows", "returns", "stars", "airs",
    "debuted", "premiered", "became", NULL,
};

/* Words after a title and a comma that go on to say what the work is:
 * "“Billions,” which…", "“Billions,” on Showtime". */
static const char *const title_relatives[] = {"which", "whose", NULL};

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
    span sentence;      /* read only for a quote in title case: empty otherwise */
    size_t floor;       /* how far back the words before the mark are read */
    span prev1, prev2;
    size_t words;       /* words inside the marks */
    bool title_case;    /* every word of four letters or more is capitalised */
    bool headline;      /* the sentence has no lowercase word of four letters or more */
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
    /* The first letter first: most words match no entry (lists are lowercase). */
    char first = n ? (char)(c->text[w.s] | 0x20) : 0;
    for (size_t i = 0; n && list[i]; i++)
        if (list[i][0] == first && strlen(list[i]) == n && strncasecmp(c->text + w.s, list[i], n) == 0)
            return true;
    return false;
}

/* The word that ends right before `at` across spaces only; empty when
 * something else (a comma, a bracket) stands there. */
static span word_before(const char *text, size_t floor, size_t at)
{
    size_t i = at, n, lines = 0;
    while (i > floor) {
        int32_t c = text_decode_before(text, i, &n);
        if (!text_is_space(c))
            break;
        lines += c == '\n';
        i = n;
    }
    if (lines >= 2)
        return (span){at, at}; /* a blank line: another paragraph */
    size_t e = i;
    while (i > floor) {
        unsigned char b = (unsigned char)text[i - 1];
        if (b < 0x80) {
            if (!(b >= 'a' && b <= 'z') && !(b >= 'A' && b <= 'Z') && !(b >= '0' && b <= '9') && b != '-' &&
                b != '.')
                break;
            i--;
            continue;
        }
        int32_t c = text_decode_before(text, i, &n);
        if (!word_char(c))
            break;
        i = n;
    }
    return (span){i, e};
}

/* Counts the words in [s, e) and whether they read as a title. */
static void read_words(mention_ctx *c, size_t s, size_t e, bool title_only)
{
    c->words = 0;
    c->title_case = true;
    /* Past what any rule takes, longer is all one: speech, read no further;
     * and when only title case could make a mention, no further than a
     * word that breaks it. */
    for (size_t i = s, n; i < e && c->words <= MENTION_MAX_WORDS && (c->title_case || !title_only);) {
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

/* The sentence around [from, to): back to a full stop, a question or an
 * exclamation mark followed by a space, or a blank line; on as far. */
static span sentence_of(const char *text, size_t len, size_t from, size_t to)
{
    size_t s = from;
    for (; s > 0 && from - s < MENTION_REACH; s--) {
        char b = text[s - 1];
        if (b == '\n' && s >= 2 && text[s - 2] == '\n')
            break;
        if ((b == '.' || b == '!' || b == '?') && s < from && text_is_space((unsigned char)text[s]) &&
            (b != '.' || sentence_dot(text, 0, s - 1)))
            break;
    }
    size_t e = to;
    for (; e < len && e - to < MENTION_REACH; e++) {
        char b = text[e];
        if (b == '\n' && e + 1 < len && text[e + 1] == '\n')
            break;
        if ((b == '.' || b == '!' || b == '?') && (e + 1 == len || text_is_space((unsigned char)text[e + 1])) &&
            (b != '.' || sentence_dot(text, 0, e))) {
            e++;
            break;
        }
    }
    return (span){s, e};
}

/* Whether the sentence, outside the quote's marks, has a word of speech: a
 * verb or noun of speech, or "according". */
static bool speech_in_sentence(const mention_ctx *c)
{
    for (size_t i = c->sentence.s; i < c->sentence.e;) {
        if (i >= c->q->open && i < c->q->close) {
            i = c->q->close;
            continue;
        }
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
            return true;
    }
    return false;
}

/* Whether the sentence outside the quote is set as a headline: no word of
 * four letters or more starts lowercase. */
static bool headline(const char *text, span sentence, const quote *q)
{
    for (size_t i = sentence.s; i < sentence.e; i++) {
        if (i == q->open)
            i = q->close;
        if (i >= sentence.e)
            break;
        bool start = i == sentence.s || !word_char((unsigned char)text[i - 1]);
        if (!start || text[i] < 'a' || text[i] > 'z')
            continue;
        size_t e = i;
        while (e < sentence.e && text[e] >= 'a' && text[e] <= 'z')
            e++;
        if (e - i >= 4)
            return false;
    }
    return true;
}

/* ---- The rules ---------------------------------------------------------- */

/* The next word from byte i across spaces. */
static span word_at(const mention_ctx *c, size_t i)
{
    size_t n;
    while (i < c->len && c->text[i] == ' ')
        i++;
    size_t s = i;
    while (i < c->len && word_char(text_decode(c->text, c->len, i, &n)))
        i += n;
    return (span){s, i};
}

/* The first word after the closing mark, across spaces. */
static span word_after(const mention_ctx *c)
{
    return word_at(c, c->q->close);
}

/* The work noun before the mark, across a comma: "the film, “Harbour Lights,”". */
static bool after_work_noun(const mention_ctx *c)
{
    if (is_word(c, c->prev1, work_nouns))
        return true;
    size_t b = c->q->open;
    while (b > c->floor && c->text[b - 1] == ' ')
        b--;
    if (c->prev1.e != c->prev1.s || b <= c->floor || c->text[b - 1] != ',')
        return false;
    return is_word(c, word_before(c->text, c->floor, b - 1), work_nouns);
}

/* A title the sentence goes on to speak of as a thing: "“The Long Tide” is
 * an AMC drama", "“Billions,” on Showtime, is…", "“Billions,” which…";
 * not speech, which ends with its own full stop. */
static bool title_as_subject(const mention_ctx *c)
{
    const char *t = c->text;
    char last = c->q->end > c->q->start ? t[c->q->end - 1] : 0;
    if (last == '.' || last == '!' || last == '?')
        return false;
    size_t i = c->q->close;
    while (i < c->len && t[i] == ' ')
        i++;
    bool comma = last == ',' || (i < c->len && t[i] == ',');
    span w = word_at(c, i + (i < c->len && t[i] == ','));
    if (!comma)
        return is_word(c, w, title_verbs);
    size_t n;
    return is_word(c, w, title_relatives) ||
           (w.e - w.s == 2 && !strncmp(t + w.s, "on", 2) && w.e + 1 < c->len &&
            text_is_upper(text_decode(t, c->len, word_at(c, w.e).s, &n)));
}

static bool title_rule(const mention_ctx *c)
{
    if (is_word(c, c->prev1, title_words))
        return c->words <= 2 * MENTION_TITLE_WORDS;
    return c->title_case &&
           (after_work_noun(c) || is_word(c, word_after(c), work_people) || title_as_subject(c));
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

/* Whether a word before the mark holds the quote up as a title or a
 * term, whatever its case: the rules that ask for no title case. */
static bool held_up(const mention_ctx *c)
{
    if (c->prev1.e == c->prev1.s)
        return false;
    if (is_word(c, c->prev1, title_words) || is_word(c, c->prev1, term_nouns) ||
        is_word(c, c->prev1, naming_words))
        return true;
    for (size_t i = 0; naming_pairs[i][0]; i++)
        if (is_word(c, c->prev2, &naming_pairs[i][0]) && is_word(c, c->prev1, &naming_pairs[i][1]))
            return true;
    return false;
}

static const char *classify(const char *text, size_t len, const quote *q)
{
    mention_ctx c = {.text = text, .len = len, .q = q};
    c.floor = q->open > MENTION_REACH ? q->open - MENTION_REACH : 0;
    c.prev1 = word_before(text, c.floor, q->open);
    /* "to act. “We act now,”": a word ending the sentence before is none of
     * this quote's. */
    if (c.prev1.e > c.prev1.s && strchr(".!?", text[c.prev1.e - 1]) && sentence_dot(text, c.floor, c.prev1.e - 1))
        c.prev1 = (span){q->open, q->open};
    c.prev2 = c.prev1.e > c.prev1.s ? word_before(text, c.floor, c.prev1.s) : c.prev1;
    if (c.prev2.e == c.prev2.s)
        c.prev2 = (span){0, 0};
    /* Past a word that holds the quote up ("titled", "the word", "known
     * as") any case will do; elsewhere only title case makes a mention. */
    bool held = held_up(&c);
    read_words(&c, q->start, q->end, !held);
    if (c.words > MENTION_MAX_WORDS || (!c.title_case && !held))
        return NULL; /* most quotes: speech */
    /* Only the rules for a quote in title case read its sentence. */
    if (c.title_case) {
        c.sentence = sentence_of(text, len, q->open, q->close);
        c.headline = c.words <= 3 && headline(text, c.sentence, q);
    }
    for (size_t i = 0; i < sizeof mention_rules / sizeof *mention_rules; i++)
        if (mention_rules[i].test(&c))
            return mention_rules[i].name;
    return NULL;
}

/* Whether a quote of a opens at `open` and is a mention (the quotes are
 * in text order). */
static bool mention_at(const analysis *a, size_t open)
{
    size_t lo = 0, hi = a->n_quotes;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->quotes[mid].open < open)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n_quotes && a->quotes[lo].open == open && a->quotes[lo].kind == QUOTE_MENTION;
}

/* Drops the "unattributed" diagnostics of the mentions, in one pass. */
static void drop_unattributed(analysis *a)
{
    size_t k = 0;
    for (size_t i = 0; i < a->n_diags; i++) {
        diag *d = &a->diags[i];
        if (strcmp(d->code, "unattributed") == 0 && mention_at(a, d->start))
            free(d->message);
        else
            a->diags[k++] = *d;
    }
    a->n_diags = k;
}

int mention_classify(const char *text, size_t len, analysis *a)
{
    bool any = false;
    for (size_t i = 0; i < a->n_quotes; i++) {
        quote *q = &a->quotes[i];
        const char *rule = classify(text, len, q);
        if (!rule)
            continue;
        q->kind = QUOTE_MENTION;
        q->rule = rule;
        free(q->speaker);
        free(q->cue);
        q->speaker = q->cue = NULL;
        q->mention_start = q->mention_end = 0;
        q->confidence = 0;
        any = true;
    }
    if (any)
        drop_unattributed(a);
    return 0;
}
