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
    return refer_resolve(at, f->np_from, f->np_to, &f->who);
}

/* Speaker of the cue at token c: the phrase before it (skipping "has",
 * "also", "further"), across an apposition, or after it when inverted. */
int cue_speaker(const reading *at, size_t c, size_t floor, size_t limit, found *f)
{
    size_t cue_to = c + 1 + tok_according(&at->tk, c);
    f->cue_from = c;
    f->cue_to = cue_to;
    if (tok_according(&at->tk, c)) {
        size_t e = phrase_after(&at->tk, c + 2, limit);
        f->np_from = c + 2;
        f->np_to = e;
        if (e == c + 2) {
            /* "according to court documents filed on Friday", "according
             * to witnesses": a bare description, up to what qualifies it,
             * is the source as written. */
            while (e < limit && e - (c + 2) < 3 && at->tk.t[e].type == TK_WORD && !(at->tk.t[e].flags & TF_CAP) &&
                   !(at->tk.t[e].lex & (LEX_BOUND | LEX_AUX | LEX_LINK)) &&
                   !(at->tk.t[e].e - at->tk.t[e].s > 3 && !memcmp(at->tk.text + at->tk.t[e].e - 2, "ed", 2)))
                e++;
            f->np_to = e;
            if (e == c + 2)
                return 0;
            return refer_set(&f->who, tok_dup(&at->tk, c + 2, e), ENT_ANON, phrase_plural(&at->tk, c + 2, e));
        }
        return refer_resolve(at, c + 2, e, &f->who);
    }
    size_t v = c;
    while (v > floor && phrase_skippable(&at->tk, v - 1))
        v--;
    /* "the Gates Foundation, which said": what the clause is about. */
    if (v > floor + 2 && (tok_is(&at->tk, v - 1, "which") || tok_is(&at->tk, v - 1, "who")) &&
        tok_punct(&at->tk, v - 2, ","))
        v -= 2;
    bool infinitive = v > floor && tok_is(&at->tk, v - 1, "to");
    bool participle = (at->tk.t[c].lex & LEX_CUE_ING) != 0;
    /* "State media quoted him as saying": whom the subject quoted. */
    if (participle && c > floor + 2 && tok_is(&at->tk, c - 1, "as")) {
        for (size_t k = c - 1; k-- > floor && c - k <= PHRASE_MAX + 1;) {
            if (!tok_is(&at->tk, k, "quoted") && !tok_is(&at->tk, k, "quotes") && !tok_is(&at->tk, k, "cited"))
                continue;
            if (k + 1 == c - 1)
                break;
            f->np_from = k + 1;
            f->np_to = c - 1;
            return refer_resolve(at, k + 1, c - 1, &f->who);
        }
    }
    /* "“…,” Lewandowski added, saying it was “…”": a participle after a
     * clause with a verb of speech is that verb's speaker's. */
    for (size_t k = c - 1; participle && k-- > floor && c - k < PHRASE_MAX && at->tk.t[k].type != TK_QUOTE;)
        if (tok_cue(&at->tk, k) && !(at->tk.t[k].lex & LEX_CUE_ING) && tok_punct(&at->tk, c - 1, ","))
            return cue_speaker(at, k, floor, c, f);
    if (infinitive || participle)
        return cue_subject(at, c, f);
    /* "X praised Y and appealed for a “…”", "Ruiz made a rare apology and
     * said …": the subject of the sentence, not the phrase before "and". */
    if (v > floor && (tok_is(&at->tk, v - 1, "and") || tok_is(&at->tk, v - 1, "but")))
        return cue_subject(at, c, f);
    size_t b = phrase_before(&at->tk, v, floor);
    /* Over insertions: "Ana Ruiz, the trade minister, said", "Sen. Ray Hill (R-Ohio) said". */
    for (int hops = 0; b == v && hops < 3; hops++) {
        size_t after = v, k = phrase_insertion_before(&at->tk, v, floor);
        if (k == v && hops > 0 && tok_punct(&at->tk, v, ",")) {
            /* "Rune Aas, 71, who has held shares since 1990, said": one
             * comma closes the first insertion and opens the second. */
            after = v + 1;
            k = phrase_insertion_before(&at->tk, after, floor);
        }
        if (k == after)
            break;
        /* "Labour's spokesman, Dev Anand, said": the name is the insertion,
         * unless a name stands before it ("Rep. Al Voss, R-Texas, said") that
         * is not the end of a role ("The mayor of Port Ellis, Rosa Delgado,"). */
        if (tok_punct(&at->tk, after - 1, ",") && after >= k + 3 && (at->tk.t[after - 2].flags & TF_CAP) &&
            phrase_before(&at->tk, after - 1, k + 1) == k + 1 && k > floor && at->tk.t[k - 1].type == TK_WORD &&
            (!(at->tk.t[k - 1].flags & TF_CAP) || (at->tk.t[k - 1].lex & LEX_TITLE) ||
             phrase_role_of(&at->tk, phrase_before(&at->tk, k, floor), k))) {
            b = k + 1;
            v = after - 1;
            break;
        }
        v = k;
        b = phrase_before(&at->tk, v, floor);
        /* Before an insertion stands a name or a description ("One
         * deckhand, who asked not to be named, said"), not any phrase. */
        if (b < v && !(at->tk.t[v - 1].flags & TF_CAP) && !(at->tk.t[b].lex & (LEX_DET | LEX_THE)))
            b = v;
    }
    if (b < v) {
        f->np_from = b;
        f->np_to = v;
        return refer_resolve(at, b, v, &f->who);
    }
    /* Inverted: said Raab / said a spokesman; but in "said he would" the
     * pronoun opens the reported clause (and "the board" in "said the board
     * was"), and after "accused" or "urged" stands whom it was said to. */
    size_t e = phrase_after(&at->tk, cue_to, limit);
    bool reported = e < limit && at->tk.t[e].type == TK_WORD && (at->tk.t[e].lex & LEX_AUX);
    if (e > cue_to && !reported && !(at->tk.t[cue_to].lex & LEX_PRON) && (at->tk.t[c].lex & LEX_INVERT)) {
        f->np_from = cue_to;
        f->np_to = e;
        phrase_apposed_name(&at->tk, limit, &f->np_from, &f->np_to);
        return refer_resolve(at, f->np_from, f->np_to, &f->who);
    }
    return 0;
}
