#!/bin/sh
# The language server's protocol test (tests/lsp/protocol.py) on $QL.
cd "$(dirname "$0")/../.." || exit 1
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed" >&2; exit 77; }
QL="${QL:-build/quotelens}" timeout 300 python3 tests/lsp/protocol.py
