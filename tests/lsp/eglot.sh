#!/bin/sh
# Emacs 28 with eglot (Debian's emacs-nox and elpa-eglot) as a client of
# quotelens lsp, in batch mode (tests/lsp/eglot.el), on a copy of the
# fixtures. Skips, saying so, when Emacs or eglot is not installed.
cd "$(dirname "$0")/../.." || exit 1
command -v emacs >/dev/null 2>&1 || { echo "SKIP: emacs not installed (apt-get install emacs-nox elpa-eglot): eglot is NOT tested" >&2; exit 77; }
emacs --batch --eval "(progn (package-initialize) (require 'eglot))" >/dev/null 2>&1 ||
    { echo "SKIP: eglot not installed (apt-get install elpa-eglot): eglot is NOT tested" >&2; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cp -R tests/fixtures/lsp/. "$dir/"
QL="$PWD/${QL:-build/quotelens}" DIR="$dir" HOME="$dir" timeout 120 emacs --batch -l tests/lsp/eglot.el
