/*
 * watch.h: the corpus folders, kept equal to the corpus while the
 * co-process runs. Owns what is known of each folder's files (size, times,
 * whether and which version is indexed, the speakers of its quotes) and the
 * libuv handles that notice changes. Work is done in slices on the loop, so
 * requests are answered while a large folder is indexed; a change re-reads
 * only the files whose size or times changed. Within a byte budget the
 * newest files are indexed, and the user is told once what was left out.
 */
#ifndef QL_WATCH_H
#define QL_WATCH_H

#include <msgpack.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#include "corpus.h"
#include "names.h"
#include "rpc.h"

/* The plugin's default for corpus_max_mb, for a client that sends none. */
#define WATCH_BUDGET (100u * 1024 * 1024)

typedef struct watch watch;

typedef struct watch_callbacks {
    /* A document was put in or dropped from the corpus (called at once,
     * before any other event is handled: what pointed into it is stale). */
    void (*changed)(void *ctx);
    /* A pass ended, or a long one has indexed more: redo the views and
     * the names now. */
    void (*settled)(void *ctx);
    /* For the user, once per problem (an unreadable folder, the budget). */
    void (*tell)(void *ctx, const char *message);
    /* Whether an open buffer has this name, or is this file under another
     * name (a link, `./`): then its text is the one in the corpus, and
     * the file's is left alone. */
    bool (*is_open)(void *ctx, const char *path);
} watch_callbacks;

/* Returns 0 and *out, or -ENOMEM. */
int watch_new(uv_loop_t *loop, corpus *c, watch_callbacks cb, void *ctx, watch **out);
/* Stops every handle; the memory goes when they have closed, so the loop
 * must run once more. */
void watch_free(watch *w);
/* Follows these folders and no others; the files of a folder no longer
 * listed leave the corpus. Returns 0 or -ENOMEM. */
int watch_set(watch *w, const char *const *dirs, size_t n);
/* Bytes of files indexed at most, and of any one file. */
void watch_limits(watch *w, size_t budget, size_t max_file);
/* A buffer of this name was opened: a corpus file that is the same file
 * under another path (device and inode) leaves the corpus while it is
 * open, so the buffer is never its own source. */
void watch_opened(watch *w, const char *path);
/* A buffer of this name left the corpus: read the file again if it is one,
 * under this path or another. */
void watch_forget(watch *w, const char *path);
/* Registers the speakers of every indexed file. Returns 0 or -ENOMEM. */
int watch_names(const watch *w, names *reg);
/* The answer to quotelens_corpus_status: [with_paths?] -> a map of
 * figures, and the indexed paths when asked; packed with pk, which the
 * caller began and sends. */
void watch_pack_status(const watch *w, msgpack_packer *pk, const msgpack_object *params);

#endif
