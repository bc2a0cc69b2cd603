/*
 * rpc.c: msgpack-RPC framing over libuv.
 *
 * Reading: each read is first walked by the framing guard (mpguard.h);
 * only the bytes of messages within its limits are copied into the
 * unpacker, and every complete object is checked against the three shapes
 * of the protocol ([0, id, method, params], [1, id, error, result],
 * [2, method, params]) before the owner sees it. A message over the limits
 * (a buffer of more lines than the guard allows) is skipped whole, by the
 * sizes it declares, and the owner is told which one it was; bytes that
 * are not msgpack-RPC are dropped up to the next head of a message.
 * Writing: one message is packed into a buffer that libuv writes and frees.
 * Nothing but RPC ever goes to stdout.
 */
#include "rpc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mpguard.h"

/* Ask libuv for at least this much room per read. */
#define RPC_READ_CHUNK (64 * 1024)
/* The unpacker keeps its buffer at the size of the largest message seen
 * (a whole buffer sent at attach, a huge paste); above this, it is given
 * back once no message is pending. */
#define RPC_KEEP_BUFFER (4 * 1024 * 1024)

struct rpc {
    uv_pipe_t in, out;
    msgpack_unpacker up;
    mpguard guard;
    char *inbuf;      /* where libuv reads to; then checked and fed */
    msgpack_sbuffer buf;
    msgpack_packer pk;
    rpc_callbacks cb;
    void *ctx;
    uint32_t next_id;
    int open_handles;
    bool closed;      /* the peer went away */
    bool dropping;    /* a refused message is being skipped; the owner knows */
    bool detached;    /* no streams: a reader for tests */
};

typedef struct write_req {
    uv_write_t req;
    char *data;
} write_req;

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    rpc *r = h->data;
    (void)suggested;
    buf->base = r->inbuf;
    buf->len = r->inbuf ? RPC_READ_CHUNK : 0;
}

static bool is_str(const msgpack_object *o)
{
    return o->type == MSGPACK_OBJECT_STR || o->type == MSGPACK_OBJECT_BIN;
}

/* Checks the shape of one message; returns false for anything else. */
static bool shape(const msgpack_object *o, rpc_message *m)
{
    if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size < 3)
        return false;
    const msgpack_object *v = o->via.array.ptr;
    if (v[0].type != MSGPACK_OBJECT_POSITIVE_INTEGER || v[0].via.u64 > 2)
        return false;
    memset(m, 0, sizeof *m);
    m->kind = (rpc_kind)v[0].via.u64;
    size_t want = m->kind == RPC_NOTIFICATION ? 3 : 4;
    if (o->via.array.size != want)
        return false;
    size_t at = 1;
    if (m->kind != RPC_NOTIFICATION) {
        if (v[1].type != MSGPACK_OBJECT_POSITIVE_INTEGER || v[1].via.u64 > UINT32_MAX)
            return false;
        m->id = (uint32_t)v[1].via.u64;
        at = 2;
    }
    if (m->kind == RPC_RESPONSE) {
        m->error = &v[2];
        m->result = &v[3];
        return true;
    }
    /* An empty name is no method, and msgpack-c gives it no pointer. */
    if (!is_str(&v[at]) || v[at].via.str.size == 0 || v[at + 1].type != MSGPACK_OBJECT_ARRAY)
        return false;
    m->method = v[at].via.str.ptr;
    m->method_len = v[at].via.str.size;
    m->params = &v[at + 1];
    return true;
}

static void closed(rpc *r)
{
    if (r->closed)
        return;
    r->closed = true;
    uv_read_stop((uv_stream_t *)&r->in);
    if (r->cb.closed)
        r->cb.closed(r->ctx);
}

/* Forgets the unpacker's bytes: the part of a message the guard then
 * refused, or a buffer grown large for one message. (msgpack_unpacker_reset
 * keeps the buffered bytes and would parse them again.) */
