/*
 * server.c: the co-process. Neovim starts `quotelens` with no arguments as
 * an RPC job; the plugin tells it which buffers to follow, and from then on
 * Neovim's own buffer events drive everything:
 *
 *   nvim_buf_lines_event -> doc (the copy) -> analysis -> corpus
 *        -> annotations -> one nvim_exec_lua per buffer whose view changed
 *
 * Events that arrive in one read are applied first and analysed once, at
 * the end of the batch. An edit is spliced where it can be (splice.h): only
 * the paragraphs it touched are read again, only their quotes indexed and
 * looked up, and the plugin gets only those quotes, numbered so it can tell
 * an update that does not follow the one on screen (it then asks for the
 * whole, quotelens_refresh). When typing pauses, the spliced buffers are
 * read whole and corrected, and the other buffers' cross-references
 * redone. That whole reading runs on libuv's thread pool, on a copy of the
 * text, so the loop keeps answering keystrokes and requests meanwhile; a
 * reading of text that changed while it ran is thrown away, and the next
 * pause reads again. A whole update is sent only when it differs from the last one
 * (a hash of what it draws). When Neovim goes away, stdin closes and the
 * process exits. Started with stdin not a pipe or a socket (/dev/null, a
 * file, a terminal), it says so and exits with status 2.
 */
#include "server.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uv.h>
#include <xxhash.h>

#include "analysis.h"
#include "annotate.h"
#include "array.h"
#include "corpus.h"
#include "doc.h"
#include "folder.h"
#include "given.h"
#include "lexicon.h"
#include "log.h"
#include "names.h"
#include "nvim.h"
#include "rpc.h"
#include "splice.h"
#include "watch.h"

/* A buffer this long gets the quotes a window shows before the rest. */
#define SERVER_VIEW_BYTES (1u << 20)
/* How long typing must pause before the whole passes run. */
#define SERVER_PAUSE_MS 300
/* A buffer larger than this is not followed: the plugin's default for
 * max_buffer_mb, for a client that sends no quotelens_limits. */
#define SERVER_MAX_BUFFER (20u * 1024 * 1024)

typedef struct buffer {
    int64_t handle;
    char *name;
    bool is_file;    /* its name is a regular file, whose identity is: */
    dev_t dev;       /* (the same file under another name in a corpus */
    ino_t ino;       /* folder is this buffer, never its source) */
    doc *d;
    analysis *a;
    int64_t tick;
    bool changed;    /* its text changed since the last analysis */
    bool dirty;      /* its view must be checked and maybe sent */
    bool resync;     /* the copy lost step: detach, then attach again */
    bool provisional; /* spliced since its last whole reading: read it whole at the pause */
    bool claimed;     /* every splice since then called itself exact */
    bool stale;       /* another buffer changed: look its quotes up again */
    bool whole_next;  /* the plugin lost step: send the whole view next */
    bool view_first;  /* not yet analysed: send the rows a window shows first */
    bool reading;     /* a whole reading of it runs on a worker */
    uint64_t version; /* changes with its text (server.versions) */
    int64_t view_top, view_bottom;
    uint64_t sent;    /* hash of the last whole update sent */
    uint64_t seq;     /* number of the last update sent */
    uint64_t diags_sent; /* hash of the diagnostics last sent */
    annotations last;     /* the last annotations made, whose sources can be reused */
    bool has_last;
    uint64_t names_seen;  /* the registry of names `last` was made with */
    uint64_t others_seen; /* corpus changes by others when `last` was made */
    uint64_t own_changes; /* corpus changes this buffer made */
} buffer;

typedef struct server {
    uv_loop_t *loop;
    rpc *rpc;
    buffer *bufs;
    size_t n_bufs, cap_bufs;
    corpus *corpus;
    watch *watch;             /* the corpus folders */
    uint64_t corpus_changes;  /* every put and drop, so buffers know when others moved */
    names *names;             /* canonical speakers of every document */
    uint64_t names_built;     /* how many times it was built */
    bool names_stale;         /* a document's speakers changed since it was built */
    uv_timer_t pause;         /* fires when typing pauses: the slower, whole passes */
    size_t max_buffer;        /* bytes; a buffer that grows larger is let go */
    int64_t *leaving;         /* buffers asked to detach whose detach event */
    size_t n_leaving, cap_leaving; /* has not come back yet */
    bool reported;
    bool input_told;          /* the user knows input was lost */
    uint64_t versions;        /* of every buffer's text, so none is seen twice */
    size_t readings;          /* whole readings running on workers */
    bool stopping;            /* the loop ended: readings that finish are let go */
} server;

/* A whole reading of a buffer on a worker: the text as it was, and what
 * came of it. */
typedef struct reading {
    uv_work_t req;
    server *s;
    int64_t handle;
    uint64_t version;
    char *text;
    size_t len;
    analysis *a;
    int rc;
} reading;

static buffer *find(server *s, int64_t handle)
{
    for (size_t i = 0; i < s->n_bufs; i++)
        if (s->bufs[i].handle == handle)
            return &s->bufs[i];
    return NULL;
}

static void buffer_clear(buffer *b)
{
    free(b->name);
    doc_free(b->d);
    analysis_free(b->a);
    if (b->has_last)
        annotations_free(&b->last);
}

static void drop(server *s, buffer *b)
{
    corpus_drop(s->corpus, b->name);
    watch_forget(s->watch, b->name); /* a corpus file's text comes back */
    s->corpus_changes++;
    s->names_stale = true;
    buffer_clear(b);
    *b = s->bufs[--s->n_bufs];
    /* Its quotes may have been sources of others' quotes. */
    for (size_t i = 0; i < s->n_bufs; i++)
        s->bufs[i].dirty = true;
}

