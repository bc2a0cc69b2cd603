/*
 * refer.c: resolving attributing phrases to speakers (refer.h).
 *
 * Reading back is bounded: 16 sentences for a subject, 2,000 tokens for
 * the description that introduced a role, REFER_HISTORY speakers.
 * A phrase that refers back (he, it, the 45-year-old, one of them) is
 * never itself what another one refers back to, which also keeps
 * resolving from recursing.
 */
#include "refer.h"

#include "given.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Either sex: what "the 45-year-old" asks of the person it stands for. */
#define GENDER_ANY (LEX_MALE | LEX_FEMALE)

typedef enum { ANA_NONE, ANA_PRONOUN, ANA_IT, ANA_AGE, ANA_ONE } anaphor_kind;

void refer_clear(entity *e)
{
    free(e->name);
    e->name = NULL;
}

/* Whether the sex an entity is known to have rules out `gender`. */
static bool other_sex(const entity *e, unsigned gender)
{
    return gender && e->gender && !(e->gender & gender);
}

/* Whether an entity can be what a pronoun stands for: "he"/"she" (whose
 * sex is `gender`, 0 for "they") a person or a singular anonymous source of
 * no other known sex; "they" a body, a group or an anonymous source. */
static bool fits_pronoun(const entity *e, unsigned gender)
{
    if (!gender)
        return e->kind == ENT_ANON || e->kind == ENT_BODY || e->plural;
    /* never two people named together ("Ann Lee and Bo Chan") */
    return ((e->kind == ENT_PERSON || e->kind == ENT_ANON) && !e->plural) && !other_sex(e, gender);
}

/* The most recent speaker that a pronoun or role can stand for. */
static const entity *recent(const reading *at, unsigned gender, const char *role_head)
{
    const entity *fallback = NULL;
    for (size_t k = 0; k < at->n_hist && k < REFER_HISTORY; k++) {
        const entity *e = &at->hist[(at->n_hist - 1 - k) % REFER_HISTORY];
        if (role_head) {
            if ((e->kind == ENT_ANON || e->kind == ENT_ROLE) && strstr(e->name, role_head))
                return e;
            continue;
        }
        /* he/she: a person, or a singular anonymous source ("a spokeswoman");
         * they: a body, a group or an anonymous source. */
        if (fits_pronoun(e, gender))
            return e;
        if (!fallback && !other_sex(e, gender))
            fallback = e;
    }
    return role_head ? NULL : fallback;
}

int refer_set(entity *out, char *name, ent_kind kind, bool plural)
{
    if (!name)
        return -ENOMEM;
    *out = (entity){name, kind, plural, 0, PARA_NONE};
    return 0;
}

static int copy_entity(entity *out, const entity *from)
{
    char *name = strdup(from->name);
    int rc = refer_set(out, name, from->kind, from->plural);
    out->gender = from->gender;
    return rc;
}

/* The description that introduced the agent noun at token `head` earlier
 * in the article ("A spokeswoman for Ng declined ..." for a later "the
 * spokeswoman"), as a new string, or NULL. */
static char *introduced(const reading *at, size_t before, size_t head)
{
    const tok *h = &at->tk.t[head];
    for (size_t k = before; k-- > 0 && before - k < 2000;) {
        const tok *w = &at->tk.t[k];
        if (w->type != TK_WORD || w->e - w->s != h->e - h->s ||
            strncasecmp(at->tk.text + w->s, at->tk.text + h->s, h->e - h->s) != 0)
            continue;
        size_t d = k;
        while (d > 0 && k - d < 4 && !(at->tk.t[d].lex & LEX_DET) && phrase_word(&at->tk, d - 1))
            d--;
        if (at->tk.t[d].lex & LEX_DET) {
            size_t e = phrase_after(&at->tk, d, at->tk.n);
            if (e > k)
                return phrase_describe(&at->tk, d, e);
        }
    }
    return NULL;
}

/* Whether the phrase [from, to) stands for someone named before it: he,
 * it, the 45-year-old, one of them, a lone "One". Such a phrase is never
 * itself what another one refers back to, which also keeps resolving
 * from recursing. */
static anaphor_kind anaphor(const reading *at, size_t from, size_t to)
{
    size_t n = to - from;
    if (n == 1 && tok_is(&at->tk, from, "it"))
        return ANA_IT;
    if (n == 1 && ((at->tk.t[from].lex & LEX_PRON) || tok_is(&at->tk, from, "him") || tok_is(&at->tk, from, "them")))
        return ANA_PRONOUN; /* "quoted him as saying" */
    if (n == 2 && (at->tk.t[from].lex & LEX_THE) && tok_age(&at->tk, from + 1))
        return ANA_AGE;
    if ((n == 1 && tok_is(&at->tk, from, "one")) ||
        (n == 3 && tok_is(&at->tk, from, "one") && tok_is(&at->tk, from + 1, "of") &&
         (tok_is(&at->tk, from + 2, "them") || tok_is(&at->tk, from + 2, "those"))))
        return ANA_ONE;
    return ANA_NONE;
}

