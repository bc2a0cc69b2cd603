/*
 * lsp_frame.h: the base protocol of the Language Server Protocol: messages
 * framed by a header block ("Content-Length: N\r\n", maybe other headers,
 * then "\r\n") and N bytes of body. Cuts a byte stream into bodies and
 * says what was wrong with what it could not cut, then finds its footing
 * again: a header block with no usable length is dropped whole, a body
 * over the limit is skipped as it arrives, never held. Knows nothing of
 * JSON.
 */
#ifndef QL_LSP_FRAME_H
#define QL_LSP_FRAME_H

#include <stddef.h>

/* The longest header block read; longer, it is dropped. */
#define LSP_FRAME_MAX_HEADER 8192

typedef struct lsp_frame {
    char *buf;          /* bytes received; those before off are consumed */
    size_t off, len, cap;
    size_t pending;     /* the body last handed out, consumed at the next call */
    size_t max_body;    /* larger bodies are skipped */
    size_t skip;        /* bytes of a skipped body still to come */
} lsp_frame;

typedef enum {
    LSP_FRAME_NONE,      /* nothing more until more bytes come */
    LSP_FRAME_BODY,      /* a message body */
    LSP_FRAME_BAD_HEADER, /* a header block without a usable Content-Length, dropped */
    LSP_FRAME_TOO_LARGE, /* a body over max_body: it is being skipped */
} lsp_frame_event;

/* A framer that skips bodies over max_body bytes. */
void lsp_frame_init(lsp_frame *f, size_t max_body);
void lsp_frame_free(lsp_frame *f);
/* Appends received bytes. Returns 0 or -ENOMEM (the bytes are lost; the
 * framer then finds its footing at the next header). */
int lsp_frame_feed(lsp_frame *f, const char *bytes, size_t n);
/* The next event. For LSP_FRAME_BODY, *body (not NUL-terminated) and *len
 * stay valid until the next call; for LSP_FRAME_TOO_LARGE, *len is the
 * length the header announced. */
lsp_frame_event lsp_frame_next(lsp_frame *f, const char **body, size_t *len);

#endif
