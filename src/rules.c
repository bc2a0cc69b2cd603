/*
 * rules.c: the rules that name a quote's speaker, and their table
 * (rules.h). Each rule reads the tokens around one quote; the table says
 * in what order they are tried, for which kinds of quote, and how sure a
 * speaker each one names is.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* The token that may open the attribution after the quote at qt, past a
 * comma, and the end of the sentence it reads in: the quote's, or the
 * next when the quote ends its own (“…!” she said.). Sets *ended then. */
static size_t after_quote(const tokens *tk, size_t qt, size_t *limit, bool *ended)
{
    size_t i = qt + 1;
    *limit = tok_sentence_end(tk, qt);
    if (i < tk->n && tok_punct(tk, i, ",") && tk->t[i].sent == tk->t[qt].sent)
        i++;
    *ended = *limit <= i;
    if (*ended && i < tk->n && tk->t[i].type == TK_WORD)
        *limit = tok_sentence_end(tk, i);
    return i;
}

/* “…” — Ana Ruiz: a quote signed with a dash or a bar, the name running
 * to the end of the line. */
static int signed_by(reading *at, size_t qt, found *f)
{
    size_t limit;
    bool ended;
    size_t i = after_quote(&at->tk, qt, &limit, &ended);
    if (i + 1 >= limit || !tok_dash(&at->tk, i))
        return 0;
    size_t e = phrase_after(&at->tk, i + 1, limit);
    if (e == i + 1 || (e < at->tk.n && at->tk.t[e].type == TK_WORD && at->tk.t[e].para == at->tk.t[qt].para))
        return 0;
    f->np_from = i + 1;
    f->np_to = e;
    return refer_resolve(at, i + 1, e, &f->who);
}

/* A particle after a verb of speech: "shot back", "went on", "pointed out". */
static bool particle(const tokens *tk, size_t i)
{
    return i < tk->n && (tok_is(tk, i, "back") || tok_is(tk, i, "on") || tok_is(tk, i, "out") || tok_is(tk, i, "up"));
}

/* A word in a cue's place that may be a verb of speech the lexicon does
 * not list: lowercase and unknown, in a past or present tense
 * ("implored", "fumes"), or before a particle ("shot back"). The
 * structure names the cue; the word list is only a prior. */
