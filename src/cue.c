/*
 * cue.c: the speaker of a verb of speech: the phrase before it ("Ana
 * Ruiz, the trade minister, said"), after it when inverted ("said a
 * spokesman"), the subject for an infinitive or a participle ("urged them
 * to", "saying"), and the source after "according to".
 */
#include "cue.h"

#include <errno.h>
#include <string.h>

int cue_subject(const reading *at, size_t i, found *f)
{
    phrase_subject(&at->tk, at->tk.t[i].sent, i, &f->np_from, &f->np_to);
    if (f->np_to == f->np_from)
        return 0;
    /* "The Berg supporter retorted:": a description before its verb */
    if (f->np_to < i && at->tk.t[f->np_to].type == TK_WORD && !(at->tk.t[f->np_to].flags & TF_CAP))
        return refer_resolve_described(at, f->np_from, f->np_to, &f->who);
    return refer_resolve(at, f->np_from, f->np_to, &f->who);
}

/* "according to X": the source after it; "according to court documents
 * filed on Friday", "according to witnesses": a bare description, up to
 * what qualifies it, is the source as written. */
static int according_to(const reading *at, size_t c, size_t limit, found *f)
{
    const tokens *tk = &at->tk;
    size_t e = phrase_after(tk, c + 2, limit);
    f->np_from = c + 2;
    f->np_to = e;
    if (e > c + 2)
        return refer_resolve(at, c + 2, e, &f->who);
    while (e < limit && e - (c + 2) < 3 && tk->t[e].type == TK_WORD && !(tk->t[e].flags & TF_CAP) &&
           !(tk->t[e].lex & (LEX_BOUND | LEX_AUX | LEX_LINK)) &&
           !(tk->t[e].e - tk->t[e].s > 3 && !memcmp(tk->text + tk->t[e].e - 2, "ed", 2)))
        e++;
    f->np_to = e;
    if (e == c + 2)
        return 0;
    return refer_set(&f->who, tok_dup(tk, c + 2, e), ENT_ANON, phrase_plural(tk, c + 2, e));
}

/* The speaker of a participle at c ("saying"): whom the subject quoted
 * ("State media quoted him as saying"), the speaker of a verb of speech
 * in the clause before ("“…,” Lewandowski added, saying it was “…”"),
 * else the sentence's subject. */
static int participle_speaker(const reading *at, size_t c, size_t floor, found *f)
{
    const tokens *tk = &at->tk;
    for (size_t k = c - 1; c > floor + 2 && tok_is(tk, c - 1, "as") && k-- > floor && c - k <= PHRASE_MAX + 1;) {
        if (!tok_is(tk, k, "quoted") && !tok_is(tk, k, "quotes") && !tok_is(tk, k, "cited"))
            continue;
        if (k + 1 == c - 1)
            break;
        f->np_from = k + 1;
        f->np_to = c - 1;
        return refer_resolve(at, k + 1, c - 1, &f->who);
    }
    /* (from c - 2: the word before the participle is no cue of it) */
    for (size_t k = c > floor + 1 ? c - 1 : floor; k-- > floor && c - k < PHRASE_MAX && tk->t[k].type != TK_QUOTE;)
        if (tok_cue(tk, k) && !(tk->t[k].lex & LEX_CUE_ING) && tok_punct(tk, c - 1, ","))
            return cue_speaker(at, k, floor, c, f);
    /* "…, with Sen. Ann Lee calling it a “…”": a name right before the
     * participle is its subject, not the sentence's. */
    size_t b = c > floor && (tk->t[c - 1].flags & TF_CAP) ? phrase_before(tk, c, floor) : c;
    if (b < c && (tk->t[b].flags & TF_CAP)) {
        f->np_from = b;
        f->np_to = c;
        return refer_resolve(at, b, c, &f->who);
    }
    return cue_subject(at, c, f);
}

/* The phrase before a verb at v, over insertions: "Ana Ruiz, the trade
 * minister, said", "Sen. Ray Hill (R-Ohio) said". Sets [*b, *v) to it,
 * empty when there is none. */
static void over_insertions(const tokens *tk, size_t floor, size_t *b_out, size_t *v_out)
{
    size_t v = *v_out, b = phrase_before(tk, v, floor);
    for (int hops = 0; b == v && hops < 3; hops++) {
        size_t after = v, k = phrase_insertion_before(tk, v, floor);
        if (k == v && hops > 0 && tok_punct(tk, v, ",")) {
            /* "Rune Aas, 71, who has held shares since 1990, said": one
             * comma closes the first insertion and opens the second. */
            after = v + 1;
            k = phrase_insertion_before(tk, after, floor);
        }
        if (k == after)
            break;
        /* "Labour's spokesman, Dev Anand, said": the name is the insertion,
         * unless a name stands before it ("Rep. Al Voss, R-Texas, said") that
         * is not the end of a role ("The mayor of Port Ellis, Rosa Delgado,"). */
        if (tok_punct(tk, after - 1, ",") && after >= k + 3 && (tk->t[after - 2].flags & TF_CAP) &&
            phrase_before(tk, after - 1, k + 1) == k + 1 && k > floor && tk->t[k - 1].type == TK_WORD &&
            !(tk->t[k - 1].lex & LEX_LOCALE) && /* "outside the state capital, Sacramento, said" */
            (!(tk->t[k - 1].flags & TF_CAP) || (tk->t[k - 1].lex & LEX_TITLE) ||
             phrase_role_of(tk, phrase_before(tk, k, floor), k))) {
            b = k + 1;
            v = after - 1;
            break;
        }
        v = k;
        b = phrase_before(tk, v, floor);
        /* Before an insertion stands a name or a description ("One
         * deckhand, who asked not to be named, said"), not any phrase, nor
         * a place ("who lives outside the state capital, Sacramento,"). */
        if (b < v && !(tk->t[v - 1].flags & TF_CAP) &&
            (!(tk->t[b].lex & (LEX_DET | LEX_THE)) || (tk->t[v - 1].lex & LEX_LOCALE)))
            b = v;
    }
    *b_out = b;
    *v_out = v;
}

