/*
 * phrase.c: noun phrases and names in the token stream (phrase.h).
 *
 * Every look here is bounded (PHRASE_MAX words for a phrase,
 * PHRASE_INSERTION_MAX tokens for an insertion), so reading the phrases
 * around every quote and cue keeps the pass linear.
 */
#include "phrase.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "given.h"

/* How far an insertion between a speaker and the verb may run, in tokens. */
#define PHRASE_INSERTION_MAX 32

bool phrase_skippable(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    if (k->type == TK_WORD && ((k->lex & LEX_TIME) ||
                               ((k->lex & LEX_LINK) && i + 1 < at->n && (at->t[i + 1].lex & LEX_TIME))))
        return true; /* "Ruiz on Tuesday said" */
    if (k->type != TK_WORD || (k->flags & TF_CAP))
        return false;
    size_t n = k->e - k->s;
    return (k->lex & LEX_AUX) || (n > 3 && at->text[k->e - 1] == 'y' && at->text[k->e - 2] == 'l');
}

/* A given name that is also a function word, inside a sentence and before
 * a capitalised word no lexicon knows: "said Will Doyle", not "Will Trump
 * win?", "Will Not Surrender" nor "back in May Ruiz said". */
static bool given_before_surname(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    return i > k->sent && !(at->t[i - 1].lex & LEX_LINK) && i + 1 < at->n &&
           at->t[i + 1].type == TK_WORD &&
           (at->t[i + 1].flags & TF_CAP) && !at->t[i + 1].lex &&
           given_sex(at->text + k->s, k->e - k->s) != 0;
}

/* Whether token i can be part of a speaker's noun phrase. */
bool phrase_word(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    /* "James Comey Jr. said", "Comey Jr., the director, said": the dot of
     * a name's suffix ends no phrase. */
    if (k->type == TK_PUNCT)
        return i > 0 && tok_punct(at, i, ".") && (at->t[i - 1].flags & TF_CAP) &&
               (tok_is(at, i - 1, "Jr") || tok_is(at, i - 1, "Sr"));
    if (k->type != TK_WORD)
        return false;
    /* but not "But", "While", "After", "Even" opening a sentence */
    if (k->flags & TF_CAP)
        return !(k->lex & (LEX_BOUND | LEX_AUX | LEX_FRONT | LEX_CUE | LEX_CUE_ING | LEX_OPENER)) ||
               given_before_surname(at, i);
    if (k->lex & (LEX_CUE | LEX_CUE_ING | LEX_AUX))
        return false;
    if (k->lex & LEX_BOUND)
        return (k->lex & LEX_LINK) != 0; /* "of", "for", "in" join; "that" does not */
    return true;
}

/* The noun phrase ending just before token `end` (exclusive), read
 * backwards over at most PHRASE_MAX words; returns its first token or
 * `end` when there is none. A phrase must open with a capital, a
 * determiner or a pronoun. */
size_t phrase_before(const tokens *at, size_t end, size_t floor)
{
    size_t b = end;
    while (b > floor && end - b < PHRASE_MAX && phrase_word(at, b - 1)) {
        b--;
        if (at->t[b].lex & LEX_PRON)
            break;
    }
    /* Link words cannot open a phrase: "of Pompeo" is not a speaker. */
    while (b < end && !(at->t[b].flags & TF_CAP) && (at->t[b].lex & LEX_LINK))
        b++;
    /* A lowercase opening must be a determiner, "the" or a pronoun. */
    while (b < end && !(at->t[b].flags & TF_CAP) &&
           !(at->t[b].lex & (LEX_DET | LEX_THE | LEX_PRON)))
        b++;
    return b;
}

/* Whether the lowercase words [from, name) are a description of the
 * person named in full at `name`: "said supporter Gary Holt", "said
 * longtime resident Ana Lee". Any noun may describe; adverbs and times
 * may not ("said yesterday"). */
static bool described_name(const tokens *at, size_t from, size_t name, size_t limit)
{
    for (size_t k = from; k < name; k++) {
        if (at->t[k].lex & (LEX_AUX | LEX_TIME | LEX_CUE_ING))
            return false;
        /* "master of ceremonies Asab Tabchi", not "said in Oslo Ana Lee" */
        if ((at->t[k].lex & LEX_LINK) && (k == from || k + 1 >= name))
            return false;
    }
    return name + 1 < limit && at->t[name + 1].type == TK_WORD && (at->t[name + 1].flags & TF_CAP);
}

/* The noun phrase starting at token `from` (a name or description after an
 * inverted cue: said Raab, said a spokesman for the ministry). */
