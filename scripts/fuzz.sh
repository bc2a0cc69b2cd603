#!/bin/sh
# Builds the libFuzzer targets in tests/fuzz/ with clang, ASan and UBSan, and
# runs each for FUZZ_SECONDS (default 60) from its seed corpus. Findings are
# written to build/fuzz/findings/; the run fails if any target fails.
set -u
cd "$(dirname "$0")/.." || exit 1
secs=${FUZZ_SECONDS:-60}
msgpack=$(pkg-config --exists msgpack-c && echo msgpack-c || echo msgpack)
libs=$(pkg-config --libs libuv "$msgpack" libutf8proc libxxhash jansson)
cflags=$(pkg-config --cflags libuv "$msgpack" libutf8proc libxxhash jansson)
lib_src=$(ls src/*.c | grep -v 'src/main.c')
mkdir -p build/fuzz/findings
status=0
for t in tests/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    bin=build/fuzz/$name
    clang -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -DQL_VERSION=\"fuzz\" -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all -Isrc $cflags "$t" $lib_src $libs -lm -o "$bin" || exit 1
    seeds=tests/fuzz/corpus/${name#fuzz_}
    work=build/fuzz/corpus-${name#fuzz_}
    mkdir -p "$work"
    echo "fuzz: $name for ${secs}s"
    if "$bin" -max_total_time="$secs" -max_len=65536 -artifact_prefix=build/fuzz/findings/ \
        -print_final_stats=1 "$work" "$seeds" 2>build/fuzz/$name.log; then
        grep -E '^stat::number_of_executed_units' build/fuzz/$name.log | sed "s/^/  $name /"
    else
        status=1
        tail -30 build/fuzz/$name.log
    fi
done
exit $status
