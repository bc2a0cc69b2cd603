/*
 * watch.c: the corpus folders and the files under them.
 *
 * A pass walks every folder, notes each article's size and times, chooses
 * the files to index (newest first, within the byte budget), drops from the
 * corpus what is gone or left out, and reads what is new or changed. The
 * walk and the reading run in slices of a few milliseconds from an idle
 * handle, so the loop reads Neovim's requests between them.
 *
 * A pass follows every change: each folder has an inotify watch
 * (uv_fs_event, which on Linux does not reach into subfolders, hence one
 * per folder), and a burst of events (a copy of many files) is debounced
 * into one pass. Where a folder cannot be watched (missing, unreadable, on
 * a file system without inotify, or too many folders), a timer walks again,
 * at most every few seconds and never more than a tenth of the time.
 *
 * Only regular files are indexed (a FIFO, socket or device, also behind a
 * link, is passed over), and a file reached by several paths (a link to
 * it, a folder listed twice) is indexed once, by device and inode.
 */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "analysis.h"
#include "array.h"
#include "fileid.h"
#include "folder.h"
#include "log.h"

/* Work done per turn of the loop before requests are read again. */
#define WATCH_SLICE_NS (8u * 1000 * 1000)
/* A burst of changes closer than this is one pass... */
#define WATCH_DEBOUNCE_MS 200
/* ...but a file written without pause is still followed this often. */
#define WATCH_DEBOUNCE_MAX_NS (2000ull * 1000 * 1000)
/* Where changes cannot be watched, a walk at most this often. */
#define WATCH_POLL_MS 2000
/* inotify watches taken at most; beyond, the timer walks. */
#define WATCH_MAX_DIRS 4096
/* During a long pass, views are redone this often with what is indexed. */
#define WATCH_SETTLE_NS (1000ull * 1000 * 1000)

/* What says a file changed: its size and times, to the nanosecond; the
 * change time moves on chmod too, so a file made readable is read. */
typedef struct sig {
    int64_t mtime, ctime, size;
} sig;

typedef struct entry {
    char *path;
    bool dir;
    bool seen;           /* found by the current walk */
    bool want;           /* chosen by the current pass */
    bool indexed;        /* its text is in the corpus */
    bool failed;         /* a folder that could not be read (logged) */
    bool unreadable;     /* a file that could not be read at `tried` (logged) */
    sig now;             /* as the walk found it */
    sig tried;           /* when it was last read, whether that worked */
    dev_t dev;           /* the file's identity, as the walk found it: */
    ino_t ino;           /* two paths to one file are read once */
    uint32_t *speakers;  /* of its quotes, into watch.spk */
    size_t n_speakers;
    uv_fs_event_t *ev;   /* a folder's watch */
} entry;

/* A speaker's name and how many quotes of indexed files it is given:
 * the names registry is rebuilt from the distinct names, far fewer. */
typedef struct speaker {
    char *name;
    size_t count;
} speaker;

typedef struct root {
    char *path;
    bool told;           /* the user knows it cannot be read */
} root;

typedef enum { IDLE, WALKING, READING } phase;

struct watch {
    uv_loop_t *loop;
    corpus *corpus;
    watch_callbacks cb;
    void *ctx;
    size_t budget, max_file;
    root *roots;
    size_t n_roots, cap_roots;
    entry *v;                 /* every file and folder known */
    size_t n, cap;
    uint32_t *slots;          /* path hash -> index + 1 into v */
    size_t n_slots;
    speaker *spk;             /* every speaker name seen */
    size_t n_spk, cap_spk;
    uint32_t *spk_slots;      /* name hash -> index + 1 into spk */
    size_t n_spk_slots;
    phase phase;
    bool again;               /* something changed during the pass */
    size_t next_root;
    char **stack;             /* folders still to read */
    size_t n_stack, cap_stack;
    DIR *dir;                 /* the folder being read */
    char *dir_path;
    size_t *order;            /* files to read, newest first */
    size_t n_order, cap_order, at;
    bool polling;             /* some folder is not watched */
    size_t n_watched;
    uint64_t pass_start, last_settle, pass_ns;
    uint64_t first_event;     /* of the burst the debounce timer waits out */
    bool told_budget;
    uint64_t passes, reads;
    size_t found, found_bytes, left_out, indexed, indexed_bytes;
    uv_idle_t idle;
    uv_timer_t debounce, poll;
    int open_handles;
};

