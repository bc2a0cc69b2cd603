/*
 * lsp.c: the language server's loop and lifecycle. Each read of stdin
 * gives a batch of messages (lsp_io.h); a request cancelled by a
 * $/cancelRequest of the same batch is answered as cancelled, every other
 * message goes through one table from method to handler, and after the
 * batch the documents edited in it are analysed and their diagnostics
 * published (lsp_engine.h). A client's mistake gets the protocol's error
 * response, or a line in the log when it was a notification; nothing a
 * client sends ends the server but `exit` and the end of stdin.
 */
#include "lsp.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "log.h"
#include "lsp_engine.h"
#include "lsp_io.h"
#include "lsp_uri.h"

typedef enum { STATE_NEW, STATE_RUNNING, STATE_SHUT_DOWN } lsp_state;

typedef struct lsp_server {
    uv_loop_t *loop;
    lsp_io *io;
    lsp_engine *engine;
    json_t *batch;        /* the messages of the current read */
    lsp_state state;
    char *root;           /* the workspace folder, for relative corpus folders */
    int status;           /* the exit status */
} lsp_server;

/* A request's answer: a result, or an error code and its words. */
typedef struct reply {
    json_t *result;
    int code;
    char why[200];
} reply;

typedef void (*request_fn)(lsp_server *s, const json_t *params, reply *r);
typedef void (*notify_fn)(lsp_server *s, const json_t *params);

static void send_msg(lsp_server *s, json_t *msg)
{
    if (!msg || lsp_io_send(s->io, msg) != 0)
        log_msg("lsp: a message could not be sent");
    json_decref(msg);
}