size_t phrase_after(const tokens *at, size_t from, size_t limit)
{
    size_t e = from;
    if (e < limit && (at->t[e].lex & LEX_PRON))
        return e + 1;
    /* A headline's bare noun: "‘We’re not backing down’, says union". */
    if (e < limit && at->t[e].type == TK_WORD && !(at->t[e].flags & TF_CAP) &&
        (at->t[e].lex & LEX_ROLE) && (e + 1 == limit || at->t[e + 1].type != TK_WORD))
        return e + 1;
    /* "said opposition leader Marco Vidal": lowercase titles (or an age)
     * before a name, after one capitalised adjective at most ("said
     * Olympic champion Ava Brooks"). */
    size_t d = from + (from + 1 < limit && (at->t[from].flags & TF_CAP) &&
                       (!at->t[from].lex || (at->t[from].lex & LEX_LABEL)) &&
                       at->t[from + 1].type == TK_WORD && !(at->t[from + 1].flags & TF_CAP));
    size_t t = d; /* "said undecided Republican voter Stella Hoover" */
    while (t < limit && t - d < 4 && at->t[t].type == TK_WORD &&
           (!(at->t[t].flags & TF_CAP) || ((at->t[t].lex & LEX_LABEL) && t > d)) &&
           !(at->t[t].lex & (LEX_DET | LEX_THE | LEX_PRON | LEX_BOUND | LEX_CUE)))
        t++;
    if (t > d && t < limit && (at->t[t].flags & TF_CAP) &&
        ((d == from && ((at->t[t - 1].lex & (LEX_TITLE | LEX_ROLE)) || tok_age(at, from))) ||
         described_name(at, d, t, limit)))
        e = t;
    if (e >= limit || !((at->t[e].flags & TF_CAP) || (at->t[e].lex & (LEX_DET | LEX_THE))))
        return from;
    bool head = false;
    for (; e < limit && e - from < PHRASE_MAX && phrase_word(at, e); e++) {
        const tok *k = &at->t[e];
        bool lower = !(k->flags & TF_CAP);
        size_t n = k->e - k->s;
        if (lower && n > 3 && !strncmp(at->text + k->e - 2, "ed", 2) && !(k->lex & LEX_ROLE))
            break; /* "a memo obtained by": a verb, not a noun */
        /* After a name only a named place or body joins it ("Tom Hale of
         * Ohio", "Nwosu of the Kintampo Institute"), not "Sara Kim in a
         * note to clients". */
        if (lower && (k->lex & LEX_LINK) && e > from && (at->t[e - 1].flags & TF_CAP) &&
            !(e + 1 < limit && (at->t[e + 1].flags & TF_CAP)) &&
            !(e + 2 < limit && (at->t[e + 1].lex & LEX_THE) && (at->t[e + 2].flags & TF_CAP)))
            break;
        /* Past the head noun only a prepositional phrase may follow:
         * "a spokesman for the Port Authority", not "... declined to". */
        if (head && lower && !(k->lex & (LEX_LINK | LEX_THE | LEX_DET | LEX_ROLE | LEX_BODY |
                                         LEX_TITLE | LEX_PLURAL)) &&
            !(at->t[e - 1].lex & (LEX_THE | LEX_DET | LEX_LINK)) && !(at->t[e - 1].flags & TF_POSS))
            break; /* but "Ruiz's neighbour" */
        head |= (k->lex & (LEX_ROLE | LEX_TITLE)) != 0 || !lower;
    }
    /* Do not end on a link word ("a spokesman for"). */
    while (e > from && !(at->t[e - 1].flags & TF_CAP) && (at->t[e - 1].lex & LEX_LINK))
        e--;
    return e;
}

/* Past the party labels and plural titles opening the name [b, to):
 * "Democrat Ana Ruiz" is Ana Ruiz, "Senators Bo Chan" Bo Chan; but a body
 * keeps its label ("Republican National Committee"). */
static size_t past_labels(const tokens *at, size_t b, size_t to)
{
    size_t n = b;
    /* the last label of the run: "Ranking Democrat Dianne Feinstein" */
    for (size_t k = b; k + 1 < to; k++)
        if (at->t[k].lex & LEX_LABEL)
            n = k + 1;
    for (size_t k = n; k < to; k++)
        if (at->t[k].lex & (LEX_BODY | LEX_PLACE))
            return b;
    return n;
}

/* Whether token k is a function word or a verb of speech capitalised
 * inside a run of capitals [from, to), with capitals either side: only
 * Title Case capitalises it, and a headline or deck is no name ("Christie
 * Is Over Marco Rubio", "Vidal Says Marco Rubio" name Marco Rubio; "Ruiz
 * Flattered Berg For His Tone" names nobody). The last
 * word of a run is a name whatever it means ("George Will"). */