static int64_t ns(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static sig sig_of(const struct stat *st)
{
    return (sig){ns(st->st_mtim), ns(st->st_ctim), (int64_t)st->st_size};
}

static bool sig_eq(sig a, sig b)
{
    return a.mtime == b.mtime && a.ctime == b.ctime && a.size == b.size;
}

/* ---- tables by name: entries by path, speakers by name ---- */

typedef const char *(*key_of)(const watch *w, size_t i);

static const char *entry_key(const watch *w, size_t i)
{
    return w->v[i].path;
}

static const char *speaker_key(const watch *w, size_t i)
{
    return w->spk[i].name;
}

static size_t probe(const watch *w, const uint32_t *slots, size_t n_slots, key_of key, const char *s)
{
    size_t mask = n_slots - 1, i = XXH3_64bits(s, strlen(s)) & mask;
    while (slots[i] && strcmp(key(w, slots[i] - 1), s) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Builds a table for n items, at most half full. On -ENOMEM there is no
 * table rather than one whose indices moved. */
static int reindex(const watch *w, uint32_t **slots, size_t *n_slots, size_t n, key_of key)
{
    size_t size = 1024;
    while (size < n * 2)
        size *= 2;
    uint32_t *t = calloc(size, sizeof *t);
    free(*slots);
    *slots = t;
    *n_slots = t ? size : 0;
    if (!t)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++)
        t[probe(w, t, size, key, key(w, i))] = (uint32_t)(i + 1);
    return 0;
}

static size_t slot_of(const watch *w, const char *path)
{
    return probe(w, w->slots, w->n_slots, entry_key, path);
}

static int rehash(watch *w)
{
    return reindex(w, &w->slots, &w->n_slots, w->n, entry_key);
}

static entry *lookup(const watch *w, const char *path)
{
    if (!w->n_slots)
        return NULL;
    uint32_t k = w->slots[slot_of(w, path)];
    return k ? &w->v[k - 1] : NULL;
}

/* The entry of path, made when new; takes path either way. NULL on -ENOMEM. */
static entry *intern(watch *w, char *path, bool dir)
{
    entry *e = lookup(w, path);
    if (e) {
        free(path);
        return e;
    }
    if (w->n + 1 > UINT32_MAX - 1 ||
        array_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v)) {
        free(path);
        return NULL;
    }
    w->v[w->n++] = (entry){.path = path, .dir = dir};
    if ((w->n * 2 > w->n_slots && rehash(w) != 0)) {
        w->n--;
        free(path);
        return NULL;
    }
    w->slots[slot_of(w, path)] = (uint32_t)w->n;
    return &w->v[w->n - 1];
}

/* ---- the corpus side ---- */

static void free_speakers(watch *w, entry *e)
{
    for (size_t i = 0; i < e->n_speakers; i++)
        w->spk[e->speakers[i]].count--;
    free(e->speakers);
    e->speakers = NULL;
    e->n_speakers = 0;
}

static int speaker_id(watch *w, const char *name, uint32_t *id)
{
    uint32_t k = 0;
    if (w->n_spk_slots)
        k = w->spk_slots[probe(w, w->spk_slots, w->n_spk_slots, speaker_key, name)];
    if (k) {
        *id = k - 1;
        return 0;
    }
    char *copy = strdup(name);
    if (!copy || w->n_spk + 1 > UINT32_MAX - 1 ||
        array_grow((void **)&w->spk, &w->cap_spk, w->n_spk + 1, sizeof *w->spk)) {
        free(copy);
        return -ENOMEM;
    }
    w->spk[w->n_spk++] = (speaker){copy, 0};
    if (w->n_spk * 2 > w->n_spk_slots) {
        if (reindex(w, &w->spk_slots, &w->n_spk_slots, w->n_spk, speaker_key) != 0) {
            free(w->spk[--w->n_spk].name);
            return -ENOMEM;
        }
    } else {
        w->spk_slots[probe(w, w->spk_slots, w->n_spk_slots, speaker_key, copy)] = (uint32_t)w->n_spk;
    }
    *id = (uint32_t)(w->n_spk - 1);
    return 0;
}

static int keep_speakers(watch *w, entry *e, const analysis *a)
{
    uint32_t *v = malloc((a->n_quotes ? a->n_quotes : 1) * sizeof *v);
    if (!v)
        return -ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < a->n_quotes; i++)
        if (a->quotes[i].speaker && speaker_id(w, a->quotes[i].speaker, &v[n++]) != 0) {
            free(v);
            return -ENOMEM;
        }
    free_speakers(w, e);
    for (size_t i = 0; i < n; i++)
        w->spk[v[i]].count++;
    e->speakers = v;
    e->n_speakers = n;
    return 0;
}

