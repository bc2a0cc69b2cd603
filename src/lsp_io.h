/*
 * lsp_io.h: the language server's standard input and output on the libuv
 * loop: framed bodies in (lsp_frame.h), parsed as JSON (jansson) and handed
 * to the owner one read at a time; JSON values out, framed. What cannot be
 * read as a message is reported to the owner, who answers it, and reading
 * goes on. Knows nothing of what the messages mean.
 */
#ifndef QL_LSP_IO_H
#define QL_LSP_IO_H

#include <jansson.h>
#include <uv.h>

/* The largest message body read: a 20 MB document escaped as JSON fits. */
#define LSP_IO_MAX_BODY (64u * 1024 * 1024)

/* JSON-RPC's error codes, and the protocol's own. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_CANCELLED = -32800,
};

typedef struct lsp_io lsp_io;

typedef struct lsp_io_callbacks {
    /* A message: any JSON value; the owner takes a reference if it keeps it. */
    void (*message)(void *ctx, json_t *msg);
    /* Bytes that are no message (a bad header, a body too long, not JSON):
     * code and words for the error response with a null id. */
    void (*garbled)(void *ctx, int code, const char *why);
    /* After the messages of one read. */
    void (*batch_done)(void *ctx);
    /* Standard input ended or failed. */
    void (*closed)(void *ctx);
} lsp_io_callbacks;

/* Starts reading fd_in and writing fd_out on loop. Returns 0, -ENOMEM or a
 * libuv error. */
int lsp_io_new(uv_loop_t *loop, int fd_in, int fd_out, lsp_io_callbacks cb, void *ctx,
               lsp_io **out);
/* Closes both streams; the memory goes when they have closed. */
void lsp_io_free(lsp_io *io);
/* Sends one message (the reference stays the caller's). Returns 0,
 * -ENOMEM, -EPIPE once the output is closed, or a libuv error. */
int lsp_io_send(lsp_io *io, json_t *msg);

#endif