static void forget_partial(rpc *r)
{
    msgpack_unpacker_destroy(&r->up);
    if (!msgpack_unpacker_init(&r->up, RPC_READ_CHUNK)) {
        log_msg("rpc: out of memory; closing");
        msgpack_unpacker_init(&r->up, 0); /* a valid empty reader for rpc_free */
        closed(r);
    }
}

/* Reads an unsigned integer at p[*at] (a fixint or uint 8-32). */
static bool read_uint(const uint8_t *p, size_t n, size_t *at, uint64_t *v)
{
    if (*at >= n)
        return false;
    uint8_t t = p[*at];
    size_t k = t <= 0x7f ? 0 : t >= 0xcc && t <= 0xce ? (size_t)1 << (t - 0xcc) : 9;
    if (k == 9 || *at + 1 + k > n)
        return false;
    *v = k ? 0 : t;
    for (size_t i = 0; i < k; i++)
        *v = *v << 8 | p[*at + 1 + i];
    *at += 1 + k;
    return true;
}

/* The first parameter at p[at], when it is a fixext (a handle) or an
 * unsigned integer, whole within the bytes kept. */
static bool first_param(const uint8_t *p, size_t n, size_t at, msgpack_object *o)
{
    uint64_t v;
    if (at < n && p[at] >= 0xd4 && p[at] <= 0xd8) {
        uint32_t size = 1u << (p[at] - 0xd4);
        if (at + 2 + size > n)
            return false;
        o->type = MSGPACK_OBJECT_EXT;
        o->via.ext.type = (int8_t)p[at + 1];
        o->via.ext.size = size;
        o->via.ext.ptr = (const char *)p + at + 2;
        return true;
    }
    if (!read_uint(p, n, &at, &v))
        return false;
    o->type = MSGPACK_OBJECT_POSITIVE_INTEGER;
    o->via.u64 = v;
    return true;
}

/* What the guard kept of a refused message's first bytes: kind, id,
 * method and first parameter, as far as they are there. */
static void read_head(const mpguard *g, rpc_message *m, msgpack_object *params, msgpack_object *first)
{
    const uint8_t *p = g->start;
    size_t n = g->n_start, at = 2;
    uint64_t id = 0;
    memset(m, 0, sizeof *m);
    *params = (msgpack_object){.type = MSGPACK_OBJECT_ARRAY};
    m->params = params;
    m->kind = (rpc_kind)g->kind;
    if (n < 2 || (m->kind != RPC_NOTIFICATION && !read_uint(p, n, &at, &id)))
        return;
    m->id = (uint32_t)id;
    if (m->kind == RPC_RESPONSE || at >= n)
        return;
    size_t hdr = p[at] >= 0xa0 && p[at] <= 0xbf ? 1 : 2;
    size_t len = hdr == 1 ? p[at] & 0x1fu : at + 1 < n ? p[at + 1] : n;
    if (at + hdr + len > n)
        return;
    m->method = (const char *)p + at + hdr;
    m->method_len = len;
    at += hdr + len;
    if (at < n)
        at += p[at] == 0xdc ? 3 : p[at] == 0xdd ? 5 : 1; /* the parameters' array */
    if (first_param(p, n, at, first)) {
        params->via.array.size = 1;
        params->via.array.ptr = first;
    }
}

/* The guard refused the message in progress: the owner is told once. */
static void refused(rpc *r)
{
    rpc_message head;
    msgpack_object params, first;
    read_head(&r->guard, &head, &params, &first);
    log_msg("rpc: a message over the size limits (%.*s) was skipped", (int)head.method_len,
            head.method ? head.method : "");
    if (r->cb.skipped)
        r->cb.skipped(r->ctx, &head);
}

static void drain(rpc *r);

/* Bytes of sound messages, for the unpacker. */
static void feed(rpc *r, const char *bytes, size_t k)
{
    if (!msgpack_unpacker_reserve_buffer(&r->up, k)) {
        log_msg("rpc: out of memory; a message skipped");
        forget_partial(r);
        mpguard_refuse(&r->guard);
        return;
    }
    memcpy(msgpack_unpacker_buffer(&r->up), bytes, k);
    msgpack_unpacker_buffer_consumed(&r->up, k);
    drain(r);
}