/* Takes a file's text out of the corpus, unless a buffer holds its name. */
static void unindex(watch *w, entry *e)
{
    if (!e->indexed)
        return;
    if (!w->cb.is_open(w->ctx, e->path)) {
        corpus_drop(w->corpus, e->path);
        w->cb.changed(w->ctx);
    }
    free_speakers(w, e);
    e->indexed = false;
}

/* Reads one file into the corpus. Returns 0, or -ENOMEM. */
static int index_file(watch *w, entry *e)
{
    if (w->cb.is_open(w->ctx, e->path))
        return 0; /* the buffer's text is the live one; read when it goes */
    e->tried = e->now;
    w->reads++;
    source *s;
    int rc = folder_read(e->path, &s);
    e->unreadable = rc != 0 && rc != -ENOMEM;
    if (rc != 0) {
        if (rc != -ENOMEM)
            log_msg("corpus: %s: %s; skipped", e->path, source_why(rc));
        unindex(w, e);
        return rc == -ENOMEM ? rc : 0;
    }
    analysis *a;
    rc = analysis_run(s->text, s->len, &a);
    if (rc == 0) {
        rc = corpus_put(w->corpus, e->path, s->text, s->len, a);
        if (rc == 0) {
            e->indexed = true;
            w->cb.changed(w->ctx);
            rc = keep_speakers(w, e, a);
        }
        analysis_free(a);
    }
    source_free(s);
    return rc;
}

/* ---- handles ---- */

static void on_closed(uv_handle_t *h)
{
    watch *w = h->data;
    if (h->type == UV_FS_EVENT)
        free(h);
    if (--w->open_handles == 0)
        free(w);
}

static void start_pass(watch *w);

static void on_debounced(uv_timer_t *t)
{
    start_pass(t->data);
}

static void debounce(watch *w)
{
    uint64_t now = uv_hrtime();
    if (!uv_is_active((uv_handle_t *)&w->debounce))
        w->first_event = now;
    else if (now - w->first_event > WATCH_DEBOUNCE_MAX_NS)
        return;
    uv_timer_start(&w->debounce, on_debounced, WATCH_DEBOUNCE_MS, 0);
}

static void unwatch_folder(watch *w, entry *e);

static void on_event(uv_fs_event_t *h, const char *name, int events, int status)
{
    (void)status;
    watch *w = h->data;
    /* The folder itself went (its own name comes with the event): its
     * watch is dead, and a folder made again under the name needs a new
     * one, which the pass takes. */
    char path[4096];
    size_t n = sizeof path;
    entry *e;
    if (name && (events & UV_RENAME) && uv_fs_event_getpath(h, path, &n) == 0) {
        const char *base = strrchr(path, '/');
        if (strcmp(base ? base + 1 : path, name) == 0 && (e = lookup(w, path)) && e->ev == h)
            unwatch_folder(w, e);
    }
    debounce(w);
}

static void watch_folder(watch *w, entry *e)
{
    if (e->ev)
        return;
    if (w->n_watched >= WATCH_MAX_DIRS) {
        w->polling = true;
        return;
    }
    uv_fs_event_t *h = malloc(sizeof *h);
    if (!h || uv_fs_event_init(w->loop, h) != 0) {
        free(h);
        w->polling = true;
        return;
    }
    h->data = w;
    w->open_handles++;
    int rc = uv_fs_event_start(h, on_event, e->path, 0);
    if (rc != 0) {
        log_msg("corpus: %s cannot be watched (%s); walked every few seconds", e->path,
                uv_strerror(rc));
        uv_close((uv_handle_t *)h, on_closed);
        w->polling = true;
        return;
    }
    e->ev = h;
    w->n_watched++;
}

