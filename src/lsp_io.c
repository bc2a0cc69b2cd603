/*
 * lsp_io.c: see lsp_io.h. Reads land in one fixed buffer and are fed to
 * the framer at once; each write owns its bytes until libuv is done.
 */
#include "lsp_io.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "lsp_frame.h"

#define IO_READ_CHUNK (64 * 1024)

struct lsp_io {
    uv_pipe_t in, out;
    lsp_frame frame;
    char *inbuf;
    lsp_io_callbacks cb;
    void *ctx;
    int open_handles;
    bool closed;
};

typedef struct write_req {
    uv_write_t req;
    char *data;
} write_req;

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    lsp_io *io = h->data;
    (void)suggested;
    buf->base = io->inbuf;
    buf->len = IO_READ_CHUNK;
}

static void body(lsp_io *io, const char *b, size_t n)
{
    json_error_t err;
    json_t *msg = json_loadb(b, n, 0, &err);
    if (!msg) {
        char why[200];
        snprintf(why, sizeof why, "not JSON: %s at byte %d", err.text, err.position);
        io->cb.garbled(io->ctx, LSP_PARSE_ERROR, why);
        return;
    }
    io->cb.message(io->ctx, msg);
    json_decref(msg);
}

/* Hands every complete message of the buffer to the owner. */
static void drain(lsp_io *io)
{
    const char *b;
    size_t n;
    char why[120];
    for (;;) {
        lsp_frame_event e = lsp_frame_next(&io->frame, &b, &n);
        if (e == LSP_FRAME_NONE)
            return;
        if (e == LSP_FRAME_BODY) {
            body(io, b, n);
        } else if (e == LSP_FRAME_BAD_HEADER) {
            io->cb.garbled(io->ctx, LSP_PARSE_ERROR, "a header without a Content-Length was dropped");
        } else {
            snprintf(why, sizeof why, "a message of %zu bytes is over the limit of %u; skipped", n,
                     LSP_IO_MAX_BODY);
            io->cb.garbled(io->ctx, LSP_INVALID_REQUEST, why);
        }
    }
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    lsp_io *io = s->data;
    if (n < 0) {
        if (n != UV_EOF)
            log_msg("lsp: read failed: %s", uv_strerror((int)n));
        uv_read_stop(s);
        io->cb.closed(io->ctx);
        return;
    }
    if (lsp_frame_feed(&io->frame, buf->base, (size_t)n) != 0)
        log_msg("lsp: out of memory reading a message; it is lost");
    drain(io);
    io->cb.batch_done(io->ctx);
}

static void on_close(uv_handle_t *h)
{
    lsp_io *io = h->data;
    if (--io->open_handles == 0) {
        lsp_frame_free(&io->frame);
        free(io->inbuf);
        free(io);
    }
}

int lsp_io_new(uv_loop_t *loop, int fd_in, int fd_out, lsp_io_callbacks cb, void *ctx,
               lsp_io **out)
{
    lsp_io *io = calloc(1, sizeof *io);
    if (!io || !(io->inbuf = malloc(IO_READ_CHUNK))) {
        free(io);
        return -ENOMEM;
    }
    lsp_frame_init(&io->frame, LSP_IO_MAX_BODY);
    io->cb = cb;
    io->ctx = ctx;
    uv_pipe_init(loop, &io->in, 0);
    uv_pipe_init(loop, &io->out, 0);
    io->in.data = io->out.data = io;
    io->open_handles = 2;
    int rc = uv_pipe_open(&io->in, fd_in);
    if (rc == 0)
        rc = uv_pipe_open(&io->out, fd_out);
    if (rc == 0)
        rc = uv_read_start((uv_stream_t *)&io->in, on_alloc, on_read);
    if (rc != 0) {
        lsp_io_free(io);
        return rc;
    }
    *out = io;
    return 0;
}

/* The output closes after the writes queued before it have ended. */
static void on_shutdown(uv_shutdown_t *req, int status)
{
    (void)status;
    uv_close((uv_handle_t *)req->handle, on_close);
    free(req);
}

void lsp_io_free(lsp_io *io)
{
    if (!io)
        return;
    io->closed = true;
    uv_close((uv_handle_t *)&io->in, on_close);
    uv_shutdown_t *req = malloc(sizeof *req);
    if (!req || uv_shutdown(req, (uv_stream_t *)&io->out, on_shutdown) != 0) {
        free(req);
        uv_close((uv_handle_t *)&io->out, on_close);
    }
}

static void on_written(uv_write_t *req, int status)
{
    write_req *w = (write_req *)req;
    if (status < 0)
        log_msg("lsp: write failed: %s", uv_strerror(status));
    free(w->data);
    free(w);
}

int lsp_io_send(lsp_io *io, json_t *msg)
{
    if (io->closed)
        return -EPIPE;
    char *json = json_dumps(msg, JSON_COMPACT);
    write_req *w = json ? malloc(sizeof *w) : NULL;
    size_t n = json ? strlen(json) : 0;
    char head[48];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    if (w)
        w->data = malloc((size_t)hn + n);
    if (!w || !w->data) {
        free(json);
        free(w);
        return -ENOMEM;
    }
    memcpy(w->data, head, (size_t)hn);
    memcpy(w->data + hn, json, n);
    free(json);
    uv_buf_t b = uv_buf_init(w->data, (unsigned)(hn + n));
    int rc = uv_write(&w->req, (uv_stream_t *)&io->out, &b, 1, on_written);
    if (rc != 0) {
        free(w->data);
        free(w);
    }
    return rc;
}