/* The person a one-sentence paragraph of narration introduces before the
 * one being attributed ("Harbourmaster Eli Stone was less sure." then
 * "“…,” he said."): its subject, when it is a person named in full who fits
 * the pronoun. */
static int introducing_subject(const reading *at, unsigned gender, entity *out)
{
    out->name = NULL;
    size_t k = at->cur;
    while (k > 0 && at->tk.t[k - 1].type != TK_PARA)
        k--;
    if (k < 2)
        return 0;
    size_t pe = k - 1, ps = pe; /* the TK_PARA ending the paragraph before */
    while (ps > 0 && at->tk.t[ps - 1].type != TK_PARA)
        if (at->tk.t[--ps].type == TK_QUOTE)
            return 0;
    size_t ss = at->tk.t[pe - 1].sent;
    if (ps == pe || ss != ps)
        return 0; /* empty, or more than one sentence: no introduction */
    size_t cs, sj;
    phrase_subject(&at->tk, ss, pe, &cs, &sj);
    if (sj == cs || anaphor(at, cs, sj))
        return 0;
    int rc = refer_resolve(at, cs, sj, out);
    /* By full name: "Markets took the news calmly." introduces nobody. */
    if (rc == 0 && out->name &&
        (out->kind != ENT_PERSON || !strchr(out->name, ' ') || !fits_pronoun(out, gender)))
        refer_clear(out);
    return rc;
}

/* "Mayor Ann Lee and her deputy, Bo Chan,": two people joined by "and"
 * in the subject opening at c0, whom "they" stands for; the second as
 * subject_of read it ([cs, sj), its apposition). Sets *out to "Ann Lee
 * and Bo Chan", or leaves it NULL. */
static int joined_subject(const reading *at, size_t c0, size_t end, size_t cs, size_t sj, entity *out)
{
    out->name = NULL;
    size_t s0 = phrase_subject_end(&at->tk, c0, end), join = c0;
    while (join < s0 && !tok_is(&at->tk, join, "and"))
        join++;
    if (join == c0 || join >= s0)
        return 0;
    entity a = {0}, b = {0};
    int rc = refer_resolve(at, c0, join, &a);
    if (rc == 0)
        rc = cs > join ? refer_resolve(at, cs, sj, &b) : refer_resolve(at, join + 1, s0, &b);
    if (rc == 0 && a.name && b.name && a.kind == ENT_PERSON && b.kind == ENT_PERSON) {
        char *name = malloc(strlen(a.name) + strlen(b.name) + sizeof " and ");
        if (name)
            sprintf(name, "%s and %s", a.name, b.name);
        rc = refer_set(out, name, ENT_ANON, true);
    }
    refer_clear(&a);
    refer_clear(&b);
    return rc;
}

/* Whether the subject [cs, sj) of the clause opening at token ss names
 * what a pronoun of sex `gender` stands for; sets *out when it does.
 * `far`: the clause lies in an earlier paragraph. */
static int clause_subject(const reading *at, size_t ss, size_t end, unsigned gender, bool far,
                          entity *out, size_t *sj_out)
{
    size_t cs, sj;
    phrase_subject(&at->tk, ss, end, &cs, &sj);
    *sj_out = sj;
    if (sj == cs || anaphor(at, cs, sj))
        return 0;
    if (!gender) {
        int rc = joined_subject(at, phrase_clause_start(&at->tk, ss, end), end, cs, sj, out);
        if (rc || out->name)
            return rc;
    }
    int rc = refer_resolve(at, cs, sj, out);
    /* From an earlier paragraph, a lone word capitalised because it opens
     * the sentence ("Damage was widespread."), which the article names
     * nobody by, is no one a pronoun stands for (but "His wife, Morag,
     * is" names her, and a surname alone may open the pronoun's own
     * paragraph). */
    if (far && rc == 0 && out->name && out->kind == ENT_PERSON && !strchr(out->name, ' ') &&
        at->tk.t[cs].sent == cs && !people_full_name(at->people, out->name, false)) {
        refer_clear(out);
        return 0;
    }
    /* Within the paragraph a role is as good as a name: "Trump's
     * running mate said … “…,” he said." (but "the court" is no "she"). */
    if (rc || (out->name && (fits_pronoun(out, gender) ||
                             (gender && out->kind == ENT_ROLE && !out->plural &&
                              !other_sex(out, gender) && !(at->tk.t[sj - 1].lex & LEX_BODY)))))
        return rc;
    refer_clear(out);
    return 0;
}

/* The subject of an earlier sentence that a pronoun can stand for, in its
 * own paragraph or further back. */
