#!/bin/sh
# Installs the Debian packages quotelens needs to build, test and run, and
# nothing else. Idempotent: a package already installed is left alone, and
# nothing is installed at all when everything is present. As root it calls
# apt-get directly, otherwise through sudo.
set -eu

# emacs-nox and elpa-eglot: a second real client of `quotelens lsp` in the tests.
PACKAGES="build-essential pkg-config libuv1-dev libmsgpack-dev libutf8proc-dev
libxxhash-dev libjansson-dev libcmocka-dev neovim python3 clang emacs-nox elpa-eglot"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: no apt-get here; install them with your package manager" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 1
fi

echo "install-deps: installing Debian packages:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