static bool title_case_function(const tokens *at, size_t k, size_t from, size_t to)
{
    return k > from && k + 1 < to && (at->t[k].flags & TF_CAP) &&
           (at->t[k].lex & (LEX_STOP | LEX_THE | LEX_BOUND | LEX_CUE | LEX_CUE_ING)) &&
           !(at->t[k].lex & LEX_PARTICLE) &&
           at->t[k - 1].type == TK_WORD && (at->t[k - 1].flags & TF_CAP) &&
           at->t[k + 1].type == TK_WORD && (at->t[k + 1].flags & TF_CAP);
}

/* Where the name begins in a capitalised phrase [from, to): after the last
 * title word, so "US secretary of state Mike Pompeo" gives "Mike Pompeo". */
size_t phrase_name_start(const tokens *at, size_t from, size_t to)
{
    size_t b = to;
    /* A title word ends no name's titles: "Kim Jong Un", "Tom King". */
    if (b - from >= 2 && (at->t[b - 1].lex & LEX_TITLE) && (at->t[b - 1].flags & TF_CAP) &&
        at->t[b - 2].type == TK_WORD && (at->t[b - 2].flags & TF_CAP) && !(at->t[b - 2].lex & LEX_TITLE))
        b--;
    for (;;) {
        while (b > from && (at->t[b - 1].flags & TF_CAP) && at->t[b - 1].type == TK_WORD &&
               (b == to || !(at->t[b - 1].flags & TF_POSS)) && !(at->t[b - 1].lex & LEX_TITLE) &&
               !title_case_function(at, b - 1, from, to))
            b--;
        if (b > from && title_case_function(at, b - 1, from, to))
            return b;
        /* Particles between the words of a name: "Maria de la Cruz". */
        size_t p = b;
        while (p < to && p > from && b - p < 2 && at->t[p - 1].type == TK_WORD &&
               !(at->t[p - 1].flags & TF_CAP) && (at->t[p - 1].lex & LEX_PARTICLE))
            p--;
        if (p == b || p == from || at->t[p - 1].type != TK_WORD || !(at->t[p - 1].flags & TF_CAP) ||
            (at->t[p - 1].flags & TF_POSS) || (at->t[p - 1].lex & LEX_TITLE))
            return past_labels(at, b, to);
        b = p;
    }
}

/* Turns "a Harbour Authority spokesman" into "spokesman for the Harbour
 * Authority", the form descriptions take elsewhere, so that two outlets'
 * wordings of one source compare equal. Only organisations are turned:
 * "the Republican nominee" stays as it is. */
char *phrase_describe(const tokens *at, size_t from, size_t to)
{
    size_t b = from;
    /* "the" goes; "a source" keeps its article, longer descriptions drop it. */
    if (b < to && ((at->t[b].lex & LEX_THE) ||
                   (to - b > 2 && (tok_is(at, b, "a") || tok_is(at, b, "an")))))
        b++;
    size_t org = b + (b < to && (at->t[b].lex & LEX_DET) != 0), caps = org;
    while (caps < to && (at->t[caps].flags & TF_CAP) && !(at->t[caps].flags & TF_POSS))
        caps++;
    char *out;
    /* "a Port Authority spokesman", not "Union leaders"; a source is not
     * "for" anyone ("A Downing Street source"). */
    bool body = from < org && caps > org && (at->t[caps - 1].lex & (LEX_BODY | LEX_PLACE)) &&
                !tok_is(at, to - 1, "source") && !tok_is(at, to - 1, "sources");
    if (body && caps + 1 == to && (at->t[to - 1].lex & LEX_ROLE) &&
        !(at->t[to - 1].flags & TF_CAP)) {
        char *name = tok_dup(at, org, caps), *role = tok_dup(at, to - 1, to);
        out = NULL;
        if (name && role && (out = malloc(strlen(name) + strlen(role) + 10)))
            sprintf(out, "%s for the %s", role, name);
        free(name);
        free(role);
    } else {
        out = tok_dup(at, b, to);
    }
    /* A common word capitalised only because it opens the sentence ("A
     * spokesperson added"). */
    if (out && (at->t[b].lex & (LEX_DET | LEX_THE | LEX_ROLE)) && out[0] >= 'A' &&
        out[0] <= 'Z' && ((out[1] >= 'a' && out[1] <= 'z') || out[1] == ' ') &&
        (org != b || at->t[b].sent == b))
        out[0] = (char)(out[0] - 'A' + 'a');
    return out;
}