static int earlier_subject(const reading *at, unsigned gender, bool same_para, entity *out)
{
    out->name = NULL;
    size_t s = at->tk.t[at->cur].sent;
    for (int back = 0; back < 16 && s > 0 &&
                       (!same_para || at->tk.t[s - 1].para == at->tk.t[at->cur].para); back++) {
        s = at->tk.t[s - 1].sent;
        size_t end = tok_sentence_end(&at->tk, s), sj;
        bool far = at->tk.t[s].para != at->tk.t[at->cur].para;
        int rc = clause_subject(at, s, end, gender, far, out, &sj);
        if (rc || out->name)
            return rc;
        /* "The court heard that the first mate, Kay Doran, had raised
         * concerns.": the subject of what was heard or said. */
        for (size_t k = sj; k < end && k < sj + 4 && at->tk.t[k].type == TK_WORD; k++)
            if (tok_is(&at->tk, k, "that") &&
                ((rc = clause_subject(at, k + 1, end, gender, far, out, &sj)) || out->name))
                return rc;
    }
    return 0;
}

/* The name of the organisation that a later "the ministry" stands for:
 * the nearest capitalised name before it holding that word ("The Ministry
 * of Trade issued a statement."), as a new string, or NULL. */
static char *named_body(const reading *at, size_t before, size_t head)
{
    const tok *h = &at->tk.t[head];
    for (size_t k = before; k-- > 0 && before - k < 2000;) {
        const tok *w = &at->tk.t[k];
        if (w->type != TK_WORD || !(w->flags & TF_CAP) || w->e - w->s != h->e - h->s ||
            strncasecmp(at->tk.text + w->s, at->tk.text + h->s, h->e - h->s) != 0)
            continue;
        size_t a = k, b = k + 1;
        while (a > 0 && at->tk.t[a - 1].type == TK_WORD && (at->tk.t[a - 1].flags & TF_CAP) &&
               !(at->tk.t[a - 1].lex & (LEX_THE | LEX_DET | LEX_FRONT | LEX_OPENER)))
            a--;
        while (b + 1 < at->tk.n && at->tk.t[b].type == TK_WORD &&
               ((at->tk.t[b].flags & TF_CAP) || ((at->tk.t[b].lex & LEX_LINK) && (at->tk.t[b + 1].flags & TF_CAP))))
            b++;
        return b - a > 1 ? tok_dup(&at->tk, a, b) : NULL;
    }
    return NULL;
}

/* The one person of sex `gender` (known, not merely possible) that the
 * sentence before names anywhere in it: "Ana Ruiz met Tomas Berg. “…,”
 * he said." is Berg. Sets nothing when it names none or several. */
static int named_before(const reading *at, unsigned gender, entity *out)
{
    out->name = NULL;
    size_t s = at->tk.t[at->cur].sent;
    if (s == 0 || (gender != LEX_MALE && gender != LEX_FEMALE))
        return 0;
    size_t last = s - 1, n = 0; /* past the break that ends a paragraph */
    while (last > 0 && at->tk.t[last].type == TK_PARA)
        last--;
    size_t ps = at->tk.t[last].sent;
    if (at->tk.t[ps].para + 1 < at->tk.t[at->cur].para || phrase_byline(&at->tk, ps))
        return 0; /* "By Nora Quill" above "“…,” she said." is the writer */
    for (size_t a = ps; a < s && n < 2;) {
        size_t b = a;
        while (b < s && at->tk.t[b].type == TK_WORD && (at->tk.t[b].flags & TF_CAP) &&
               !(at->tk.t[b].flags & TF_POSS))
            b++;
        entity e = {0};
        /* Names only: a pronoun here ("I", a "He" after a quote) would
         * refer back in its turn. */
        bool name = (b > a + 1 || (b == a + 1 && a > ps)) && !anaphor(at, a, b);
        int rc = name ? refer_resolve(at, a, b, &e) : 0;
        if (rc)
            return rc;
        if (e.name && e.kind == ENT_PERSON && e.gender == gender && (!out->name || strcmp(out->name, e.name))) {
            n++;
            refer_clear(out);
            *out = e;
        } else {
            refer_clear(&e);
        }
        a = b > a ? b : a + 1;
    }
    if (n != 1)
        refer_clear(out);
    return 0;
}

/* Whom a pronoun of sex `gender` (0 for "they", GENDER_ANY for "the
 * 45-year-old") stands for. Who the paragraph is about ("Councilman Hill
 * was less impressed. “…,” he said."), else the one person of that sex
 * the sentence before names, then who spoke earlier in the paragraph,
 * then who the paragraph before alone introduced, then who spoke last;
 * failing all, who an earlier paragraph was about. */