static void notify(void *ctx, const char *method, json_t *params)
{
    send_msg(ctx, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

static void respond_error(lsp_server *s, const json_t *id, int code, const char *why)
{
    log_msg("lsp: error %d: %s", code, why);
    send_msg(s, json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                      "error", "code", code, "message", why));
}

static void fail(reply *r, int code, const char *why)
{
    r->code = code;
    snprintf(r->why, sizeof r->why, "%s%s", code == LSP_METHOD_NOT_FOUND ? "unknown method: " : "",
             why);
}

static void garbled(void *ctx, int code, const char *why)
{
    respond_error(ctx, NULL, code, why);
}

static void message(void *ctx, json_t *msg)
{
    lsp_server *s = ctx;
    if (json_array_append(s->batch, msg) != 0)
        log_msg("lsp: out of memory; a message is lost");
}

static const char *uri_param(const json_t *params)
{
    return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

/* Whether the client offered UTF-8 positions (LSP 3.17 positionEncodings). */
static bool offers_utf8(const json_t *params)
{
    const json_t *encodings = json_object_get(
        json_object_get(json_object_get(params, "capabilities"), "general"), "positionEncodings");
    size_t i;
    const json_t *v;
    json_array_foreach(encodings, i, v)
        if (json_is_string(v) && strcmp(json_string_value(v), "utf-8") == 0)
            return true;
    return false;
}

static json_t *capabilities(bool utf8)
{
    return json_pack("{s:s,s:{s:b,s:i,s:{s:b}},s:b,s:b,s:b,s:b,s:b,s:{s:b},s:{s:[s]}}",
                     "positionEncoding", utf8 ? "utf-8" : "utf-16", "textDocumentSync",
                     "openClose", 1, "change", 2, "save", "includeText", 0, "hoverProvider", 1,
                     "definitionProvider", 1, "referencesProvider", 1, "documentSymbolProvider",
                     1, "workspaceSymbolProvider", 1, "codeLensProvider", "resolveProvider", 0,
                     "codeActionProvider", "codeActionKinds", "quickfix");
}

static void configure(lsp_server *s, const json_t *settings)
{
    char why[200];
    int rc = lsp_engine_configure(s->engine, settings, s->root, why);
    if (rc == -EINVAL)
        notify(s, "window/showMessage",
               json_pack("{s:i,s:s+}", "type", 1, "message", "quotelens: settings: ", why));
    else if (rc)
        log_msg("lsp: out of memory applying the settings");
}

static void initialize(lsp_server *s, const json_t *params, reply *r)
{
    if (s->state != STATE_NEW) {
        fail(r, LSP_INVALID_REQUEST, "initialize was sent already");
        return;
    }
    if (!json_is_object(params)) {
        fail(r, LSP_INVALID_PARAMS, "initialize: params must be an object");
        return;
    }
    const char *root = json_string_value(json_object_get(params, "rootUri"));
    s->root = root ? lsp_uri_to_name(root)
                   : json_string_value(json_object_get(params, "rootPath"))
                         ? strdup(json_string_value(json_object_get(params, "rootPath")))
                         : NULL;
    bool utf8 = offers_utf8(params);
    lsp_engine_utf8(s->engine, utf8);
    s->state = STATE_RUNNING;
    configure(s, json_object_get(params, "initializationOptions"));
    r->result = json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities(utf8), "serverInfo",
                          "name", "quotelens", "version", QL_VERSION);
}

static void shutdown_request(lsp_server *s, const json_t *params, reply *r)
{
    (void)params;
    s->state = STATE_SHUT_DOWN;
    r->result = json_null();
}

/* The view of the document a request names and the byte offset of its
 * position; NULL (a null result) when the document is not open. */
static const lsp_view *at_position(lsp_server *s, const json_t *params, size_t *at, reply *r)
{
    const char *uri = uri_param(params);
    const json_t *pos = json_object_get(params, "position");
    if (!uri || !json_is_object(pos)) {
        fail(r, LSP_INVALID_PARAMS, "expected textDocument.uri and position");
        return NULL;
    }
    const lsp_view *v = lsp_engine_view(s->engine, uri);
    long long off = v ? lsp_engine_offset(s->engine, v, pos) : 0;
    if (off < 0) {
        fail(r, LSP_INVALID_PARAMS, "position: expected integer line and character");
        return NULL;
    }
    *at = (size_t)off;
    return v;
}

/* The quote under a request's position, or -1 (with r answered). */
static long quote_param(lsp_server *s, const json_t *params, const lsp_view **v, reply *r)
{
    size_t at;
    *v = at_position(s, params, &at, r);
    long i = *v ? lsp_view_quote_at(*v, at) : -1;
    if (i < 0 && r->code == 0)
        r->result = json_null();
    return i;
}

static void hover(lsp_server *s, const json_t *params, reply *r)
{
    const lsp_view *v;
    long i = quote_param(s, params, &v, r);
    if (i >= 0 && !(r->result = lsp_view_hover(v, (size_t)i)))
        fail(r, LSP_INTERNAL_ERROR, "out of memory");
}

static void locations(lsp_server *s, const json_t *params, reply *r, bool self)
{
    const lsp_view *v;
    long i = quote_param(s, params, &v, r);
    if (i >= 0 && !(r->result = lsp_view_locations(v, (size_t)i, self)))
        fail(r, LSP_INTERNAL_ERROR, "out of memory");
}

static void definition(lsp_server *s, const json_t *params, reply *r)
{
    locations(s, params, r, false);
}

static void references(lsp_server *s, const json_t *params, reply *r)
{
    locations(s, params, r, true); /* every copy, this one too, whatever includeDeclaration says */
}

/* The view of the document a request names; NULL (an empty list) when it
 * is not open. */
static const lsp_view *document(lsp_server *s, const json_t *params, reply *r)
{
    const char *uri = uri_param(params);
    if (!uri) {
        fail(r, LSP_INVALID_PARAMS, "expected textDocument.uri");
        return NULL;
    }
    const lsp_view *v = lsp_engine_view(s->engine, uri);
    if (!v)
        r->result = json_array();
    return v;
}

static void symbols(lsp_server *s, const json_t *params, reply *r)
{
    const lsp_view *v = document(s, params, r);
    if (v && !(r->result = lsp_view_symbols(v)))
        fail(r, LSP_INTERNAL_ERROR, "out of memory");
}

static void lenses(lsp_server *s, const json_t *params, reply *r)
{
    const lsp_view *v = document(s, params, r);
    if (v && !(r->result = lsp_view_lenses(v)))
        fail(r, LSP_INTERNAL_ERROR, "out of memory");
}

static void actions(lsp_server *s, const json_t *params, reply *r)
{
    const lsp_view *v = document(s, params, r);
    const json_t *range = json_object_get(params, "range");
    if (!v)
        return;
    long long from = lsp_engine_offset(s->engine, v, json_object_get(range, "start"));
    long long to = lsp_engine_offset(s->engine, v, json_object_get(range, "end"));
    if (from < 0 || to < 0)
        fail(r, LSP_INVALID_PARAMS, "expected range with start and end positions");
    else if (!(r->result = lsp_view_actions(v, (size_t)from, (size_t)to)))
        fail(r, LSP_INTERNAL_ERROR, "out of memory");
}

typedef struct symbol_query {
    const char *query;
    json_t *into;
} symbol_query;

static int add_symbols(const lsp_view *v, void *arg)
{
    symbol_query *q = arg;
    return lsp_view_workspace_symbols(v, q->query, q->into);
}

/* Speakers and quotes of every open document whose name holds the query. */
static void workspace_symbols(lsp_server *s, const json_t *params, reply *r)
{
    const json_t *query = json_object_get(params, "query");
    symbol_query q = {json_is_string(query) ? json_string_value(query) : "", json_array()};
    if (!q.into || lsp_engine_each_view(s->engine, add_symbols, &q) != 0) {
        json_decref(q.into);
        fail(r, LSP_INTERNAL_ERROR, "out of memory");
        return;
    }
    r->result = q.into;
}

static void did_open(lsp_server *s, const json_t *params)
{
    const json_t *doc = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(doc, "uri"));
    const json_t *text = json_object_get(doc, "text");
    if (!uri || !json_is_string(text)) {
        log_msg("lsp: didOpen: expected textDocument.uri and text");
        return;
    }
    if (lsp_engine_open(s->engine, uri, json_string_value(text), json_string_length(text),
                        json_integer_value(json_object_get(doc, "version"))) != 0)
        log_msg("lsp: didOpen %s: out of memory", uri);
}

