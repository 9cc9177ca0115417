# prehab - plan, log and track a runner's knee-strength routine.
#
#   make            build ./prehab
#   make run        install missing dependencies, build, show this week's plan
#   make check      install missing dependencies, build, run every test
#   make install    PREFIX, DESTDIR, BINDIR, MANDIR and the completion dirs
#   make lint       cppcheck and clang-tidy
#   make bench      benchmarks, printed as "name: value" lines
#   make fuzz       libFuzzer targets for FUZZ_SECONDS each
#   make memcheck   the command-line tests under valgrind

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DOCDIR	?= $(PREFIX)/share/doc/prehab
EXAMPLEDIR ?= $(DOCDIR)
# Completion directories: where the system says, sane defaults otherwise.
BASHCOMPDIR ?= $(shell pkg-config --define-variable=prefix=$(PREFIX) \
	--variable=completionsdir bash-completion 2>/dev/null || \
	echo $(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(shell pkg-config --define-variable=prefix=$(PREFIX) \
	--variable=completionsdir fish 2>/dev/null | \
	sed 's|/completions$$|/vendor_completions.d|' | grep . || \
	echo $(PREFIX)/share/fish/vendor_completions.d)

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wcast-qual -Wwrite-strings \
	   -Wmissing-prototypes -Wstrict-prototypes
# Debian ships no .pc files for libcsv or iniparser: fall back to its paths.
DEP_CFLAGS != pkg-config --cflags csv iniparser 2>/dev/null || \
	echo -I/usr/include/iniparser
DEP_LIBS != pkg-config --libs csv iniparser 2>/dev/null || \
	echo -lcsv -liniparser
ALL_CFLAGS = $(WARN) -Ilib -Icmd $(DEP_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LDLIBS	?=
ALL_LIBS = $(DEP_LIBS) $(LDLIBS)

SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all

LIB_SRC	:= $(sort $(wildcard lib/*.c))
CMD_SRC	:= $(sort $(wildcard cmd/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
HDRS	:= $(wildcard lib/*.h cmd/*.h)

OBJ	 = $(LIB_SRC:%.c=build/%.o) $(CMD_SRC:%.c=build/%.o)
SAN_OBJ	 = $(LIB_SRC:%.c=build/asan/%.o) $(CMD_SRC:%.c=build/asan/%.o)
SAN_LIB	 = $(LIB_SRC:%.c=build/asan/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/asan/%)

MAN1	:= $(wildcard man/*.1)
MAN5	:= $(wildcard man/*.5)

.PHONY: all deps run check test unit lint install uninstall clean bench \
	fuzz memcheck format

all: prehab

prehab: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(ALL_LIBS)

build/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The sanitizer build that the tests run.
build/asan/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -c -o $@ $<

build/asan/prehab: $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) $(LDFLAGS) -o $@ $(SAN_OBJ) $(ALL_LIBS)

build/asan/test_%: tests/unit/test_%.c tests/unit/t.h $(SAN_LIB)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 $(LDFLAGS) -o $@ $< $(SAN_LIB) \
	    $(ALL_LIBS)

deps:
	@sh tests/install-deps.sh all

run: deps
	@$(MAKE) --no-print-directory prehab
	./prehab plan --week

check: deps
	@$(MAKE) --no-print-directory test

# The tests alone, without the dependency step.
test: prehab build/asan/prehab $(UNIT_BIN)
	@sh tests/run.sh

# The command-line tests again, with every run of prehab under valgrind:
# any memory error or definitely lost block fails the test that saw it.
memcheck: prehab
	@mkdir -p build
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite "%s/prehab" "$$@"\n' "$(CURDIR)" >build/vgprehab
	@chmod +x build/vgprehab
	@PREHAB=$(CURDIR)/build/vgprehab PREHAB_MEMCHECK=1 sh tests/run.sh \
	    $(wildcard tests/cli/*.sh)

lint:
	@if command -v clang-format >/dev/null 2>&1; then \
	    echo "clang-format --dry-run -Werror"; \
	    clang-format --dry-run -Werror $(LIB_SRC) $(CMD_SRC) \
	        $(wildcard lib/*.h cmd/*.h); \
	fi
	cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
	    --enable=warning,portability,performance \
	    --suppress=missingIncludeSystem -Ilib -Icmd lib cmd
	@if command -v clang-tidy >/dev/null 2>&1; then \
	    echo "clang-tidy lib/*.c cmd/*.c"; \
	    clang-tidy --quiet $(LIB_SRC) $(CMD_SRC) -- $(WARN) -Ilib -Icmd \
	        $(DEP_CFLAGS) 2>/dev/null; \
	fi

format:
	clang-format -i lib/*.[ch] cmd/*.[ch] tests/unit/*.[ch]

install: prehab
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR) \
	    $(DESTDIR)$(EXAMPLEDIR)
	install -m 755 prehab $(DESTDIR)$(BINDIR)/prehab
	@# The pages name the installed binary by its path, for cron's sake.
	for p in $(MAN1); do \
	    sed 's|/usr/local/bin/prehab|$(BINDIR)/prehab|g' "$$p" \
	        >"$(DESTDIR)$(MANDIR)/man1/$${p##*/}" && \
	    chmod 644 "$(DESTDIR)$(MANDIR)/man1/$${p##*/}" || exit 1; \
	done
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completions/prehab.bash $(DESTDIR)$(BASHCOMPDIR)/prehab
	install -m 644 completions/_prehab $(DESTDIR)$(ZSHCOMPDIR)/_prehab
	install -m 644 completions/prehab.fish \
	    $(DESTDIR)$(FISHCOMPDIR)/prehab.fish
	install -m 644 config.ini.example $(DESTDIR)$(EXAMPLEDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/prehab
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/prehab $(DESTDIR)$(ZSHCOMPDIR)/_prehab \
	    $(DESTDIR)$(FISHCOMPDIR)/prehab.fish
	rm -f $(DESTDIR)$(EXAMPLEDIR)/config.ini.example
	-rmdir $(DESTDIR)$(EXAMPLEDIR) 2>/dev/null

clean:
	rm -rf build prehab

# Benchmarks: every tests/bench/*.sh, each printing "name: value" lines.
bench: prehab
	@for b in tests/bench/*.sh; do [ -f "$$b" ] && sh "$$b" || exit 1; done

# ---- Fuzzing (tests/fuzz; owned by the hardening work) -------------------
# `make fuzz` runs every libFuzzer target for FUZZ_SECONDS (in parallel,
# FUZZ_JOBS at a time) and fails on any crash, leak, hang or sanitizer
# report. `make fuzz-build` only builds them. Needs clang with libFuzzer;
# tests/cli/harden-fuzz.sh runs each for a few seconds within `make test`.
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 2
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer -g -O1
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_LIB := $(LIB_SRC:%.c=build/fuzz/%.o)
FUZZ_CMD := $(CMD_SRC:%.c=build/fuzz/%.o)

build/fuzz/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	    -Dmain=prehab_main -c -o $@ $<

build/fuzz/fuzz_cli: tests/fuzz/fuzz_cli.c tests/fuzz/fuzz.h $(FUZZ_LIB) \
    $(FUZZ_CMD)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer \
	    -Wl,--wrap=fclose -o $@ $< $(FUZZ_CMD) $(FUZZ_LIB) $(ALL_LIBS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_LIB) $(ALL_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh -s $(FUZZ_SECONDS) -j $(FUZZ_JOBS)
.PHONY: fuzz-build
