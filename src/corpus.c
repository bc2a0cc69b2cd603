/*
 * corpus.c: documents, their quotes, and the fingerprint index that finds
 * candidate sources.
 *
 * A quote's fingerprints are the hashes of its pairs of adjacent folded
 * words (pairs of two function words left out). The index is two sorted
 * arrays of (fingerprint, quote id): a large base and a small delta that
 * new documents are added to (sorted at the next look-up); when the delta
 * outgrows an eighth of the base, the two are merged and dropped documents
 * purged. A look-up binary
 * searches each of its quote's fingerprints, so it costs O(f log N + hits),
 * and no more than CORPUS_COMMON postings are read per fingerprint, which
 * bounds the hits: a quote carried by thousands of documents (the most
 * syndicated one) still finds a thousand of them. How many copies exist
 * says nothing of whether a quote is a stock phrase; what it is does: a
 * short quote with no speaker follows no fingerprint past that bound.
 * Candidates sharing enough fingerprints are then aligned word by word
 * (match.h).
 *
 * Each quote keeps the folded words corpus_put made its fingerprints from,
 * with byte ranges relative to the quote's start so that an edit before it
 * moves nothing: a look-up aligns candidates without folding them again,
 * at 24 bytes a word (see BENCH-NOTES.md 2c for the memory at 100,000
 * articles).
 */
#include "corpus.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "array.h"
#include "names.h"
#include "norm.h"
#include "text.h"

/* A look-up reads at most this many postings of one fingerprint (the
 * first, by quote id, so that the copies found through each of a quote's
 * fingerprints are the same ones). */
#define CORPUS_COMMON 1000
/* How many of a quote's rarest fingerprints a look-up follows. */
#define CORPUS_PROBES 16
/* Narration words either side of a short partial quote that say which of
 * the longer quotes holding its words it was taken from. */
#define CORPUS_CONTEXT 12
/* Bytes either side of a partial quote read for those words. */
#define CORPUS_AROUND 400

typedef struct cquote {
    uint32_t id;       /* in the index */
    size_t start, end;
    char *speaker;
    quote_kind kind;
    float confidence;   /* of the attribution */
    size_t open, close; /* with its marks: where the narration around it is */
    norm_words w;       /* folded, offsets from start */
} cquote;

typedef struct cdoc {
    char *name;
    char *text;
    size_t len;
    text_lines *lines;
    cquote *q;
    size_t nq;
} cdoc;

typedef struct posting {
    uint64_t fp;
    uint32_t id;
} posting;

typedef struct postings {
    posting *v;
    size_t n, cap;
} postings;

struct corpus {
    cdoc **docs;      /* by slot; NULL once dropped */
    size_t n_docs, cap_docs;
    uint32_t *names;  /* open addressing: hash of a name -> slot + 1, 0 empty */
    size_t cap_names, used_names;
    uint32_t *id_doc; /* quote id -> document slot, UINT32_MAX once dropped */
    uint32_t *id_q;   /* quote id -> index in its document */
    size_t n_ids, cap_id_doc, cap_id_q;
    postings base, delta;
    size_t delta_sorted; /* the delta's first postings, sorted; the rest came since */
};

corpus *corpus_new(void)
{
    return calloc(1, sizeof(corpus));
}

static void cdoc_free(cdoc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nq; i++) {
        free(d->q[i].speaker);
        norm_words_free(&d->q[i].w);
    }
    free(d->q);
    text_lines_free(d->lines);
    free(d->name);
    free(d->text);
    free(d);
}

void corpus_free(corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_docs; i++)
        cdoc_free(c->docs[i]);
    free(c->docs);
    free(c->names);
    free(c->id_doc);
    free(c->id_q);
    free(c->base.v);
    free(c->delta.v);
    free(c);
}


/* The table slot for name: where it is, or the empty one it would take.
 * Dropped documents keep their entry (pointing at a NULL slot) until the
 * name comes back, so probing never stops early. */