/* Past a dateline: "PORT ESTE (Wire) - ", "LONDON, June 3 (Reuters) — ". */
static size_t past_dateline(const tokens *at, size_t s, size_t limit)
{
    if (s >= limit || !tok_all_caps(at, s))
        return s;
    for (size_t i = s + 1; i < limit && i - s < 12; i++) {
        if (at->t[i].type == TK_QUOTE)
            break;
        if (tok_dash(at, i)) {
            while (i + 1 < limit && tok_dash(at, i + 1))
                i++; /* "--", the typewriter's dash */
            return i + 1;
        }
    }
    return s;
}

/* Past a sentence adverb opening the clause: "Indeed, Ana Ruiz said",
 * "Even Ana Ruiz said", "Hours later, Bo Chan wrote" (where "later," is
 * a fronted phrase, which the caller skips). An adverb that may also open
 * a phrase ("Later that day, Ruiz said") is left to the caller unless a
 * comma or a capital follows it. */
static size_t past_opener(const tokens *at, size_t s, size_t limit)
{
    const tok *k = &at->t[s < limit ? s : 0];
    if (s + 2 >= limit || k->type != TK_WORD || !(k->flags & TF_CAP) || !(k->lex & LEX_OPENER))
        return s;
    if (tok_punct(at, s + 1, ","))
        return s + 2;
    const tok *n = &at->t[s + 1];
    return !(k->lex & LEX_FRONT) || (n->type == TK_WORD && (n->flags & TF_CAP)) ? s + 1 : s;
}

/* Whether the fronted clause goes on past the comma before token i: a
 * relative clause ("Speaking in Tarrow, which votes next, Berg said") or
 * the region of a place ("In Salem, New Hampshire, Berg said") before a
 * capitalised subject. */
static bool fronted_goes_on(const tokens *at, size_t i, size_t limit)
{
    if (i >= limit || at->t[i].type != TK_WORD)
        return false;
    if (tok_is(at, i, "which") || tok_is(at, i, "where") || phrase_skippable(at, i))
        return true; /* "In Salem, on Tuesday, Berg said" */
    size_t e = i;
    bool timed = false; /* "In Salem, New Harbour Monday, the mayor said" */
    while (e < limit && e - i < 4 && at->t[e].type == TK_WORD && (at->t[e].flags & TF_CAP) &&
           !(at->t[e].lex & ~(unsigned)(LEX_PLACE | LEX_TIME)) && !(at->t[e].flags & TF_POSS)) {
        timed |= e > i && (at->t[e].lex & LEX_TIME);
        e++;
    }
    if (e == i || e + 1 >= limit || !(at->t[i - 2].flags & TF_CAP) || !tok_punct(at, e, ",") ||
        at->t[e + 1].type != TK_WORD)
        return false;
    const tok *next = &at->t[e + 1]; /* "In Salem, N.H., on Tuesday," */
    return timed || phrase_skippable(at, e + 1) ||
           ((next->flags & TF_CAP) && !(next->flags & TF_POSS) && !(next->lex & (LEX_THE | LEX_DET)));
}

/* An adverb or a participle opening a sentence before a preposition or
 * a comma: "Immediately after the attacks, Berg…", "Reached by phone,
 * Ruiz…", "Finally, …"; not "Kelly said" nor "United States officials". */
static bool fronted_modifier(const tokens *at, size_t s, size_t limit)
{
    const tok *k = &at->t[s];
    size_t n = k->e - k->s;
    if (n <= 4 || s + 1 >= limit ||
        (strncmp(at->text + k->e - 2, "ly", 2) && strncmp(at->text + k->e - 2, "ed", 2)))
        return false;
    return tok_punct(at, s + 1, ",") ||
           (at->t[s + 1].type == TK_WORD && !(at->t[s + 1].flags & TF_CAP) &&
            (at->t[s + 1].lex & (LEX_LINK | LEX_FRONT | LEX_BOUND)));
}

size_t phrase_clause_start(const tokens *at, size_t s, size_t limit)
{
    s = past_opener(at, past_dateline(at, s, limit), limit);
    if (s >= limit || at->t[s].type != TK_WORD)
        return s;
    const tok *k = &at->t[s];
    size_t n = k->e - k->s;
    bool fronted = (k->lex & LEX_FRONT) || (n > 4 && !strncmp(at->text + k->e - 3, "ing", 3)) ||
                   fronted_modifier(at, s, limit);
    if (!fronted)
        return s;
    for (size_t i = s; i < limit && i - s < 25; i++) {
        if (at->t[i].type == TK_QUOTE)
            break;
        if (tok_punct(at, i, ",")) {
            while (i + 1 < limit && at->t[i + 1].type == TK_PUNCT)
                i++; /* a stray mark: "In an interview with “Today,” she" */
            if (!fronted_goes_on(at, i + 1, limit))
                return i + 1;
        }
    }
    return s;
}