static int refer_back(const reading *at, unsigned gender, entity *out)
{
    int rc = earlier_subject(at, gender, true, out);
    if (rc || out->name)
        return rc;
    if ((rc = named_before(at, gender, out)) || out->name)
        return rc;
    /* Who spoke earlier in this paragraph outranks whom the paragraph
     * before introduced. */
    const entity *e = recent(at, gender, NULL);
    if (e && e->para == at->tk.t[at->cur].para)
        return copy_entity(out, e);
    rc = introducing_subject(at, gender, out);
    if (rc || out->name)
        return rc;
    if (e)
        return copy_entity(out, e);
    return earlier_subject(at, gender, false, out);
}

/* Whom "it" stands for: the organisation that is the subject of the
 * nearest sentence before with a subject other than a pronoun. When that
 * subject is anything else ("A report by auditors was damning. “…,” it
 * said.") "it" names nobody we know. */
static int refer_back_it(const reading *at, entity *out)
{
    out->name = NULL;
    size_t s = at->tk.t[at->cur].sent;
    for (int back = 0; back < 16 && s > 0; back++) {
        s = at->tk.t[s - 1].sent;
        size_t cs, sj;
        phrase_subject(&at->tk, s, tok_sentence_end(&at->tk, s), &cs, &sj);
        if (sj > cs && anaphor(at, cs, sj))
            continue;
        int rc = sj > cs ? refer_resolve(at, cs, sj, out) : 0;
        /* A name of no known sex is a company's ("Western Power says…"). */
        if (rc == 0 && out->name && out->kind == ENT_PERSON && !out->gender && (at->tk.t[sj - 1].flags & TF_CAP))
            out->kind = ENT_BODY;
        if (rc == 0 && out->name && out->kind != ENT_BODY)
            refer_clear(out);
        return rc;
    }
    return 0;
}

/* "one of them": one of the group that "they" would stand for, named as
 * "one of two teachers"; NULL name when the group is not known. */
static int one_of_them(const reading *at, entity *out)
{
    int rc = refer_back(at, 0, out);
    if (rc || !out->name)
        return rc;
    if (out->kind != ENT_ANON || !out->plural) {
        refer_clear(out);
        return 0;
    }
    char *name = malloc(strlen(out->name) + sizeof "one of ");
    if (name)
        sprintf(name, "one of %s", out->name);
    refer_clear(out);
    return refer_set(out, name, ENT_ANON, false);
}

/* What a resolver below returns when the phrase is not of its kind, so
 * that resolve_phrase tries the next (0 and -ENOMEM mean it decided). */
#define RESOLVE_NEXT 1

static int resolve_phrase(const reading *at, size_t from, size_t to, entity *out);

/* A phrase that refers back: he, it, the 45-year-old, one of them. */
static int resolve_anaphor(const reading *at, size_t from, size_t to, entity *out)
{
    switch (anaphor(at, from, to)) {
    case ANA_IT:
        return refer_back_it(at, out);
    case ANA_PRONOUN:
        return refer_back(at, at->tk.t[from].lex & (LEX_MALE | LEX_FEMALE), out);
    case ANA_AGE: /* "the 45-year-old": whoever a pronoun of either sex would be */
        return refer_back(at, GENDER_ANY, out);
    case ANA_ONE: /* "one of them", "One, who declined to give her name,": one of the group */
        return one_of_them(at, out);
    case ANA_NONE:
        break;
    }
    return RESOLVE_NEXT;
}

/* A phrase that describes rather than names: "a spokesman", "the Foreign
 * Office", "Critics say", "Local businesses said". */
static int resolve_description(const reading *at, size_t from, size_t to, bool plural, entity *out)
{
    const tok *first = &at->tk.t[from], *last = &at->tk.t[to - 1];
    if (first->lex & LEX_DET)
        return refer_set(out, phrase_describe(&at->tk, from, to), ENT_ANON, plural);
    if (first->lex & LEX_THE) {
        size_t k = from + 1;
        while (k < to && ((at->tk.t[k].flags & TF_CAP) || (at->tk.t[k].lex & LEX_LINK)))
            k++;
        if (k == to && to - from > 1 && (last->flags & TF_CAP)) /* the Foreign Office */
            return refer_set(out, tok_dup(&at->tk, from + 1, to), ENT_BODY, false);
    }
    /* "Critics say", "Officials said": a common word capitalised because it
     * opens the sentence describes people; it is nobody's name. (Followed
     * by another word, "Officials close to the talks", it is a phrase cut
     * short, which the speakers heard describe better.) */
    if (to - from == 1 && (first->lex & (LEX_ROLE | LEX_PLURAL)) &&
        !(first->lex & (LEX_TITLE | LEX_BODY)) && first->sent == from && to < at->tk.n &&
        (tok_cue(&at->tk, to) || (at->tk.t[to].lex & LEX_AUX)))
        return refer_set(out, phrase_describe(&at->tk, from, to), ENT_ANON, plural);
    /* "Local businesses said", "Many parents say": the sentence's capital
     * on the first of lowercase words ending in a plural is no name (but
     * "Ruiz supporters" keeps the name the article gave). */
    if (to - from > 1 && first->sent == from && (first->flags & TF_CAP) && !(first->flags & TF_POSS) &&
        !(first->lex & (LEX_TITLE | LEX_THE)) && tok_plural_noun(&at->tk, to - 1)) {
        bool lower = true;
        for (size_t k = from + 1; k < to && lower; k++)
            lower = at->tk.t[k].type == TK_WORD && !(at->tk.t[k].flags & TF_CAP);
        char *head = lower ? tok_dup(&at->tk, from, from + 1) : NULL;
        bool named = head && people_full_name(at->people, head, true);
        free(head);
        if (lower && !named) {
            char *name = tok_dup(&at->tk, from, to);
            if (name && name[0] >= 'A' && name[0] <= 'Z')
                name[0] = (char)(name[0] - 'A' + 'a');
            return refer_set(out, name, ENT_ANON, true);
        }
    }
    return RESOLVE_NEXT;
}

