/*
 * lsp_engine.c: see lsp_engine.h. A document's annotations hold pointers
 * into the registry of names and into other documents' corpus entries, so
 * they are read only while both are the ones they were made with
 * (names_seen, changes_seen); otherwise they are made again first. The
 * sources of quotes an edit did not touch are reused while no other
 * document changed (annotate's prev).
 */
#include "lsp_engine.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis.h"
#include "annotate.h"
#include "array.h"
#include "corpus.h"
#include "folder.h"
#include "log.h"
#include "lsp_doc.h"
#include "lsp_pos.h"
#include "lsp_uri.h"
#include "names.h"
#include "splice.h"
#include "watch.h"

/* How long typing must pause before the other documents are redone. */
#define ENGINE_PAUSE_MS 200
/* A larger document is not analysed: the plugin's max_buffer_mb default. */
#define ENGINE_MAX_BUFFER (20u * 1024 * 1024)

typedef struct open_doc {
    char *uri, *name;
    lsp_doc t;
    int64_t version;
    bool is_file;          /* its name is a regular file, whose identity is: */
    dev_t dev;
    ino_t ino;
    bool changed;          /* its text changed since it was analysed */
    bool edited;           /* ...since its diagnostics were published (a request
                            * in between may have analysed it) */
    bool too_large;        /* over max_buffer: not analysed, not in the corpus */
    bool provisional;      /* spliced since its last whole reading */
    bool whole_next;       /* its next analysis reads it whole */
    analysis *a;
    annotations last;
    bool has_last;
    uint64_t names_seen;   /* the registry `last` was made with */
    uint64_t changes_seen; /* corpus changes when `last` was made */
    uint64_t others_seen;  /* of them, those other documents made */
    uint64_t own_changes;
    char *published;       /* the diagnostics last sent, as JSON */
    lsp_view view;
} open_doc;

struct lsp_engine {
    uv_loop_t *loop;
    lsp_engine_callbacks cb;
    void *ctx;
    open_doc **docs;
    size_t n, cap;
    corpus *corpus;
    watch *watch;
    names *names;
    uint64_t names_built;
    bool names_stale;
    uint64_t corpus_changes;
    bool utf8;
    bool reported;         /* the user was told an analysis failed */
    size_t max_buffer;
    uv_timer_t pause;
};

static open_doc *find(const lsp_engine *e, const char *uri)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->docs[i]->uri, uri) == 0)
            return e->docs[i];
    return NULL;
}

static void doc_free(open_doc *d)
{
    free(d->uri);
    free(d->name);
    lsp_doc_free(&d->t);
    analysis_free(d->a);
    if (d->has_last)
        annotations_free(&d->last);
    free(d->published);
    free(d);
}

static void tell(void *ctx, const char *message)
{
    lsp_engine *e = ctx;
    e->cb.notify(e->ctx, "window/showMessage", json_pack("{s:i,s:s}", "type", 2, "message", message));
}

/* Whether an open document has this name, or is this file by another
 * name (then the corpus folder's copy is that document, not a source). */
static bool is_open(void *ctx, const char *path)
{
    lsp_engine *e = ctx;
    bool files = false;
    for (size_t i = 0; i < e->n; i++) {
        if (strcmp(e->docs[i]->name, path) == 0)
            return true;
        files |= e->docs[i]->is_file;
    }
    struct stat st;
    if (!files || stat(path, &st) != 0)
        return false;
    for (size_t i = 0; i < e->n; i++)
        if (e->docs[i]->is_file && e->docs[i]->dev == st.st_dev && e->docs[i]->ino == st.st_ino)
            return true;
    return false;
}

/* A corpus file came or went: every annotation may cite it or did. */
static void corpus_changed(void *ctx)
{
    lsp_engine *e = ctx;
    e->corpus_changes++;
}

static void publish_all(lsp_engine *e);

static void corpus_settled(void *ctx)
{
    lsp_engine *e = ctx;
    e->names_stale = true;
    publish_all(e);
}

/* Typing paused: spliced documents are read whole (a splice cannot see
 * a pronoun's referent far back, or a name first given in the edit), and
 * every document's diagnostics brought up to date. */
static void on_pause(uv_timer_t *t)
{
    lsp_engine *e = t->data;
    for (size_t i = 0; i < e->n; i++)
        if (e->docs[i]->provisional)
            e->docs[i]->changed = e->docs[i]->whole_next = true;
    publish_all(e);
}