/* One change of didChange; a bad one is logged and the rest still apply. */
static void change(lsp_server *s, const char *uri, int64_t version, const json_t *c)
{
    const json_t *text = json_object_get(c, "text");
    const json_t *range = json_object_get(c, "range");
    if (!json_is_string(text) || (range && !json_is_object(range))) {
        log_msg("lsp: didChange %s: a change without text or with a bad range", uri);
        return;
    }
    int rc = lsp_engine_change(s->engine, uri, range, json_string_value(text),
                               json_string_length(text), version);
    if (rc)
        log_msg("lsp: didChange %s: %s", uri,
                rc == -ENOENT ? "not open" : rc == -EINVAL ? "a range that is not one" : "out of memory");
}

static void did_change(lsp_server *s, const json_t *params)
{
    const char *uri = uri_param(params);
    const json_t *changes = json_object_get(params, "contentChanges");
    if (!uri || !json_is_array(changes)) {
        log_msg("lsp: didChange: expected textDocument.uri and contentChanges");
        return;
    }
    int64_t version = json_integer_value(json_object_get(json_object_get(params, "textDocument"),
                                                         "version"));
    size_t i;
    const json_t *c;
    json_array_foreach(changes, i, c)
        change(s, uri, version, c);
}

static void did_close(lsp_server *s, const json_t *params)
{
    const char *uri = uri_param(params);
    if (!uri || lsp_engine_close(s->engine, uri) != 0)
        log_msg("lsp: didClose: %s is not open", uri ? uri : "(no uri)");
}

static void did_save(lsp_server *s, const json_t *params)
{
    (void)s; /* the text is known from the changes; the file is the editor's */
    (void)params;
}