/* Asks Neovim to stop sending buf's events. Its detach event comes later,
 * maybe after the plugin attached the buffer again (a quick :QuoteLens
 * toggle): that event answers this call and must not drop the new copy, so
 * the handle is remembered until it comes. */
static void stop_events(server *s, int64_t h)
{
    if (nvim_buf_detach(s->rpc, h) == 0 &&
        array_grow((void **)&s->leaving, &s->cap_leaving, s->n_leaving + 1, sizeof *s->leaving) == 0)
        s->leaving[s->n_leaving++] = h;
}

/* Whether a detach event answers a stop_events() (which it then forgets). */
static bool was_leaving(server *s, int64_t h)
{
    for (size_t i = 0; i < s->n_leaving; i++)
        if (s->leaving[i] == h) {
            s->leaving[i] = s->leaving[--s->n_leaving];
            return true;
        }
    return false;
}

/* A buffer that cannot be followed is let go, and the user told why:
 * nothing is dropped without a word. */
static void unfollow(server *s, buffer *b, const char *why)
{
    char msg[512];
    snprintf(msg, sizeof msg, "quotelens: %s %s; it is not analysed", b->name, why);
    log_msg("buffer %lld: %s", (long long)b->handle, msg);
    stop_events(s, b->handle);
    nvim_unfollowed(s->rpc, b->handle, msg);
    drop(s, b);
}

static bool str_arg(const msgpack_object *o, char **out)
{
    if (o->type != MSGPACK_OBJECT_STR && o->type != MSGPACK_OBJECT_BIN)
        return false;
    *out = strndup(o->via.str.ptr, o->via.str.size);
    return *out != NULL;
}

static bool int_arg(const msgpack_object *o, int64_t *v);

/* The optional [top, bottom) rows a window shows, after buffer and name. */
static void view_arg(buffer *b, const msgpack_object *params)
{
    const msgpack_object *v = params->via.array.size > 2 ? &params->via.array.ptr[2] : NULL;
    b->view_first = v && v->type == MSGPACK_OBJECT_ARRAY && v->via.array.size == 2 &&
                    int_arg(&v->via.array.ptr[0], &b->view_top) &&
                    int_arg(&v->via.array.ptr[1], &b->view_bottom);
}

/* quotelens_attach: [buffer, name, [top, bottom] or []] */
static void attach(server *s, const msgpack_object *params)
{
    int64_t h;
    char *name;
    if (params->via.array.size < 2 || !nvim_buffer_arg(&params->via.array.ptr[0], &h) ||
        !str_arg(&params->via.array.ptr[1], &name)) {
        log_msg("attach: expected [buffer, name]");
        return;
    }
    buffer *b = find(s, h);
    if (b) { /* renamed, or attached again after :edit! */
        free(b->name);
        b->name = name;
        doc_free(b->d);
        b->d = doc_new();
        b->resync = false;
        b->version = ++s->versions;
    } else {
        if (array_grow((void **)&s->bufs, &s->cap_bufs, s->n_bufs + 1, sizeof *s->bufs)) {
            free(name);
            return;
        }
        b = &s->bufs[s->n_bufs++];
        *b = (buffer){.handle = h, .name = name, .d = doc_new()};
    }
    if (!b->d) {
        unfollow(s, b, "cannot be followed: out of memory");
        return;
    }
    view_arg(b, params);
    struct stat st;
    b->is_file = stat(b->name, &st) == 0 && S_ISREG(st.st_mode);
    b->dev = b->is_file ? st.st_dev : 0;
    b->ino = b->is_file ? st.st_ino : 0;
    if (b->is_file)
        watch_opened(s->watch, b->name);
    nvim_buf_attach(s->rpc, h);
}

static void detach(server *s, const msgpack_object *params)
{
    int64_t h;
    buffer *b;
    if (params->via.array.size < 1 || !nvim_buffer_arg(&params->via.array.ptr[0], &h) ||
        !(b = find(s, h)))
        return;
    stop_events(s, h);
    drop(s, b);
}

/* quotelens_corpus: [dir...]: the folders whose articles join the corpus. */
static void set_corpus(server *s, const msgpack_object *params)
{
    uint32_t n = params->via.array.size;
    char **dirs = calloc(n ? n : 1, sizeof *dirs);
    int rc = dirs ? 0 : -ENOMEM;
    for (uint32_t i = 0; i < n && rc == 0; i++)
        if (!str_arg(&params->via.array.ptr[i], &dirs[i]))
            rc = -EINVAL;
    if (rc == 0)
        rc = watch_set(s->watch, (const char *const *)dirs, n);
    if (rc)
        log_msg("corpus: %s", rc == -EINVAL ? "expected [dir...]" : "out of memory");
    for (uint32_t i = 0; dirs && i < n; i++)
        free(dirs[i]);
    free(dirs);
}

static bool int_arg(const msgpack_object *o, int64_t *v)
{
    if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
        *v = (int64_t)o->via.u64;
        return true;
    }
    if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
        *v = o->via.i64;
        return true;
    }
    return false;
}

/* quotelens_limits: [max_buffer_bytes, corpus_max_bytes], from setup(). */
static void limits(server *s, const msgpack_object *params)
{
    const msgpack_object *p = params->via.array.ptr;
    int64_t buf, corpus;
    if (params->via.array.size < 2 || !int_arg(&p[0], &buf) || !int_arg(&p[1], &corpus) ||
        buf <= 0 || corpus < 0) {
        log_msg("limits: expected [max_buffer_bytes, corpus_max_bytes]");
        return;
    }
    s->max_buffer = (size_t)buf;
    watch_limits(s->watch, (size_t)corpus, (size_t)buf);
}