/* A word of a subject: np_word, or an adverb of the lexicon's AUX list
 * used as an adjective after an article ("the first mate", "the last
 * word"). */
static bool subject_word(const tokens *at, size_t e)
{
    return phrase_word(at, e) || (e > 0 && (at->t[e - 1].lex & (LEX_THE | LEX_DET)) &&
                              at->t[e].type == TK_WORD && !(at->t[e].flags & TF_CAP) &&
                              (at->t[e].lex & LEX_AUX) && !(at->t[e].lex & (LEX_CUE | LEX_CUE_ING)) &&
                              e + 1 < at->n && phrase_word(at, e + 1));
}

/* 1 when a lowercase noun no list holds follows the subject [cs, e) as
 * its head, the name before it an adjective: "The Berg supporter
 * retorted:" is no one named Berg. */
static size_t name_as_adjective(const tokens *at, size_t cs, size_t e, size_t limit)
{
    return e > cs + 1 && e + 1 < limit && (at->t[cs].lex & LEX_THE) && (at->t[e - 1].flags & TF_CAP) &&
           at->t[e].type == TK_WORD && !(at->t[e].flags & TF_CAP) && !at->t[e].lex &&
           (tok_cue(at, e + 1) || tok_punct(at, e + 1, ":"));
}

/* The subject of the sentence holding token i: a name, a description or a
 * pronoun at the start of its main clause. */
size_t phrase_subject_end(const tokens *at, size_t cs, size_t limit)
{
    if (cs < limit && (at->t[cs].lex & LEX_PRON))
        return cs + 1;
    size_t e = cs;
    while (e < limit && e - cs < PHRASE_MAX && subject_word(at, e)) {
        const tok *k = &at->t[e];
        if (e > cs && ((k->lex & LEX_TIME) ||
                       ((k->lex & LEX_LINK) && e + 1 < limit && (at->t[e + 1].lex & LEX_TIME))))
            break; /* "President Alan Reyes on Monday defended" */
        bool fits = (k->flags & TF_CAP) || e == cs ||
                    (k->lex & (LEX_LINK | LEX_THE | LEX_DET | LEX_TITLE | LEX_ROLE)) ||
                    ((k->lex & LEX_PLURAL) && (at->t[e - 1].lex & LEX_LINK)); /* Hundreds of people */
        /* A title word ending a name ("Kim Jong Un met") heads nothing. */
        bool name_word = e - cs >= 2 && (at->t[e - 1].flags & TF_CAP) && (at->t[e - 2].flags & TF_CAP) &&
                         !(at->t[e - 2].lex & LEX_TITLE);
        if (!fits && !name_word &&
            (at->t[e - 1].lex & (LEX_THE | LEX_DET | LEX_TITLE | LEX_ROLE | LEX_LABEL))) {
            /* "the harbour master’s deputy", "the ferry operator", "chief
             * financial officer", "Republican mayoral candidate Ana Ruiz":
             * lowercase words up to a possessive or the head noun. */
            size_t h = e;
            while (h < limit && h - e < 3 && subject_word(at, h) && !(at->t[h].flags & (TF_POSS | TF_CAP)) &&
                   !(at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL)))
                h++;
            if (h < limit && h - e < 3 && phrase_word(at, h) &&
                ((at->t[h].flags & TF_POSS) || (at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL)))) {
                e = h + 1;
                continue;
            }
            /* "Her neighbour Bill Cho agreed.": the name after the noun. */
            if (h > e && h < limit && at->t[h].type == TK_WORD && (at->t[h].flags & TF_CAP)) {
                e = h;
                continue;
            }
            /* "Its chief meteorologist, Dr Ruth Adeyemi,", "Her neighbour,
             * fisherman Callum Bain,": a head noun the lexicon does not
             * know, named in apposition. */
            if (h > e && h + 2 < limit && tok_punct(at, h, ",") &&
                ((at->t[h + 1].flags & TF_CAP) || (at->t[h + 1].type == TK_WORD && !at->t[h + 1].lex &&
                                                   (at->t[h + 2].flags & TF_CAP)))) {
                e = h;
                break;
            }
        }
        if (!fits && (at->t[e - 1].flags & TF_POSS)) {
            /* "Trump's running mate", "Delgado's supporters": the possessed
             * phrase up to its head. */
            size_t h = e;
            while (h < limit && h - e < 3 && phrase_word(at, h) &&
                   !(at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL)))
                h++;
            if (h < limit && h - e < 3 && (at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL))) {
                e = h + 1;
                continue;
            }
        }
        if (!fits)
            break;
        e++;
    }
    /* "Liu Xiaoming, the ambassador," : the name before the apposition. */
    while (e > cs && !(at->t[e - 1].flags & TF_CAP) && (at->t[e - 1].lex & LEX_LINK))
        e--;
    return e + name_as_adjective(at, cs, e, limit);
}