int lsp_engine_new(uv_loop_t *loop, lsp_engine_callbacks cb, void *ctx, lsp_engine **out)
{
    lsp_engine *e = calloc(1, sizeof *e);
    corpus *c = e ? corpus_new() : NULL;
    if (!c) {
        free(e);
        return -ENOMEM;
    }
    *e = (lsp_engine){.loop = loop, .cb = cb, .ctx = ctx, .corpus = c,
                      .max_buffer = ENGINE_MAX_BUFFER};
    watch_callbacks wcb = {corpus_changed, corpus_settled, tell, is_open};
    int rc = watch_new(loop, e->corpus, wcb, e, &e->watch);
    if (rc) {
        corpus_free(e->corpus);
        free(e);
        return rc;
    }
    uv_timer_init(loop, &e->pause);
    e->pause.data = e;
    *out = e;
    return 0;
}

void lsp_engine_stop(lsp_engine *e)
{
    watch_free(e->watch);
    e->watch = NULL;
    uv_close((uv_handle_t *)&e->pause, NULL);
}

void lsp_engine_free(lsp_engine *e)
{
    for (size_t i = 0; i < e->n; i++)
        doc_free(e->docs[i]);
    free(e->docs);
    corpus_free(e->corpus);
    names_free(e->names);
    free(e);
}

void lsp_engine_utf8(lsp_engine *e, bool utf8)
{
    e->utf8 = utf8;
}

/* A folder name from the settings: "~/" is the home folder (no shell
 * expands it in a client's settings), a relative name is from root. */
static char *folder_of(const char *dir, const char *root)
{
    const char *home = getenv("HOME");
    if (dir[0] == '~' && (dir[1] == '/' || !dir[1]) && home && home[0])
        return folder_join(home, dir[1] ? dir + 2 : "");
    if (dir[0] == '/' || !root || !root[0])
        return strdup(dir);
    return folder_join(root, dir);
}

static int set_corpus(lsp_engine *e, const json_t *dirs, const char *root, char *why)
{
    size_t n = json_array_size(dirs);
    char **v = calloc(n + 1, sizeof *v);
    int rc = v ? 0 : -ENOMEM;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *dir = json_string_value(json_array_get(dirs, i));
        if (!dir) {
            snprintf(why, 200, "corpus: expected an array of folder names");
            rc = -EINVAL;
        } else if (!(v[i] = folder_of(dir, root))) {
            rc = -ENOMEM;
        }
    }
    if (rc == 0)
        rc = watch_set(e->watch, (const char *const *)v, n);
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
    return rc;
}

/* A size in MB from the settings into *bytes; false when it is not one. */
static bool megabytes(const json_t *settings, const char *key, size_t *bytes)
{
    const json_t *v = json_object_get(settings, key);
    if (!v)
        return true;
    if (!json_is_number(v) || json_number_value(v) <= 0 || json_number_value(v) > 1024 * 1024)
        return false;
    *bytes = (size_t)(json_number_value(v) * 1024 * 1024);
    return true;
}

int lsp_engine_configure(lsp_engine *e, const json_t *settings, const char *root, char *why)
{
    if (json_is_object(json_object_get(settings, "quotelens")))
        settings = json_object_get(settings, "quotelens"); /* {"quotelens": {...}} as VS Code nests it */
    if (!json_is_object(settings))
        return 0; /* nothing set: the defaults */
    size_t buffer = e->max_buffer, budget = WATCH_BUDGET;
    if (!megabytes(settings, "maxBufferMb", &buffer) || !megabytes(settings, "corpusMaxMb", &budget)) {
        snprintf(why, 200, "maxBufferMb and corpusMaxMb must be positive numbers");
        return -EINVAL;
    }
    const json_t *dirs = json_object_get(settings, "corpus");
    if (dirs && !json_is_array(dirs)) {
        snprintf(why, 200, "corpus: expected an array of folder names");
        return -EINVAL;
    }
    e->max_buffer = buffer;
    watch_limits(e->watch, budget, buffer);
    return dirs ? set_corpus(e, dirs, root, why) : 0;
}