static size_t name_slot(const corpus *c, const char *name)
{
    size_t mask = c->cap_names - 1, i = (size_t)XXH3_64bits(name, strlen(name)) & mask;
    while (c->names[i]) {
        const cdoc *d = c->docs[c->names[i] - 1];
        if (d && strcmp(d->name, name) == 0)
            break;
        i = (i + 1) & mask;
    }
    return i;
}

static long find_doc(const corpus *c, const char *name)
{
    if (!c->cap_names)
        return -1;
    uint32_t v = c->names[name_slot(c, name)];
    return v ? (long)v - 1 : -1;
}

/* Records slot as the document of its name, growing the table at half full. */
static int name_add(corpus *c, size_t slot)
{
    if (2 * (c->used_names + 1) > c->cap_names) {
        size_t cap = c->cap_names ? 2 * c->cap_names : 64;
        uint32_t *old = c->names;
        size_t old_cap = c->cap_names;
        if (!(c->names = calloc(cap, sizeof *c->names))) {
            c->names = old;
            return -ENOMEM;
        }
        c->cap_names = cap;
        c->used_names = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i] && c->docs[old[i] - 1]) {
                c->names[name_slot(c, c->docs[old[i] - 1]->name)] = old[i];
                c->used_names++;
            }
        free(old);
    }
    c->names[name_slot(c, c->docs[slot]->name)] = (uint32_t)slot + 1;
    c->used_names++;
    return 0;
}

/* ---- Fingerprints -------------------------------------------------------- */

static uint64_t pair_fp(const norm_word *x, const norm_word *y)
{
    uint64_t h[2] = {x->hash, y->hash};
    return XXH3_64bits(h, sizeof h);
}

