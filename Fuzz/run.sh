#!/usr/bin/env bash
# make fuzz: build each libFuzzer target (with AddressSanitizer) and run it for a bounded time,
# seeded from the damaged-input corpus and the sample files. Usage: run.sh SECONDS TARGET...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1; shift
swift=${SWIFT:-swift}
mkdir -p .build-fuzz/crashes
for target in "$@"; do
  KIKITORI_FUZZ=1 $swift build --build-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address --product "$target"
  corpus=.build-fuzz/corpus/$target
  mkdir -p "$corpus"
  case $target in
    FuzzQuestionnaire) for f in questionnaires/*/v*.yaml Tests/KikitoriCLITests/BadInput/questionnaires/*.yaml; do cp "$f" "$corpus/${f//\//_}"; done ;;
    FuzzRules) grep -h "^      - '" questionnaires/codebook.yaml | sed "s/^      - '//; s/'$//" | split -l 1 - "$corpus/rule-" ;;
    FuzzImport) cp Tests/KikitoriCLITests/BadInput/imports/*.csv "$corpus"/ ;;
    FuzzExpression) grep -rhoE "(relevant|constraint|required): .*" questionnaires | sed -E 's/^[a-z]+: //' | split -l 1 - "$corpus/expr-" ;;
  esac
  echo "== $target for ${seconds}s" >&2
  # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: a runaway allocation is a crash.
  # -detect_leaks=0: LeakSanitizer cannot see Swift enum payload pointers that carry tag bits, and
  # reports the expression trees a global questionnaire holds as leaked.
  ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/"$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix=.build-fuzz/crashes/"$target"- -print_final_stats=1 2>&1 | tail -n 12
done
ls .build-fuzz/crashes | grep . && { echo "fuzz: crashes found in .build-fuzz/crashes" >&2; exit 1; } || echo "fuzz: no crashes" >&2
