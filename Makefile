# pyexpr - build the native interpreter from csrc/.
#
#   make               build/pyexpr          release: -O2, static when possible
#   make debug         build/pyexpr-debug    -O0 -g, dynamic (valgrind-friendly)
#   make asan          build/pyexpr-asan     ASan + UBSan (clang, else gcc)
#   make leakcheck     the whole corpus under ASan+UBSan+LSan (tools/leakcheck.py)
#   make fuzz          build/pyexpr-fuzz     libFuzzer + ASan + UBSan (clang)
#   make fuzz-run      run it FUZZ_SECONDS (default 60), seeded from tests/corpus
#   make fuzz-marshal-run  the same for the bytecode loader (build/pyexpr-fuzz-marshal)
#   make check         build and run every csrc/tests/*.c program
#                      (CONFIG=debug|asan to run them in another build config)
#   make lib           build/<config>/libpyexpr.a alone (the embeddable engine)
#   make install       header, library, pyexpr.pc and the binary under PREFIX
#                      (default /usr/local; DESTDIR= for staged installs);
#                      make uninstall removes them
#   make clean         remove build/
#
# Overrides: make CC=clang STATIC=0 | STATIC=1 | ASAN_CC=gcc | CFLAGS=... |
#            LDFLAGS=... | STRIP=1 (link the binary with -s) | BUILD=dir |
#            V=1 (echo full commands)
#
# Objects live in build/<config>/; -MMD -MP dependency files make header edits
# rebuild, and a per-config flags stamp rebuilds everything when the compiler
# or flags change (e.g. switching between musl and glibc).

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD := build

