/*
 * nvim.h: the Neovim API calls the co-process makes, as typed functions
 * over rpc.h, and the one batched update per buffer: a single
 * nvim_exec_lua notification that quotelens.render applies.
 */
#ifndef QL_NVIM_H
#define QL_NVIM_H

#include <stdint.h>

#include "annotate.h"
#include "rpc.h"

int nvim_buf_attach(rpc *r, int64_t buf);
int nvim_buf_detach(rpc *r, int64_t buf);
/* Sends the annotations of buf at changedtick `tick`; `text` is the
 * buffer's text, for the words of the differences. */
int nvim_render(rpc *r, int64_t buf, int64_t tick, const annotations *x, const char *text,
                const corpus *c);
/* Tells the plugin a buffer could not be analysed, once. */
int nvim_report(rpc *r, const char *message);

/* Reads a Buffer argument: the ext type Neovim sends, or an integer. */
bool nvim_buffer_arg(const msgpack_object *o, int64_t *buf);

#endif
