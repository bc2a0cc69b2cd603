/*
 * xref.c: diagnostics from cross-references. A difference counts as wording
 * only inside the run two versions share (trims at the ends are a choice
 * of where to cut, not a misquote) and only when neither side marks it as
 * an editor's ([bracket], ellipsis).
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

/* Whether every word of `small` stands in `big`: "Harbour Authority" in
 * "spokesman for the Harbour Authority" is the same side speaking. */
static bool words_within(const char *small, const char *big)
{
    for (const char *p = small; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - p);
        bool found = false;
        for (const char *q = big; n && *q && !found;) {
            while (*q == ' ')
                q++;
            const char *f = q;
            while (*f && *f != ' ')
                f++;
            found = (size_t)(f - q) == n && strncasecmp(p, q, n) == 0;
            q = f;
        }
        if (n && !found)
            return false;
        p = e;
    }
    return true;
}

/* Two speakers conflict when both are named people or bodies (a
 * description such as "Meridian spokeswoman" is not a rival name) and
 * neither name holds the other. */
static bool proper_name(const char *s)
{
    const char *last = strrchr(s, ' ');
    last = last ? last + 1 : s;
    return s[0] >= 'A' && s[0] <= 'Z' && last[0] >= 'A' && last[0] <= 'Z';
}

static bool rival(const char *x, const char *y)
{
    bool named = proper_name(x) && proper_name(y); /* not "Meridian spokeswoman" */
    return named && !words_within(x, y) && !words_within(y, x);
}

/* Only quotes set off as speech are compared: the speaker of words woven
 * into narration is a weaker reading. */
static int conflicts(analysis *a, const quote *q, const names *reg, const xref_source *src, size_t n)
{
    const char *mine = names_canonical(reg, q->speaker);
    if (!mine || q->kind != QUOTE_FULL)
        return 0;
    const xref_source *first = NULL;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *theirs = names_canonical(reg, src[i].speaker);
        if (theirs && src[i].kind == QUOTE_FULL && rival(mine, theirs)) {
            first = first ? first : &src[i];
            count++;
        }
    }
    if (!count)
        return 0;
    return analysis_add_diag(a, q->start, q->end, DIAG_WARN, "attribution-conflict",
                             "attributed to %s here but to %s in %s:%zu%s", mine,
                             names_canonical(reg, first->speaker), base_name(first->doc),
                             first->line, count > 1 ? " and others" : "");
}

int xref_diagnose(analysis *into, const quote *q, const char *text, const corpus *c,
                  const names *reg, const xref_source *src, size_t n, bool strict)
{
    int rc = differs(into, q, text, c, src, n, false);
    if (rc == 0)
        rc = conflicts(into, q, reg, src, n);
    if (rc == 0 && strict)
        rc = differs(into, q, text, c, src, n, true);
    return rc;
}
