/*
 * lsp_engine.h: the language server's documents on the engine. Owns the
 * documents the editor has open (their text, analysis and annotations),
 * the corpus they and the corpus folders share, the folders' watch and
 * the registry of names, and it publishes each document's diagnostics
 * when they change. The same pipeline as the Neovim co-process's:
 *
 *   text -> analysis -> corpus -> names -> annotations -> lsp_view
 *
 * An edited document is analysed once per batch of messages and its
 * diagnostics published at once; the other open documents, whose sources
 * it may be, are brought up to date when typing pauses, or earlier when a
 * request asks about one of them.
 */
#ifndef QL_LSP_ENGINE_H
#define QL_LSP_ENGINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#include "lsp_view.h"

typedef struct lsp_engine lsp_engine;

typedef struct lsp_engine_callbacks {
    /* Sends a notification (the reference to params is taken). */
    void (*notify)(void *ctx, const char *method, json_t *params);
} lsp_engine_callbacks;

/* Returns 0 and *out, or -ENOMEM. */
int lsp_engine_new(uv_loop_t *loop, lsp_engine_callbacks cb, void *ctx, lsp_engine **out);
/* Stops the watch; the loop must run once more to close its handles, then
 * lsp_engine_free_last. */
void lsp_engine_stop(lsp_engine *e);
void lsp_engine_free(lsp_engine *e);

/* Positions in UTF-8 bytes rather than UTF-16 units. */
void lsp_engine_utf8(lsp_engine *e, bool utf8);
/* Settings, from initializationOptions or didChangeConfiguration: an object
 * with any of corpus (folder names; relative ones from `root`),
 * maxBufferMb, corpusMaxMb. Returns 0, -EINVAL (what is wrong is written to
 * why[0, 200)) or -ENOMEM. */
int lsp_engine_configure(lsp_engine *e, const json_t *settings, const char *root, char *why);

/* didOpen, didChange, didClose. A change's range is in protocol positions;
 * without one, text is the whole document. Return 0, -ENOENT for a
 * document not open, or -ENOMEM (the document is then closed). */
int lsp_engine_open(lsp_engine *e, const char *uri, const char *text, size_t len, int64_t version);
int lsp_engine_change(lsp_engine *e, const char *uri, const json_t *range, const char *text,
                      size_t len, int64_t version);
int lsp_engine_close(lsp_engine *e, const char *uri);
/* A watched file changed on disk: a corpus file is read again. */
void lsp_engine_file_changed(lsp_engine *e, const char *uri);

/* After a batch of messages: analyse what changed and publish. */
void lsp_engine_batch_done(lsp_engine *e);
/* The view of an open document, up to date; NULL when it is not open or
 * cannot be analysed. Valid until the next message is handled. */
const lsp_view *lsp_engine_view(lsp_engine *e, const char *uri);
/* The byte offset of a Position object of the protocol in the view's
 * text, or -1 when it is not one. */
long long lsp_engine_offset(const lsp_engine *e, const lsp_view *v, const json_t *position);
/* Every open document's view, up to date, for workspace/symbol: calls fn
 * on each. Returns 0 or -ENOMEM. */
int lsp_engine_each_view(lsp_engine *e, int (*fn)(const lsp_view *v, void *arg), void *arg);

#endif
