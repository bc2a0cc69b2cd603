/*
 * attrib.c: who said each quotation: the driver of the attribution.
 *
 * The article is read as tokens (token.h) once, from the first to the
 * last. Every verb of speech in the narration introduces a speaker (cue.h),
 * remembered for the pronouns and roles that follow (refer.h); every quote
 * is given the speaker named by the first rule of the table (rules.h) that
 * names one, and records that rule. A quote with no speaker found keeps
 * none: a wrong name is worse than no name for a fact-checker.
 */
#include "attrib.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static char *cue_text(const reading *at, const found *f)
{
    if (f->cue_to <= f->cue_from)
        return NULL;
    return tok_dup(&at->tk, f->cue_from, f->cue_to);
}

static int assign(reading *at, quote *q, const rule *r, found *f)
{
    q->speaker = f->who.name;
    f->who.name = NULL;
    q->rule = r->name;
    q->confidence = f->confidence > 0 ? f->confidence : r->confidence;
    if (f->np_to > f->np_from) {
        q->mention_start = at->tk.t[f->np_from].s;
        q->mention_end = at->tk.t[f->np_to - 1].e;
    }
    if (f->cue_to > f->cue_from && !(q->cue = cue_text(at, f)))
        return -ENOMEM;
    if (!f->again) {
        entity e = {strdup(q->speaker), f->who.kind, f->who.plural, f->who.gender, PARA_NONE};
        return e.name ? refer_hear(at, &e, q->open) : -ENOMEM;
    }
    return 0;
}

/* The first rule of the table that names the speaker of the quote at
 * token qt wins. */
static int attribute_quote(reading *at, size_t qt)
{
    quote *q = &at->a->quotes[at->tk.t[qt].quote];
    at->cur = qt;
    for (size_t r = 0; r < rules_count; r++) {
        if (!(rules[r].kinds & (1u << q->kind)))
            continue;
        found f = {0};
        int rc = rules[r].find(at, qt, &f);
        if (rc == 0 && f.who.name)
            return assign(at, q, &rules[r], &f);
        refer_clear(&f.who);
        if (rc)
            return rc;
    }
    return 0;
}

/* A cue in the narration names a speaker for later pronouns: "a source said". */
static int narration_cue(reading *at, size_t c)
{
    found f = {0};
    size_t ss = at->tk.t[c].sent;
    at->cur = c;
    int rc = cue_speaker(at, c, ss, tok_sentence_end(&at->tk, c), &f);
    if (rc == 0 && f.who.name)
        rc = refer_hear(at, &f.who, at->tk.t[c].s);
    refer_clear(&f.who);
    return rc;
}

/* An unattributed quote is worth a warning only in text that reads as
 * reporting: one where the reading heard a speaker (a quote attributed, or
 * a verb of speech naming someone in the narration), here or before the
 * part read (ctx), or that holds a verb of speech at all. A README, a list
 * of titles or a glossary quotes words nobody said: there the diagnostic
 * is a hint, so it neither floods the editor nor fails `scan --check`, and
 * real news, where it matters, keeps every one. */
static bool reads_as_reporting(const reading *at, const attrib_context *ctx)
{
    if (at->a->n_heard > 0 || ctx->n_heard > 0)
        return true;
    for (size_t i = 0; i < at->tk.n; i++)
        if (tok_cue(&at->tk, i) || tok_according(&at->tk, i))
            return true;
    return false;
}

static int unattributed(analysis *a, const quote *q, bool reporting)
{
    if (q->kind == QUOTE_PARTIAL)
        return analysis_add_diag(a, q->open, q->close, reporting ? DIAG_INFO : DIAG_HINT,
                                 "unattributed", "quoted words with no speaker named");
    return analysis_add_diag(a, q->open, q->close, reporting ? DIAG_WARN : DIAG_HINT,
                             "unattributed", "quote with no attribution");
}

int attrib_resolve(const char *text, size_t len, const attrib_context *ctx, analysis *a)
{
    reading at = {.tk = {.text = text, .len = len, .a = a}, .a = a, .people = people_new(), .prev = SIZE_MAX};
    int rc = at.people ? tok_read(&at.tk) : -ENOMEM;
    if (rc == 0 && ctx->people)
        rc = people_add_all(at.people, ctx->people);
    for (size_t i = ctx->n_heard > REFER_HISTORY ? ctx->n_heard - REFER_HISTORY : 0;
         i < ctx->n_heard; i++) {
        const heard *h = &ctx->heard[i];
        refer_remember(&at, &(entity){h->name, (ent_kind)h->kind, h->plural, h->gender, PARA_NONE});
    }
    if (rc == 0)
        rc = phrase_collect_people(&at.tk, at.people);
    for (size_t i = 0; i < at.tk.n && rc == 0; i++) {
        if (at.tk.t[i].type == TK_QUOTE) {
            rc = attribute_quote(&at, i);
            at.prev = i;
        } else if ((tok_cue(&at.tk, i) || tok_according(&at.tk, i)) && !(at.tk.t[i].flags & TF_USED)) {
            rc = narration_cue(&at, i);
        }
    }
    a->reporting = rc == 0 && reads_as_reporting(&at, ctx);
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++)
        if (!a->quotes[i].speaker)
            rc = unattributed(a, &a->quotes[i], a->reporting);
    if (rc == 0) {
        people_free(a->people);
        a->people = at.people;
    } else {
        people_free(at.people);
    }
    free(at.tk.t);
    return rc;
}
