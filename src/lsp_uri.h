/*
 * lsp_uri.h: document URIs and the names the engine knows documents by.
 * A file: URI is its path (the corpus folders name their files by path, so
 * an open file and its copy in a folder are one name); any other URI
 * (untitled:, an editor's scratch buffer) is its own name.
 */
#ifndef QL_LSP_URI_H
#define QL_LSP_URI_H

/* The document name of a URI, in a new string; NULL when out of memory or
 * when a file: URI has a bad escape, a NUL byte or a remote host. */
char *lsp_uri_to_name(const char *uri);
/* The URI of a document name, in a new string (NULL when out of memory):
 * a path becomes a file: URI, escaped; a relative path is taken from the
 * working directory; a name that is a URI already stays. */
char *lsp_uri_from_name(const char *name);

#endif