/* Whether a phrase speaks for many: its head, before any "of", "for" or
 * "close to", is plural ("officials close to the talks"). */
bool phrase_plural(const tokens *at, size_t from, size_t to)
{
    /* "two teachers", "several residents": a number says so for any noun. */
    if (from < to && (at->t[from].lex & LEX_DET) && !tok_is(at, from, "a") &&
        !tok_is(at, from, "an") && !tok_is(at, from, "another") && !tok_is(at, from, "one"))
        return true;
    for (size_t k = from; k < to && !(at->t[k].lex & LEX_LINK); k++)
        if (at->t[k].lex & LEX_PLURAL)
            return true;
    return false;
}

/* Whether an insertion of n tokens opening at token `open` is one: short,
 * or a relative clause or an apposition, which run long in news copy (",
 * who asked not to be named because they were not allowed to speak to the
 * press,", ", the company's chief executive since the merger of …,"). */
static bool insertion_fits(const tokens *at, size_t open, size_t n)
{
    return n < 16 || (open + 1 < at->n && (tok_is(at, open + 1, "who") || tok_is(at, open + 1, "whose") ||
                                           (at->t[open + 1].lex & LEX_THE)));
}

/* After an inverted cue, a description and the name it is given: "said
 * its chief executive, Lars Berg.", "countered Ruiz's neighbour, retired
 * nurse Gloria Pratt." Moves [*from, *to) onto the name. */
void phrase_apposed_name(const tokens *at, size_t limit, size_t *from, size_t *to)
{
    size_t d = *from, e = *to, s = e + 1;
    bool described = !(at->t[d].flags & TF_CAP) || (at->t[d].flags & TF_POSS);
    if (!described || e + 1 >= limit || !tok_punct(at, e, ","))
        return;
    while (s < limit && s - e <= 2 && at->t[s].type == TK_WORD && !(at->t[s].flags & TF_CAP) &&
           !(at->t[s].lex & ~(unsigned)(LEX_TITLE | LEX_ROLE)))
        s++; /* what the person does: "retired nurse" */
    size_t n = s;
    while (n < limit && n - s < 4 && at->t[n].type == TK_WORD && (at->t[n].flags & TF_CAP))
        n++;
    if (n - s >= 2 && (n == limit || at->t[n].type != TK_WORD)) {
        *from = s;
        *to = n;
    }
}

/* Whether token k is a comma that separates words: not the comma inside
 * a number ("some 3,000 workers"), which has a digit on each side and no
 * space. */
static bool clause_comma(const tokens *at, size_t k)
{
    if (!tok_punct(at, k, ","))
        return false;
    if (k == 0 || k + 1 >= at->n || at->t[k - 1].e != at->t[k].s || at->t[k + 1].s != at->t[k].e)
        return true;
    char before = at->text[at->t[k - 1].e - 1], after = at->text[at->t[k + 1].s];
    return !(before >= '0' && before <= '9' && after >= '0' && after <= '9');
}

/* An insertion between a speaker and the verb: a parenthesis "(R-Ohio)" or
 * a phrase between commas ", 70," / ", who chairs the panel,". Given the
 * token after it, returns where it starts, or `v` when there is none. */
size_t phrase_insertion_before(const tokens *at, size_t v, size_t floor)
{
    if (v <= floor + 1)
        return v;
    bool paren = tok_punct(at, v - 1, ")");
    if (!paren && !clause_comma(at, v - 1))
        return v;
    for (size_t k = v - 1; k-- > floor && v - k < PHRASE_INSERTION_MAX;) {
        if (at->t[k].type == TK_QUOTE || at->t[k].type == TK_PARA)
            return v;
        if (paren ? tok_punct(at, k, "(") : clause_comma(at, k))
            return insertion_fits(at, k, v - k) ? k : v;
    }
    return v;
}

/* The same read forwards: the token after an insertion starting at i. */
size_t phrase_insertion_after(const tokens *at, size_t i, size_t limit)
{
    bool paren = i < limit && tok_punct(at, i, "(");
    if (!paren && !(i < limit && clause_comma(at, i)))
        return i;
    for (size_t k = i + 1; k < limit && k - i < PHRASE_INSERTION_MAX; k++) {
        if (at->t[k].type == TK_QUOTE)
            return i;
        if (paren ? tok_punct(at, k, ")") : clause_comma(at, k))
            return insertion_fits(at, i, k - i) ? k + 1 : i;
    }
    return i;
}