/* Titles alone ("Minister", "Foreign Secretary"): the person the article
 * gave that title, else the title. */
static int resolve_titles(const reading *at, size_t from, size_t to, entity *out)
{
    /* "King said": a title word that is the surname of a person the
     * article names in full ("Rep. Peter King") is that person. */
    if (to == from + 1 && (at->tk.t[from].flags & TF_CAP)) {
        char *word = tok_dup(&at->tk, from, to);
        const char *full = word ? people_full_name(at->people, word, false) : NULL;
        free(word);
        if (full)
            return refer_set(out, strdup(full), ENT_PERSON, false);
    }
    char *role = tok_dup_lower(&at->tk, from, to);
    const char *person = role ? people_titled(at->people, role) : NULL;
    if (person) {
        free(role);
        return refer_set(out, strdup(person), ENT_PERSON, false);
    }
    return refer_set(out, role, ENT_ROLE, false);
}

/* The name [ns, to) after the titles [from, ns): the full name the article
 * uses for it ("Ruiz" -> "Ana Ruiz"), else itself, a person or a body. */
static int resolve_name(const reading *at, size_t from, size_t ns, size_t to, entity *out)
{
    char *name = tok_dup(&at->tk, ns, to);
    if (!name)
        return -ENOMEM;
    const char *full = people_full_name(at->people, name, true);
    /* "Ms. Okafor" in an article with a Mr. Okafor too: the one full
     * name may be his; the title, as written, says whom it means. */
    unsigned titled = 0;
    for (size_t k = from; k < ns; k++)
        titled |= (at->tk.t[k].lex & LEX_TITLE) ? at->tk.t[k].lex & (LEX_MALE | LEX_FEMALE) : 0;
    if (full && titled && people_sexes(at->people, name) == (LEX_MALE | LEX_FEMALE)) {
        free(name);
        int rc = refer_set(out, tok_dup(&at->tk, ns - 1, to), ENT_PERSON, false);
        out->gender = titled;
        return rc;
    }
    if (full) {
        free(name);
        return refer_set(out, strdup(full), ENT_PERSON, false);
    }
    bool body = (at->tk.t[to - 1].lex & (LEX_BODY | LEX_PLACE)) != 0;
    for (size_t k = ns; k < to && !body; k++)
        body = at->tk.text[at->tk.t[k].s] == '&'; /* Morgan & Finch */
    return refer_set(out, name, body ? ENT_BODY : ENT_PERSON, false);
}

/* A phrase ending in a capital: a name, perhaps after titles and before
 * where its bearer is from, or titles alone. */