static int by_fp(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    if (x->fp != y->fp)
        return x->fp < y->fp ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Appends the fingerprints of one quote's words, tagged with id. */
static int fingerprints(const norm_words *w, uint32_t id, postings *out)
{
    if (w->n == 1) { /* a one-word quote is found through the quotes holding it */
        return 0;
    }
    for (size_t i = 0; i + 1 < w->n; i++) {
        if ((w->v[i].flags & w->v[i + 1].flags & NORM_STOP) != 0)
            continue;
        if (array_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
            return -ENOMEM;
        out->v[out->n++] = (posting){pair_fp(&w->v[i], &w->v[i + 1]), id};
    }
    return 0;
}

/* Merges sorted b into sorted a, dropping postings of dropped quotes. */
static int merge(const corpus *c, postings *a, const postings *b)
{
    size_t cap = a->n + b->n + 1;
    posting *v = malloc(cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < a->n || j < b->n) {
        const posting *p = j >= b->n || (i < a->n && by_fp(&a->v[i], &b->v[j]) <= 0) ? &a->v[i++]
                                                                                    : &b->v[j++];
        if (c->id_doc[p->id] != UINT32_MAX)
            v[k++] = *p;
    }
    free(a->v);
    a->v = v;
    a->n = k;
    a->cap = cap; /* what was allocated: the delta grows in place after a merge */
    return 0;
}

/* Sorts postings as by_fp does, by fingerprint byte by byte (least
 * significant first): a look-up after putting a corpus sorts millions, and
 * qsort's comparator calls cost ten times as much. Postings come in the order
 * of their ids, which only grow, and each pass is stable, so equal
 * fingerprints stay in id order. Falls back to qsort without the memory. */
static void sort_postings(posting *v, size_t n)
{
    posting *tmp = malloc(n * sizeof *tmp);
    size_t (*count)[256] = calloc(8, sizeof *count);
    if (!tmp || !count) {
        free(tmp);
        free(count);
        qsort(v, n, sizeof *v, by_fp);
        return;
    }
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 8; d++)
            count[d][(v[i].fp >> (8 * d)) & 0xff]++;
    posting *from = v, *to = tmp;
    for (int d = 0; d < 8; d++) {
        if (count[d][(v[0].fp >> (8 * d)) & 0xff] == n)
            continue; /* every posting has this byte: the pass would not move one */
        size_t at = 0;
        for (int b = 0; b < 256; b++) {
            size_t k = count[d][b];
            count[d][b] = at;
            at += k;
        }
        for (size_t i = 0; i < n; i++)
            to[count[d][(from[i].fp >> (8 * d)) & 0xff]++] = from[i];
        posting *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    free(tmp);
    free(count);
}

/* New postings are appended to the delta unsorted: a corpus of many
 * documents is put whole before the first look-up, and sorting once then
 * costs O(n log n) where merging at every put would cost O(n) each time. */
static int index_postings(corpus *c, const postings *fresh)
{
    if (fresh->n == 0)
        return 0; /* an empty document: nothing to copy from a NULL array */
    if (array_grow((void **)&c->delta.v, &c->delta.cap, c->delta.n + fresh->n, sizeof *c->delta.v))
        return -ENOMEM;
    memcpy(c->delta.v + c->delta.n, fresh->v, fresh->n * sizeof *fresh->v);
    c->delta.n += fresh->n;
    return 0;
}

/* Before a look-up: the delta sorted, and folded into the base once it
 * outgrows an eighth of it (which also purges dropped documents). Only the
 * postings added since the last look-up are sorted, then merged with the
 * rest, so documents put one by one while look-ups go on (a corpus folder
 * indexed while the user types) do not sort the whole delta each time. */
static int settle(corpus *c)
{
    if (c->delta_sorted == c->delta.n)
        return 0;
    postings head = {c->delta.v, c->delta_sorted, c->delta.cap};
    postings tail = {c->delta.v + c->delta_sorted, c->delta.n - c->delta_sorted, 0};
    if (tail.n > 1)
        sort_postings(tail.v, tail.n);
    if (head.n) {
        int rc = merge(c, &head, &tail);
        if (rc)
            return rc;
        c->delta = head;
    }
    c->delta_sorted = c->delta.n;
    if (c->delta.n > c->base.n / 8 + 4096) {
        int rc = merge(c, &c->base, &c->delta);
        if (rc)
            return rc;
        c->delta.n = c->delta_sorted = 0;
    }
    return 0;
}

/* The first posting of p in [a, b) whose fingerprint is not below fp (or,
 * with `above`, above fp). */
static size_t bound(const postings *p, size_t a, size_t b, uint64_t fp, bool above)
{
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (p->v[m].fp < fp || (above && p->v[m].fp == fp))
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* The postings of fp in one sorted array: [*lo, *hi). The end is found by
 * galloping from the start, since most fingerprints have a few postings: a
 * second binary search over the whole array cost as many cache misses as
 * the first. */
static void range(const postings *p, uint64_t fp, size_t *lo, size_t *hi)
{
    *lo = bound(p, 0, p->n, fp, false);
    /* [*lo, a) holds fp; the end lies in [a, b]. */
    size_t a = *lo, b = a, step = 1;
    while (b < p->n && p->v[b].fp == fp) {
        a = b + 1;
        b = a + step < p->n ? a + step : p->n;
        step *= 2;
    }
    *hi = bound(p, a, b, fp, true);
}

/* Gives quote i of document d (at slot) a new id, its words and its
 * fingerprints. */
static int index_quote(corpus *c, uint32_t slot, cdoc *d, size_t i, postings *fresh)
{
    uint32_t id = (uint32_t)c->n_ids++;
    cquote *q = &d->q[i];
    q->id = id;
    c->id_doc[id] = slot;
    c->id_q[id] = (uint32_t)i;
    int rc = norm_quote(d->text, q->start, q->end, &q->w);
    if (rc)
        return rc;
    for (size_t k = 0; k < q->w.n; k++) {
        q->w.v[k].start -= (uint32_t)q->start;
        q->w.v[k].end -= (uint32_t)q->start;
    }
    if (q->w.n < q->w.cap) { /* a corpus holds millions of these */
        norm_word *v = realloc(q->w.v, q->w.n * sizeof *v);
        if (v || q->w.n == 0) {
            q->w.v = v;
            q->w.cap = q->w.n;
        }
    }
    /* A mention (a title, a nickname) is nobody's words: nothing links to it. */
    return q->kind == QUOTE_MENTION ? 0 : fingerprints(&q->w, id, fresh);
}

/* ---- Documents -------------------------------------------------------------- */

static int cquote_fill(cquote *cq, const quote *q)
{
    cq->start = q->start;
    cq->end = q->end;
    cq->open = q->open;
    cq->close = q->close;
    cq->kind = q->kind;
    cq->confidence = q->confidence;
    if (q->speaker && !(cq->speaker = strdup(q->speaker)))
        return -ENOMEM;
    return 0;
}

static int doc_new(const char *name, const char *text, size_t len, const analysis *a, cdoc **out)
{
    cdoc *d = calloc(1, sizeof *d);
    if (!d)
        return -ENOMEM;
    d->name = strdup(name);
    d->text = malloc(len + 1);
    d->q = calloc(a->n_quotes ? a->n_quotes : 1, sizeof *d->q);
    d->lines = text_lines_new(text, len);
    if (!d->name || !d->text || !d->q || !d->lines) {
        cdoc_free(d);
        return -ENOMEM;
    }
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;
    int rc = 0;
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++)
        rc = cquote_fill(&d->q[d->nq++], &a->quotes[i]);
    if (rc) {
        cdoc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int corpus_drop(corpus *c, const char *name)
{
    long slot = find_doc(c, name);
    if (slot < 0)
        return -ENOENT;
    cdoc *d = c->docs[slot];
    for (size_t i = 0; i < d->nq; i++)
        c->id_doc[d->q[i].id] = UINT32_MAX;
    cdoc_free(d);
    c->docs[slot] = NULL;
    return 0;
}

int corpus_put(corpus *c, const char *name, const char *text, size_t len, const analysis *a)
{
    cdoc *d;
    int rc = doc_new(name, text, len, a, &d);
    if (rc)
        return rc;
    corpus_drop(c, name);
    size_t slot = c->n_docs;
    for (size_t i = 0; i < c->n_docs; i++)
        if (!c->docs[i]) {
            slot = i;
            break;
        }
    if (array_grow((void **)&c->docs, &c->cap_docs, slot + 1, sizeof *c->docs) ||
        array_grow((void **)&c->id_doc, &c->cap_id_doc, c->n_ids + d->nq, sizeof *c->id_doc) ||
        array_grow((void **)&c->id_q, &c->cap_id_q, c->n_ids + d->nq, sizeof *c->id_q)) {
        cdoc_free(d);
        return -ENOMEM;
    }
    if (slot == c->n_docs)
        c->n_docs++;
    c->docs[slot] = d;
    if ((rc = name_add(c, slot)) != 0) {
        c->docs[slot] = NULL;
        cdoc_free(d);
        return rc;
    }
    postings fresh = {0};
    for (size_t i = 0; i < d->nq && rc == 0; i++)
        rc = index_quote(c, (uint32_t)slot, d, i, &fresh);
    if (rc == 0)
        rc = index_postings(c, &fresh);
    free(fresh.v);
    return rc;
}

int corpus_splice(corpus *c, const char *name, const char *text, size_t len, const analysis *a,
                  const splice *sp)
{
    long slot = find_doc(c, name);
    if (slot < 0)
        return corpus_put(c, name, text, len, a);
    cdoc *d = c->docs[slot];
    size_t added = sp->q_new_end - sp->q_first;
    char *t = len > d->len ? realloc(d->text, len + 1) : d->text;
    if (t)
        d->text = t;
    cquote *q = calloc(a->n_quotes + 1, sizeof *q);
    if (!t || !q || text_lines_splice(d->lines, text, sp->from, sp->old_to, sp->new_to) ||
        array_grow((void **)&c->id_doc, &c->cap_id_doc, c->n_ids + added, sizeof *c->id_doc) ||
        array_grow((void **)&c->id_q, &c->cap_id_q, c->n_ids + added, sizeof *c->id_q)) {
        free(q);
        corpus_drop(c, name); /* its lines may have moved already */
        return -ENOMEM;
    }
    memcpy(t, text, len);
    t[len] = '\0';
    d->len = len;
    for (size_t i = sp->q_first; i < sp->q_old_end; i++) {
        c->id_doc[d->q[i].id] = UINT32_MAX;
        free(d->q[i].speaker);
        norm_words_free(&d->q[i].w);
    }
    if (sp->q_first)
        memcpy(q, d->q, sp->q_first * sizeof *q);
    for (size_t i = sp->q_old_end, k = sp->q_new_end; i < d->nq; i++, k++) {
        q[k] = d->q[i];
        q[k].start = (size_t)((long)q[k].start + sp->delta);
        q[k].end = (size_t)((long)q[k].end + sp->delta);
        q[k].open = (size_t)((long)q[k].open + sp->delta);
        q[k].close = (size_t)((long)q[k].close + sp->delta);
        c->id_q[q[k].id] = (uint32_t)k;
    }
    free(d->q);
    d->q = q;
    d->nq = a->n_quotes;
    int rc = 0;
    postings fresh = {0};
    for (size_t i = sp->q_first; i < sp->q_new_end && rc == 0; i++) {
        rc = cquote_fill(&q[i], &a->quotes[i]);
        if (rc == 0)
            rc = index_quote(c, (uint32_t)slot, d, i, &fresh);
    }
    if (rc == 0)
        rc = index_postings(c, &fresh);
    free(fresh.v);
    if (rc) /* a half-changed document must not be cited */
        corpus_drop(c, name);
    return rc;
}

const text_lines *corpus_lines(const corpus *c, const char *name)
{
    long slot = find_doc(c, name);
    return slot < 0 ? NULL : c->docs[slot]->lines;
}

const char *corpus_text(const corpus *c, const char *name, size_t *len)
{
    long slot = find_doc(c, name);
    if (slot < 0)
        return NULL;
    *len = c->docs[slot]->len;
    return c->docs[slot]->text;
}

/* ---- Look-ups ----------------------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Ascending ids. Most look-ups gather a few dozen hits, which an insertion
 * sort orders without qsort's comparator call per step. */
static void sort_ids(uint32_t *v, size_t n)
{
    if (n > 32) {
        qsort(v, n, sizeof *v, by_id);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* One fingerprint of a query and where its postings lie in base and delta. */
typedef struct probe {
    size_t lo[2], hi[2], total;
} probe;

static int by_total(const void *a, const void *b)
{
    size_t x = ((const probe *)a)->total, y = ((const probe *)b)->total;
    return (x > y) - (x < y);
}

/* The distinct fingerprints of w with their postings, rarest first, in
 * pr[0, *np); those of a stock phrase held by more than CORPUS_COMMON
 * quotes are left out. */
static int probes(const corpus *c, const norm_words *w, bool stock, probe **out, size_t *np)
{
    postings mine = {0};
    int rc = fingerprints(w, 0, &mine);
    probe *pr = rc == 0 ? malloc((mine.n + 1) * sizeof *pr) : NULL;
    const postings *sets[2] = {&c->base, &c->delta};
    if (rc == 0 && !pr)
        rc = -ENOMEM;
    if (rc == 0 && mine.n > 1)
        qsort(mine.v, mine.n, sizeof *mine.v, by_fp);
    *np = 0;
    for (size_t f = 0; f < mine.n && rc == 0; f++) {
        if (f > 0 && mine.v[f].fp == mine.v[f - 1].fp)
            continue; /* a repeated pair counts once */
        probe *p = &pr[*np];
        p->total = 0;
        for (int s = 0; s < 2; s++) {
            range(sets[s], mine.v[f].fp, &p->lo[s], &p->hi[s]);
            p->total += p->hi[s] - p->lo[s];
        }
        *np += !stock || p->total <= CORPUS_COMMON;
    }
    free(mine.v);
    if (rc == 0 && *np > 1)
        qsort(pr, *np, sizeof *pr, by_total);
    *out = pr;
    return rc;
}

/* Quote ids of other documents sharing fingerprints with w, with counts
 * (an id once per fingerprint). Only the CORPUS_PROBES rarest fingerprints
 * are followed, each through at most CORPUS_COMMON quotes of others: the
 * same utterance shares many, and the rare ones find it at a bounded cost.
 * A stock phrase (`stock`) follows none held by more. */
static int candidates(const corpus *c, const norm_words *w, bool stock, uint32_t doc_slot,
                      uint32_t **ids, size_t *n)
{
    uint32_t *hits = NULL;
    size_t nh = 0, cap = 0, np = 0;
    probe *pr;
    int rc = probes(c, w, stock, &pr, &np);
    const postings *sets[2] = {&c->base, &c->delta};
    for (size_t f = 0; f < np && f < CORPUS_PROBES && rc == 0; f++) {
        size_t want = pr[f].total < CORPUS_COMMON ? pr[f].total : CORPUS_COMMON, got = 0;
        if (array_grow((void **)&hits, &cap, nh + want, sizeof *hits)) {
            rc = -ENOMEM;
            break;
        }
        for (int s = 0; s < 2; s++)
            for (size_t k = pr[f].lo[s]; k < pr[f].hi[s] && got < want; k++) {
                uint32_t id = sets[s]->v[k].id, slot = c->id_doc[id];
                if (slot != UINT32_MAX && slot != doc_slot) {
                    hits[nh++] = id;
                    got++;
                }
            }
    }
    free(pr);
    if (rc == 0 && nh)
        sort_ids(hits, nh);
    *ids = hits;
    *n = nh;
    return rc;
}

/* How many words of the text around a short quote (pd's quote pq) stand
 * in the other quote: the narration around a partial, or the rest of the
 * speech a short sentence was split from (“…walk out,” she said. “And the
 * port will close.”). Read when a look-up needs them, as few quotes are
 * short ones that link. */
static int context_score(const cdoc *pd, const cquote *pq, const norm_words *other, size_t *score)
{
    *score = 0;
    size_t from = pq->open > CORPUS_AROUND ? pq->open - CORPUS_AROUND : 0;
    size_t to = pq->close + CORPUS_AROUND < pd->len ? pq->close + CORPUS_AROUND : pd->len;
    while (from > 0 && ((unsigned char)pd->text[from] & 0xC0) == 0x80)
        from++;
    while (to < pd->len && ((unsigned char)pd->text[to] & 0xC0) == 0x80)
        to++;
    norm_words before = {0}, after = {0};
    int rc = norm_quote(pd->text, from, pq->open, &before);
    if (rc == 0)
        rc = norm_quote(pd->text, pq->close, to, &after);
    uint64_t context[2 * CORPUS_CONTEXT];
    size_t n = 0;
    for (size_t i = before.n; rc == 0 && i-- > 0 && before.n - i <= CORPUS_CONTEXT;)
        if (!(before.v[i].flags & NORM_STOP))
            context[n++] = before.v[i].hash;
    for (size_t i = 0; rc == 0 && i < after.n && i < CORPUS_CONTEXT; i++)
        if (!(after.v[i].flags & NORM_STOP))
            context[n++] = after.v[i].hash;
    norm_words_free(&before);
    norm_words_free(&after);
    /* Words the quote itself holds say nothing of where it was taken from
     * (“Full confidence” beside “… full confidence in the secretary.”). */
    for (size_t i = 0; i < n; i++) {
        bool own = false;
        for (size_t j = 0; j < pq->w.n && !own; j++)
            own = pq->w.v[j].hash == context[i];
        for (size_t j = 0; j < other->n && !own; j++)
            if (other->v[j].hash == context[i]) {
                (*score)++;
                break;
            }
    }
    return rc;
}

static int by_similarity(const void *a, const void *b)
{
    const xref_source *x = a, *y = b;
    return (x->similarity < y->similarity) - (x->similarity > y->similarity);
}

void xref_sources_free(xref_source *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i].ops);
    free(s);
}

/* Whether two speakers may be one person: unknown, either named by no
 * capitalised word ("a spokesman"), sharing one ("Voss" in "Anna Voss"),
 * or one person by names_same_person (Peña = Pena). A short partial is
 * taken from the longer quote of its own speaker. */
static bool may_be_one(const char *x, const char *y)
{
    if (!x || !y || names_same_person(x, y) != NAMES_DIFFERENT)
        return true;
    bool x_named = false, y_named = false;
    for (const char *p = x; *p;) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *e = p;
        while (isalnum((unsigned char)*e))
            e++;
        size_t n = (size_t)(e - p);
        bool name = n >= 2 && isupper((unsigned char)*p);
        x_named |= name;
        for (const char *s = y; *s;) {
            while (*s && !isalnum((unsigned char)*s))
                s++;
            const char *f = s;
            while (isalnum((unsigned char)*f))
                f++;
            bool other = f - s >= 2 && isupper((unsigned char)*s);
            y_named |= other;
            if (name && other && (size_t)(f - s) == n && strncmp(p, s, n) == 0)
                return true;
            s = f;
        }
        p = e;
    }
    return !x_named || !y_named;
}

/* Aligns quote (d, qi) against candidate id and appends a source if linked. */
static int consider(const corpus *c, const cdoc *d, const cquote *q, const norm_words *w,
                    uint32_t id, xref_source **out, size_t *n, size_t *cap)
{
    const cdoc *od = c->docs[c->id_doc[id]];
    const cquote *oq = &od->q[c->id_q[id]];
    const norm_words *ow = &oq->w;
    match_result r;
    int rc = match_align(d->text + q->start, w, od->text + oq->start, ow, &r);
    if (rc == 0 && r.linked) {
        for (size_t k = 0; k < r.n_ops; k++) { /* from the quotes' starts to the texts' */
            r.ops[k].a_start += (uint32_t)q->start;
            r.ops[k].a_end += (uint32_t)q->start;
            r.ops[k].b_start += (uint32_t)oq->start;
            r.ops[k].b_end += (uint32_t)oq->start;
        }
        /* A short quote held whole links to the longer quotes it was
         * taken from: those that also hold words of the text around it. */
        const cquote *held = !r.held_whole ? NULL : match_is_short(w) ? q : match_is_short(ow) ? oq : NULL;
        const norm_words *whole = held == q ? ow : w;
        size_t score = 0;
        if (held)
            rc = context_score(held == q ? d : od, held, whole, &score);
        if (rc || (held && (score == 0 || !may_be_one(q->speaker, oq->speaker)))) {
            match_result_free(&r);
        } else if (array_grow((void **)out, cap, *n + 1, sizeof **out)) {
            match_result_free(&r);
            rc = -ENOMEM;
        } else {
            size_t line, col;
            text_lines_locate(od->lines, oq->start, &line, &col);
            (*out)[(*n)++] = (xref_source){od->name, c->id_q[id], oq->start, oq->end, line + 1,
                                           col + 1, oq->speaker, oq->kind, oq->confidence, r.similarity,
                                           r.relation, r.classes, r.ops, r.n_ops};
        }
    }
    return rc;
}

int corpus_sources(corpus *c, const char *name, size_t qi, xref_source **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    long slot = find_doc(c, name);
    if (slot < 0 || qi >= c->docs[slot]->nq)
        return -ENOENT;
    const cdoc *d = c->docs[slot];
    const cquote *q = &d->q[qi];
    const norm_words *w = &q->w;
    uint32_t *ids = NULL;
    size_t nids = 0, cap = 0;
    int rc = settle(c);
    if (rc == 0 && w->n >= 2 && q->kind != QUOTE_MENTION)
        rc = candidates(c, w, !q->speaker && match_is_short(w), (uint32_t)slot, &ids, &nids);
    /* Enough shared fingerprints to be worth aligning: one for short
     * quotes, two otherwise. */
    for (size_t i = 0; i < nids && rc == 0;) {
        size_t j = i;
        while (j < nids && ids[j] == ids[i])
            j++;
        const cquote *oq = &c->docs[c->id_doc[ids[i]]]->q[c->id_q[ids[i]]];
        size_t need = w->n <= 4 || oq->end - oq->start < 40 ? 1 : 2;
        if (j - i >= need)
            rc = consider(c, d, q, w, ids[i], out, n, &cap);
        i = j;
    }
    free(ids);
    if (rc) {
        xref_sources_free(*out, *n);
        *out = NULL;
        *n = 0;
        return rc;
    }
    if (*n > 1)
        qsort(*out, *n, sizeof **out, by_similarity);
    return 0;
}