static void did_change_configuration(lsp_server *s, const json_t *params)
{
    configure(s, json_object_get(params, "settings"));
}

static void did_change_watched_files(lsp_server *s, const json_t *params)
{
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(params, "changes"), i, c) {
        const char *uri = json_string_value(json_object_get(c, "uri"));
        if (uri)
            lsp_engine_file_changed(s->engine, uri);
    }
}

static void initialized(lsp_server *s, const json_t *params)
{
    (void)s;
    (void)params;
}

static void exit_notification(lsp_server *s, const json_t *params)
{
    (void)params;
    s->status = s->state == STATE_SHUT_DOWN ? 0 : 1;
    uv_stop(s->loop);
}

/* Every method the server knows: a request has `request`, a notification
 * `notify`. */
static const struct method {
    const char *name;
    request_fn request;
    notify_fn notify;
} methods[] = {
    {"initialize", initialize, NULL},
    {"initialized", NULL, initialized},
    {"shutdown", shutdown_request, NULL},
    {"exit", NULL, exit_notification},
    {"textDocument/didOpen", NULL, did_open},
    {"textDocument/didChange", NULL, did_change},
    {"textDocument/didClose", NULL, did_close},
    {"textDocument/didSave", NULL, did_save},
    {"textDocument/hover", hover, NULL},
    {"textDocument/definition", definition, NULL},
    {"textDocument/references", references, NULL},
    {"textDocument/documentSymbol", symbols, NULL},
    {"textDocument/codeLens", lenses, NULL},
    {"textDocument/codeAction", actions, NULL},
    {"workspace/symbol", workspace_symbols, NULL},
    {"workspace/didChangeConfiguration", NULL, did_change_configuration},
    {"workspace/didChangeWatchedFiles", NULL, did_change_watched_files},
};

static const struct method *lookup(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if (strcmp(methods[i].name, name) == 0)
            return &methods[i];
    return NULL;
}

/* Whether request `id` is cancelled by a $/cancelRequest of this batch. */
static bool cancelled(const lsp_server *s, const json_t *id)
{
    size_t i;
    const json_t *m;
    json_array_foreach(s->batch, i, m) {
        const char *method = json_string_value(json_object_get(m, "method"));
        if (method && strcmp(method, "$/cancelRequest") == 0 &&
            json_equal(json_object_get(json_object_get(m, "params"), "id"), (json_t *)id))
            return true;
    }
    return false;
}

static void request(lsp_server *s, const json_t *id, const char *name, const json_t *params)
{
    const struct method *m = lookup(name);
    reply r = {0};
    if (s->state == STATE_NEW && strcmp(name, "initialize") != 0)
        fail(&r, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
    else if (s->state == STATE_SHUT_DOWN)
        fail(&r, LSP_INVALID_REQUEST, "the server is shut down; only exit is expected");
    else if (!m || !m->request)
        fail(&r, LSP_METHOD_NOT_FOUND, name[0] ? name : "(empty)");
    else if (cancelled(s, id))
        fail(&r, LSP_REQUEST_CANCELLED, "cancelled");
    else
        m->request(s, params, &r);
    if (r.code) {
        json_decref(r.result);
        respond_error(s, id, r.code, r.why);
    } else {
        send_msg(s, json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id, "result", r.result));
    }
}

static void notification(lsp_server *s, const char *name, const json_t *params)
{
    const struct method *m = lookup(name);
    if (m && m->notify && (s->state != STATE_NEW || m->notify == exit_notification))
        m->notify(s, params);
    else if (strncmp(name, "$/", 2) != 0) /* $/ ones may be ignored, as the protocol says */
        log_msg("lsp: notification %s dropped: %s", name,
                !m || !m->notify ? "unknown" : "not initialized yet");
}