static int resolve_capitalised(const reading *at, size_t from, size_t to, entity *out)
{
    const tok *first = &at->tk.t[from];
    /* "the mayor of Port Ellis" describes someone; Port Ellis is not
     * speaking (but "the former health secretary Jon Marsh" is named). */
    bool described = false;
    if ((first->lex & LEX_THE) && (at->tk.t[from + 1].lex & (LEX_ROLE | LEX_TITLE)))
        for (size_t k = from + 1; k + 1 < to && !(at->tk.t[k].flags & TF_CAP) && !described; k++)
            described = (at->tk.t[k + 1].lex & LEX_LINK) != 0;
    if (!(at->tk.t[to - 1].flags & TF_CAP) || described)
        return RESOLVE_NEXT;
    if (to - from == 1 && (first->lex & LEX_TIME))
        return 0; /* "Sunday": a day speaks for nobody */
    /* "Rep. Tom Hale of Ohio", "Amara Nwosu of the Kintampo Health
     * Institute": a name, then where its bearer is from (but "Ministry
     * of Trade", "Secretary of State Ana Ruiz"). */
    for (size_t k = from + 2; k + 1 < to; k++)
        if ((tok_is(&at->tk, k, "of") || tok_is(&at->tk, k, "from")) &&
            ((at->tk.t[k + 1].flags & TF_CAP) ||
             (k + 2 < to && (at->tk.t[k + 1].lex & LEX_THE) && (at->tk.t[k + 2].flags & TF_CAP))) &&
            phrase_name_start(&at->tk, from, k) + 2 <= k && !(at->tk.t[k - 1].lex & (LEX_BODY | LEX_TITLE)))
            return resolve_phrase(at, from, k, out);
    size_t ns = phrase_name_start(&at->tk, from, to);
    /* "Rival Hillary Clinton said", where the article writes "her rival". */
    if (ns == from && ns + 1 < to && phrase_opener_only(&at->tk, at->people, ns, true))
        ns++;
    /* "Hastily, …", "Reached by phone, …": a lone word capitalised only as
     * it opens its sentence, never so elsewhere and written in lowercase
     * there ("acted hastily"), names nobody (but "Will said", a given name). */
    if (ns == from && ns + 1 == to && phrase_opener_only(&at->tk, at->people, ns, true) &&
        !given_sex(at->tk.text + at->tk.t[ns].s, at->tk.t[ns].e - at->tk.t[ns].s)) {
        char *word = tok_dup(&at->tk, ns, to);
        bool known = word && people_full_name(at->people, word, true);
        free(word);
        if (!known)
            return 0;
    }
    return ns == to ? resolve_titles(at, from, to, out) : resolve_name(at, from, ns, to, out);
}

/* The company a later "the company" or "the firm" stands for when no
 * name holds that word: the nearest name before ending in a company's
 * suffix ("Harbour Logistics Ltd. cut 200 jobs."), as a new string, or NULL. */
static char *named_firm(const reading *at, size_t before, size_t head)
{
    if (!tok_is(&at->tk, head, "company") && !tok_is(&at->tk, head, "firm"))
        return NULL;
    for (size_t k = before; k-- > 0 && before - k < 2000;) {
        const tok *w = &at->tk.t[k];
        if (w->type != TK_WORD || !(w->flags & TF_CAP) || !(w->lex & LEX_FIRM))
            continue;
        size_t a = k;
        while (a > 0 && at->tk.t[a - 1].type == TK_WORD && (at->tk.t[a - 1].flags & TF_CAP) &&
               !(at->tk.t[a - 1].lex & (LEX_THE | LEX_DET | LEX_FRONT | LEX_OPENER)))
            a--;
        return k > a ? tok_dup(&at->tk, a, k + 1) : NULL;
    }
    return NULL;
}

/* "the spokeswoman", "the minister": someone already introduced (whose
 * age, "the 45-year-old coach", the role need not repeat), the person the
 * article gave the title, the description that introduced the agent, the
 * body named before, else the role itself. */
static int resolve_role(const reading *at, size_t from, size_t to, bool plural, entity *out)
{
    const tok *last = &at->tk.t[to - 1];
    size_t rs = from + 1 + (to - from > 2 && tok_age(&at->tk, from + 1)), h = rs;
    /* The head noun comes before any "of" or "from": "the mayor of Port Ellis". */
    while (h + 1 < to && !(at->tk.t[h + 1].lex & LEX_LINK))
        h++;
    const tok *head = &at->tk.t[h];
    char *role = tok_dup_lower(&at->tk, rs, to);
    if (!role)
        return -ENOMEM;
    const entity *e = recent(at, 0, role);
    if (e && plural && !e->plural) /* "the supporters" are not "one of the supporters" */
        e = NULL;
    const char *person = e ? NULL : people_titled(at->people, role);
    char *intro = e || person || !(head->lex & LEX_AGENT) ? NULL : introduced(at, from, h);
    char *body = e || person || intro || !(last->lex & LEX_BODY) ? NULL : named_body(at, from, to - 1);
    if (!body && !e && !person && !intro && to - from == 2)
        body = named_firm(at, from, to - 1); /* "the company", after "Harbour Logistics Ltd." */
    int rc;
    if (e)
        rc = copy_entity(out, e);
    else if (person)
        rc = refer_set(out, strdup(person), ENT_PERSON, false);
    else if (intro)
        rc = refer_set(out, intro, ENT_ANON, plural);
    else if (body)
        rc = refer_set(out, body, ENT_BODY, false);
    else if ((last->lex | head->lex) & (LEX_ROLE | LEX_TITLE))
        rc = refer_set(out, phrase_describe(&at->tk, from, to), ENT_ROLE, plural);
    else if (last->lex & LEX_PLURAL) /* "Delgado's supporters" */
        rc = refer_set(out, phrase_describe(&at->tk, from, to), ENT_ANON, true);
    else
        rc = 0; /* "the sign read": not a speaker */
    free(role);
    return rc;
}

