/*
 * log.h: the co-process's log. Its stdout belongs to msgpack-RPC, so
 * messages go to the file named by $QUOTELENS_LOG, or nowhere.
 */
#ifndef QL_LOG_H
#define QL_LOG_H

void log_open(void);
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_close(void);

#endif