/* Checks a message's shape and hands it to its handler. */
static void handle(lsp_server *s, const json_t *msg)
{
    const json_t *id = json_object_get(msg, "id");
    const json_t *method = json_object_get(msg, "method");
    const json_t *params = json_object_get(msg, "params");
    const char *version = json_string_value(json_object_get(msg, "jsonrpc"));
    if (!json_is_object(msg)) {
        respond_error(s, NULL, LSP_INVALID_REQUEST, "a message must be a JSON object");
    } else if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
        respond_error(s, NULL, LSP_INVALID_REQUEST, "id must be a number or a string");
    } else if (!method && id && (json_object_get(msg, "result") || json_object_get(msg, "error"))) {
        log_msg("lsp: a response to no request of ours"); /* the server sends none */
    } else if (!json_is_string(method) || !version || strcmp(version, "2.0") != 0 ||
               (params && !json_is_object(params) && !json_is_array(params) &&
                !json_is_null(params))) { /* eglot sends "params": null for none */
        if (id)
            respond_error(s, id, LSP_INVALID_REQUEST,
                          "expected jsonrpc \"2.0\", a method name, and params an object or array");
        else
            log_msg("lsp: a malformed notification dropped");
    } else if (id) {
        request(s, id, json_string_value(method), params);
    } else {
        notification(s, json_string_value(method), params);
    }
}

static void batch_done(void *ctx)
{
    lsp_server *s = ctx;
    size_t i;
    const json_t *m;
    json_array_foreach(s->batch, i, m) {
        if (s->status >= 0)
            break; /* exit came: the rest is not read */
        handle(s, m);
    }
    json_array_clear(s->batch);
    if (s->status < 0)
        lsp_engine_batch_done(s->engine);
}

static void closed(void *ctx)
{
    lsp_server *s = ctx;
    log_msg("lsp: stdin closed");
    if (s->status < 0)
        s->status = s->state == STATE_SHUT_DOWN ? 0 : 1;
    uv_stop(s->loop);
}

static void on_term(uv_signal_t *h, int signum)
{
    (void)signum;
    log_msg("lsp: terminated");
    uv_stop(h->loop);
}

/* libuv cannot poll a regular file or /dev/null: such a stdin is refused
 * with a word on what to do, as the co-process does. */
static int check_stdin(void)
{
    uv_handle_type t = uv_guess_handle(0);
    if (t == UV_NAMED_PIPE || t == UV_TCP)
        return 0;
    fprintf(stderr, "quotelens lsp: standard input is not a pipe: the language server reads the\n"
                    "Language Server Protocol from a pipe, as an editor starts it\n");
    return 2;
}

int lsp_run(void)
{
    if (check_stdin() != 0)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    log_open();
    lsp_server s = {.loop = uv_default_loop(), .batch = json_array(), .status = -1};
    lsp_engine_callbacks ecb = {notify};
    lsp_io_callbacks icb = {message, garbled, batch_done, closed};
    int rc = s.batch ? lsp_engine_new(s.loop, ecb, &s, &s.engine) : -ENOMEM;
    if (rc == 0 && (rc = lsp_io_new(s.loop, 0, 1, icb, &s, &s.io)) != 0) {
        lsp_engine_stop(s.engine);
        uv_run(s.loop, UV_RUN_DEFAULT);
        lsp_engine_free(s.engine);
    }
    if (rc != 0) {
        fprintf(stderr, "quotelens lsp: cannot start: %s\n",
                rc == -ENOMEM ? "out of memory" : uv_strerror(rc));
        json_decref(s.batch);
        return 1;
    }
    uv_signal_t term;
    uv_signal_init(s.loop, &term);
    uv_signal_start(&term, on_term, SIGTERM);
    log_msg("lsp: started");
    uv_run(s.loop, UV_RUN_DEFAULT);
    lsp_io_free(s.io);
    lsp_engine_stop(s.engine);
    uv_close((uv_handle_t *)&term, NULL);
    uv_run(s.loop, UV_RUN_DEFAULT); /* let the handles close, writes in flight end */
    lsp_engine_free(s.engine);
    json_decref(s.batch);
    free(s.root);
    uv_loop_close(s.loop);
    log_close();
    return s.status < 0 ? 1 : s.status;
}
