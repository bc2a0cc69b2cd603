#!/bin/sh
# The demo: opens Neovim on the example articles with quotelens running.
# Without a terminal (CI, a pipe), prints what the scanner finds instead.
cd "$(dirname "$0")/.." || exit 1
nvim --headless -u NONE -c "helptags doc" -c "qa!" >/dev/null 2>&1
if [ -t 0 ] && [ -t 1 ]; then
    exec nvim -u NONE -i NONE --cmd "set rtp^=$PWD" --cmd "runtime plugin/quotelens.lua" \
        -c "luafile scripts/demo.lua"
fi
echo "No terminal: here is what quotelens finds in examples/ (run make demo in a terminal for Neovim)."
build/quotelens scan examples/*.txt examples/*.md
