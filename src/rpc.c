/*
 * rpc.c: msgpack-RPC framing over libuv.
 *
 * Reading: libuv reads straight into the unpacker's buffer; after each read
 * every complete object is taken out and checked against the three shapes
 * of the protocol ([0, id, method, params], [1, id, error, result],
 * [2, method, params]) before the owner sees it. A malformed object is
 * logged and dropped; bytes that cannot be parsed at all reset the
 * unpacker, since nothing after them can be trusted to be in frame.
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

struct rpc {
    uv_pipe_t in, out;
    msgpack_unpacker up;
    mpguard guard;
    msgpack_sbuffer buf;
    msgpack_packer pk;
    rpc_callbacks cb;
    void *ctx;
    uint32_t next_id;
    int open_handles;
    bool closed;
};

typedef struct write_req {
    uv_write_t req;
    char *data;
} write_req;

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    rpc *r = h->data;
    (void)suggested;
    if (!msgpack_unpacker_reserve_buffer(&r->up, RPC_READ_CHUNK)) {
        buf->base = NULL;
        buf->len = 0;
        return;
    }
    buf->base = msgpack_unpacker_buffer(&r->up);
    buf->len = msgpack_unpacker_buffer_capacity(&r->up);
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
    if (!is_str(&v[at]) || v[at + 1].type != MSGPACK_OBJECT_ARRAY)
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

/* Forgets everything buffered: after bytes that cannot be trusted nothing
 * buffered can be either. (msgpack_unpacker_reset keeps the buffered bytes
 * and would parse them again.) */
static void discard(rpc *r)
{
    mpguard_reset(&r->guard);
    msgpack_unpacker_destroy(&r->up);
    if (!msgpack_unpacker_init(&r->up, RPC_READ_CHUNK)) {
        log_msg("rpc: out of memory; closing");
        msgpack_unpacker_init(&r->up, 0); /* a valid empty reader for rpc_free */
        closed(r);
    }
}

/* Hands n new bytes, already in the unpacker's buffer, to the unpacker if
 * the guard passes them; otherwise drops the stream's state. */
static bool take_bytes(rpc *r, size_t n)
{
    const uint8_t *p = (const uint8_t *)msgpack_unpacker_buffer(&r->up);
    if (!mpguard_check(&r->guard, p, n)) {
        log_msg("rpc: a message breaks the size limits or is not msgpack; dropped");
        discard(r);
        return false;
    }
    msgpack_unpacker_buffer_consumed(&r->up, n);
    return true;
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
        log_msg("rpc: unparsable input (%s); resynchronising",
                ret == MSGPACK_UNPACK_NOMEM_ERROR ? "out of memory" : "parse error");
        discard(r);
        break;
    }
    msgpack_unpacked_destroy(&result);
    if (r->cb.batch_done)
        r->cb.batch_done(r->ctx);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    rpc *r = s->data;
    (void)buf;
    if (n < 0) {
        if (n != UV_EOF)
            log_msg("rpc: read failed: %s", uv_strerror((int)n));
        closed(r);
        return;
    }
    if (take_bytes(r, (size_t)n))
        drain(r);
}

void rpc_feed(rpc *r, const char *bytes, size_t n)
{
    while (n > 0) {
        if (!msgpack_unpacker_reserve_buffer(&r->up, n < RPC_READ_CHUNK ? n : RPC_READ_CHUNK))
            return;
        size_t k = msgpack_unpacker_buffer_capacity(&r->up);
        k = k < n ? k : n;
        memcpy(msgpack_unpacker_buffer(&r->up), bytes, k);
        if (take_bytes(r, k))
            drain(r);
        bytes += k;
        n -= k;
    }
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
    r->closed = true; /* nothing can be sent */
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
        free(r);
    }
}

int rpc_new(uv_loop_t *loop, int fd_in, int fd_out, rpc_callbacks cb, void *ctx, rpc **out)
{
    rpc *r = calloc(1, sizeof *r);
    if (!r)
        return -ENOMEM;
    if (!msgpack_unpacker_init(&r->up, RPC_READ_CHUNK)) {
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
    if (r->closed)
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
