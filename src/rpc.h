/*
 * rpc.h: msgpack-RPC over a pair of libuv streams (stdin and stdout of the
 * co-process). Frames messages in and out and numbers requests; knows
 * nothing of what the methods mean. Incoming messages are handed to the
 * owner's callback one by one; each object lives until the callback
 * returns, so the owner copies what it keeps.
 */
#ifndef QL_RPC_H
#define QL_RPC_H

#include <msgpack.h>
#include <stdint.h>
#include <uv.h>

typedef struct rpc rpc;

typedef enum { RPC_REQUEST = 0, RPC_RESPONSE = 1, RPC_NOTIFICATION = 2 } rpc_kind;

/* One incoming message, checked for shape: method and params are set for
 * requests and notifications, error and result for responses. */
typedef struct rpc_message {
    rpc_kind kind;
    uint32_t id;
    const char *method;
    size_t method_len;
    const msgpack_object *params; /* always an array */
    const msgpack_object *error, *result;
} rpc_message;

typedef struct rpc_callbacks {
    void (*message)(void *ctx, const rpc_message *m);
    void (*batch_done)(void *ctx); /* after every message of one read */
    void (*closed)(void *ctx);     /* the peer went away */
    /* A message was skipped unread, as too large: `head` has its kind, id
     * and method, and in params its first parameter when that is a handle
     * or an integer (an empty array otherwise); or, with head NULL, input
     * that is not msgpack-RPC was dropped (at most once per read). May be
     * NULL. */
    void (*skipped)(void *ctx, const rpc_message *head);
} rpc_callbacks;

/* Feeds bytes to the reader as if they had been read: every complete
 * message goes to cb.message. For tests and fuzzing of the framing. */
void rpc_feed(rpc *r, const char *bytes, size_t n);
/* A reader with no streams behind it, for rpc_feed only. */
rpc *rpc_new_detached(rpc_callbacks cb, void *ctx);
void rpc_free_detached(rpc *r);

/* Starts reading fd_in and writing fd_out on loop. Returns 0 or a negative
 * errno / libuv error. */
int rpc_new(uv_loop_t *loop, int fd_in, int fd_out, rpc_callbacks cb, void *ctx, rpc **out);
void rpc_free(rpc *r);

/* Writing: pack the params with the packer that rpc_begin returns (an
 * array of n), then rpc_send. */
msgpack_packer *rpc_begin_request(rpc *r, const char *method, uint32_t n_params, uint32_t *id);
msgpack_packer *rpc_begin_notification(rpc *r, const char *method, uint32_t n_params);
/* For a response: pack exactly one object, the result (error is nil), or
 * use rpc_respond_error. */
msgpack_packer *rpc_begin_response(rpc *r, uint32_t id);
int rpc_respond_error(rpc *r, uint32_t id, const char *message);
int rpc_send(rpc *r);

/* Helpers for packing strings. */
void rpc_pack_str(msgpack_packer *pk, const char *s, size_t n);
void rpc_pack_cstr(msgpack_packer *pk, const char *s);

#endif