static bool open_verb(const tokens *tk, size_t i)
{
    if (i >= tk->n)
        return false; /* a quote that ends the text: no word after it */
    const tok *k = &tk->t[i];
    size_t n = k->e - k->s;
    const char *w = tk->text + k->s;
    if (k->type != TK_WORD || (k->flags & TF_CAP) || k->lex || n < 3)
        return false;
    return particle(tk, i + 1) || (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') ||
           (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'');
}

/* Whether the attribution ends at token i (limit is the end of its
 * sentence), at a comma or at "and" ("Tate barked and left"); after a
 * particle anything may follow ("shot back with a laugh"). */
static bool cue_ends(const tokens *tk, size_t i, size_t limit)
{
    return i >= limit || particle(tk, i) || tk->t[i].type == TK_PARA || tok_punct(tk, i, ".!,;") ||
           tok_is(tk, i, "and");
}

/* The name opening at token i, as the subject of a verb after a quote:
 * a pronoun, or capitalised words after at most an article and two
 * adjectives ("an angry Berg", whose name starts at *name). Returns its
 * end, or i. */
static size_t name_after_quote(const tokens *tk, size_t i, size_t limit, size_t *name)
{
    *name = i;
    if (tk->t[i].lex & LEX_PRON)
        return i + 1;
    size_t to = i;
    if (tk->t[to].lex & (LEX_DET | LEX_THE))
        for (to++; to < limit && to - i < 3 && tk->t[to].type == TK_WORD && !(tk->t[to].flags & TF_CAP) && !tk->t[to].lex;)
            to++;
    *name = to;
    /* Capitalised, but no "But" opening the next sentence. */
    while (to < limit && to - *name < 4 && (tk->t[to].flags & TF_CAP) && !(tk->t[to].flags & TF_POSS) &&
           !(tk->t[to].lex & (LEX_BOUND | LEX_FRONT | LEX_AUX)))
        to++;
    return to > *name ? to : i;
}

/* “…,” Rivera implored. / “…,” fumed Mr. Tate. / “…,” he beamed.: a name
 * (or a pronoun) and an unlisted verb, in either order, make the whole
 * attribution after the quote. */
static int verb_after(reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t limit;
    bool ended;
    size_t i = after_quote(tk, qt, &limit, &ended), from = i, to = i, v;
    if (i + 1 >= limit || tk->t[i].type != TK_WORD)
        return 0;
    /* A listed verb the lexicon does not mark as one that inverts
     * ("stated Roman Ilyin") inverts here as well as an unlisted one. */
    if (open_verb(tk, i) || (tok_cue(tk, i) && !(tk->t[i].flags & TF_CAP))) {
        v = i;
        from = i + 1;
        to = phrase_after(tk, from, limit);
        if (to == from || !(tk->t[from].flags & TF_CAP) || !cue_ends(tk, to, limit))
            return 0;
    } else {
        to = name_after_quote(tk, i, limit, &from);
        v = to;
        if (to == i || !open_verb(tk, v) || !cue_ends(tk, v + 1, limit))
            return 0;
    }
    f->cue_from = v;
    f->cue_to = v + 1;
    f->np_from = from;
    f->np_to = to;
    return refer_resolve(at, from, to, &f->who);
}

/* “…,” said Raab / according to Raab: an inverted cue opening the
 * attribution at token i. */
static int inverted_after(const reading *at, size_t i, size_t limit, found *f)
{
    size_t to = i + 1 + tok_according(&at->tk, i);
    size_t e = phrase_after(&at->tk, to, limit);
    if (e == to)
        return 0;
    f->cue_from = i;
    f->cue_to = to;
    return cue_inverted_speaker(at, to, e, limit, f);
}

/* The cue after a speaker's phrase ending at np_end, past what may stand
 * between: an insertion (“…,” Ana Ruiz, 45, said), a second one opened by
 * the comma closing the first (“…,” one dockworker, who gave only his
 * first name, Luis, told), an apposition missing its closing comma (“…”
 * another friend, Mia Holt told), adverbs. *named is where a name in
 * them starts. Returns the cue's token, or limit. */
static size_t cue_past_insertions(const tokens *tk, size_t np_end, size_t limit, size_t *named)
{
    size_t c = phrase_insertion_after(tk, np_end, limit);
    *named = c;
    if (c > np_end && c < limit && tok_punct(tk, c - 1, ",") && (tk->t[c].flags & TF_CAP) && !tok_cue(tk, c))
        c = phrase_insertion_after(tk, c - 1, limit);
    if (c == np_end && c + 2 < limit && tok_punct(tk, c, ",") && (tk->t[c + 1].flags & TF_CAP)) {
        size_t e = c + 1;
        while (e < limit && e - c <= 4 && (tk->t[e].flags & TF_CAP) && !(tk->t[e].lex & LEX_CUE))
            e++;
        if (e < limit && e - c >= 3 && tok_cue(tk, e)) {
            *named = c + 1;
            c = e;
        }
    }
    while (c < limit && phrase_skippable(tk, c))
        c++;
    return c < limit && tok_cue(tk, c) ? c : limit;
}

/* “We are ready.” Brandt, asked about it, said: “…” (or Obi later told
 * the BBC: “…”): after a quote that ended its sentence, a cue leading
 * into the next quote is that quote's, not this one's. */
static bool leads_on(const tokens *tk, size_t c)
{
    size_t k = c + 1;
    while (k < tk->n && k - c <= PHRASE_MAX && tk->t[k].type == TK_WORD)
        k++;
    return k + 1 < tk->n && tok_punct(tk, k, ":,") && tk->t[k + 1].type == TK_QUOTE;
}

/* “…” Cecelia Marsh, 67, a retired nurse in Port Ellis: a vox pop's
 * name and age after the quote, with no verb, name its speaker. */
static int name_age(reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t limit, name;
    bool ended;
    size_t i = after_quote(tk, qt, &limit, &ended);
    if (i >= limit || tk->t[i].type != TK_WORD || (tk->t[i].lex & LEX_PRON))
        return 0;
    size_t e = name_after_quote(tk, i, limit, &name);
    const tok *age = e + 2 < tk->n ? &tk->t[e + 1] : NULL;
    if (e < name + 2 || !age || !tok_punct(tk, e, ",") || age->type != TK_WORD || age->e - age->s > 3 ||
        (unsigned char)(tk->text[age->s] - '0') >= 10 || !tok_punct(tk, e + 2, ","))
        return 0;
    f->np_from = name;
    f->np_to = e;
    return refer_resolve(at, name, e, &f->who);
}

/* The attribution right after the closing mark: “…,” Raab said / said
 * Raab / he said / press secretary Lydia Fenn said. */
static int right_after(const reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t limit;
    bool ended;
    size_t i = after_quote(tk, qt, &limit, &ended);
    if (i >= limit || tk->t[i].type != TK_WORD)
        return 0;
    if ((tk->t[i].lex & LEX_INVERT) || tok_according(tk, i))
        return inverted_after(at, i, limit, f);
    /* “…,” Will wrote. / “…,” From said.: a capitalised word right before
     * the cue is a name, even one the lexicon knows as another word. */
    size_t from = i, v = i + 1, cue = i + 1;
    if (!(tk->t[i].flags & TF_CAP) || (tk->t[i].lex & LEX_PRON) || i + 1 >= limit || !tok_cue(tk, i + 1)) {
        size_t np_end = i, named;
        while (np_end < limit && np_end - i < PHRASE_MAX && phrase_word(tk, np_end))
            np_end++;
        from = np_end > i ? phrase_before(tk, np_end, i) : np_end;
        /* Lowercase title words may open it: “…,” press secretary Lydia Fenn said. */
        for (size_t k = i; k < from; k++)
            if (tk->t[k].flags & TF_CAP)
                return 0;
        cue = from < np_end ? cue_past_insertions(tk, np_end, limit, &named) : limit;
        if (cue == limit || (ended && leads_on(tk, cue)))
            return 0;
        for (v = np_end; v > from && phrase_skippable(tk, v - 1);)
            v--;
        if (named < cue && (tk->t[named].flags & TF_CAP) && phrase_before(tk, cue - 1, named) == named) {
            from = named;
            v = cue - 1;
        }
        /* “…,” her spokesman, Nate Bird, said: the name in apposition. */
        if (cue > np_end + 2 && tok_punct(tk, np_end, ",") && !(tk->t[np_end - 1].flags & TF_CAP) &&
            (tk->t[np_end + 1].flags & TF_CAP) && phrase_before(tk, cue - 1, np_end + 1) == np_end + 1) {
            from = np_end + 1;
            v = cue - 1;
        }
    }
    f->cue_from = cue;
    f->cue_to = cue + 1;
    f->np_from = from;
    f->np_to = v;
    /* “…,” the ferry workers chanted: a description right before its cue */
    return v == cue ? refer_resolve_described(at, from, v, &f->who) : refer_resolve(at, from, v, &f->who);
}

/* In "Delgado said the state had promised “…”" the quoted words are what
 * Delgado said: a verb of saying before the nearer cue c of another kind
 * names the speaker, when it names someone else (the nearer cue is the more
 * telling one for the same person: "He said ... and accused X of “…”"). */
static int reported_by(const reading *at, size_t ss, size_t c, size_t qt, found *f)
{
    for (size_t d = c; d-- > ss;) {
        /* Past a comma or a quote the earlier verb reports another clause
         * ("While Ruiz insisted the talks were “…,” her deputy told …"). */
        if (at->tk.t[d].type == TK_QUOTE || tok_punct(&at->tk, d, ","))
            return 0;
        if (at->tk.t[d].type != TK_WORD || !(at->tk.t[d].lex & LEX_INVERT) || !tok_cue(&at->tk, d))
            continue;
        found outer = {0};
        int rc = cue_speaker(at, d, ss, qt, &outer);
        if (rc == 0 && outer.who.name && strcmp(outer.who.name, f->who.name) != 0) {
            refer_clear(&f->who);
            *f = outer;
        } else {
            refer_clear(&outer.who);
        }
        return rc;
    }
    return 0;
}

/* How far back in its sentence a quote's cue is looked for, in tokens:
 * far enough for any sentence of news ("Ruiz, who …, said on Tuesday that
 * the plan, which …, was “…”"), and a bound, so that a sentence of ten
 * thousand quoted headlines costs no more than ten thousand sentences. */
#define RULES_CUE_REACH 80

/* A cue elsewhere in the quote's sentence: before it, or after it. */
static int in_sentence(reading *at, size_t qt, bool before, found *f)
{
    size_t ss = at->tk.t[qt].sent, se = tok_sentence_end(&at->tk, qt);
    if (before) {
        if (qt - ss > RULES_CUE_REACH)
            ss = qt - RULES_CUE_REACH;
        for (size_t c = qt; c-- > ss;) {
            if (at->tk.t[c].type == TK_QUOTE)
                continue;
            if ((tok_cue(&at->tk, c) || (at->tk.t[c].lex & LEX_CUE_ING) || tok_according(&at->tk, c))) {
                int rc = cue_speaker(at, c, ss, qt, f);
                if (rc)
                    return rc;
                if (!f->who.name)
                    continue;
                return (at->tk.t[c].lex & LEX_INVERT) ? 0 : reported_by(at, ss, c, qt, f);
            }
        }
        return 0;
    }
    for (size_t c = qt + 1; c < se; c++) {
        if (at->tk.t[c].type == TK_QUOTE)
            break;
        if (tok_cue(&at->tk, c) || tok_according(&at->tk, c))
            return cue_speaker(at, c, qt + 1, se, f);
    }
    return 0;
}

/* A quote standing alone in its paragraph, after a paragraph of narration
 * that introduces it: "Ortiz had a simple message for residents:" or, one
 * sentence long, "Fire Chief Lena Ortiz put it more bluntly." The subject
 * of that sentence speaks, when it names someone. */
static int introducing_paragraph(reading *at, size_t qt, found *f)
{
    if (qt < 3 || at->tk.t[qt - 1].type != TK_PARA)
        return 0;
    size_t after = qt + 1;
    while (after < at->tk.n && at->tk.t[after].type == TK_PUNCT)
        after++;
    if (after < at->tk.n && at->tk.t[after].type != TK_PARA)
        return 0; /* narration follows the quote: its own rules apply */
    size_t last = qt - 2, ss = at->tk.t[last].sent;
    bool colon = tok_punct(&at->tk, last, ":");
    if (!colon && !tok_punct(&at->tk, last, "."))
        return 0;
    size_t ps = last;
    while (ps > 0 && at->tk.t[ps - 1].type != TK_PARA) {
        if (at->tk.t[--ps].type == TK_QUOTE)
            return 0; /* a paragraph with a quote of its own is not an introduction */
    }
    if (!colon && ss != ps)
        return 0;
    /* "In her statement she wrote:": the verb of speech names the speaker. */
    for (size_t c = last; colon && c-- > ss;) {
        if (tok_cue(&at->tk, c)) {
            int rc = cue_speaker(at, c, ss, last, f);
            if (rc || f->who.name)
                return rc;
            break;
        }
    }
    int rc = cue_subject(at, last, f);
    /* Without a colon only a person by full name introduces: "Critics say
     * the plan is rushed." or "Markets took the news calmly." before a
     * quote attribute nothing. */
    if (rc == 0 && !colon && f->who.name && (f->who.kind != ENT_PERSON || !strchr(f->who.name, ' ')))
        refer_clear(&f->who);
    return rc;
}

/* Whether a verb of speech follows the quote at token qt (“…,” said …):
 * then its speaker is one this pass could not name, not the previous one. */
static bool cue_follows(const reading *at, size_t qt)
{
    size_t i = qt + 1;
    if (i < at->tk.n && tok_punct(&at->tk, i, ","))
        i++;
    return i < at->tk.n && at->tk.t[i].para == at->tk.t[qt].para && tok_cue(&at->tk, i);
}

/* Whether the quote at token qt continues the speech of the quote before:
 * in the same paragraph, or opening the paragraph right after it. */
static bool continues(const reading *at, size_t qt, size_t prev_qt)
{
    /* “Full confidence” was also the phrase used by…: a verb right after
     * the quote, in its sentence, makes it the subject of narration, no
     * continuation of a speech (but “We will —” he paused “— …”). */
    const tok *next = qt + 1 < at->tk.n ? &at->tk.t[qt + 1] : NULL;
    if (prev_qt == (size_t)-1 ||
        (next && next->type == TK_WORD && next->sent == at->tk.t[qt].sent && !(next->flags & TF_CAP) &&
         !(next->lex & (LEX_PRON | LEX_CUE | LEX_THE | LEX_DET))))
        return false;
    if (at->tk.t[prev_qt].para == at->tk.t[qt].para)
        return true;
    return qt > 0 && at->tk.t[qt - 1].type == TK_PARA && at->tk.t[prev_qt].para + 1 == at->tk.t[qt].para;
}

/* "Some context from our weather correspondent, Tom Reyes: “…”": a
 * person's full name right before the colon that opens the quote. */
static int name_before_colon(reading *at, size_t qt, found *f)
{
    refer_clear(&f->who);
    size_t ss = at->tk.t[qt].sent;
    if (qt < ss + 3 || !tok_punct(&at->tk, qt - 1, ":"))
        return 0;
    size_t b = phrase_before(&at->tk, qt - 1, ss);
    if (b + 2 > qt - 1 || !(at->tk.t[b].flags & TF_CAP))
        return 0;
    f->np_from = b;
    f->np_to = qt - 1;
    int rc = refer_resolve(at, b, qt - 1, &f->who);
    if (rc == 0 && f->who.name && (f->who.kind != ENT_PERSON || !strchr(f->who.name, ' ')))
        refer_clear(&f->who);
    return rc;
}

/* "Asked how she felt, Torres shrugged. “I was doing my job.”": the
 * person a question was put to, in the sentence just before, answers. */
static int asked_before(reading *at, size_t qt, found *f)
{
    refer_clear(&f->who);
    size_t ss = at->tk.t[qt].sent;
    if (ss == 0 || at->tk.t[ss - 1].para != at->tk.t[qt].para || at->tk.t[ss - 1].type == TK_QUOTE)
        return 0;
    size_t ps = at->tk.t[ss - 1].sent;
    if (!tok_is(&at->tk, ps, "asked"))
        return 0;
    phrase_subject(&at->tk, ps, ss, &f->np_from, &f->np_to);
    if (f->np_to == f->np_from)
        return 0;
    int rc = refer_resolve(at, f->np_from, f->np_to, &f->who);
    if (rc == 0 && f->who.name && f->who.kind != ENT_PERSON)
        refer_clear(&f->who);
    return rc;
}

/* ---- The rules as the table calls them ---------------------------------- */

/* “…,” Raab said / said Raab / he said: the cue is spent on this quote.
 * So too for a partial quote set off by a dash or a colon, which stands as
 * a sentence would: "Oslo denies it — “why not raise it?” asked Dunn." */
static int cue_after(reading *at, size_t qt, found *f)
{
    if (at->a->quotes[at->tk.t[qt].quote].kind == QUOTE_PARTIAL &&
        !(qt > 0 && (tok_dash(&at->tk, qt - 1) || tok_punct(&at->tk, qt - 1, ":"))))
        return 0;
    int rc = right_after(at, qt, f);
    if (rc == 0 && f->who.name)
        for (size_t c = f->cue_from; c < f->cue_to; c++)
            at->tk.t[c].flags |= TF_USED;
    return rc;
}

static int cue_before(reading *at, size_t qt, found *f)
{
    return in_sentence(at, qt, true, f);
}

/* A cue later in the sentence of a partial quote, spent on it. */
static int cue_later(reading *at, size_t qt, found *f)
{
    int rc = in_sentence(at, qt, false, f);
    if (rc == 0 && f->who.name)
        at->tk.t[f->cue_from].flags |= TF_USED;
    return rc;
}

/* “We will not wait” and cut the budget, Mr. Tate said. (or “…” about
 * the budget, said Ola Berg.): narration between a full quote and the
 * cue that ends its sentence, or its clause before an apposition. */
static int cue_ends_sentence(reading *at, size_t qt, found *f)
{
    int rc = in_sentence(at, qt, false, f);
    if (rc || !f->who.name)
        return rc;
    size_t k = f->np_to > f->cue_to ? f->np_to : f->cue_to, se = tok_sentence_end(&at->tk, qt);
    while (k < se && phrase_skippable(&at->tk, k))
        k++;
    if (k < se && !tok_punct(&at->tk, k, ".!,"))
        refer_clear(&f->who);
    else
        at->tk.t[f->cue_from].flags |= TF_USED;
    return 0;
}

/* A transcript's label in capitals ("BERG:") is the person the article
 * names with that word ("Ola Berg"). */
static int label_name(const reading *at, entity *who)
{
    if (!who->name)
        return 0;
    char word[64];
    size_t n = strlen(who->name);
    if (n >= sizeof word)
        return 0;
    for (size_t i = 0; i <= n; i++)
        word[i] = i > 0 && who->name[i] >= 'A' && who->name[i] <= 'Z' ? (char)(who->name[i] - 'A' + 'a') : who->name[i];
    const char *full = people_full_name(at->people, word, true);
    if (!full)
        return 0;
    refer_clear(who);
    return refer_set(who, strdup(full), ENT_PERSON, false);
}

/* A label naming who speaks, opening the quote's paragraph: a
 * transcript's "TATE: “…”", a headline's "Tom Reyes on the leak:
 * ‘Shameful’" or "Reyes: Board Would Sink Ferry, ‘We Fear the Worst’":
 * capitalised words, perhaps "on" what, then a colon before the quote.
 * The paragraph's start is looked for near the quote only, so a long
 * paragraph costs nothing more. */
static int label(reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t p = qt;
    while (p > 0 && qt - p < 40 && tk->t[p - 1].type != TK_PARA)
        p--;
    if (p > 0 && tk->t[p - 1].type != TK_PARA)
        return 0;
    size_t r = p;
    /* "CNN President On Trump:": a headline's capitalised "On" is no name. */
    while (r < qt && r - p < 4 && tk->t[r].type == TK_WORD && (tk->t[r].flags & TF_CAP) &&
           !(tk->t[r].lex & LEX_LINK))
        r++;
    size_t k = r;
    if (r < qt && tok_is(tk, r, "on"))
        while (k < qt && k - r < 8 && !tok_punct(tk, k, ":"))
            k++;
    if (r == p || k >= qt || !tok_punct(tk, k, ":"))
        return 0;
    for (size_t q = k + 1; q < qt; q++)
        if (tk->t[q].type == TK_QUOTE)
            return 0; /* "Ruiz: “…” Berg: “…”": the label is the first quote's */
    f->np_from = p;
    f->np_to = r;
    int rc = refer_resolve(at, p, r, &f->who);
    if (rc == 0 && f->who.name && f->who.kind != ENT_PERSON && f->who.kind != ENT_BODY)
        refer_clear(&f->who);
    return rc ? rc : r == p + 1 && tok_all_caps(tk, p) ? label_name(at, &f->who) : 0;
}

/* "The mayor weighed in: “…”", "Ruiz proclaimed at a rally, “…”": the
 * subject of the clause that opens the quote, whose verb is no cue
 * ("Asked if…, Grieve smiled:"). After a comma only someone named, not
 * "The sign on the door read, “Closed.”". */
static int opening_clause(reading *at, size_t qt, found *f)
{
    bool colon = qt > at->tk.t[qt].sent && tok_punct(&at->tk, qt - 1, ":");
    bool comma = qt > at->tk.t[qt].sent + 2 && tok_punct(&at->tk, qt - 1, ",");
    if (!colon && !comma)
        return 0;
    int rc = cue_subject(at, qt, f);
    if (rc == 0 && comma && f->who.name && f->who.kind != ENT_PERSON && f->who.kind != ENT_BODY)
        refer_clear(&f->who);
    return rc;
}

/* "As the Courier reported, “…”", "As Nora Quill put it, “…”": a clause
 * opening its sentence with "As" whose verb, any verb, stands right
 * before the comma that opens the quote: its subject speaks. */
static int as_clause(reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t ss = tk->t[qt].sent;
    if (qt < ss + 4 || !tok_is(tk, ss, "as") || !tok_punct(tk, qt - 1, ",:"))
        return 0;
    size_t v = qt - 2 - tok_is(tk, qt - 2, "it");
    if (tk->t[v].type != TK_WORD || (tk->t[v].flags & TF_CAP) || v <= ss + 1)
        return 0;
    size_t to = phrase_after(tk, ss + 1, v), end = to;
    /* "As Ana Ruiz, the council's No. 2, put it:" */
    if (to > ss + 1 && to < v && tok_punct(tk, to, ","))
        end = phrase_insertion_after(tk, to, v);
    while (end < v && phrase_skippable(tk, end))
        end++;
    if (end != v || to - (ss + 1) > PHRASE_MAX)
        return 0;
    f->np_from = ss + 1;
    f->np_to = to;
    f->cue_from = v;
    f->cue_to = v + 1;
    return refer_resolve(at, ss + 1, to, &f->who);
}

/* "Calling Berg “a fair partner,” Ruiz scolded the board": a quote in a
 * participle clause opening its sentence belongs to the subject of the
 * main clause after it. */
static int participle_clause(reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t ss = tk->t[qt].sent, se = tok_sentence_end(tk, qt);
    const tok *w = &tk->t[ss];
    if (qt <= ss || qt - ss > 25 || w->type != TK_WORD || !(w->flags & TF_CAP) || w->e - w->s < 5 ||
        memcmp(tk->text + w->e - 3, "ing", 3) != 0)
        return 0;
    /* The participle clause ends at its first comma, inside the quote
     * (“a fair partner,”) or after it; one before the quote puts the
     * quote in the main clause. */
    size_t k = ss + 1, head = 0;
    while (k < qt && !tok_punct(tk, k, ","))
        k++;
    if (k < qt)
        return 0;
    const quote *q = &at->a->quotes[tk->t[qt].quote];
    if (q->end > q->start && tk->text[q->end - 1] == ',')
        head = qt + 1;
    for (k = qt + 1; !head && k < se && k - qt < 12; k++)
        if (tok_punct(tk, k, ","))
            head = k + 1;
    size_t to = head && head < se ? phrase_subject_end(tk, head, se) : 0;
    /* A subject, then a lowercase verb: "Ruiz scolded". */
    if (to <= head || to >= se || tk->t[to].type != TK_WORD || (tk->t[to].flags & TF_CAP))
        return 0;
    f->np_from = head;
    f->np_to = to;
    return refer_resolve(at, head, to, &f->who);
}

/* Whether token k opens a clause of its own within a sentence: a
 * conjunction after a comma (", while", ", but") or after a semicolon. */
static bool clause_opener(const tokens *tk, size_t k)
{
    static const char *const words[] = {"while", "but", "whereas", "although", "though", "yet"};
    if (k == 0 || !tok_punct(tk, k - 1, ",;"))
        return false;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (tok_is(tk, k, words[i]))
            return true;
    return false;
}

/* A partial quote woven into narration: the person who is the subject of
 * its clause ("The board met Ruiz, while Berg calls the chair “the
 * captain.”" is Berg's), else the subject of its sentence. */
static int subject(reading *at, size_t qt, found *f)
{
    const tokens *tk = &at->tk;
    size_t ss = tk->t[qt].sent;
    for (size_t k = qt; k-- > ss + 1 && qt - k < 30 && tk->t[k].type != TK_QUOTE;) {
        if (!clause_opener(tk, k))
            continue;
        size_t to = phrase_subject_end(tk, k + 1, qt);
        /* A name, then a lowercase word: "Berg calls". */
        if (to > k + 1 && to < qt && (tk->t[k + 1].flags & TF_CAP) && tk->t[to].type == TK_WORD &&
            !(tk->t[to].flags & TF_CAP)) {
            f->np_from = k + 1;
            f->np_to = to;
            int rc = refer_resolve(at, k + 1, to, &f->who);
            if (rc || (f->who.name && f->who.kind == ENT_PERSON))
                return rc;
            refer_clear(&f->who);
        }
        break;
    }
    return cue_subject(at, qt, f);
}

/* The speech of the quote before goes on: its speaker, a little less sure. */
static int continuation(reading *at, size_t qt, found *f)
{
    if (at->prev == SIZE_MAX)
        return 0;
    const quote *prev = &at->a->quotes[at->tk.t[at->prev].quote];
    if (!prev->speaker || !continues(at, qt, at->prev) || cue_follows(at, qt))
        return 0;
    f->again = true;
    f->confidence = prev->confidence * 0.85f;
    return refer_set(&f->who, strdup(prev->speaker), ENT_PERSON, false);
}

const rule rules[] = {
    {"cue-after", RULE_FULL | RULE_PARTIAL, 0.95f, cue_after, "named by the cue after the quote"},
    {"signed", RULE_FULL, 0.9f, signed_by, "signed with a dash after the quote"},
    {"verb-after", RULE_FULL, 0.85f, verb_after, "named after the quote, with a verb of its own"},
    {"name-age", RULE_FULL, 0.8f, name_age, "the name and age after the quote"},
    {"cue-before", RULE_FULL | RULE_PARTIAL, 0.85f, cue_before, "named by a cue before it in its sentence"},
    {"participle", RULE_FULL | RULE_PARTIAL, 0.75f, participle_clause, "the subject of the clause after the participle holding it"},
    {"as-clause", RULE_FULL | RULE_PARTIAL, 0.8f, as_clause, "the subject of the “As … put it,” before it"},
    {"cue-later", RULE_PARTIAL, 0.8f, cue_later, "named by a cue later in its sentence"},
    {"cue-ends", RULE_FULL, 0.8f, cue_ends_sentence, "named by the cue that ends its sentence"},
    {"name-colon", RULE_FULL, 0.8f, name_before_colon, "the name before the colon that opens it"},
    {"label", RULE_FULL, 0.7f, label, "the label that opens its paragraph (NAME: …)"},
    {"opening-clause", RULE_FULL, 0.7f, opening_clause, "the subject of the clause that opens it"},
    {"subject", RULE_PARTIAL, 0.6f, subject, "the subject of its sentence"},
    {"introduced", RULE_FULL, 0.6f, introducing_paragraph, "introduced by the paragraph before"},
    {"asked", RULE_FULL, 0.6f, asked_before, "the one asked in the sentence before"},
    {"continues", RULE_FULL | RULE_PARTIAL, 0.0f, continuation, "continues the speech before"},
};
const size_t rules_count = sizeof rules / sizeof rules[0];

const char *rule_says(const char *name)
{
    for (size_t i = 0; name && i < rules_count; i++)
        if (!strcmp(rules[i].name, name))
            return rules[i].says;
    return NULL;
}