/* Analysing a buffer over the limit would cost seconds per keystroke and
 * several times its size in memory: it is no longer followed, and the
 * plugin tells the user once. */
static void let_go(server *s, buffer *b, size_t bytes)
{
    log_msg("buffer %lld: %zu bytes or more, over the limit of %zu; detached",
            (long long)b->handle, bytes, s->max_buffer);
    stop_events(s, b->handle);
    nvim_too_large(s->rpc, b->handle, bytes);
    drop(s, b);
}

/* nvim_buf_lines_event: [buf, changedtick, firstline, lastline, linedata, more] */
static void lines_event(server *s, const msgpack_object *params)
{
    const msgpack_object *p = params->via.array.ptr;
    int64_t h, tick, first, last;
    buffer *b;
    if (params->via.array.size < 5 || !nvim_buffer_arg(&p[0], &h) || !(b = find(s, h)))
        return;
    /* A preview of :substitute while typing comes without a changedtick,
     * and nothing undoes it: not part of the text. */
    if (p[1].type == MSGPACK_OBJECT_NIL || b->resync)
        return;
    if (!int_arg(&p[1], &tick) || !int_arg(&p[2], &first) || !int_arg(&p[3], &last) ||
        p[4].type != MSGPACK_OBJECT_ARRAY) {
        log_msg("lines event: malformed");
        return;
    }
    uint32_t n = p[4].via.array.size;
    const char **text = malloc((n + 1) * sizeof *text);
    size_t *len = malloc((n + 1) * sizeof *len);
    size_t bytes = 0; /* of the new lines, joined */
    int rc = text && len ? 0 : -ENOMEM;
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        const msgpack_object *l = &p[4].via.array.ptr[i];
        if (l->type != MSGPACK_OBJECT_STR && l->type != MSGPACK_OBJECT_BIN) {
            rc = -EINVAL;
            break;
        }
        text[i] = l->via.str.ptr;
        len[i] = l->via.str.size;
        bytes += len[i] + (i > 0);
    }
    /* New lines over the limit on their own are not even copied. */
    bool over = rc == 0 && bytes > s->max_buffer;
    if (rc == 0 && !over)
        rc = doc_apply(b->d, first, last, text, len, n);
    free(text);
    free(len);
    if (rc != 0) {
        /* Our copy and the buffer disagree: fetch it whole again. */
        log_msg("buffer %lld: edit [%lld, %lld) does not apply (%s); resynchronising",
                (long long)h, (long long)first, (long long)last, strerror(-rc));
        b->resync = true;
        nvim_buf_detach(s->rpc, h);
        return;
    }
    if (over || doc_bytes(b->d) > s->max_buffer) {
        let_go(s, b, over ? bytes : doc_bytes(b->d));
        return;
    }
    b->tick = tick;
    b->changed = b->dirty = true;
    b->version = ++s->versions;
}

static void changedtick_event(server *s, const msgpack_object *params)
{
    int64_t h, tick;
    buffer *b;
    if (params->via.array.size < 2 || !nvim_buffer_arg(&params->via.array.ptr[0], &h) ||
        !(b = find(s, h)) || !int_arg(&params->via.array.ptr[1], &tick))
        return;
    b->tick = tick;
    b->dirty = true;
}

static void detach_event(server *s, const msgpack_object *params)
{
    int64_t h;
    buffer *b;
    if (params->via.array.size < 1 || !nvim_buffer_arg(&params->via.array.ptr[0], &h) ||
        was_leaving(s, h) || !(b = find(s, h)))
        return;
    if (b->resync) {
        /* The copy starts empty until the attach sends the lines: the old
         * reading of it would be annotated on the empty text. */
        doc_free(b->d);
        b->d = doc_new();
        analysis_free(b->a);
        b->a = NULL;
        b->dirty = false;
        b->resync = false;
        b->version = ++s->versions;
        if (!b->d) {
            unfollow(s, b, "cannot be read again: out of memory");
            return;
        }
        nvim_buf_attach(s->rpc, h);
        return;
    }
    drop(s, b);
}

/* quotelens_verify: [buf, changedtick, lines, bytes], sent by the plugin when
 * a change settles. Neovim's lines events can describe some edits wrongly
 * (its bug #11591, e.g. `yyjjvi{p`), so the copy is checked against the
 * buffer's size at the same changedtick; a copy that lost step is fetched
 * whole again. Sizes are cheap on both sides, a hash would not be in Lua. */
static void verify(server *s, const msgpack_object *params)
{
    const msgpack_object *p = params->via.array.ptr;
    int64_t h, tick, lines, bytes;
    buffer *b;
    size_t len;
    if (params->via.array.size < 4 || !nvim_buffer_arg(&p[0], &h) || !(b = find(s, h)) ||
        !int_arg(&p[1], &tick) || !int_arg(&p[2], &lines) || !int_arg(&p[3], &bytes)) {
        log_msg("verify: expected [buffer, changedtick, lines, bytes]");
        return;
    }
    if (b->resync || tick != b->tick || !doc_text(b->d, &len))
        return;
    if ((int64_t)doc_line_count(b->d) == lines && (int64_t)len == bytes)
        return;
    log_msg("buffer %lld: copy has %zu lines, %zu bytes; buffer %lld, %lld; resynchronising",
            (long long)h, doc_line_count(b->d), len, (long long)lines, (long long)bytes);
    b->resync = true;
    nvim_buf_detach(s->rpc, h);
}