static void unwatch_folder(watch *w, entry *e)
{
    if (!e->ev)
        return;
    uv_close((uv_handle_t *)e->ev, on_closed);
    e->ev = NULL;
    w->n_watched--;
}

/* ---- the walk ---- */

static int push(watch *w, char *path)
{
    if (!path || array_grow((void **)&w->stack, &w->cap_stack, w->n_stack + 1, sizeof *w->stack)) {
        free(path);
        return -ENOMEM;
    }
    w->stack[w->n_stack++] = path;
    return 0;
}

static void tell_root(watch *w, root *r, int err)
{
    w->polling = true; /* so it is noticed when it can be read */
    if (r->told)
        return;
    r->told = true;
    log_msg("corpus: %s: %s", r->path, strerror(err));
    char msg[512];
    snprintf(msg, sizeof msg, "quotelens: corpus folder %s cannot be read (%s); skipped until it can be",
             r->path, strerror(err));
    w->cb.tell(w->ctx, msg);
}

/* Opens the next folder of the walk; *more is false when none is left. */
static int open_next(watch *w, bool *more)
{
    *more = true;
    while (!w->dir) {
        char *path;
        root *r = NULL;
        if (w->n_stack) {
            path = w->stack[--w->n_stack];
        } else if (w->next_root < w->n_roots) {
            r = &w->roots[w->next_root++];
            if (!(path = strdup(r->path)))
                return -ENOMEM;
        } else {
            *more = false;
            return 0;
        }
        entry *e = lookup(w, path);
        DIR *d = opendir(path);
        int err = errno;
        if (!d && r) {
            tell_root(w, r, err);
            free(path);
            continue;
        }
        if (d && r && r->told) {
            log_msg("corpus: %s can be read again", r->path);
            r->told = false;
        }
        if (!d && (!e || !e->failed))
            log_msg("corpus: %s: %s; skipped", path, strerror(err));
        if (e) {
            free(path);
        } else if (!(e = intern(w, path, true))) {
            if (d)
                closedir(d);
            return -ENOMEM;
        }
        e->seen = true;
        e->failed = !d;
        if (!d)
            continue;
        watch_folder(w, e);
        w->dir = d;
        w->dir_path = e->path;
    }
    return 0;
}

/* One file or folder found by the walk. */
static int found(watch *w, const char *name)
{
    if (name[0] == '.')
        return 0; /* ".", "..", and hidden files and folders */
    char *path = folder_join(w->dir_path, name);
    if (!path)
        return -ENOMEM;
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return push(w, path); /* links to folders are not followed: no cycles */
    if (!folder_wants(path) || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(path);
        return 0;
    }
    entry *e = intern(w, path, false);
    if (!e)
        return -ENOMEM;
    e->seen = true;
    e->now = sig_of(&st);
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    return 0;
}

/* ---- the plan: what to index ---- */

typedef struct pick {
    int64_t mtime;
    const char *path;
    size_t i;
} pick;

static int newest_first(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->mtime != y->mtime)
        return x->mtime > y->mtime ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* A size as people read it: "3.5 MB", "420 KB". */
static void size_text(char *out, size_t n, size_t bytes)
{
    if (bytes >= 1024 * 1024)
        snprintf(out, n, "%.1f MB", bytes / 1048576.0);
    else
        snprintf(out, n, "%zu KB", (bytes + 1023) / 1024);
}

static void tell_budget(watch *w)
{
    if (!w->left_out || w->told_budget)
        return;
    w->told_budget = true;
    char all[32], kept[32], msg[512];
    size_text(all, sizeof all, w->found_bytes);
    size_text(kept, sizeof kept, w->indexed_bytes);
    snprintf(msg, sizeof msg,
             "quotelens: the corpus folders hold %s in %zu files; the newest %s (%zu files) are "
             "indexed, within corpus_max_mb and max_buffer_mb",
             all, w->found, kept, w->indexed);
    log_msg("%s", msg);
    w->cb.tell(w->ctx, msg);
}