/* Whether the sentence starting at token ss is a byline: a paragraph of
 * its own, "By" and then only capitalised words, commas and "and" ("By
 * Nora Quill, Kestrel Courier", "By NORA QUILL"). The writer named there
 * is nobody's subject and nobody a pronoun stands for. */
bool phrase_byline(const tokens *at, size_t ss)
{
    if (ss + 1 >= at->n || at->t[ss].sent != ss || (ss > 0 && at->t[ss - 1].type != TK_PARA) ||
        !(at->t[ss].flags & TF_CAP) || !tok_is(at, ss, "By") || !(at->t[ss + 1].flags & TF_CAP))
        return false;
    for (size_t k = ss + 1; k < at->n && at->t[k].type != TK_PARA; k++)
        if (k - ss > 16 || !((at->t[k].type == TK_WORD && (at->t[k].flags & TF_CAP)) ||
                             tok_is(at, k, "and") || tok_punct(at, k, ",")))
            return false;
    return true;
}

/* The subject of the sentence starting at token ss, read up to `limit`:
 * [*from, *to), empty when there is none. "Another resident, Tom Bay,
 * disagreed": the name in apposition (not "Tom Hale, a Republican,"). */
void phrase_subject(const tokens *at, size_t ss, size_t limit, size_t *from, size_t *to)
{
    if (phrase_byline(at, ss)) {
        *from = *to = ss;
        return;
    }
    size_t cs = phrase_clause_start(at, ss, limit), se = phrase_subject_end(at, cs, limit);
    size_t after = se > cs ? phrase_insertion_after(at, se, limit) : se;
    if (after > se + 2 && tok_punct(at, se, ",") && (at->t[after - 2].flags & TF_CAP) &&
        !(at->t[se + 1].lex & (LEX_THE | LEX_DET))) { /* not "(R-Texas)" */
        /* The name in apposition, after at most two nouns saying what its
         * bearer does ("Her neighbour, fisherman Callum Bain,"; not ", who
         * has endorsed Ng," nor ", speaking at a rally in Cedar Rapids,"). */
        size_t n = phrase_before(at, after - 1, se + 1), k = se + 1;
        while (k < n && k - se <= 2 && at->t[k].type == TK_WORD && !(at->t[k].flags & TF_CAP) &&
               !(at->t[k].lex & ~(unsigned)(LEX_TITLE | LEX_ROLE)) &&
               !(at->t[k].e - at->t[k].s > 3 && !memcmp(at->text + at->t[k].e - 3, "ing", 3)))
            k++;
        if (k == n && (k == se + 1 || after - 1 - n >= 2)) {
            cs = n;
            se = after - 1;
        }
    }
    *from = cs;
    *to = se;
}

/* Whether tokens [b, e) are a role with its complement: "the mayor of Port
 * Ellis", "a spokesman for the Harbour Authority". */
bool phrase_role_of(const tokens *at, size_t b, size_t e)
{
    return b + 2 < e && (at->t[b].lex & (LEX_THE | LEX_DET)) && !(at->t[b + 1].flags & TF_CAP) &&
           (at->t[b + 1].lex & (LEX_ROLE | LEX_TITLE)) && (at->t[b + 2].lex & LEX_LINK);
}

/* A copy of the name in [from, to) without a final possessive ("Ruiz’s"). */
static char *name_dup(const tokens *at, size_t from, size_t to)
{
    char *s = tok_dup(at, from, to);
    size_t n = s ? strlen(s) : 0;
    if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
        s[n - 2] = '\0';
    else if (n > 4 && s[n - 1] == 's' && !strncmp(s + n - 4, "\xe2\x80\x99", 3))
        s[n - 4] = '\0';
    return s;
}

/* Whether token i is a word in Title Case ("Hastily", not "GOP"). */
static bool title_case(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    return k->type == TK_WORD && (k->flags & TF_CAP) && k->e - k->s > 1 &&
           at->text[k->s + 1] >= 'a' && at->text[k->s + 1] <= 'z';
}

/* Notes in p how the article writes each word where only a name takes a
 * capital: after a word or a comma mid-sentence ("met the Hastings
 * family", "acted hastily"). */
static int note_words(const tokens *at, people *p)
{
    int rc = 0;
    for (size_t i = 1; i < at->n && rc == 0; i++) {
        const tok *k = &at->t[i];
        if (k->type != TK_WORD || k->sent == i ||
            !(at->t[i - 1].type == TK_WORD || tok_punct(at, i - 1, ",")))
            continue;
        /* A word the lexicon knows ("the", "report") counts as seen in
         * lowercase without a note: most words of an article, and noting and
         * sorting them all was a third of the scan. */
        if (!(k->flags & TF_CAP) && !k->lex)
            rc = people_note_word(p, at->text + k->s, k->e - k->s, false);
        else if (title_case(at, i))
            rc = people_note_word(p, at->text + k->s, k->e - k->s, true);
    }
    return rc;
}

