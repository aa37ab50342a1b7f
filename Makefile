# Kikitori — build, run and test. `make run` and `make test` work on a fresh clone.
PREFIX ?= /usr/local
SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libreadline-dev libxlsxwriter-dev libmecab-dev mecab-ipadic-utf8
# What `make test` also reads workbooks back with.
TEST_APT_PACKAGES := python3-openpyxl libreoffice-calc-nogui chromium poppler-utils libxml2-utils unzip

.PHONY: run test build install deps test-deps clean bench stress fuzz test-sanitize

## deps: install the C libraries Kikitori links (with apt when root, else say how)
deps:
	@PACKAGES="$(APT_PACKAGES)" bash scripts/apt-needs.sh

## test-deps: what the tests read workbooks back with
test-deps:
	@PACKAGES="$(TEST_APT_PACKAGES)" bash scripts/apt-needs.sh

## run: build and open the hearing shell on ./kikitori.sqlite
run: deps
	$(SWIFT) build --product kikitori
	./.build/debug/kikitori

## test: the whole test suite (generate-manual too: the man page is checked)
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build

## build: a release build
build: deps
	$(SWIFT) build -c release --product kikitori

## install: under $(PREFIX), a binary that runs without the Swift toolchain (the Swift runtime linked
## in; libc, libstdc++, libsqlite3, libreadline, libxlsxwriter and libmecab from the system), the man page, bash/zsh/fish
## completion (questionnaire ids, themes and hearing prefixes completed from the data) and the sample
## questionnaires
install: deps
	$(SWIFT) build -c release --product kikitori --static-swift-stdlib
	$(SWIFT) build --product generate-manual
	python3 scripts/manual.py .build/debug/generate-manual .build/release/kikitori .build/man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kikitori $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 .build/release/kikitori $(DESTDIR)$(PREFIX)/bin/kikitori
	install -m 0644 .build/man/kikitori.1 $(DESTDIR)$(PREFIX)/share/man/man1/kikitori.1
	.build/release/kikitori --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kikitori
	.build/release/kikitori --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_kikitori
	.build/release/kikitori --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/kikitori.fish
	cp -R questionnaires $(DESTDIR)$(PREFIX)/share/kikitori/

## bench: figures next to grep, Python re, the sqlite3 CLI and the mecab command on ~1M synthetic answers (BENCH_SCALE scales)
bench: build
	$(SWIFT) build -c release --product kikitori-bench
	@for tool in sqlite3 python3 mecab; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
	  else echo "Run: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi
	python3 bench/bench.py

## stress: the crash harness with 500 SIGKILL trials and the concurrency test for 2 minutes (make test: 30 trials, 8 s)
stress: deps
	$(SWIFT) build --build-tests
	KIKITORI_STRESS_TRIALS=500 KIKITORI_CONCURRENCY_SECONDS=120 $(SWIFT) test --skip-build --filter "CrashHarness|Concurrency"

## fuzz: each libFuzzer target for FUZZ_SECONDS (default 60), seeded from the corpus; crashes in .build-fuzz/crashes
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := FuzzExpression FuzzQuestionnaire FuzzRules FuzzImport
fuzz: deps
	SWIFT="$(SWIFT)" bash Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## test-sanitize: the test suite under AddressSanitizer, then ThreadSanitizer
# Leak reports are off: LeakSanitizer cannot follow Swift's tagged enum payload pointers and flags
# the runtime's and XCTest's own allocations, turning every exit status into 1.
test-sanitize: deps
	$(SWIFT) build --build-tests --build-path .build-asan -Xswiftc -sanitize=address
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --build-path .build-asan
	$(SWIFT) build --build-tests --build-path .build-tsan -Xswiftc -sanitize=thread
	# ThreadSanitizer defers signals while readline blocks in read(), and slows start-up past the
	# pseudo-terminal tests' time limits: those two run under AddressSanitizer only.
	$(SWIFT) test --skip-build --build-path .build-tsan --skip "signalPausesHearing|hearingPauseResumeFinish"

clean:
	$(SWIFT) package clean
