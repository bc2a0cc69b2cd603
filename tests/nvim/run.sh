#!/bin/sh
# Runs one Lua test file in a real headless Neovim with the plugin on the
# runtimepath and the real co-process (build/quotelens, or $QL). The test
# ends Neovim itself: `cq 0` when every case passed, `cq 1` otherwise.
# QUOTELENS_WRAPPER, when set, is put before the co-process command
# (make check-memory runs it under valgrind that way).
set -u
cd "$(dirname "$0")/../.." || exit 1
[ $# -eq 1 ] || { echo "usage: tests/nvim/run.sh tests/nvim/test_x.lua" >&2; exit 2; }
command -v nvim >/dev/null 2>&1 || { echo "SKIP: nvim not installed" >&2; exit 77; }
export QL="${QL:-build/quotelens}"
export QUOTELENS_ROOT="$PWD"
timeout 300 nvim --headless -u NONE -i NONE -n \
    --cmd "set rtp^=$PWD" --cmd "runtime plugin/quotelens.lua" \
    -c "luafile $1" 2>&1