void rpc_feed(rpc *r, const char *bytes, size_t n)
{
    bool junk = false;
    while (n > 0 && !r->closed) {
        mpguard_verdict v;
        size_t k = mpguard_take(&r->guard, (const uint8_t *)bytes, n < RPC_READ_CHUNK ? n : RPC_READ_CHUNK, &v);
        if (v == MPGUARD_PASS) {
            feed(r, bytes, k);
        } else {
            if (msgpack_unpacker_message_size(&r->up) != 0)
                forget_partial(r);
            if (v == MPGUARD_DROP && !r->dropping)
                refused(r);
            r->dropping = v == MPGUARD_DROP && !mpguard_idle(&r->guard);
            junk |= v == MPGUARD_JUNK;
        }
        bytes += k;
        n -= k;
    }
    if (junk) {
        log_msg("rpc: input that is not msgpack-RPC was dropped");
        if (r->cb.skipped)
            r->cb.skipped(r->ctx, NULL);
    }
}

/* Takes every complete message out of the unpacker. */
static void drain(rpc *r)
{
    msgpack_unpacked result;
    msgpack_unpacked_init(&result);
    for (;;) {
        msgpack_unpack_return ret = msgpack_unpacker_next(&r->up, &result);
        if (ret == MSGPACK_UNPACK_CONTINUE)
            break;
        if (ret == MSGPACK_UNPACK_SUCCESS) {
            rpc_message m;
            if (shape(&result.data, &m))
                r->cb.message(r->ctx, &m);
            else
                log_msg("rpc: dropped a message that is not msgpack-RPC");
            continue;
        }
        /* The guard passed only whole, sound headers: memory ran out. */
        log_msg("rpc: unparsable input (%s); the message is skipped",
                ret == MSGPACK_UNPACK_NOMEM_ERROR ? "out of memory" : "parse error");
        forget_partial(r);
        mpguard_refuse(&r->guard);
        break;
    }
    msgpack_unpacked_destroy(&result);
    if (!r->closed && msgpack_unpacker_message_size(&r->up) == 0 &&
        r->up.used + r->up.free > RPC_KEEP_BUFFER)
        forget_partial(r);
    if (r->cb.batch_done)
        r->cb.batch_done(r->ctx);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    rpc *r = s->data;
    if (n < 0) {
        if (n != UV_EOF)
            log_msg("rpc: read failed: %s", uv_strerror((int)n));
        closed(r);
        return;
    }
    rpc_feed(r, buf->base, (size_t)n);
}

rpc *rpc_new_detached(rpc_callbacks cb, void *ctx)
{
    rpc *r = calloc(1, sizeof *r);
    if (!r || !msgpack_unpacker_init(&r->up, RPC_READ_CHUNK)) {
        free(r);
        return NULL;
    }
    msgpack_sbuffer_init(&r->buf);
    msgpack_packer_init(&r->pk, &r->buf, msgpack_sbuffer_write);
    r->cb = cb;
    r->ctx = ctx;
    r->detached = true; /* nothing can be sent */
    return r;
}

void rpc_free_detached(rpc *r)
{
    msgpack_unpacker_destroy(&r->up);
    msgpack_sbuffer_destroy(&r->buf);
    free(r);
}

static void on_close(uv_handle_t *h)
{
    rpc *r = h->data;
    if (--r->open_handles == 0) {
        msgpack_unpacker_destroy(&r->up);
        msgpack_sbuffer_destroy(&r->buf);
        free(r->inbuf);
        free(r);
    }
}