/* Forgets what the walk did not find: its text leaves the corpus. */
static int sweep(watch *w)
{
    size_t kept = 0;
    for (size_t i = 0; i < w->n; i++) {
        entry *e = &w->v[i];
        if (e->seen) {
            w->v[kept++] = *e;
            continue;
        }
        unindex(w, e);
        unwatch_folder(w, e);
        free(e->path);
    }
    bool moved = kept != w->n;
    w->n = kept;
    return moved ? rehash(w) : 0;
}

/* After the walk: chooses the files within the budget, newest first, drops
 * the others (before reading, so memory is freed first), and lists the
 * files to read: new, changed, or left out before. A file reached by a
 * second path (a link, a folder watched twice) is chosen once, under the
 * first path in that order. */
static int plan(watch *w)
{
    int rc = sweep(w);
    size_t n = 0;
    fileid_set ids = {0};
    pick *p = rc ? NULL : malloc((w->n ? w->n : 1) * sizeof *p);
    if (!p || array_grow((void **)&w->order, &w->cap_order, w->n ? w->n : 1, sizeof *w->order)) {
        free(p);
        return -ENOMEM;
    }
    for (size_t i = 0; i < w->n; i++)
        if (!w->v[i].dir)
            p[n++] = (pick){w->v[i].now.mtime, w->v[i].path, i};
    if (n)
        qsort(p, n, sizeof *p, newest_first);
    size_t total = 0;
    w->found = n;
    w->found_bytes = w->left_out = w->indexed = w->indexed_bytes = 0;
    w->n_order = w->at = 0;
    for (size_t k = 0; k < n; k++) {
        entry *e = &w->v[p[k].i];
        size_t size = (size_t)e->now.size;
        int fresh = fileid_add(&ids, e->dev, e->ino);
        if (fresh <= 0) { /* another path to a file chosen already */
            e->want = false;
            unindex(w, e);
            w->found--;
            if (fresh < 0)
                rc = fresh;
            continue;
        }
        w->found_bytes += size;
        e->want = size <= w->max_file && size <= w->budget - total;
        if (!e->want) {
            w->left_out++;
            unindex(w, e);
            continue;
        }
        total += size;
        w->indexed++;
        w->indexed_bytes += size;
        if (!sig_eq(e->tried, e->now) || (!e->indexed && !e->unreadable))
            w->order[w->n_order++] = p[k].i;
    }
    free(p);
    fileid_set_free(&ids);
    return rc;
}

/* ---- the pass ---- */

static void finish_pass(watch *w);

static int walk_slice(watch *w, uint64_t until)
{
    int rc = 0;
    for (unsigned k = 0; rc == 0; k++) {
        if ((k & 63) == 0 && uv_hrtime() > until)
            return 0;
        bool more;
        if ((rc = open_next(w, &more)) != 0)
            break;
        if (!more) {
            w->phase = READING;
            return plan(w);
        }
        struct dirent *d = readdir(w->dir);
        if (d) {
            rc = found(w, d->d_name);
        } else {
            closedir(w->dir);
            w->dir = NULL;
        }
    }
    return rc;
}

static int read_slice(watch *w, uint64_t until)
{
    while (w->at < w->n_order) {
        int rc = index_file(w, &w->v[w->order[w->at++]]);
        if (rc != 0)
            return rc;
        if (uv_hrtime() > until)
            break;
    }
    if (w->at == w->n_order)
        finish_pass(w);
    else if (uv_hrtime() - w->last_settle > WATCH_SETTLE_NS) {
        w->last_settle = uv_hrtime();
        w->cb.settled(w->ctx);
    }
    return 0;
}

static void stop_walk(watch *w)
{
    if (w->dir)
        closedir(w->dir);
    w->dir = NULL;
    while (w->n_stack)
        free(w->stack[--w->n_stack]);
}

