/*
 * server.h: the co-process that Neovim runs as `quotelens` with no
 * arguments: msgpack-RPC on stdin and stdout until Neovim goes away.
 */
#ifndef QL_SERVER_H
#define QL_SERVER_H

/* Serves until stdin closes; returns the process exit status. */
int server_run(void);

#endif
