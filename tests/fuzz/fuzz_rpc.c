/*
 * fuzz_rpc.c: libFuzzer target for the msgpack-RPC reader on arbitrary
 * bytes, fed in chunks of varying size as reads would deliver them. Every
 * message handed on must have the shape its kind promises.
 */
#include <stdint.h>
#include <stdlib.h>

#include "rpc.h"

static void check(void *ctx, const rpc_message *m)
{
    (void)ctx;
    if (m->kind == RPC_RESPONSE ? !m->error || !m->result
                                : !m->method || !m->params || m->params->type != MSGPACK_OBJECT_ARRAY)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rpc_callbacks cb = {check, NULL, NULL, NULL};
    rpc *r = rpc_new_detached(cb, NULL);
    if (!r)
        return 0;
    size_t chunk = size ? (size_t)data[0] % 64 + 1 : 1;
    for (size_t i = 0; i < size; i += chunk)
        rpc_feed(r, (const char *)data + i, size - i < chunk ? size - i : chunk);
    rpc_free_detached(r);
    return 0;
}
