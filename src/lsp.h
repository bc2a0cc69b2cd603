/*
 * lsp.h: `quotelens lsp`, the language server: LSP 3.17 over stdin and
 * stdout, for every editor that speaks the protocol.
 */
#ifndef QL_LSP_H
#define QL_LSP_H

/* Serves until the client says exit or stdin closes; returns the process
 * exit status (0 after a shutdown request, 1 without one, 2 when stdin is
 * no pipe). */
int lsp_run(void);

#endif