int lsp_engine_open(lsp_engine *e, const char *uri, const char *text, size_t len, int64_t version)
{
    open_doc *d = find(e, uri);
    if (d) /* opened again without a close: the new text wins */
        lsp_engine_close(e, uri);
    d = calloc(1, sizeof *d);
    if (!d || array_grow((void **)&e->docs, &e->cap, e->n + 1, sizeof *e->docs)) {
        free(d);
        return -ENOMEM;
    }
    d->uri = strdup(uri);
    d->name = lsp_uri_to_name(uri);
    if (!d->name && d->uri)
        d->name = strdup(uri); /* an odd file: URI is still a name */
    if (!d->uri || !d->name || lsp_doc_init(&d->t, text, len) != 0) {
        doc_free(d);
        return -ENOMEM;
    }
    d->version = version;
    d->changed = d->edited = true;
    struct stat st;
    d->is_file = stat(d->name, &st) == 0 && S_ISREG(st.st_mode);
    d->dev = d->is_file ? st.st_dev : 0;
    d->ino = d->is_file ? st.st_ino : 0;
    e->docs[e->n++] = d;
    if (d->is_file)
        watch_opened(e->watch, d->name);
    return 0;
}

/* Takes a document out of the corpus: the others' sources may have been
 * its quotes, and its speakers are no longer named. */
static void leave_corpus(lsp_engine *e, open_doc *d)
{
    if (corpus_drop(e->corpus, d->name) == 0) {
        e->corpus_changes++;
        e->names_stale = true;
    }
}