/* How far back from its verb a relative clause set off by no commas may
 * open, in tokens. */
#define CUE_RELATIVE_REACH 12

/* The phrase before a relative clause that no comma sets off, ending at
 * the verb v: "A harbour official who spoke anonymously said". Sets [*b,
 * *v) to it, or leaves them when there is none. */
static void relative_clause(const tokens *tk, size_t floor, size_t *b_out, size_t *v_out)
{
    size_t v = *v_out;
    for (size_t w = v; w-- > floor && v - w < CUE_RELATIVE_REACH;) {
        if (tk->t[w].type != TK_WORD)
            return;
        if (!tok_is(tk, w, "who"))
            continue;
        size_t b = phrase_before(tk, w, floor);
        if (b == w || !((tk->t[b].flags & TF_CAP) || (tk->t[b].lex & (LEX_DET | LEX_THE))))
            return;
        /* "Braynard, a Tarrow native who writes": the name it describes */
        size_t n = b > floor + 1 && tok_punct(tk, b - 1, ",") && (tk->t[b - 2].flags & TF_CAP) &&
                           !(tk->t[b].flags & TF_CAP)
                       ? phrase_before(tk, b - 1, floor)
                       : b - 1;
        bool named = n < b - 1 && (tk->t[n].flags & TF_CAP);
        *b_out = named ? n : b;
        *v_out = named ? b - 1 : w;
        return;
    }
}

/* Inverted: said Raab / said a spokesman; but in "said he would" the
 * pronoun opens the reported clause (and "the board" in "said the board
 * was"), and after "accused" or "urged" stands whom it was said to. */
static int inverted(const reading *at, size_t c, size_t limit, found *f)
{
    const tokens *tk = &at->tk;
    size_t e = phrase_after(tk, c + 1, limit);
    bool reported = e < limit && tk->t[e].type == TK_WORD && (tk->t[e].lex & LEX_AUX);
    if (e == c + 1 || reported || (tk->t[c + 1].lex & LEX_PRON) || !(tk->t[c].lex & LEX_INVERT))
        return 0;
    return cue_inverted_speaker(at, c + 1, e, limit, f);
}

int cue_inverted_speaker(const reading *at, size_t from, size_t e, size_t limit, found *f)
{
    const tokens *tk = &at->tk;
    f->np_from = from;
    f->np_to = e;
    phrase_apposed_name(tk, limit, &f->np_from, &f->np_to);
    /* "said the designer, who…", not "said the days when…" */
    if (f->np_to == e && (e == limit || tok_punct(tk, e, ",.;")))
        return refer_resolve_described(at, f->np_from, f->np_to, &f->who);
    return refer_resolve(at, f->np_from, f->np_to, &f->who);
}

/* Speaker of the cue at token c: the phrase before it (skipping "has",
 * "also", "further"), across an apposition, or after it when inverted. */
int cue_speaker(const reading *at, size_t c, size_t floor, size_t limit, found *f)
{
    const tokens *tk = &at->tk;
    f->cue_from = c;
    f->cue_to = c + 1 + tok_according(tk, c);
    if (tok_according(tk, c))
        return according_to(at, c, limit, f);
    size_t v = c;
    while (v > floor && phrase_skippable(tk, v - 1))
        v--;
    /* "the Gates Foundation, which said": what the clause is about. */
    if (v > floor + 2 && (tok_is(tk, v - 1, "which") || tok_is(tk, v - 1, "who")) && tok_punct(tk, v - 2, ","))
        v -= 2;
    if (tk->t[c].lex & LEX_CUE_ING)
        return participle_speaker(at, c, floor, f);
    /* "urged them to …": the subject; so too "X praised Y and appealed
     * for a “…”", "Ruiz made a rare apology and said …", not the phrase
     * before "and". */
    if (v > floor && (tok_is(tk, v - 1, "to") || tok_is(tk, v - 1, "and") || tok_is(tk, v - 1, "but")))
        return cue_subject(at, c, f);
    size_t b;
    over_insertions(tk, floor, &b, &v);
    if (b == v)
        relative_clause(tk, floor, &b, &v);
    if (b == v)
        return inverted(at, c, limit, f);
    f->np_from = b;
    f->np_to = v;
    return refer_resolve(at, b, v, &f->who);
}