/* "Harbour Patrol agents", "Ruiz campaign aides": people a name's body
 * counts among its own, as written, when nothing named them before. */
static int resolve_members(const reading *at, size_t from, size_t to, entity *out)
{
    const tokens *tk = &at->tk;
    size_t k = from;
    while (k < to && (tk->t[k].flags & TF_CAP) && !(tk->t[k].flags & TF_POSS))
        k++;
    if (k == from || k == to || k + 2 < to ||
        (tk->t[k].lex & (LEX_AUX | LEX_CUE | LEX_BOUND | LEX_LINK | LEX_THE | LEX_DET | LEX_PRON | LEX_TIME)) ||
        !((tk->t[to - 1].lex & LEX_PLURAL) || tok_plural_noun(tk, to - 1)))
        return RESOLVE_NEXT;
    return refer_set(out, tok_dup(tk, from, to), ENT_ANON, true);
}

/* "Hillary Clinton's campaign": a name's body or aide, as written. */
static int resolve_possessed(const reading *at, size_t from, size_t to, bool plural, entity *out)
{
    const tok *last = &at->tk.t[to - 1];
    size_t p = from;
    while (p + 1 < to && (at->tk.t[p].flags & TF_CAP) && !(at->tk.t[p].flags & TF_POSS))
        p++;
    if (p + 1 < to && (at->tk.t[p].flags & TF_POSS) && (last->lex & (LEX_ROLE | LEX_TITLE | LEX_BODY)))
        return refer_set(out, tok_dup(&at->tk, from, to),
                         (last->lex & LEX_TITLE) && !(last->lex & LEX_BODY) ? ENT_ROLE : ENT_BODY,
                         plural);
    return 0;
}

/* "Ana Ruiz with the dockworkers' union", "Bo Chan of the harbour
 * board": a name, then the body its bearer belongs to. The name speaks;
 * so does a name before where it was written or said: "wrote Ben
 * Jacobs in The Guardian", "Larry Holt on Hot Air". */
static int resolve_affiliated(const reading *at, size_t from, size_t to, entity *out)
{
    const tokens *tk = &at->tk;
    size_t k = from;
    while (k < to && tk->t[k].type == TK_WORD && (tk->t[k].flags & TF_CAP) && !(tk->t[k].flags & TF_POSS))
        k++;
    bool written_in = k > from && k + 1 < to && (tok_is(tk, k, "in") || tok_is(tk, k, "on")) &&
                      (tk->t[k + 1].flags & TF_CAP);
    if (written_in)
        return resolve_phrase(at, from, k, out);
    if (k == from || k + 2 >= to || (tk->t[to - 1].flags & TF_CAP) || !(tk->t[k + 1].lex & (LEX_THE | LEX_DET)) ||
        !(tok_is(tk, k, "with") || tok_is(tk, k, "of") || tok_is(tk, k, "from") || tok_is(tk, k, "at")))
        return RESOLVE_NEXT;
    return resolve_phrase(at, from, k, out);
}

/* "Senators Ann Lee of Ohio and Bo Chan of Utah said": two people, each
 * named in full, speak together: "Ann Lee and Bo Chan". */
static int resolve_joined(const reading *at, size_t from, size_t to, entity *out)
{
    size_t j = from + 1;
    while (j + 1 < to && !tok_is(&at->tk, j, "and"))
        j++;
    if (j + 1 >= to || !(at->tk.t[j - 1].flags & TF_CAP) || !(at->tk.t[j + 1].flags & TF_CAP) ||
        !(at->tk.t[from].flags & TF_CAP))
        return RESOLVE_NEXT;
    entity a = {0}, b = {0};
    int rc = resolve_phrase(at, from, j, &a);
    if (rc == 0)
        rc = resolve_phrase(at, j + 1, to, &b);
    bool both = rc == 0 && a.name && b.name && a.kind == ENT_PERSON && b.kind == ENT_PERSON &&
                strchr(a.name, ' ') && strchr(b.name, ' ');
    if (both) {
        char *name = malloc(strlen(a.name) + strlen(b.name) + sizeof " and ");
        if (name)
            sprintf(name, "%s and %s", a.name, b.name);
        rc = refer_set(out, name, ENT_PERSON, true); /* named, as "Frank Newport" is */
    }
    refer_clear(&a);
    refer_clear(&b);
    return rc ? rc : both ? 0 : RESOLVE_NEXT;
}

/* Resolves the phrase [from, to) to an entity, its sex aside: an anaphor,
 * a description, a name, a role, a name's body, in that order. */