/* quotelens_refresh: [buf]: the plugin could not apply a partial update. */
static void refresh(server *s, const msgpack_object *params)
{
    int64_t h;
    buffer *b;
    if (params->via.array.size < 1 || !nvim_buffer_arg(&params->via.array.ptr[0], &h) ||
        !(b = find(s, h)))
        return;
    b->whole_next = b->dirty = true;
}

/* Where an answer goes: the response to request `id`, or for quotelens_ask
 * (a request sent as a notification, so that Neovim never waits on us) a
 * call of require('quotelens').answer(id, result[, error]) in Neovim. */
typedef struct reply {
    uint32_t id;
    bool ask;
} reply;

static msgpack_packer *begin_answer(server *s, reply to, uint32_t n)
{
    msgpack_packer *pk = rpc_begin_notification(s->rpc, "nvim_exec_lua", 2);
    rpc_pack_cstr(pk, "require('quotelens').answer(...)");
    msgpack_pack_array(pk, n);
    msgpack_pack_uint32(pk, to.id);
    return pk;
}

/* Begins the answer: pack the result with the packer returned, then send. */
static msgpack_packer *begin_reply(server *s, reply to)
{
    return to.ask ? begin_answer(s, to, 2) : rpc_begin_response(s->rpc, to.id);
}

static void reply_error(server *s, reply to, const char *message)
{
    if (!to.ask) {
        rpc_respond_error(s->rpc, to.id, message);
        return;
    }
    msgpack_packer *pk = begin_answer(s, to, 3);
    msgpack_pack_nil(pk);
    rpc_pack_cstr(pk, message);
    rpc_send(s->rpc);
}

static void respond_status(server *s, reply to)
{
    msgpack_packer *pk = begin_reply(s, to);
    msgpack_pack_map(pk, 3);
    rpc_pack_cstr(pk, "buffers");
    msgpack_pack_uint64(pk, s->n_bufs);
    rpc_pack_cstr(pk, "reading");
    msgpack_pack_uint64(pk, s->readings);
    rpc_pack_cstr(pk, "version");
    rpc_pack_cstr(pk, QL_VERSION);
    rpc_send(s->rpc);
}

/* A digest of the copy of a buffer, so tests can check it equals the text. */
static void respond_digest(server *s, reply to, const msgpack_object *params)
{
    int64_t h;
    buffer *b;
    size_t len = 0;
    const char *text;
    if (params->via.array.size < 1 || !nvim_buffer_arg(&params->via.array.ptr[0], &h) ||
        !(b = find(s, h)) || !(text = doc_text(b->d, &len))) {
        reply_error(s, to, "no such buffer");
        return;
    }
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)XXH3_64bits(text, len));
    msgpack_packer *pk = begin_reply(s, to);
    msgpack_pack_map(pk, 3);
    rpc_pack_cstr(pk, "lines");
    msgpack_pack_uint64(pk, doc_line_count(b->d));
    rpc_pack_cstr(pk, "bytes");
    msgpack_pack_uint64(pk, len);
    rpc_pack_cstr(pk, "digest");
    rpc_pack_cstr(pk, hex);
    rpc_send(s->rpc);
}

static bool is(const rpc_message *m, const char *name)
{
    return m->method_len == strlen(name) && memcmp(m->method, name, m->method_len) == 0;
}

/* The requests, whether sent as requests or through quotelens_ask. */
static void answer(server *s, reply to, const char *method, size_t len, const msgpack_object *params)
{
    rpc_message m = {.method = method, .method_len = len};
    if (is(&m, "quotelens_ping")) {
        rpc_pack_cstr(begin_reply(s, to), "pong");
        rpc_send(s->rpc);
    } else if (is(&m, "quotelens_status")) {
        respond_status(s, to);
    } else if (is(&m, "quotelens_digest")) {
        respond_digest(s, to, params);
    } else if (is(&m, "quotelens_corpus_status")) {
        watch_pack_status(s->watch, begin_reply(s, to), params);
        rpc_send(s->rpc);
    } else {
        reply_error(s, to, "unknown method");
    }
}

/* quotelens_ask: [id, method, [params]]: a request the plugin sends as a
 * notification, answered by a call into Neovim (reply above), so that a
 * co-process that is stopped or busy never blocks the editor. */
static void ask(server *s, const msgpack_object *params)
{
    const msgpack_object *p = params->via.array.ptr;
    int64_t id;
    if (params->via.array.size != 3 || !int_arg(&p[0], &id) || id < 0 || id > UINT32_MAX ||
        p[1].type != MSGPACK_OBJECT_STR || p[2].type != MSGPACK_OBJECT_ARRAY) {
        log_msg("ask: expected [id, method, [params]]");
        return;
    }
    answer(s, (reply){(uint32_t)id, true}, p[1].via.str.ptr, p[1].via.str.size, &p[2]);
}