# ---------------------------------------------------------------------------
# Version: single source of truth is pyexpr/_version.py.
VERSION := $(shell sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' pyexpr/_version.py)
ifeq ($(VERSION),)
  $(error could not read __version__ from pyexpr/_version.py)
endif

# ---------------------------------------------------------------------------
# Sources, by folder (new files are picked up automatically):
#   csrc/include/  pyexpr.h, the one public header
#   csrc/core/     the engine -> libpyexpr.a (position-independent, symbols
#                  hidden unless marked PE_API)
#   csrc/cli/ csrc/daemon/ csrc/mcp/   the `pyexpr` binary's front end
#   csrc/ext/      the CPython extension (built by setup.py against libpyexpr.a)
#   csrc/tests/    C unit tests, linked with libpyexpr.a
ENGINE_SRCS  := $(sort $(wildcard csrc/core/*.c))
PYLIB_SRCS   := $(sort $(wildcard csrc/lib/*.py))
CLI_SRCS     := $(sort $(wildcard csrc/cli/*.c csrc/daemon/*.c csrc/mcp/*.c))
EXT_SRCS     := $(sort $(wildcard csrc/ext/*.c))
TEST_SRCS    := $(sort $(wildcard csrc/tests/*.c))
TEST_NAMES   := $(basename $(notdir $(TEST_SRCS)))

# ---------------------------------------------------------------------------
# Compiler selection - the ONLY place it is decided (setup.py runs this
# Makefile, passing CC, LIBC=musl, STATIC and STRIP through).
#   CC not given  -> cc (glibc: its libm is CPython's, so float results are
#                    bit-identical); LIBC=musl selects musl-gcc (faster start,
#                    libm may differ from CPython in the last bit).
#   STATIC=auto   -> link -static iff a static test program links and runs
#                    with $(CC); STATIC=1 forces it, STATIC=0 disables it.
# `make debug` and `make check CONFIG=debug` use HOST_CC (your CC, or cc)
# dynamically linked; `make asan` uses ASAN_CC (clang if installed, else gcc).
STATIC ?= auto
# STRIP=1 links the release binary with -s (no symbol table; setup.py sets it
# unless PYEXPR_STRIP=0). Any other value (e.g. a strip program's path, as some
# toolchain environments export in $STRIP) leaves it off.
STRIP ?= 0
ifeq ($(origin CC),default)
  HOST_CC := cc
  ifeq ($(LIBC),musl)
    CC := musl-gcc
  endif
else
  HOST_CC := $(CC)
endif
ASAN_CC ?= $(if $(shell command -v clang 2>/dev/null),clang,gcc)

# Probe (run lazily, at most once): does `$(CC) -static` link a program using libm?
STATIC_PROBE = $(shell t=$$(mktemp -d 2>/dev/null) || exit 0; \
  printf 'double sqrt(double);\nint main(int c, char **v) { (void)v; return (int)sqrt((double)c) - 1; }\n' > "$$t/p.c"; \
  if $(CC) -static "$$t/p.c" -o "$$t/p" -lm >/dev/null 2>&1 && "$$t/p"; then echo 1; else echo 0; fi; \
  rm -rf "$$t")
ifeq ($(STATIC),auto)
  # memoized: evaluated on first use only (so `make clean` never probes)
  STATIC_ON = $(eval STATIC_ON := $(STATIC_PROBE))$(STATIC_ON)
else ifeq ($(STATIC),1)
  STATIC_ON := 1
else
  STATIC_ON := 0
endif

# ---------------------------------------------------------------------------
# Flags. User CFLAGS/CPPFLAGS/LDFLAGS/LDLIBS are appended, so they win.
CFLAGS   ?=
CPPFLAGS ?=
LDFLAGS  ?=
LDLIBS   ?=
BASE_CPPFLAGS := -D_GNU_SOURCE -DPYEXPR_VERSION=\"$(VERSION)\" -Icsrc/include -MMD -MP
# The engine sees its private headers; front ends see only csrc/include
# (CLI_CPPFLAGS: csrc/cli and the fuzz harness; DAEMON_CPPFLAGS: csrc/daemon;
# the extension is built by setup.py with csrc/include alone); C unit tests may
# use the engine's internals.
ENGINE_CPPFLAGS   := -Icsrc/core -I$(BUILD)/gen
ENGINE_CFLAGS     := -fPIC -fvisibility=hidden -Wmissing-prototypes
CLI_CPPFLAGS      :=
DAEMON_CPPFLAGS   :=
# csrc/mcp: pyexpr.h plus its generated feature list (build/gen/mcp_features.h)
MCP_CPPFLAGS      := -I$(BUILD)/gen
TEST_CPPFLAGS     := -Icsrc/core
# PE_API functions have default visibility; without this, -fPIC code must
# assume they can be interposed, so calls between them go through the PLT and
# are never inlined (measurable in the extension's Code.eval). The library is
# linked statically into its users, so nothing interposes them.
ENGINE_CFLAGS     += -fno-semantic-interposition
BASE_CFLAGS   := -std=c11 -Wall -Wextra
SAN_FLAGS     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Per-config settings: <config>_CC, _CFLAGS, _LDFLAGS, _BIN.
release_CC      = $(CC)
release_CFLAGS  = -O2
release_LDFLAGS = $(if $(filter 1,$(STATIC_ON)),-static)$(if $(filter 1,$(STRIP)), -s)
release_BIN     = $(BUILD)/pyexpr

debug_CC        = $(HOST_CC)
debug_CFLAGS    = -O0 -g -DPE_DEBUG
debug_LDFLAGS   =
debug_BIN       = $(BUILD)/pyexpr-debug

asan_CC         = $(ASAN_CC)
asan_CFLAGS     = -O1 -g -DPE_DEBUG $(SAN_FLAGS)
asan_LDFLAGS    = $(SAN_FLAGS)
asan_BIN        = $(BUILD)/pyexpr-asan

# libFuzzer: the engine is instrumented for coverage (fuzzer-no-link) and the
# harness csrc/fuzz/fuzz_run.c is linked with -fsanitize=fuzzer (libFuzzer's
# main). FUZZ_CC must be clang.
FUZZ_CC         ?= clang
FUZZ_SAN        = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz_CC         = $(FUZZ_CC)
fuzz_CFLAGS     = -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)
fuzz_LDFLAGS    = $(FUZZ_SAN)
fuzz_BIN        = $(BUILD)/fuzz/pyexpr-cli

CONFIGS := release debug asan fuzz
CONFIG  ?= release

# Short "CC [cfg] file" lines; V=1 echoes full commands; make -s prints nothing.
ifeq ($(V),1)
  Q :=
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
  Q :=
else
  Q := @
endif

# ---------------------------------------------------------------------------
# One set of rules per config (expanded by the template below).
#   build/<cfg>/X.o        from csrc/X.c
#   build/<cfg>/tests/T.o  from csrc/tests/T.c; build/<cfg>/tests/T linked with the engine
#   build/<cfg>/.flags     compiler + flags signature, rewritten only when it changes
define CONFIG_RULES
$(1)_DIR         := $(BUILD)/$(1)
$(1)_LIB         := $(BUILD)/$(1)/libpyexpr.a
$(1)_ENGINE_OBJS := $$(patsubst csrc/%.c,$(BUILD)/$(1)/%.o,$$(ENGINE_SRCS))
$(1)_CLI_OBJS    := $$(patsubst csrc/%.c,$(BUILD)/$(1)/%.o,$$(CLI_SRCS))
$(1)_TESTS       := $$(addprefix $(BUILD)/$(1)/tests/,$$(TEST_NAMES))
$(1)_SIG          = $$($(1)_CC) | $$(BASE_CPPFLAGS) $$(CPPFLAGS) | $$(BASE_CFLAGS) $$($(1)_CFLAGS) $$(CFLAGS) | $$(ENGINE_CFLAGS) | $$($(1)_LDFLAGS) $$(LDFLAGS) $$(LDLIBS) -lm

$(BUILD)/$(1)/.flags: FORCE
	@mkdir -p $$(@D)
	@printf '%s\n' '$$($(1)_SIG)' | cmp -s - $$@ || printf '%s\n' '$$($(1)_SIG)' > $$@

$(BUILD)/$(1)/core/%.o:   DIR_FLAGS = $$(ENGINE_CPPFLAGS) $$(ENGINE_CFLAGS)
$(BUILD)/$(1)/cli/%.o:    DIR_FLAGS = $$(CLI_CPPFLAGS)
$(BUILD)/$(1)/daemon/%.o: DIR_FLAGS = $$(DAEMON_CPPFLAGS)
$(BUILD)/$(1)/mcp/%.o:    DIR_FLAGS = $$(MCP_CPPFLAGS)
$(BUILD)/$(1)/tests/%.o:  DIR_FLAGS = $$(TEST_CPPFLAGS)
$(BUILD)/$(1)/freeze/%.o: DIR_FLAGS = $$(ENGINE_CPPFLAGS)
$(BUILD)/$(1)/%.o: csrc/%.c $(BUILD)/$(1)/.flags
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo '  CC [$(1)] $$<')
	$$(Q)$$($(1)_CC) $$(BASE_CPPFLAGS) $$(DIR_FLAGS) $$(CPPFLAGS) $$(BASE_CFLAGS) $$($(1)_CFLAGS) $$(CFLAGS) -c $$< -o $$@

$(BUILD)/$(1)/core/import.o: $(BUILD)/gen/frozen_lib.h
$(BUILD)/$(1)/mcp/tools.o: $(BUILD)/gen/mcp_features.h

$$($(1)_LIB): $$($(1)_ENGINE_OBJS)
	@$$(if $$(Q),echo '  AR [$(1)] $$@')
	@rm -f $$@
	$$(Q)$$(AR) rcsD $$@ $$^

$$($(1)_BIN): $$($(1)_CLI_OBJS) $$($(1)_LIB)
	@$$(if $$(Q),echo '  LD [$(1)] $$@ ($$($(1)_CC) $$(strip $$($(1)_LDFLAGS)))')
	$$(Q)$$($(1)_CC) $$(BASE_CFLAGS) $$($(1)_CFLAGS) $$(CFLAGS) $$($(1)_LDFLAGS) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS) -lm

$(BUILD)/$(1)/tests/%: $(BUILD)/$(1)/tests/%.o $$($(1)_LIB)
	@$$(if $$(Q),echo '  LD [$(1)] $$@')
	$$(Q)$$($(1)_CC) $$(BASE_CFLAGS) $$($(1)_CFLAGS) $$(CFLAGS) $$($(1)_LDFLAGS) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS) -lm

-include $$(wildcard $(BUILD)/$(1)/*/*.d)
endef
$(foreach c,$(CONFIGS),$(eval $(call CONFIG_RULES,$(c))))

# The modules written in Python (csrc/lib/*.py), compiled at build time:
# pe-freeze (csrc/freeze/pe_freeze.c, linked with the release engine whose
# import.c is built with PE_FREEZE_STAGE0: no frozen table yet) writes their
# serialized code (csrc/core/marshal.c) into build/gen/frozen_lib.h, which
# every config's import.c embeds.
FREEZE_BIN := $(BUILD)/release/pe-freeze
FREEZE_OBJS = $(filter-out $(BUILD)/release/core/import.o,$(release_ENGINE_OBJS)) \
  $(BUILD)/release/core/import-stage0.o $(BUILD)/release/freeze/pe_freeze.o
$(BUILD)/release/core/import-stage0.o: csrc/core/import.c $(BUILD)/release/.flags
	@mkdir -p $(@D)
	@$(if $(Q),echo '  CC [release] $< (stage 0)')
	$(Q)$(release_CC) $(BASE_CPPFLAGS) $(ENGINE_CPPFLAGS) $(ENGINE_CFLAGS) $(CPPFLAGS) $(BASE_CFLAGS) \
	  $(release_CFLAGS) $(CFLAGS) -DPE_FREEZE_STAGE0 -c $< -o $@
$(FREEZE_BIN): $(FREEZE_OBJS)
	@$(if $(Q),echo '  LD [release] $@')
	$(Q)$(release_CC) $(BASE_CFLAGS) $(release_CFLAGS) $(CFLAGS) $(LDFLAGS) $^ -o $@ $(LDLIBS) -lm
$(BUILD)/gen/frozen_lib.h: $(PYLIB_SRCS) $(FREEZE_BIN)
	@mkdir -p $(@D)
	@$(if $(Q),echo '  FREEZE $@')
	$(Q)./$(FREEZE_BIN) $@ $(PYLIB_SRCS)

# The MCP tool description's list of unsupported features (docs/language.md).
$(BUILD)/gen/mcp_features.h: docs/language.md tools/gen_mcp_features.sh
	@mkdir -p $(@D)
	$(Q)sh tools/gen_mcp_features.sh $@ docs/language.md

# Keep test objects (otherwise intermediate files of the tests/% pattern rule).
.SECONDARY: $(foreach c,$(CONFIGS),$(patsubst %,$(BUILD)/$(c)/tests/%.o,$(TEST_NAMES)))

# ---------------------------------------------------------------------------
.PHONY: all release debug asan check clean print-config leakcheck fuzz fuzz-run fuzz-marshal fuzz-marshal-run fuzz-snapshot fuzz-snapshot-run lib install uninstall FORCE
FORCE:

# The engine library alone (CONFIG=release|debug|asan|fuzz).
lib: $($(CONFIG)_LIB)

all release: $(release_BIN)
debug: $(debug_BIN)
asan: $(asan_BIN)

# Every corpus program under ASan+UBSan+LSan with the state freed at exit:
# any sanitizer report or leaked byte fails.
leakcheck: $(asan_BIN)
	python3 tools/leakcheck.py --bin $(asan_BIN)

# libFuzzer harness: source bytes -> compile -> run under tight limits.
FUZZ_BIN     := $(BUILD)/pyexpr-fuzz
FUZZ_SECONDS ?= 60
FUZZ_DICT    := csrc/fuzz/python.dict
FUZZ_SEEDS   := $(sort $(dir $(wildcard tests/corpus/*/*.py)))
FUZZ_ARGS    ?=
fuzz: $(FUZZ_BIN)
$(FUZZ_BIN): csrc/fuzz/fuzz_run.c $(fuzz_LIB)
	@$(if $(Q),echo '  LD [fuzz] $@')
	$(Q)$(FUZZ_CC) $(BASE_CPPFLAGS) $(CLI_CPPFLAGS) $(BASE_CFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(CFLAGS) \
	  $(LDFLAGS) $^ -o $@ $(LDLIBS) -lm
# New coverage goes to build/fuzz/corpus (the seeds stay untouched), crashes
# to build/fuzz/artifacts/. Exit status non-zero iff libFuzzer found a crash.
fuzz-run: $(FUZZ_BIN)
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/artifacts
	ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ./$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -dict=$(FUZZ_DICT) -max_len=4096 \
	  -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=$(BUILD)/fuzz/artifacts/ $(FUZZ_ARGS) $(BUILD)/fuzz/corpus $(FUZZ_SEEDS)

# libFuzzer harness of the bytecode loader (csrc/fuzz/fuzz_marshal.c: source
# -> compile -> serialize -> damage -> load), seeded from tests/corpus too.
FUZZ_MARSHAL_BIN := $(BUILD)/pyexpr-fuzz-marshal
fuzz-marshal: $(FUZZ_MARSHAL_BIN)
$(FUZZ_MARSHAL_BIN): csrc/fuzz/fuzz_marshal.c $(fuzz_LIB)
	@$(if $(Q),echo '  LD [fuzz] $@')
	$(Q)$(FUZZ_CC) $(BASE_CPPFLAGS) $(ENGINE_CPPFLAGS) $(BASE_CFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(CFLAGS) \
	  $(LDFLAGS) $^ -o $@ $(LDLIBS) -lm
fuzz-marshal-run: $(FUZZ_MARSHAL_BIN)
	@mkdir -p $(BUILD)/fuzz/marshal-corpus $(BUILD)/fuzz/artifacts
	ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ./$(FUZZ_MARSHAL_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=$(BUILD)/fuzz/artifacts/marshal- $(FUZZ_ARGS) $(BUILD)/fuzz/marshal-corpus $(FUZZ_SEEDS)

# The snapshot loader's harness (csrc/fuzz/fuzz_snapshot.c).
FUZZ_SNAP_BIN := $(BUILD)/pyexpr-fuzz-snapshot
fuzz-snapshot: $(FUZZ_SNAP_BIN)
$(FUZZ_SNAP_BIN): csrc/fuzz/fuzz_snapshot.c $(fuzz_LIB)
	$(Q)$(FUZZ_CC) $(BASE_CPPFLAGS) $(CLI_CPPFLAGS) $(BASE_CFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(CFLAGS) \
	  $(LDFLAGS) $^ -o $@ $(LDLIBS) -lm
fuzz-snapshot-run: $(FUZZ_SNAP_BIN)
	@mkdir -p $(BUILD)/fuzz-snapshot/corpus $(BUILD)/fuzz-snapshot/artifacts
	ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ./$(FUZZ_SNAP_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=20 \
	  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz-snapshot/artifacts/ \
	  $(FUZZ_ARGS) $(BUILD)/fuzz-snapshot/corpus csrc/fuzz/snapshot_seeds

ifeq ($(filter $(CONFIG),$(CONFIGS)),)
  $(error CONFIG must be one of: $(CONFIGS))
endif

# Builds every csrc/tests/*.c as its own program (engine linked in) and runs it
# from the repository root; fails if any exits non-zero.
check: $($(CONFIG)_TESTS)
ifeq ($(TEST_NAMES),)
	@echo "make check: no C unit tests in csrc/tests/ - skipped"
else
	@pass=0; fail=0; failed=; \
	for t in $^; do \
	  if ./$$t; then pass=$$((pass+1)); \
	  else rc=$$?; fail=$$((fail+1)); failed="$$failed $${t##*/}"; echo "FAIL: $$t (exit $$rc)"; fi; \
	done; \
	echo "make check [$(CONFIG)]: $$pass passed, $$fail failed"; \
	if [ $$fail -ne 0 ]; then echo "failed:$$failed"; exit 1; fi
endif

# ---------------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=] - the release build:
#   $(PREFIX)/include/pyexpr.h          the one public header
#   $(PREFIX)/lib/libpyexpr.a           the engine (position-independent)
#   $(PREFIX)/lib/pkgconfig/pyexpr.pc   `cc app.c $$(pkg-config --cflags --libs pyexpr)`
#   $(PREFIX)/bin/pyexpr                the command-line interpreter
# pyexpr.pc comes from csrc/pyexpr.pc.in with @PREFIX@ etc. and @VERSION@
# (pyexpr/_version.py) filled in. The header's version macros must agree with
# pyexpr/_version.py: the install refuses otherwise (and
# tests/test_packaging.py checks it).
PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
INCLUDEDIR   ?= $(PREFIX)/include
LIBDIR       ?= $(PREFIX)/lib
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL      ?= install
PC_FILE      := $(BUILD)/pyexpr.pc

$(PC_FILE): csrc/pyexpr.pc.in pyexpr/_version.py FORCE
	@mkdir -p $(@D)
	@sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	     -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@VERSION@|$(VERSION)|g' csrc/pyexpr.pc.in > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv -f $@.tmp $@

HEADER_VERSION = $(shell sed -n 's/^\#define PYEXPR_VERSION_\(MAJOR\|MINOR\|PATCH\) *\([0-9]*\).*/\2/p' \
  csrc/include/pyexpr.h | paste -sd. -)
HEADER_VERSION_STR = $(shell sed -n 's/^\#define PYEXPR_VERSION *"\([^"]*\)".*/\1/p' csrc/include/pyexpr.h)

install: $(release_BIN) $(release_LIB) $(PC_FILE)
	@if [ "$(HEADER_VERSION)" != "$(VERSION)" ] || [ "$(HEADER_VERSION_STR)" != "$(VERSION)" ]; then \
	  echo "make install: csrc/include/pyexpr.h says $(HEADER_VERSION) / \"$(HEADER_VERSION_STR)\"," \
	       "pyexpr/_version.py says $(VERSION): update the header's PYEXPR_VERSION* macros" >&2; exit 1; fi
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(INCLUDEDIR)' '$(DESTDIR)$(LIBDIR)' '$(DESTDIR)$(PKGCONFIGDIR)'
	$(INSTALL) -m 755 $(release_BIN) '$(DESTDIR)$(BINDIR)/pyexpr'
	$(INSTALL) -m 644 csrc/include/pyexpr.h '$(DESTDIR)$(INCLUDEDIR)/pyexpr.h'
	$(INSTALL) -m 644 $(release_LIB) '$(DESTDIR)$(LIBDIR)/libpyexpr.a'
	$(INSTALL) -m 644 $(PC_FILE) '$(DESTDIR)$(PKGCONFIGDIR)/pyexpr.pc'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/pyexpr' '$(DESTDIR)$(INCLUDEDIR)/pyexpr.h' \
	      '$(DESTDIR)$(LIBDIR)/libpyexpr.a' '$(DESTDIR)$(PKGCONFIGDIR)/pyexpr.pc'

print-config:
	@echo "VERSION     = $(VERSION)"
	@echo "CC          = $(CC)   (STATIC=$(STATIC) -> static=$(STATIC_ON))"
	@echo "HOST_CC     = $(HOST_CC)   (debug)"
	@echo "ASAN_CC     = $(ASAN_CC)"
	@echo "STRIP       = $(STRIP)   BUILD = $(BUILD)   PREFIX = $(PREFIX)"
	@echo "ENGINE_SRCS = $(ENGINE_SRCS)"
	@echo "CLI_SRCS    = $(CLI_SRCS)"
	@echo "EXT_SRCS    = $(EXT_SRCS)"
	@echo "TEST_SRCS   = $(TEST_SRCS)"

clean:
	rm -rf $(BUILD)