static int resolve_phrase(const reading *at, size_t from, size_t to, entity *out)
{
    out->name = NULL;
    if (to > from + 1 && at->tk.t[to - 1].type == TK_PUNCT)
        to--; /* the dot of "Comey Jr.", the one mark a phrase may hold */
    if (from >= to)
        return 0;
    const tok *first = &at->tk.t[from], *last = &at->tk.t[to - 1];
    int rc = resolve_anaphor(at, from, to, out);
    if (rc != RESOLVE_NEXT)
        return rc;
    if ((last->flags & TF_POSS) || (to - from == 1 && (first->lex & (LEX_THE | LEX_DET))))
        return 0; /* "Ruiz's", or "The" of "The sign read" */
    bool plural = phrase_plural(&at->tk, from, to);
    if ((rc = resolve_joined(at, from, to, out)) != RESOLVE_NEXT ||
        (rc = resolve_affiliated(at, from, to, out)) != RESOLVE_NEXT ||
        (rc = resolve_description(at, from, to, plural, out)) != RESOLVE_NEXT ||
        (rc = resolve_capitalised(at, from, to, out)) != RESOLVE_NEXT)
        return rc;
    if (((first->lex & LEX_THE) || (first->flags & TF_POSS)) && to - from > 1)
        return resolve_role(at, from, to, plural, out);
    if (first->lex & (LEX_ROLE | LEX_PLURAL)) /* "Officials close to the talks" */
        return refer_set(out, phrase_describe(&at->tk, from, to), ENT_ANON, plural);
    if ((rc = resolve_members(at, from, to, out)) != RESOLVE_NEXT)
        return rc;
    return resolve_possessed(at, from, to, plural, out);
}

/* Resolves the phrase [from, to) to an entity. Returns 0 with out->name NULL
 * when the phrase names nobody we can trust. The sex of a new person comes
 * from the titles the article gives the name (Mr, Congresswoman) or from
 * the phrase itself (the spokeswoman). */
int refer_resolve(const reading *at, size_t from, size_t to, entity *out)
{
    bool pronoun = to - from == 1 && (at->tk.t[from].lex & LEX_PRON);
    int rc = resolve_phrase(at, from, to, out);
    if (rc || !out->name || pronoun)
        return rc;
    unsigned said = 0;
    /* "Her neighbour Bill Cho": a possessive tells the sex of someone else. */
    for (size_t k = from; k < to && !(at->tk.t[k].lex & LEX_LINK); k++)
        if (!(at->tk.t[k].lex & LEX_THE))
            said |= at->tk.t[k].lex & (LEX_MALE | LEX_FEMALE);
    if (said == (LEX_MALE | LEX_FEMALE))
        said = 0;
    if (!said && out->kind == ENT_PERSON)
        said = people_gender(at->people, out->name);
    out->gender = said;
    return 0;
}

int refer_resolve_described(const reading *at, size_t from, size_t to, entity *out)
{
    int rc = refer_resolve(at, from, to, out);
    if (rc || out->name || to - from < 2 || to - from > 4 || !(at->tk.t[from].lex & LEX_THE))
        return rc;
    /* "the designer", "the Berg supporter"; not "the past" nor "the Post" */
    for (size_t k = from + 1; k < to; k++)
        if (at->tk.t[k].type != TK_WORD || ((at->tk.t[k].flags & TF_CAP) && k + 1 == to) ||
            (at->tk.t[k].lex & (LEX_TIME | LEX_THE | LEX_DET | LEX_PRON | LEX_LINK)))
            return 0;
    return refer_set(out, phrase_describe(&at->tk, from, to), ENT_ANON, phrase_plural(&at->tk, from, to));
}

/* e->name must outlive `at`: it is a name of a->heard or ctx->heard. */
void refer_remember(reading *at, const entity *e)
{
    at->hist[at->n_hist++ % REFER_HISTORY] = *e;
}

/* Remembers a speaker named at offset `where`, and notes it in the
 * analysis for a later reading of the text from a point after it. Takes
 * e->name (NULL on return): the caller has no further use for it. */
int refer_hear(reading *at, entity *e, size_t where)
{
    analysis *a = at->a;
    char *name = e->name;
    e->name = NULL;
    /* Capacity 16 first, as array_grow starts (one realloc for most
     * articles, where doubling from 1 took four), then doubling at powers
     * of two. */
    if (a->n_heard == 0 || (a->n_heard >= 16 && (a->n_heard & (a->n_heard - 1)) == 0)) {
        heard *grown = realloc(a->heard, (a->n_heard ? 2 * a->n_heard : 16) * sizeof *grown);
        if (!grown) {
            free(name);
            return -ENOMEM;
        }
        a->heard = grown;
    }
    a->heard[a->n_heard++] = (heard){where, name, (int)e->kind, e->gender, e->plural};
    refer_remember(at, &(entity){name, e->kind, e->plural, e->gender, at->tk.t[at->cur].para});
    return 0;
}
