# quotelens: build, test, demo and measure.
#   make          build build/quotelens and doc/tags (for :help quotelens)
#   make test     install missing Debian packages, build, run every test
#   make demo     install missing Debian packages, build, open the examples
#   make eval     score the seed articles against ../shared/gold
#   make eval-news  score the 840 real articles of ../shared/corpus/polnear-train and
#                 table the misses (speaker errors by rule and class, missed and extra
#                 quotes, diagnostics per article); every miss with context goes to
#                 build/eval-news-errors.txt (scripts/eval-news.py)
#   make fuzz     run every libFuzzer target for FUZZ_SECONDS (default 60)
#   make check-memory  unit tests, scans and the co-process under valgrind
#   make soak     10,000 random edits over 20 buffers, checked every 100
#   make soak-corpus  a 1 GB corpus folder indexed under Neovim (in /dev/shm)
#   make bench    the speed table (scan, corpus scale, Neovim latency)
#   make clean    remove build/

CC      ?= cc
SHARED  ?= ../shared
MSGPACK := $(shell pkg-config --exists msgpack-c 2>/dev/null && echo msgpack-c || echo msgpack)
PKGS    := libuv $(MSGPACK) libutf8proc libxxhash jansson
CFLAGS  ?= -O2 -g
CFLAGS  += -DQL_VERSION='"0.1.0"' -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC      := $(wildcard src/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:src/%.c=build/obj/%.o)
LIB_OBJ  := $(LIB_SRC:src/%.c=build/obj/%.o)
SAN_OBJ  := $(SRC:src/%.c=build/asan/obj/%.o)
SAN_LIB  := $(LIB_SRC:src/%.c=build/asan/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT     := $(UNIT_SRC:tests/unit/%.c=build/unit/%)
SAN_UNIT := $(UNIT_SRC:tests/unit/%.c=build/asan/unit/%)

.PHONY: all deps test demo eval eval-news fuzz soak soak-corpus bench check-memory clean asan units
all: build/quotelens doc/tags

deps:
	@sh scripts/install-deps.sh

# :help quotelens after a plain install (a package under pack/*/start/).
doc/tags: doc/quotelens.txt
	@if command -v nvim >/dev/null 2>&1; then nvim --headless -u NONE -i NONE -n -c 'helptags doc' -c q; \
	else echo "note: nvim not found, doc/tags not made: run :helptags doc in the plugin folder for :help quotelens"; fi

build/quotelens: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/obj/%.o: src/%.c $(wildcard src/*.h) | build/obj
	$(CC) $(CFLAGS) -MMD -c -o $@ $<

build/asan/quotelens: $(SAN_OBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/asan/obj/%.o: src/%.c $(wildcard src/*.h) | build/asan/obj
	$(CC) $(CFLAGS) $(SAN) -c -o $@ $<

build/unit/%: tests/unit/%.c $(LIB_OBJ) | build/unit
	$(CC) $(CFLAGS) -Isrc -o $@ $^ $(LDLIBS) $(shell pkg-config --libs cmocka)

build/asan/unit/%: tests/unit/%.c $(SAN_LIB) | build/asan/unit
	$(CC) $(CFLAGS) $(SAN) -Isrc -o $@ $^ $(LDLIBS) $(shell pkg-config --libs cmocka)

build/obj build/asan/obj build/unit build/asan/unit:
	@mkdir -p $@

asan: build/asan/quotelens
units: $(UNIT) $(SAN_UNIT)

test: deps
	@$(MAKE) --no-print-directory all asan units
	@sh tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

eval: all
	@build/quotelens scan --json $(SHARED)/seeds/*.txt > build/seeds.jsonl
	@python3 $(SHARED)/eval/score.py $(SHARED)/gold/seeds.jsonl build/seeds.jsonl \
		--xref $(SHARED)/gold/seeds-xref.json --root $(SHARED)/seeds

eval-news: all
	@if [ ! -f $(SHARED)/corpus/polnear-train/gold.jsonl ]; then \
		echo "SKIP: $(SHARED)/corpus/polnear-train not found: real-news accuracy is NOT measured" >&2; \
	else build/quotelens scan --json $(SHARED)/corpus/polnear-train/articles/*.txt > build/news.jsonl && \
		python3 scripts/eval-news.py --shared $(SHARED) --scan build/news.jsonl --errors build/eval-news-errors.txt; fi

fuzz: deps
	@sh scripts/fuzz.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@python3 bench/run.py

soak: deps
	@$(MAKE) --no-print-directory all
	@SOAK_EDITS=$${SOAK_EDITS:-10000} SOAK_BUFFERS=$${SOAK_BUFFERS:-20} SOAK_CHECK_EVERY=100 \
		sh tests/nvim/run.sh tests/nvim/test_soak.lua

soak-corpus: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/soak-corpus.sh

check-memory: deps
	@$(MAKE) --no-print-directory all $(UNIT)
	@sh scripts/check-memory.sh

clean:
	rm -rf build

-include $(wildcard build/obj/*.d)

