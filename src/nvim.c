/*
 * nvim.c: packing the co-process's calls into Neovim. The render batch is
 * one notification whose arguments are plain tables (positions are
 * 0-based rows and byte columns, as extmarks take them), so a single Lua
 * call sets every mark, the virtual text and the diagnostics at once.
 */
#include "nvim.h"

#include <string.h>

#include "match.h"
#include "xref.h"

static int call_buf(rpc *r, const char *method, int64_t buf, bool attach)
{
    uint32_t id;
    msgpack_packer *pk = rpc_begin_request(r, method, attach ? 3 : 1, &id);
    msgpack_pack_int64(pk, buf);
    if (attach) {
        msgpack_pack_true(pk); /* send_buffer: the whole text first */
        msgpack_pack_map(pk, 0);
    }
    return rpc_send(r);
}

int nvim_buf_attach(rpc *r, int64_t buf)
{
    return call_buf(r, "nvim_buf_attach", buf, true);
}

int nvim_buf_detach(rpc *r, int64_t buf)
{
    return call_buf(r, "nvim_buf_detach", buf, false);
}

static void key(msgpack_packer *pk, const char *k)
{
    rpc_pack_cstr(pk, k);
}

static void pack_pos(msgpack_packer *pk, const ann_pos *p)
{
    key(pk, "lnum");
    msgpack_pack_uint32(pk, p->row);
    key(pk, "col");
    msgpack_pack_uint32(pk, p->col);
    key(pk, "end_lnum");
    msgpack_pack_uint32(pk, p->end_row);
    key(pk, "end_col");
    msgpack_pack_uint32(pk, p->end_col);
}

static void pack_nullable(msgpack_packer *pk, const char *s)
{
    if (s)
        rpc_pack_cstr(pk, s);
    else
        msgpack_pack_nil(pk);
}

static void pack_source(msgpack_packer *pk, const xref_source *x, const char *text,
                        const corpus *c)
{
    static const char *const ops[] = {"=", "-", "+", "~"};
    size_t other_len = 0;
    const char *other = corpus_text(c, x->doc, &other_len);
    const char *classes[8];
    size_t nc = xref_class_names(x->classes, classes, 8);
    msgpack_pack_map(pk, 9);
    key(pk, "file");
    rpc_pack_cstr(pk, x->doc);
    key(pk, "lnum");
    msgpack_pack_uint64(pk, x->line - 1);
    key(pk, "col");
    msgpack_pack_uint64(pk, x->col - 1);
    key(pk, "speaker");
    pack_nullable(pk, x->speaker);
    key(pk, "relation");
    rpc_pack_cstr(pk, match_relation_name(x->relation));
    key(pk, "similarity");
    msgpack_pack_float(pk, x->similarity);
    key(pk, "class");
    msgpack_pack_array(pk, (uint32_t)nc);
    for (size_t i = 0; i < nc; i++)
        rpc_pack_cstr(pk, classes[i]);
    key(pk, "kind");
    rpc_pack_cstr(pk, quote_kind_name(x->kind));
    key(pk, "diff");
    msgpack_pack_array(pk, other ? (uint32_t)x->n_ops : 0);
    for (size_t i = 0; other && i < x->n_ops; i++) {
        const diff_op *op = &x->ops[i];
        msgpack_pack_array(pk, 3);
        rpc_pack_cstr(pk, ops[op->op]);
        rpc_pack_str(pk, text + op->a_start, op->a_end - op->a_start);
        rpc_pack_str(pk, other + op->b_start, op->b_end - op->b_start);
    }
}

static void pack_quote(msgpack_packer *pk, const ann_quote *q, const char *text, const corpus *c)
{
    msgpack_pack_map(pk, 12);
    pack_pos(pk, &q->pos);
    key(pk, "kind");
    rpc_pack_cstr(pk, quote_kind_name(q->kind));
    key(pk, "speaker");
    pack_nullable(pk, q->speaker);
    key(pk, "cue");
    pack_nullable(pk, q->cue);
    key(pk, "confidence");
    msgpack_pack_float(pk, q->confidence);
    key(pk, "rule");
    pack_nullable(pk, q->rule);
    key(pk, "why");
    pack_nullable(pk, q->why);
    key(pk, "mention");
    if (q->has_mention) {
        msgpack_pack_map(pk, 4);
        pack_pos(pk, &q->mention);
    } else {
        msgpack_pack_nil(pk);
    }
    key(pk, "sources");
    msgpack_pack_array(pk, (uint32_t)q->n_sources);
    for (size_t k = 0; k < q->n_sources; k++)
        pack_source(pk, &q->sources[k], text, c);
}