bool phrase_opener_only(const tokens *at, const people *p, size_t i, bool lower_too)
{
    const tok *k = &at->t[i];
    return k->sent == i && title_case(at, i) && !(k->lex & (LEX_TITLE | LEX_PLACE | LEX_BODY)) &&
           !people_seen_capital(p, at->text + k->s, k->e - k->s) &&
           (!lower_too || k->lex || people_seen_lower(p, at->text + k->s, k->e - k->s));
}

/*
 * Collects the people of the article: every name of two to four
 * capitalised words that is not an organisation, a place or a date, with
 * the title before it ("Foreign Secretary Ana Ruiz") or the apposition after
 * it ("Ana Ruiz, the trade minister,") as what later role nouns can match.
 */
int phrase_collect_people(const tokens *at, people *p)
{
    int rc = note_words(at, p);
    for (size_t i = 0; i < at->n && rc == 0; i++) {
        /* the writer, unless named elsewhere; a byline opens a paragraph */
        if (at->t[i].sent == i && phrase_byline(at, i)) {
            while (i + 1 < at->n && at->t[i + 1].type != TK_PARA)
                i++;
            continue;
        }
        bool cap = at->t[i].type == TK_WORD && (at->t[i].flags & TF_CAP);
        bool run_ends = !cap || (at->t[i].flags & TF_POSS) || i + 1 == at->n ||
                        at->t[i + 1].type != TK_WORD || !(at->t[i + 1].flags & TF_CAP);
        if (!cap || !run_ends)
            continue;
        size_t end = i + 1;
        size_t ns = phrase_name_start(at, end > 6 ? end - 6 : 0, end);
        while (ns < end && ((at->t[ns].lex & (LEX_DET | LEX_THE | LEX_FRONT | LEX_BOUND | LEX_CUE | LEX_OPENER)) ||
                            phrase_opener_only(at, p, ns, true)))
            ns++; /* "Rival Hillary Clinton", where the article writes "her rival" */
        bool honorific = ns > 0 && (at->t[ns - 1].lex & LEX_TITLE) &&
                         (at->t[ns - 1].lex & (LEX_MALE | LEX_FEMALE));
        if ((end - ns < 2 && !(end - ns == 1 && honorific)) || /* "Mr. Reyes" says he is a man */
            (at->t[end - 1].lex & LEX_LABEL))                 /* "Presumptive Democratic" */
            continue;
        bool plain = true;
        for (size_t k = ns; k < end; k++) /* nor "Suddenly I" */
            plain &= !(at->t[k].lex & (LEX_BODY | LEX_PLACE | LEX_TIME | LEX_ROLE)) && !tok_is(at, k, "I");
        if (!plain)
            continue;
        size_t tb = ns;
        while (tb > 0 && ns - tb < PHRASE_MAX && at->t[tb - 1].type == TK_WORD &&
               !(at->t[tb - 1].flags & TF_POSS) &&
               ((at->t[tb - 1].lex & (LEX_TITLE | LEX_LINK)) || (at->t[tb - 1].flags & TF_CAP)))
            tb--;
        char *title;
        size_t rb = ns >= 3 && tok_punct(at, ns - 1, ",") ? phrase_before(at, ns - 1, ns > 8 ? ns - 8 : 0) : ns;
        if (tb < ns) {
            title = tok_dup_lower(at, tb, ns);
        } else if (rb + 1 < ns - 1 && (at->t[rb].lex & LEX_THE) && !(at->t[ns - 2].flags & TF_CAP) &&
                   (at->t[ns - 2].lex & (LEX_ROLE | LEX_TITLE))) {
            title = tok_dup_lower(at, rb + 1, ns - 1); /* "The mayor, Ellen Park," */
        } else if (end + 2 < at->n && tok_punct(at, end, ",") &&
                   ((at->t[end + 1].lex & (LEX_THE | LEX_DET)) || (at->t[end + 1].flags & TF_POSS))) {
            size_t ae = end + 1;
            while (ae < at->n && ae - end < PHRASE_MAX && at->t[ae].type == TK_WORD)
                ae++;
            title = ae < at->n && tok_punct(at, ae, ",") ? tok_dup_lower(at, end + 1, ae) : strdup("");
        } else {
            title = strdup("");
        }
        rc = people_adopt(p, name_dup(at, ns, end), title);
    }
    return rc ? rc : people_index(p);
}