static void on_message(void *ctx, const rpc_message *m)
{
    server *s = ctx;
    if (m->kind == RPC_RESPONSE) {
        if (m->error->type != MSGPACK_OBJECT_NIL)
            log_msg("request %u failed", m->id);
        return;
    }
    if (m->kind == RPC_REQUEST) {
        answer(s, (reply){m->id, false}, m->method, m->method_len, m->params);
        return;
    }
    if (is(m, "nvim_buf_lines_event"))
        lines_event(s, m->params);
    else if (is(m, "nvim_buf_changedtick_event"))
        changedtick_event(s, m->params);
    else if (is(m, "nvim_buf_detach_event"))
        detach_event(s, m->params);
    else if (is(m, "quotelens_attach"))
        attach(s, m->params);
    else if (is(m, "quotelens_detach"))
        detach(s, m->params);
    else if (is(m, "quotelens_verify"))
        verify(s, m->params);
    else if (is(m, "quotelens_refresh"))
        refresh(s, m->params);
    else if (is(m, "quotelens_limits"))
        limits(s, m->params);
    else if (is(m, "quotelens_corpus"))
        set_corpus(s, m->params);
    else if (is(m, "quotelens_ask"))
        ask(s, m->params);
    else if (is(m, "nvim_error_event"))
        log_msg("neovim reported an error in a notification");
    else
        log_msg("unknown notification %.*s", (int)m->method_len, m->method);
}

/* Installs a whole analysis of a buffer's text: its quotes may be cited
 * anywhere, so every buffer's view is checked. */
static int install(server *s, buffer *b, const char *text, size_t len, analysis *a)
{
    int rc = corpus_put(s->corpus, b->name, text, len, a);
    if (rc) {
        analysis_free(a);
        return rc;
    }
    analysis_free(b->a);
    b->a = a;
    doc_seen(b->d);
    b->own_changes++;
    s->corpus_changes++;
    s->names_stale = true;
    for (size_t i = 0; i < s->n_bufs; i++)
        s->bufs[i].dirty = true;
    return 0;
}

static int build_names(server *s)
{
    names *reg = names_new();
    int rc = reg ? 0 : -ENOMEM;
    for (size_t i = 0; i < s->n_bufs && rc == 0; i++)
        for (size_t q = 0; s->bufs[i].a && q < s->bufs[i].a->n_quotes && rc == 0; q++)
            rc = names_add(reg, s->bufs[i].a->quotes[q].speaker);
    if (rc == 0)
        rc = watch_names(s->watch, reg);
    if (rc == 0)
        rc = names_index(reg);
    if (rc) {
        names_free(reg);
        return rc;
    }
    names_free(s->names);
    s->names = reg;
    s->names_built++;
    s->names_stale = false;
    return 0;
}

static uint64_t diags_digest(const annotations *x)
{
    uint64_t h = x->nd;
    for (size_t i = 0; i < x->nd; i++) {
        const ann_diag *d = &x->d[i];
        uint64_t pos[2] = {(uint64_t)d->pos.row << 32 | d->pos.col,
                           (uint64_t)d->pos.end_row << 32 | d->pos.end_col};
        h = XXH3_64bits_withSeed(pos, sizeof pos, h);
        h = XXH3_64bits_withSeed(d->d->message, strlen(d->d->message), h);
    }
    return h;
}

static void keep_last(server *s, buffer *b, annotations *x, uint64_t others)
{
    b->names_seen = s->names_built;
    if (b->has_last)
        annotations_free(&b->last);
    b->last = *x;
    b->has_last = true;
    b->others_seen = others;
}

/* A long article's first update: the quotes in the rows a window shows,
 * sent before the whole is indexed and looked up, which takes a second at
 * 100,000 lines. */
static void show_view(server *s, buffer *b, const char *text, size_t len, const analysis *a)
{
    b->view_first = false;
    annotations x;
    if (len < SERVER_VIEW_BYTES || b->view_top < 0 || b->view_bottom < b->view_top ||
        annotate_rows(text, len, a, s->names, (size_t)b->view_top, (size_t)b->view_bottom, &x))
        return;
    render_update u = {.buf = b->handle, .tick = b->tick, .seq = b->seq + 1, .with_diags = true,
                       .view_only = true};
    nvim_render(s->rpc, &u, &x, text, s->corpus);
    b->seq = u.seq;
    annotations_free(&x);
}

/* Sends the quotes [first, first + count) of x, which replace `removed`
 * quotes of the update on screen, with the diagnostics when they changed. */
static void send_part(server *s, buffer *b, const annotations *x, const char *text, size_t first,
                      size_t count, size_t removed, long rows)
{
    uint64_t diags = diags_digest(x);
    render_update u = {.buf = b->handle, .tick = b->tick, .seq = b->seq + 1,
                       .with_diags = diags != b->diags_sent, .delta = true, .base = b->seq,
                       .first = first, .count = count, .removed = removed, .rows = rows};
    nvim_render(s->rpc, &u, x, text, s->corpus);
    b->seq = u.seq;
    b->diags_sent = diags;
    b->sent = 0; /* the next whole update is sent whatever it holds */
}

/* Corpus changes that other buffers made. */
static uint64_t others_of(const server *s, const buffer *b)
{
    return s->corpus_changes - b->own_changes;
}

static int add_index(size_t **v, size_t *n, size_t *cap, size_t i)
{
    if (array_grow((void **)v, cap, *n + 1, sizeof **v))
        return -ENOMEM;
    (*v)[(*n)++] = i;
    return 0;
}

