/*
 * nvim.h: the Neovim API calls the co-process makes, as typed functions
 * over rpc.h, and the one batched update per buffer: a single
 * nvim_exec_lua notification that quotelens.render applies.
 */
#ifndef QL_NVIM_H
#define QL_NVIM_H

#include <stdbool.h>
#include <stdint.h>

#include "annotate.h"
#include "rpc.h"

int nvim_buf_attach(rpc *r, int64_t buf);
int nvim_buf_detach(rpc *r, int64_t buf);
/* One update of a buffer's view, numbered so that the plugin can tell
 * whether a partial one follows the update it has on screen. */
typedef struct render_update {
    int64_t buf, tick;
    uint64_t seq;
    bool with_diags;  /* the diagnostics changed */
    bool view_only;   /* only the quotes a window shows; the whole follows */
    bool delta;       /* only quotes [first, first + count) are new: they replace
                         the `removed` quotes from `first` of update `base`, and
                         those after them moved `rows` lines */
    uint64_t base;
    size_t first, count, removed;
    long rows;
} render_update;

/* Sends an update of annotations x; `text` is the buffer's text, for the
 * words of the differences. */
int nvim_render(rpc *r, const render_update *u, const annotations *x, const char *text,
                const corpus *c);
/* Tells the plugin a buffer could not be analysed, once. */
int nvim_report(rpc *r, const char *message);

/* Tells the plugin it no longer follows buf, `bytes` long, for its size. */
int nvim_too_large(rpc *r, int64_t buf, size_t bytes);

/* Tells the plugin it no longer follows buf, and the user why. */
int nvim_unfollowed(rpc *r, int64_t buf, const char *message);

/* Reads a Buffer argument: the ext type Neovim sends, or an integer. */
bool nvim_buffer_arg(const msgpack_object *o, int64_t *buf);

#endif
