#!/bin/sh
# make soak-corpus: the co-process under Neovim indexing a corpus folder of
# SOAK_CORPUS_MB megabytes (default 1024) of generated articles, 64 to a
# file, with the default corpus_max_mb (or SOAK_CORPUS_MAX_MB). Prints how long indexing took, how
# slowly requests were answered meanwhile, the co-process's memory, and the
# time to follow one added file. The folder is generated once into
# SOAK_CORPUS_DIR (default /dev/shm/quotelens-soak-corpus: a RAM disk, as on
# a slow disk the time goes to reading) and kept for the next run.
set -eu
cd "$(dirname "$0")/.." || exit 1
mb=${SOAK_CORPUS_MB:-1024}
dir=${SOAK_CORPUS_DIR:-/dev/shm/quotelens-soak-corpus}
if [ ! -f "$dir.$mb.done" ]; then
    rm -rf "$dir" "$dir".*.done
    # About 1,250 generated articles make a megabyte; two writers, two seeds.
    half=$((mb * 1250 / 2))
    echo "writing $mb MB of articles to $dir ..."
    python3 scripts/gen-corpus.py --articles "$half" --join 64 --seed 1 --out "$dir/a" &
    python3 scripts/gen-corpus.py --articles "$half" --join 64 --seed 2 --out "$dir/b"
    wait
    touch "$dir.$mb.done"
fi
echo "corpus: $(du -s --apparent-size --block-size=1M "$dir" | cut -f1) MB in $(find "$dir" -type f | wc -l) files"
SOAK_CORPUS_DIR=$dir sh tests/nvim/run.sh tests/nvim/soak_corpus.lua
