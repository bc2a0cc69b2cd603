/*
 * xref.c: diagnostics from cross-references. A difference counts as wording
 * only inside the run two versions share (trims at the ends are a choice
 * of where to cut, not a misquote) and only when neither side marks it as
 * an editor's ([bracket], ellipsis). Speakers are compared by person, not
 * by string (names_same_person): one person spelled two ways is a hint,
 * and two people are a conflict only when both attributions are sure.
 */
#include "xref.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

size_t xref_class_names(unsigned classes, const char **out, size_t cap)
{
    static const char *const names[] = {"wording", "trimmed", "editorial", "spelling", "punctuation"};
    size_t k = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names && k < cap; i++)
        if (classes & (1u << i))
            out[k++] = names[i];
    return k;
}

static bool editorial(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '[' || s[i] == ']' || (i + 2 < n && !memcmp(s + i, "\xe2\x80\xa6", 3)) ||
            (i + 2 < n && !memcmp(s + i, "...", 3)))
            return true;
    return false;
}

/* The bytes between the end of one equal run and the start of the next.
 * An insertion merged into a replacement can leave the runs of one side
 * out of order (found on real news under ASan): then there is no gap. */
static size_t gap(uint32_t end, uint32_t next_start)
{
    return next_start > end ? next_start - end : 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Copies text[s, e) into out for a message, cut at cap bytes; "" when empty. */
static void words_of(const char *text, uint32_t s, uint32_t e, char *out, size_t cap)
{
    if (e <= s) {
        *out = '\0';
        return;
    }
    size_t n = e - s < cap - 1 ? e - s : cap - 1;
    while (n > 0 && ((unsigned char)text[s + n] & 0xC0) == 0x80 && s + n < e)
        n--; /* never cut a character in two */
    memcpy(out, text + s, n);
    out[n] = '\0';
    for (char *p = out; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

/* The first wording difference of a source: an op between two equal runs
 * where neither side marks the gap between those runs as an editor's
 * (a [bracket], or an ellipsis standing for the words the other side has). */
static const diff_op *first_wording(const char *a_text, const char *b_text, const xref_source *s)
{
    for (size_t i = 0; i < s->n_ops; i++) {
        const diff_op *op = &s->ops[i];
        if (op->op == OP_EQUAL)
            continue;
        const diff_op *before = NULL, *after = NULL;
        for (size_t j = i; j-- > 0 && !before;)
            if (s->ops[j].op == OP_EQUAL)
                before = &s->ops[j];
        for (size_t j = i + 1; j < s->n_ops && !after; j++)
            if (s->ops[j].op == OP_EQUAL)
                after = &s->ops[j];
        if (before && after && !editorial(a_text + before->a_end, gap(before->a_end, after->a_start)) &&
            !editorial(b_text + before->b_end, gap(before->b_end, after->b_start)))
            return op;
    }
    return NULL;
}

/* The first word spelled differently in an equal run, for --strict. */
static const diff_op *first_spelling(const char *a_text, const char *b_text, const xref_source *s)
{
    for (size_t i = 0; i < s->n_ops; i++) {
        const diff_op *op = &s->ops[i];
        size_t n = op->a_end - op->a_start;
        if (op->op == OP_EQUAL && (n != op->b_end - op->b_start ||
                                   strncasecmp(a_text + op->a_start, b_text + op->b_start, n) != 0))
            return op;
    }
    return NULL;
}

static int differs(analysis *a, const quote *q, const char *text, const corpus *c,
                   const xref_source *src, size_t n, bool spelling)
{
    size_t count = 0;
    const xref_source *first = NULL;
    const diff_op *first_op = NULL;
    const char *first_text = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *other = corpus_text(c, src[i].doc, &len);
        if (!other)
            continue;
        const diff_op *op = spelling ? first_spelling(text, other, &src[i])
                                     : first_wording(text, other, &src[i]);
        if (!op)
            continue;
        if (!first) {
            first = &src[i];
            first_op = op;
            first_text = other;
        }
        count++;
    }
    if (!count)
        return 0;
    /* Said as an editor reads it: “their” here, “there” in b.txt:5; a word
     * one side lacks is "not here" or "not in" the other. */
    char mine[80], theirs[80], what[240];
    words_of(text, first_op->a_start, first_op->a_end, mine, sizeof mine);
    words_of(first_text, first_op->b_start, first_op->b_end, theirs, sizeof theirs);
    const char *where = base_name(first->doc);
    if (!*theirs)
        snprintf(what, sizeof what, "\xe2\x80\x9c%s\xe2\x80\x9d here, not in %s:%zu", mine, where,
                 first->line);
    else if (!*mine)
        snprintf(what, sizeof what, "\xe2\x80\x9c%s\xe2\x80\x9d in %s:%zu, not here", theirs, where,
                 first->line);
    else
        snprintf(what, sizeof what, "\xe2\x80\x9c%s\xe2\x80\x9d here, \xe2\x80\x9c%s\xe2\x80\x9d in %s:%zu",
                 mine, theirs, where, first->line);
    return analysis_add_diag(a, q->start, q->end, spelling ? DIAG_INFO : DIAG_WARN,
                             spelling ? "spelling-differs" : "wording-differs", "quote %s %zu other source%s: %s",
                             spelling ? "is spelled differently in" : "differs from", count,
                             count == 1 ? "" : "s", what);
}

/* How sure both attributions must be before two names make a conflict:
 * attrib.c gives 0.95 to a cue right after the quote and 0.85 to a cue in
 * its sentence; every weaker reading (the subject before a colon 0.7, a
 * name before a colon, an introducing paragraph or "Asked ..." 0.6, a
 * quote continuing its neighbour's speaker 0.85 of that one's) guesses,
 * and a guess against a named source is no evidence of a misattribution. */
#define XREF_SURE 0.85f

/* How many words two copies must share before their two speakers make a
 * conflict: “It's fine,” or “We'll see,” is said by many people, and two
 * stories quoting it from two of them conflict in nothing (the 840 real
 * articles raised 38 such warnings on quotes of 2 to 7 words). */
#define XREF_CONFLICT_WORDS 8

static size_t words_in(const char *text, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += (i == from || text[i - 1] == ' ' || text[i - 1] == '\n') && text[i] != ' ' && text[i] != '\n';
    return n;
}

/* Whether a copy is long enough, and near enough this quote, to be the
 * same statement: the whole quote or a trimmed one, not a shared run. */
static bool one_statement(const xref_source *s, size_t words)
{
    if (words < XREF_CONFLICT_WORDS || s->relation == REL_OVERLAP)
        return false;
    /* the other, a part of this one: its own length counts (six bytes a word) */
    return s->relation != REL_CONTAINS || s->end - s->start >= 6 * XREF_CONFLICT_WORDS;
}

/* The sources whose speaker bears on this quote's: the first that names
 * another person with confidence, the first that spells the same one
 * differently, and how many do each. */
typedef struct speakers_seen {
    const xref_source *rival, *spelled;
    size_t n_rival, n_spelled;
} speakers_seen;

/* Two speakers are compared only when both are named (a description such
 * as "Meridian spokeswoman" or "a source" is no rival name) and only for
 * quotes set off as speech: the speaker of words woven into narration is
 * a weaker reading. */
static speakers_seen compare_speakers(const quote *q, const char *mine, const names *reg,
                                      const xref_source *src, size_t n, size_t words)
{
    speakers_seen seen = {0};
    bool sure = q->confidence >= XREF_SURE;
    for (size_t i = 0; i < n; i++) {
        const char *theirs = names_canonical(reg, src[i].speaker);
        if (!theirs || src[i].kind != QUOTE_FULL || !names_proper(theirs))
            continue;
        names_identity id = names_same_person(mine, theirs);
        if (id == NAMES_SPELLING) {
            seen.spelled = seen.spelled ? seen.spelled : &src[i];
            seen.n_spelled++;
        } else if (id == NAMES_DIFFERENT && sure && src[i].confidence >= XREF_SURE &&
                   one_statement(&src[i], words)) {
            seen.rival = seen.rival ? seen.rival : &src[i];
            seen.n_rival++;
        }
    }
    return seen;
}

static int conflicts(analysis *a, const quote *q, const char *text, const names *reg,
                     const xref_source *src, size_t n)
{
    const char *mine = names_canonical(reg, q->speaker);
    if (!mine || q->kind != QUOTE_FULL || !names_proper(mine))
        return 0;
    speakers_seen seen = compare_speakers(q, mine, reg, src, n, words_in(text, q->start, q->end));
    int rc = 0;
    if (seen.rival)
        rc = analysis_add_diag(a, q->start, q->end, DIAG_WARN, "attribution-conflict",
                               "attributed to %s here but to %s in %s:%zu%s", mine,
                               names_canonical(reg, seen.rival->speaker), base_name(seen.rival->doc),
                               seen.rival->line, seen.n_rival > 1 ? " and others" : "");
    if (rc == 0 && seen.spelled)
        rc = analysis_add_diag(a, q->start, q->end, DIAG_HINT, "name-spelling-differs",
                               "speaker spelled %s here but %s in %s:%zu%s", mine,
                               names_canonical(reg, seen.spelled->speaker),
                               base_name(seen.spelled->doc), seen.spelled->line,
                               seen.n_spelled > 1 ? " and others" : "");
    return rc;
}

int xref_diagnose(analysis *into, const quote *q, const char *text, const corpus *c,
                  const names *reg, const xref_source *src, size_t n, bool strict)
{
    int rc = differs(into, q, text, c, src, n, false);
    if (rc == 0)
        rc = conflicts(into, q, text, reg, src, n);
    if (rc == 0 && strict)
        rc = differs(into, q, text, c, src, n, true);
    return rc;
}