static void pack_diags(msgpack_packer *pk, const annotations *x)
{
    msgpack_pack_array(pk, (uint32_t)x->nd);
    for (size_t i = 0; i < x->nd; i++) {
        const ann_diag *d = &x->d[i];
        msgpack_pack_map(pk, 7);
        pack_pos(pk, &d->pos);
        key(pk, "severity");
        msgpack_pack_int(pk, (int)d->d->severity);
        key(pk, "code");
        rpc_pack_cstr(pk, d->d->code);
        key(pk, "message");
        rpc_pack_cstr(pk, d->d->message);
    }
}

int nvim_render(rpc *r, const render_update *u, const annotations *x, const char *text,
                const corpus *c)
{
    msgpack_packer *pk = rpc_begin_notification(r, "nvim_exec_lua", 2);
    rpc_pack_cstr(pk, "require('quotelens.render').apply(...)");
    msgpack_pack_array(pk, 7);
    msgpack_pack_int64(pk, u->buf);
    msgpack_pack_int64(pk, u->tick);
    msgpack_pack_uint64(pk, u->seq);
    size_t from = u->delta ? u->first : 0, to = u->delta ? u->first + u->count : x->nq;
    msgpack_pack_array(pk, (uint32_t)(to - from));
    for (size_t i = from; i < to; i++)
        pack_quote(pk, &x->q[i], text, c);
    if (u->with_diags)
        pack_diags(pk, x);
    else
        msgpack_pack_nil(pk);
    if (u->delta) {
        msgpack_pack_map(pk, 4);
        key(pk, "base");
        msgpack_pack_uint64(pk, u->base);
        key(pk, "first");
        msgpack_pack_uint64(pk, u->first);
        key(pk, "removed");
        msgpack_pack_uint64(pk, u->removed);
        key(pk, "rows");
        msgpack_pack_int64(pk, u->rows);
    } else {
        msgpack_pack_nil(pk);
    }
    if (u->view_only)
        msgpack_pack_true(pk);
    else
        msgpack_pack_false(pk);
    return rpc_send(r);
}

int nvim_report(rpc *r, const char *message)
{
    msgpack_packer *pk = rpc_begin_notification(r, "nvim_exec_lua", 2);
    rpc_pack_cstr(pk, "require('quotelens').report(...)");
    msgpack_pack_array(pk, 1);
    rpc_pack_cstr(pk, message);
    return rpc_send(r);
}

int nvim_too_large(rpc *r, int64_t buf, size_t bytes)
{
    msgpack_packer *pk = rpc_begin_notification(r, "nvim_exec_lua", 2);
    rpc_pack_cstr(pk, "require('quotelens').too_large(...)");
    msgpack_pack_array(pk, 2);
    msgpack_pack_int64(pk, buf);
    msgpack_pack_uint64(pk, bytes);
    return rpc_send(r);
}

int nvim_unfollowed(rpc *r, int64_t buf, const char *message)
{
    msgpack_packer *pk = rpc_begin_notification(r, "nvim_exec_lua", 2);
    rpc_pack_cstr(pk, "require('quotelens').unfollowed(...)");
    msgpack_pack_array(pk, 2);
    msgpack_pack_int64(pk, buf);
    rpc_pack_cstr(pk, message);
    return rpc_send(r);
}

/* The ext payload is itself a msgpack integer: the handle. Read here by
 * hand, as msgpack_unpack_next would allocate what a hostile payload
 * declares (an array of two billion items). */
bool nvim_buffer_arg(const msgpack_object *o, int64_t *buf)
{
    if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
        *buf = (int64_t)o->via.u64;
        return true;
    }
    if (o->type != MSGPACK_OBJECT_EXT || o->via.ext.type != 0 || o->via.ext.size == 0)
        return false;
    const uint8_t *p = (const uint8_t *)o->via.ext.ptr;
    uint32_t n = o->via.ext.size;
    if (p[0] <= 0x7f || p[0] >= 0xe0) {
        *buf = (int8_t)p[0];
        return n == 1;
    }
    if (p[0] < 0xcc || p[0] > 0xd3)
        return false;
    uint32_t k = 1u << ((p[0] - 0xcc) & 3);
    if (n != 1 + k)
        return false;
    uint64_t v = 0;
    for (uint32_t i = 1; i <= k; i++)
        v = v << 8 | p[i];
    bool is_signed = p[0] >= 0xd0;
    if (is_signed && k < 8 && (v >> (8 * k - 1)) & 1)
        v |= ~(uint64_t)0 << (8 * k); /* sign-extend */
    if (!is_signed && v > INT64_MAX)
        return false;
    *buf = (int64_t)v;
    return true;
}