static void on_idle(uv_idle_t *h)
{
    watch *w = h->data;
    uint64_t until = uv_hrtime() + WATCH_SLICE_NS;
    int rc = w->phase == WALKING ? walk_slice(w, until) : read_slice(w, until);
    if (rc != 0) {
        log_msg("corpus: out of memory; the pass is given up");
        stop_walk(w);
        finish_pass(w);
    }
}

static void on_poll(uv_timer_t *t)
{
    start_pass(t->data);
}

static void finish_pass(watch *w)
{
    w->phase = IDLE;
    uv_idle_stop(&w->idle);
    w->passes++;
    w->pass_ns = uv_hrtime() - w->pass_start;
    tell_budget(w);
    w->cb.settled(w->ctx);
    if (w->again) {
        w->again = false;
        start_pass(w);
    } else if (w->polling) {
        uint64_t every = w->pass_ns / 100000; /* ten times the pass, in ms */
        uv_timer_start(&w->poll, on_poll, every > WATCH_POLL_MS ? every : WATCH_POLL_MS, 0);
    }
}

static void start_pass(watch *w)
{
    if (w->phase != IDLE) {
        w->again = true;
        return;
    }
    uv_timer_stop(&w->poll);
    for (size_t i = 0; i < w->n; i++)
        w->v[i].seen = false;
    w->polling = false;
    w->next_root = 0;
    w->phase = WALKING;
    w->pass_start = w->last_settle = uv_hrtime();
    uv_idle_start(&w->idle, on_idle);
}

/* ---- the interface ---- */

int watch_new(uv_loop_t *loop, corpus *c, watch_callbacks cb, void *ctx, watch **out)
{
    watch *w = calloc(1, sizeof *w);
    if (!w)
        return -ENOMEM;
    *w = (watch){.loop = loop, .corpus = c, .cb = cb, .ctx = ctx, .budget = WATCH_BUDGET,
                 .max_file = WATCH_BUDGET};
    uv_idle_init(loop, &w->idle);
    uv_timer_init(loop, &w->debounce);
    uv_timer_init(loop, &w->poll);
    w->idle.data = w->debounce.data = w->poll.data = w;
    w->open_handles = 3;
    *out = w;
    return 0;
}

void watch_free(watch *w)
{
    if (!w)
        return;
    stop_walk(w);
    for (size_t i = 0; i < w->n; i++) {
        unwatch_folder(w, &w->v[i]);
        free(w->v[i].speakers);
        free(w->v[i].path);
    }
    free(w->v);
    free(w->slots);
    for (size_t i = 0; i < w->n_spk; i++)
        free(w->spk[i].name);
    free(w->spk);
    free(w->spk_slots);
    for (size_t i = 0; i < w->n_roots; i++)
        free(w->roots[i].path);
    free(w->roots);
    free(w->stack);
    free(w->order);
    uv_close((uv_handle_t *)&w->idle, on_closed);
    uv_close((uv_handle_t *)&w->debounce, on_closed);
    uv_close((uv_handle_t *)&w->poll, on_closed);
}

/* The length of dir without trailing slashes. */
static size_t trimmed(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n;
}

static bool listed(const char *path, const char *const *dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (trimmed(dirs[i]) == strlen(path) && memcmp(dirs[i], path, strlen(path)) == 0)
            return true;
    return false;
}

int watch_set(watch *w, const char *const *dirs, size_t n)
{
    bool moved = false;
    size_t kept = 0;
    for (size_t i = 0; i < w->n_roots; i++) {
        if (listed(w->roots[i].path, dirs, n)) {
            w->roots[kept++] = w->roots[i];
        } else {
            free(w->roots[i].path);
            moved = true;
        }
    }
    w->n_roots = kept;
    for (size_t i = 0; i < n; i++) {
        char *path = strndup(dirs[i], trimmed(dirs[i]));
        if (!path)
            return -ENOMEM;
        const char *one[] = {path};
        bool known = false;
        for (size_t k = 0; k < w->n_roots && !known; k++)
            known = listed(w->roots[k].path, one, 1);
        if (known) {
            free(path);
            continue;
        }
        if (array_grow((void **)&w->roots, &w->cap_roots, w->n_roots + 1, sizeof *w->roots)) {
            free(path);
            return -ENOMEM;
        }
        w->roots[w->n_roots++] = (root){.path = path};
        moved = true;
    }
    if (moved)
        start_pass(w); /* a pass under way may have skipped a folder: again */
    return 0;
}

