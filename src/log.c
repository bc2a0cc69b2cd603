/*
 * log.c: appends timestamped lines to $QUOTELENS_LOG when it is set.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static FILE *log_file;

void log_open(void)
{
    const char *path = getenv("QUOTELENS_LOG");
    if (path && *path && !log_file)
        log_file = fopen(path, "a");
}

void log_msg(const char *fmt, ...)
{
    if (!log_file)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    fprintf(log_file, "%lld.%03ld ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file, fmt, ap);
    va_end(ap);
    fputc('\n', log_file);
    fflush(log_file);
}

void log_close(void)
{
    if (log_file)
        fclose(log_file);
    log_file = NULL;
}