int lsp_engine_close(lsp_engine *e, const char *uri)
{
    for (size_t i = 0; i < e->n; i++) {
        open_doc *d = e->docs[i];
        if (strcmp(d->uri, uri) != 0)
            continue;
        leave_corpus(e, d);
        e->docs[i] = e->docs[--e->n];
        watch_forget(e->watch, d->name); /* a corpus file's text comes back */
        /* The editor keeps what it was last sent for a closed file. */
        if (d->published && strcmp(d->published, "[]") != 0)
            e->cb.notify(e->ctx, "textDocument/publishDiagnostics",
                         json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
        doc_free(d);
        if (e->n)
            uv_timer_start(&e->pause, on_pause, ENGINE_PAUSE_MS, 0);
        return 0;
    }
    return -ENOENT;
}

/* The byte offset of a Position in text t, or -1 when it is not one. */
static long long offset_in(const lsp_engine *e, const lsp_doc *t, const json_t *position)
{
    const json_t *line = json_object_get(position, "line");
    const json_t *ch = json_object_get(position, "character");
    if (!json_is_integer(line) || !json_is_integer(ch))
        return -1;
    return (long long)lsp_pos_offset(t->text, t->len, t->lines, json_integer_value(line),
                                     json_integer_value(ch), e->utf8);
}

long long lsp_engine_offset(const lsp_engine *e, const lsp_view *v, const json_t *position)
{
    const open_doc *d = (const open_doc *)((const char *)v - offsetof(open_doc, view));
    return offset_in(e, &d->t, position);
}

int lsp_engine_change(lsp_engine *e, const char *uri, const json_t *range, const char *text,
                      size_t len, int64_t version)
{
    open_doc *d = find(e, uri);
    if (!d)
        return -ENOENT;
    int rc;
    if (range) {
        long long from = offset_in(e, &d->t, json_object_get(range, "start"));
        long long to = offset_in(e, &d->t, json_object_get(range, "end"));
        if (from < 0 || to < 0)
            return -EINVAL;
        /* A range given backwards is the same range. */
        rc = lsp_doc_replace(&d->t, (size_t)(from < to ? from : to), (size_t)(from < to ? to : from),
                             text, len);
    } else {
        rc = lsp_doc_set(&d->t, text, len);
    }
    if (rc) {
        log_msg("lsp: %s: out of memory applying an edit; the document is closed", d->name);
        lsp_engine_close(e, uri);
        return rc;
    }
    d->version = version;
    d->changed = d->edited = true;
    return 0;
}

void lsp_engine_file_changed(lsp_engine *e, const char *uri)
{
    char *name = lsp_uri_to_name(uri);
    if (name && !is_open(e, name))
        watch_forget(e->watch, name); /* read again if a folder holds it */
    free(name);
}

static int build_names(lsp_engine *e)
{
    names *reg = names_new();
    int rc = reg ? 0 : -ENOMEM;
    for (size_t i = 0; i < e->n && rc == 0; i++)
        for (size_t q = 0; e->docs[i]->a && q < e->docs[i]->a->n_quotes && rc == 0; q++)
            rc = names_add(reg, e->docs[i]->a->quotes[q].speaker);
    if (rc == 0)
        rc = watch_names(e->watch, reg);
    if (rc == 0)
        rc = names_index(reg);
    if (rc) {
        names_free(reg);
        return rc;
    }
    names_free(e->names);
    e->names = reg;
    e->names_built++;
    e->names_stale = false;
    return 0;
}

/* A document over the limit is let go until it shrinks: no analysis, no
 * diagnostics, and the user is told once. */
static void over_limit(lsp_engine *e, open_doc *d)
{
    char msg[300];
    snprintf(msg, sizeof msg, "quotelens: %s is %zu bytes, over the limit of %zu (maxBufferMb); "
             "it is not analysed", d->name, d->t.len, e->max_buffer);
    log_msg("lsp: %s", msg);
    d->too_large = true;
    leave_corpus(e, d);
    analysis_free(d->a);
    d->a = NULL;
    tell(e, msg);
}

/*
 * The fast answer to an edit, the co-process's (server.c): only the
 * paragraphs it touched are read again (splice.h), their quotes indexed and
 * looked up again, the other quotes' annotations moved over. Possible while
 * the annotations were made from the analysis being spliced, with the names
 * and the corpus as they are. The document is read whole when typing
 * pauses. Returns 0, SPLICE_WHOLE or -ENOMEM.
 */
static int splice_doc(lsp_engine *e, open_doc *d)
{
    size_t old_len;
    const char *old = corpus_text(e->corpus, d->name, &old_len);
    if (!d->a || !d->has_last || d->whole_next || !old || d->last.nq != d->a->n_quotes ||
        e->names_stale || d->names_seen != e->names_built || d->changes_seen != e->corpus_changes)
        return SPLICE_WHOLE;
    splice sp;
    int rc = splice_analysis(d->a, old, old_len, d->t.text, d->t.len, d->t.head, d->t.tail, &sp);
    if (rc)
        return rc;
    annotations x;
    if ((rc = corpus_splice(e->corpus, d->name, d->t.text, d->t.len, d->a, &sp)) != 0 ||
        (rc = annotate_splice(d->name, d->t.text, d->a, e->corpus, e->names, false, &d->last, &sp,
                              &x)) != 0) {
        /* The analysis is spliced but what was built from it is not: the
         * whole reading that follows puts the document again. */
        annotations_free(&d->last);
        d->has_last = false;
        return rc == -ENOMEM ? rc : SPLICE_WHOLE;
    }
    annotations_free(&d->last);
    d->last = x;
    d->own_changes++;
    d->changes_seen = ++e->corpus_changes;
    d->provisional = true;
    lsp_doc_seen(&d->t);
    return 0;
}

/* Analyses a changed document, spliced where it can be, else whole, and
 * puts it in the corpus. */
static int analyse(lsp_engine *e, open_doc *d)
{
    if (!d->changed)
        return 0;
    d->changed = false;
    if (d->t.len > e->max_buffer) {
        if (!d->too_large)
            over_limit(e, d);
        return 0;
    }
    d->too_large = false;
    int rc = splice_doc(e, d);
    if (rc != SPLICE_WHOLE)
        return rc;
    analysis *a;
    rc = analysis_run(d->t.text, d->t.len, &a);
    if (rc == 0 && (rc = corpus_put(e->corpus, d->name, d->t.text, d->t.len, a)) != 0)
        analysis_free(a);
    if (rc)
        return rc;
    analysis_free(d->a);
    d->a = a;
    d->whole_next = d->provisional = false;
    lsp_doc_seen(&d->t);
    d->own_changes++;
    e->corpus_changes++;
    e->names_stale = true;
    return 0;
}

static char *uri_of(void *ctx, const char *name)
{
    lsp_engine *e = ctx;
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->docs[i]->name, name) == 0)
            return strdup(e->docs[i]->uri);
    return lsp_uri_from_name(name);
}

/* Makes the annotations of an analysed document again if the names or
 * the corpus moved since; fills its view. Returns 0 or -ENOMEM. */