static int by_index(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* The quotes of o that cited b before its edit, or that b's edited quotes
 * cite now: sorted, without repeats. */
static int citing(const buffer *o, const buffer *b, const splice *sp, size_t **v, size_t *n)
{
    size_t cap = 0;
    int rc = 0;
    *v = NULL;
    *n = 0;
    for (size_t i = 0; i < o->last.nq && rc == 0; i++)
        for (size_t k = 0; k < o->last.q[i].n_sources && rc == 0; k++)
            if (strcmp(o->last.q[i].sources[k].doc, b->name) == 0) {
                rc = add_index(v, n, &cap, i);
                break;
            }
    for (size_t i = sp->q_first; i < sp->q_new_end && rc == 0; i++)
        for (size_t k = 0; k < b->last.q[i].n_sources && rc == 0; k++)
            if (strcmp(b->last.q[i].sources[k].doc, o->name) == 0 &&
                b->last.q[i].sources[k].quote < o->last.nq)
                rc = add_index(v, n, &cap, b->last.q[i].sources[k].quote);
    if (*n > 1)
        qsort(*v, *n, sizeof **v, by_index);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (kept == 0 || (*v)[kept - 1] != (*v)[i])
            (*v)[kept++] = (*v)[i];
    *n = kept;
    return rc;
}

/* Another open buffer o after b was spliced: the quotes of o that cited b,
 * and those b's edited quotes now cite, are looked up again and sent in the
 * same batch. Possible while o's sources were current before this edit;
 * returns nonzero when o must wait for the pause instead. */
static int follow(server *s, buffer *o, const buffer *b, const splice *sp)
{
    uint64_t others = others_of(s, o);
    if (!o->a || !o->has_last || o->stale || o->changed || o->others_seen + 1 != others ||
        o->names_seen != s->names_built)
        return 1; /* its text changed in this batch too, or its sources were behind */
    size_t *which, n;
    int rc = citing(o, b, sp, &which, &n);
    size_t len;
    const char *text = doc_text(o->d, &len);
    if (rc == 0 && n)
        rc = annotate_refresh(o->name, text, o->a, s->corpus, s->names, which, n, &o->last);
    if (rc) {
        free(which);
        annotations_free(&o->last);
        o->has_last = false;
        return rc;
    }
    o->others_seen = others;
    if (n)
        send_part(s, o, &o->last, text, which[0], which[n - 1] - which[0] + 1,
                  which[n - 1] - which[0] + 1, 0);
    free(which);
    return 0;
}

/*
 * The fast answer to an edit: the paragraphs it touched are read again
 * (splice.h), their quotes indexed and looked up again, and the plugin gets
 * only those quotes. Possible while the annotations on screen were made
 * from the analysis being spliced and every other document is as it was.
 * Returns 0 when done, SPLICE_WHOLE when the buffer must be analysed
 * whole, or -ENOMEM.
 */
static int splice_buffer(server *s, buffer *b, const char *text, size_t len)
{
    size_t old_len;
    const char *old = corpus_text(s->corpus, b->name, &old_len);
    if (!b->a || !b->has_last || b->whole_next || b->last.nq != b->a->n_quotes || !old ||
        b->others_seen != others_of(s, b) || s->names_stale)
        return SPLICE_WHOLE;
    splice sp;
    size_t head, tail;
    doc_unchanged(b->d, &head, &tail);
    int rc = splice_analysis(b->a, old, old_len, text, len, head, tail, &sp);
    if (rc)
        return rc;
    annotations x;
    if ((rc = corpus_splice(s->corpus, b->name, text, len, b->a, &sp)) != 0 ||
        (rc = annotate_splice(b->name, text, b->a, s->corpus, s->names,
                                   b->names_seen != s->names_built, &b->last, &sp, &x)) != 0) {
        /* The analysis is spliced but what was built from it is not, and
         * the sources of the annotations moved away: start over. */
        analysis_free(b->a);
        b->a = NULL;
        annotations_free(&b->last);
        b->has_last = false;
        return rc == -ENOMEM ? rc : SPLICE_WHOLE;
    }
    b->own_changes++;
    s->corpus_changes++;
    doc_seen(b->d);
    send_part(s, b, &x, text, sp.q_first, sp.q_new_end - sp.q_first, sp.q_old_end - sp.q_first,
              (long)x.rows - (long)b->last.rows);
    keep_last(s, b, &x, others_of(s, b));
    b->claimed = (b->claimed || !b->provisional) && sp.exact;
    b->provisional = true;
    for (size_t i = 0; i < s->n_bufs; i++)
        if (&s->bufs[i] != b && follow(s, &s->bufs[i], b, &sp) != 0)
            s->bufs[i].stale = true;
    return 0;
}

/* Brings the buffers whose text changed up to date, spliced where
 * possible; sets *later when a whole pass is owed once typing pauses. */
static int analyse(server *s, bool *later)
{
    for (size_t i = 0; i < s->n_bufs; i++) {
        buffer *b = &s->bufs[i];
        if (!b->changed)
            continue;
        size_t len;
        const char *text = doc_text(b->d, &len);
        if (!text)
            return -ENOMEM;
        b->changed = false;
        int rc = splice_buffer(s, b, text, len);
        if (rc == 0) {
            b->dirty = false;
            *later = true;
            continue;
        }
        analysis *a;
        if (rc != SPLICE_WHOLE || (rc = analysis_run(text, len, &a)) != 0)
            return rc;
        if (b->view_first)
            show_view(s, b, text, len, a);
        if ((rc = install(s, b, text, len, a)) != 0)
            return rc;
    }
    return 0;
}

/* Sends each buffer whose view may differ from what Neovim shows. */
static int send_dirty(server *s)
{
    int rc = s->names_stale ? build_names(s) : 0;
    for (size_t i = 0; i < s->n_bufs && rc == 0; i++) {
        buffer *b = &s->bufs[i];
        if (!b->dirty || !b->a)
            continue;
        b->dirty = false;
        size_t len;
        const char *text = doc_text(b->d, &len);
        /* Sources found before stay valid while no other document changed. */
        uint64_t others = others_of(s, b);
        const annotations *prev = b->has_last && b->others_seen == others ? &b->last : NULL;
        annotations x;
        if (!text || (rc = annotate(b->name, text, b->a, s->corpus, s->names, prev, &x)) != 0)
            break;
        uint64_t h = annotations_digest(&x) ^ (uint64_t)b->tick;
        if (h != b->sent || b->whole_next) {
            render_update u = {.buf = b->handle, .tick = b->tick, .seq = b->seq + 1,
                               .with_diags = true};
            nvim_render(s->rpc, &u, &x, text, s->corpus);
            b->seq = u.seq;
            b->sent = h;
            b->diags_sent = diags_digest(&x);
            b->whole_next = false;
        }
        keep_last(s, b, &x, others);
    }
    return rc;
}

static void report_failure(server *s, int rc)
{
    if (rc == 0 || s->reported)
        return;
    s->reported = true;
    log_msg("analysis failed: %s", strerror(-rc));
    nvim_report(s->rpc, "quotelens: out of memory; annotations are not up to date");
}

static void swap_reading(analysis *x, analysis *y)
{
    analysis t = *x;
    x->people = y->people;
    x->heard = y->heard;
    x->n_heard = y->n_heard;
    y->people = t.people;
    y->heard = t.heard;
    y->n_heard = t.n_heard;
}

/* On a worker: the whole reading. analysis_run touches nothing shared
 * but the lexicon, which the loop built before any reading could start. */
static void read_whole(uv_work_t *req)
{
    reading *r = req->data;
    r->rc = analysis_run(r->text, r->len, &r->a);
}

/* Back on the loop: a reading of text that is still the buffer's corrects
 * the spliced analysis; one of text that changed since is let go (the
 * edit's batch started the pause again, and the next pause reads again). */
static void read_done(uv_work_t *req, int status)
{
    reading *r = req->data;
    server *s = r->s;
    buffer *b = s->stopping ? NULL : find(s, r->handle);
    int rc = status == 0 ? r->rc : 0;
    s->readings--;
    if (b)
        b->reading = false;
    if (b && rc == 0 && status == 0 && b->version == r->version && b->a) {
        b->provisional = false;
        if (analysis_equal(r->a, b->a)) {
            /* Keep what the whole reading carries for the next splice; the
             * quotes stay, as the annotations point at their strings. */
            swap_reading(r->a, b->a);
        } else {
            /* Expected after a splice that named someone new; after exact
             * ones it shows text the window reads otherwise (a fence, a
             * table): worth a look. */
            log_msg("buffer %lld: the whole reading differs from the spliced one%s",
                    (long long)b->handle, b->claimed ? ", which claimed to be exact" : "");
            rc = install(s, b, r->text, r->len, r->a);
            r->a = NULL; /* install owns it now */
        }
        if (rc == 0)
            rc = send_dirty(s);
    }
    if (!s->stopping)
        report_failure(s, rc);
    analysis_free(r->a);
    free(r->text);
    free(r);
}

/* Starts the whole reading of a buffer on a worker, from a copy of its
 * text. */
static int start_reading(server *s, buffer *b)
{
    size_t len;
    const char *text = doc_text(b->d, &len);
    char *copy = text ? malloc(len + 1) : NULL;
    reading *r = copy ? malloc(sizeof *r) : NULL;
    if (!r) {
        free(copy);
        return -ENOMEM;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    *r = (reading){.s = s, .handle = b->handle, .version = b->version, .text = copy, .len = len};
    r->req.data = r;
    if (uv_queue_work(s->loop, &r->req, read_whole, read_done) != 0) {
        free(copy);
        free(r);
        return -ENOMEM;
    }
    b->reading = true;
    s->readings++;
    return 0;
}

/* The pause after typing: buffers spliced in a way that may reach further
 * are read whole on workers (read_done corrects them), and the other
 * buffers' cross-references redone. */
static void on_pause(uv_timer_t *t)
{
    server *s = t->data;
    int rc = 0;
    for (size_t i = 0; i < s->n_bufs && rc == 0; i++) {
        buffer *b = &s->bufs[i];
        if (b->stale)
            b->dirty = true;
        b->stale = false;
        if (b->provisional && b->a && !b->reading)
            rc = start_reading(s, b);
    }
    if (rc == 0)
        rc = send_dirty(s);
    report_failure(s, rc);
}

/* After a batch of events: analyse what changed, then send each buffer
 * whose view differs from what Neovim shows. */
static void on_batch_done(void *ctx)
{
    server *s = ctx;
    bool later = false;
    int rc = analyse(s, &later);
    if (rc == 0)
        rc = send_dirty(s);
    if (later)
        uv_timer_start(&s->pause, on_pause, SERVER_PAUSE_MS, 0);
    report_failure(s, rc);
}

/* The corpus folders moved a document: no view made before may be reused. */
static void corpus_changed(void *ctx)
{
    server *s = ctx;
    s->corpus_changes++;
}

/* The corpus folders settled (or a long pass indexed more): any view may
 * cite other text now. Done here rather than at each document, so a pass
 * does not redo every view and the names at each request it answers. */
static void corpus_settled(void *ctx)
{
    server *s = ctx;
    s->names_stale = true;
    for (size_t i = 0; i < s->n_bufs; i++)
        s->bufs[i].dirty = true;
    on_batch_done(s);
}

/* Whether a buffer has this name, or is this file by another name. */
static bool is_open(void *ctx, const char *path)
{
    server *s = ctx;
    bool files = false;
    for (size_t i = 0; i < s->n_bufs; i++) {
        if (strcmp(s->bufs[i].name, path) == 0)
            return true;
        files |= s->bufs[i].is_file;
    }
    struct stat st;
    if (!files || stat(path, &st) != 0)
        return false;
    for (size_t i = 0; i < s->n_bufs; i++)
        if (s->bufs[i].is_file && s->bufs[i].dev == st.st_dev && s->bufs[i].ino == st.st_ino)
            return true;
    return false;
}

static void tell(void *ctx, const char *message)
{
    server *s = ctx;
    nvim_report(s->rpc, message);
}

static void on_term(uv_signal_t *h, int signum)
{
    (void)signum;
    log_msg("terminated");
    uv_stop(h->loop);
}

static void on_closed(void *ctx)
{
    server *s = ctx;
    log_msg("neovim went away");
    uv_stop(s->loop);
}

/* The guard skipped a message as too large, or dropped input that is not
 * msgpack-RPC (head NULL). A buffer's lines over the limits: the buffer is
 * let go with a word. Lost input may have held any buffer's edits: every
 * copy is fetched again, and the user told once. */
static void on_skipped(void *ctx, const rpc_message *head)
{
    server *s = ctx;
    int64_t h;
    buffer *b = NULL;
    if (head && head->method && head->params->via.array.size == 1 &&
        nvim_buffer_arg(&head->params->via.array.ptr[0], &h))
        b = find(s, h);
    if (b && head->method_len == 20 && memcmp(head->method, "nvim_buf_lines_event", 20) == 0) {
        unfollow(s, b, "has more lines than quotelens can follow (8,388,608) or a line over 256 MB");
        return;
    }
    if (head && head->kind == RPC_REQUEST) {
        rpc_respond_error(s->rpc, head->id, "message too large");
        return;
    }
    for (size_t i = 0; i < s->n_bufs; i++)
        if (!s->bufs[i].resync) {
            s->bufs[i].resync = true;
            nvim_buf_detach(s->rpc, s->bufs[i].handle);
        }
    if (!s->input_told)
        nvim_report(s->rpc, head ? "quotelens: a message from Neovim too large to read was skipped; "
                                   "the buffers are read again"
                                 : "quotelens: input from Neovim that is not msgpack-RPC was dropped; "
                                   "the buffers are read again");
    s->input_told = true;
}

/* What a handle of that type is, for a user reading why we stopped. */
static const char *handle_name(uv_handle_type t)
{
    return t == UV_FILE ? "a file or a device" : t == UV_TTY ? "a terminal"
         : t == UV_UDP ? "a datagram socket" : "closed or of an unknown kind";
}

/* The co-process reads msgpack-RPC from a pipe or a socket, as Neovim's
 * jobstart(..., {rpc = true}) gives it. libuv cannot poll a regular file
 * or /dev/null and aborts in uv_run, and at a terminal no one speaks RPC:
 * both are refused here with a word on what to do. (Standard output may
 * be a file: writes to it never wait.) Returns 0, or 2 after the message. */
static int check_stdin(void)
{
    uv_handle_type t = uv_guess_handle(0);
    if (t == UV_NAMED_PIPE || t == UV_TCP)
        return 0;
    fprintf(stderr,
            "quotelens: standard input is %s, not a pipe: with no arguments quotelens is the\n"
            "Neovim co-process and reads msgpack-RPC from a pipe (Neovim's jobstart with\n"
            "rpc = true); to scan files run `quotelens scan FILE...` (see quotelens --help)\n",
            handle_name(t));
    return 2;
}

int server_run(void)
{
    if (check_stdin() != 0)
        return 2;
    signal(SIGPIPE, SIG_IGN); /* a vanished Neovim is seen as EOF, not a signal */
    /* The word lists build themselves at first use: here, on the loop,
     * before any whole reading runs on a worker (read_whole). */
    lexicon_classes("said", 4);
    given_sex("ana", 3);
    log_open();
    server s = {.loop = uv_default_loop(), .corpus = corpus_new(),
                .max_buffer = SERVER_MAX_BUFFER};
    rpc_callbacks cb = {on_message, on_batch_done, on_closed, on_skipped};
    watch_callbacks wcb = {corpus_changed, corpus_settled, tell, is_open};
    int rc = s.corpus ? watch_new(s.loop, s.corpus, wcb, &s, &s.watch) : -ENOMEM;
    if (rc == 0)
        rc = rpc_new(s.loop, 0, 1, cb, &s, &s.rpc);
    if (rc != 0) {
        fprintf(stderr, "quotelens: cannot start the co-process: %s\n",
                rc == -ENOMEM ? "out of memory" : uv_strerror(rc));
        watch_free(s.watch);
        uv_run(s.loop, UV_RUN_DEFAULT);
        corpus_free(s.corpus);
        return 1;
    }
    uv_timer_init(s.loop, &s.pause);
    s.pause.data = &s;
    /* Neovim stops its jobs with SIGTERM when it quits: finish the batch,
     * then close as when stdin ends, so writes in flight are let go. */
    uv_signal_t term;
    uv_signal_init(s.loop, &term);
    uv_signal_start(&term, on_term, SIGTERM);
    log_msg("started");
    uv_run(s.loop, UV_RUN_DEFAULT);
    s.stopping = true; /* readings still running finish unseen */
    rpc_free(s.rpc);
    watch_free(s.watch);
    uv_close((uv_handle_t *)&s.pause, NULL);
    uv_close((uv_handle_t *)&term, NULL);
    uv_run(s.loop, UV_RUN_DEFAULT); /* let the handles close */
    for (size_t i = 0; i < s.n_bufs; i++)
        buffer_clear(&s.bufs[i]);
    free(s.bufs);
    free(s.leaving);
    corpus_free(s.corpus);
    names_free(s.names);
    uv_loop_close(s.loop);
    log_close();
    return 0;
}