void watch_limits(watch *w, size_t budget, size_t max_file)
{
    if (w->budget == budget && w->max_file == max_file)
        return;
    w->budget = budget;
    w->max_file = max_file;
    if (w->n_roots)
        start_pass(w);
}

/* Calls fn on every file entry that is path under another name, by
 * device and inode; none when path is not a file. Returns how many. */
static size_t each_same_file(watch *w, const char *path, void (*fn)(watch *, entry *))
{
    struct stat st;
    size_t n = 0;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    for (size_t i = 0; i < w->n; i++) {
        entry *e = &w->v[i];
        if (!e->dir && e->dev == st.st_dev && e->ino == st.st_ino && strcmp(e->path, path) != 0) {
            fn(w, e);
            n++;
        }
    }
    return n;
}

/* The file is open in a buffer under another name: out of the corpus. */
static void leave_for_buffer(watch *w, entry *e)
{
    if (!e->indexed)
        return;
    corpus_drop(w->corpus, e->path);
    w->cb.changed(w->ctx);
    free_speakers(w, e);
    e->indexed = false;
}

/* Read it again at the next pass. */
static void read_again(watch *w, entry *e)
{
    free_speakers(w, e);
    e->indexed = false;
    e->tried = (sig){0};
}

void watch_opened(watch *w, const char *path)
{
    each_same_file(w, path, leave_for_buffer);
}

void watch_forget(watch *w, const char *path)
{
    entry *e = lookup(w, path);
    bool any = e && !e->dir;
    if (any)
        read_again(w, e);
    if (each_same_file(w, path, read_again) > 0 || any)
        debounce(w);
}

int watch_names(const watch *w, names *reg)
{
    for (size_t i = 0; i < w->n_spk; i++) {
        int rc = w->spk[i].count ? names_add(reg, w->spk[i].name) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

void watch_pack_status(const watch *w, msgpack_packer *pk, const msgpack_object *params)
{
    bool paths = params->via.array.size > 0 && params->via.array.ptr[0].type == MSGPACK_OBJECT_BOOLEAN &&
                 params->via.array.ptr[0].via.boolean;
    size_t files = 0, bytes = 0, speakers = 0;
    for (size_t i = 0; i < w->n; i++)
        if (w->v[i].indexed) {
            files++;
            bytes += (size_t)w->v[i].tried.size;
            speakers += w->v[i].n_speakers;
        }
    msgpack_pack_map(pk, 10 + paths);
    rpc_pack_cstr(pk, "busy");
    if (w->phase != IDLE || w->again || uv_is_active((uv_handle_t *)&w->debounce))
        msgpack_pack_true(pk);
    else
        msgpack_pack_false(pk);
    rpc_pack_cstr(pk, "passes");
    msgpack_pack_uint64(pk, w->passes);
    rpc_pack_cstr(pk, "reads");
    msgpack_pack_uint64(pk, w->reads);
    rpc_pack_cstr(pk, "files");
    msgpack_pack_uint64(pk, files);
    rpc_pack_cstr(pk, "bytes");
    msgpack_pack_uint64(pk, bytes);
    rpc_pack_cstr(pk, "speakers");
    msgpack_pack_uint64(pk, speakers);
    rpc_pack_cstr(pk, "found");
    msgpack_pack_uint64(pk, w->found);
    rpc_pack_cstr(pk, "left_out");
    msgpack_pack_uint64(pk, w->left_out);
    rpc_pack_cstr(pk, "watched");
    msgpack_pack_uint64(pk, w->n_watched);
    rpc_pack_cstr(pk, "polling");
    if (w->polling)
        msgpack_pack_true(pk);
    else
        msgpack_pack_false(pk);
    if (paths) {
        rpc_pack_cstr(pk, "paths");
        msgpack_pack_array(pk, files);
        for (size_t i = 0; i < w->n; i++)
            if (w->v[i].indexed)
                rpc_pack_cstr(pk, w->v[i].path);
    }
}