int rpc_new(uv_loop_t *loop, int fd_in, int fd_out, rpc_callbacks cb, void *ctx, rpc **out)
{
    rpc *r = calloc(1, sizeof *r);
    if (!r)
        return -ENOMEM;
    if (!(r->inbuf = malloc(RPC_READ_CHUNK)) || !msgpack_unpacker_init(&r->up, RPC_READ_CHUNK)) {
        free(r->inbuf);
        free(r);
        return -ENOMEM;
    }
    msgpack_sbuffer_init(&r->buf);
    msgpack_packer_init(&r->pk, &r->buf, msgpack_sbuffer_write);
    r->cb = cb;
    r->ctx = ctx;
    r->next_id = 1;
    int rc = uv_pipe_init(loop, &r->in, 0);
    if (rc == 0)
        rc = uv_pipe_init(loop, &r->out, 0);
    r->in.data = r->out.data = r;
    r->open_handles = 2;
    if (rc == 0)
        rc = uv_pipe_open(&r->in, fd_in);
    if (rc == 0)
        rc = uv_pipe_open(&r->out, fd_out);
    if (rc == 0)
        rc = uv_read_start((uv_stream_t *)&r->in, on_alloc, on_read);
    if (rc != 0) {
        rpc_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

void rpc_free(rpc *r)
{
    if (!r)
        return;
    r->closed = true;
    uv_close((uv_handle_t *)&r->in, on_close);
    uv_close((uv_handle_t *)&r->out, on_close);
}

void rpc_pack_str(msgpack_packer *pk, const char *s, size_t n)
{
    msgpack_pack_str(pk, n);
    msgpack_pack_str_body(pk, s, n);
}

void rpc_pack_cstr(msgpack_packer *pk, const char *s)
{
    rpc_pack_str(pk, s, strlen(s));
}

msgpack_packer *rpc_begin_request(rpc *r, const char *method, uint32_t n_params, uint32_t *id)
{
    msgpack_sbuffer_clear(&r->buf);
    *id = r->next_id++;
    msgpack_pack_array(&r->pk, 4);
    msgpack_pack_uint32(&r->pk, RPC_REQUEST);
    msgpack_pack_uint32(&r->pk, *id);
    rpc_pack_cstr(&r->pk, method);
    msgpack_pack_array(&r->pk, n_params);
    return &r->pk;
}

msgpack_packer *rpc_begin_notification(rpc *r, const char *method, uint32_t n_params)
{
    msgpack_sbuffer_clear(&r->buf);
    msgpack_pack_array(&r->pk, 3);
    msgpack_pack_uint32(&r->pk, RPC_NOTIFICATION);
    rpc_pack_cstr(&r->pk, method);
    msgpack_pack_array(&r->pk, n_params);
    return &r->pk;
}

msgpack_packer *rpc_begin_response(rpc *r, uint32_t id)
{
    msgpack_sbuffer_clear(&r->buf);
    msgpack_pack_array(&r->pk, 4);
    msgpack_pack_uint32(&r->pk, RPC_RESPONSE);
    msgpack_pack_uint32(&r->pk, id);
    msgpack_pack_nil(&r->pk);
    return &r->pk;
}

int rpc_respond_error(rpc *r, uint32_t id, const char *message)
{
    msgpack_sbuffer_clear(&r->buf);
    msgpack_pack_array(&r->pk, 4);
    msgpack_pack_uint32(&r->pk, RPC_RESPONSE);
    msgpack_pack_uint32(&r->pk, id);
    rpc_pack_cstr(&r->pk, message);
    msgpack_pack_nil(&r->pk);
    return rpc_send(r);
}

static void on_written(uv_write_t *req, int status)
{
    write_req *w = (write_req *)req;
    if (status < 0)
        log_msg("rpc: write failed: %s", uv_strerror(status));
    free(w->data);
    free(w);
}

int rpc_send(rpc *r)
{
    if (r->closed || r->detached)
        return -EPIPE;
    write_req *w = malloc(sizeof *w);
    if (!w)
        return -ENOMEM;
    size_t n = r->buf.size;
    w->data = msgpack_sbuffer_release(&r->buf);
    uv_buf_t b = uv_buf_init(w->data, (unsigned)n);
    int rc = uv_write(&w->req, (uv_stream_t *)&r->out, &b, 1, on_written);
    if (rc != 0) {
        free(w->data);
        free(w);
    }
    return rc;
}