static int annotate_doc(lsp_engine *e, open_doc *d)
{
    int rc = e->names_stale ? build_names(e) : 0;
    if (rc)
        return rc;
    uint64_t others = e->corpus_changes - d->own_changes;
    if (!d->has_last || d->names_seen != e->names_built || d->changes_seen != e->corpus_changes) {
        /* Sources found before are still right while no other document changed. */
        const annotations *prev = d->has_last && d->others_seen == others ? &d->last : NULL;
        annotations x;
        if ((rc = annotate(d->name, d->t.text, d->a, e->corpus, e->names, prev, &x)) != 0)
            return rc;
        if (d->has_last)
            annotations_free(&d->last);
        d->last = x;
        d->has_last = true;
        d->names_seen = e->names_built;
        d->changes_seen = e->corpus_changes;
        d->others_seen = others;
    }
    d->view = (lsp_view){.name = d->name, .uri = d->uri, .version = d->version,
                         .text = d->t.text, .len = d->t.len, .lines = d->t.lines, .a = d->a,
                         .x = &d->last, .c = e->corpus, .utf8 = e->utf8, .uri_of = uri_of,
                         .ctx = e};
    return 0;
}

/* Tells the user once that the annotations are behind; the document that
 * failed leaves the corpus until its next edit. */
static void failed(lsp_engine *e, open_doc *d, int rc)
{
    log_msg("lsp: %s: analysis failed: %s", d->name, strerror(-rc));
    leave_corpus(e, d);
    analysis_free(d->a);
    d->a = NULL;
    if (!e->reported)
        tell(e, "quotelens: out of memory; diagnostics are not up to date");
    e->reported = true;
}

/* Brings a document up to date and, when its diagnostics differ from
 * those last sent, sends them. */
static void publish(lsp_engine *e, open_doc *d)
{
    d->edited = false;
    int rc = analyse(e, d);
    if (rc == 0 && d->a)
        rc = annotate_doc(e, d);
    if (rc) {
        failed(e, d, rc);
        return;
    }
    json_t *diags = d->a ? lsp_view_diagnostics(&d->view) : json_array();
    char *text = diags ? json_dumps(diags, JSON_COMPACT) : NULL;
    if (!text) {
        json_decref(diags);
        failed(e, d, -ENOMEM);
        return;
    }
    if (d->published && strcmp(d->published, text) == 0) {
        free(text);
        json_decref(diags);
        return;
    }
    free(d->published);
    d->published = text;
    e->cb.notify(e->ctx, "textDocument/publishDiagnostics",
                 json_pack("{s:s,s:I,s:o}", "uri", d->uri, "version", (json_int_t)d->version,
                           "diagnostics", diags));
}

static void publish_all(lsp_engine *e)
{
    for (size_t i = 0; i < e->n; i++)
        publish(e, e->docs[i]);
}

/* Analyses every changed document, so that each is in the corpus as it is
 * before any is annotated. */
static void analyse_all(lsp_engine *e)
{
    for (size_t i = 0; i < e->n; i++) {
        int rc = analyse(e, e->docs[i]);
        if (rc)
            failed(e, e->docs[i], rc);
    }
}

void lsp_engine_batch_done(lsp_engine *e)
{
    analyse_all(e);
    bool others = false, any = false, provisional = false;
    for (size_t i = 0; i < e->n; i++) {
        open_doc *d = e->docs[i];
        if (d->edited || !d->published) {
            any |= d->edited;
            publish(e, d);
        } else {
            others = true;
        }
        provisional |= d->provisional;
    }
    if ((others && any) || provisional)
        uv_timer_start(&e->pause, on_pause, ENGINE_PAUSE_MS, 0);
}

const lsp_view *lsp_engine_view(lsp_engine *e, const char *uri)
{
    open_doc *d = find(e, uri);
    if (!d)
        return NULL;
    analyse_all(e);
    if (!d->a)
        return NULL;
    int rc = annotate_doc(e, d);
    if (rc) {
        failed(e, d, rc);
        return NULL;
    }
    return &d->view;
}

int lsp_engine_each_view(lsp_engine *e, int (*fn)(const lsp_view *v, void *arg), void *arg)
{
    for (size_t i = 0; i < e->n; i++) {
        const lsp_view *v = lsp_engine_view(e, e->docs[i]->uri);
        int rc = v ? fn(v, arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}
