#!/usr/bin/env bash
# make bench-tag: the theme matcher and `kikitori tag` on synthetic Japanese answers, next to
# `grep -F -c -f <keywords>` over the same text, measured in the same run. Release build.
# BENCH_SCALE multiplies the sizes (1 = one million answers for the matcher).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-1}
answers=$(python3 -c "print(int(1000000 * $scale))")
hearings=$(python3 -c "print(int(70000 * $scale))")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=.build/release/kikitori
mkdir -p bench/results

echo "generating $answers synthetic answers and a database of $hearings hearings…" >&2
$bin dev phrases --count "$answers" --seed 1 > "$work/answers.txt"
$bin dev keywords > "$work/keywords.txt"
$bin dev generate --hearings "$hearings" --seed 1 --db "$work/bench.sqlite" 2>"$work/generate.log"

match=$($bin dev match-bench --input "$work/answers.txt")
grep_start=$(date +%s.%N)
grep_count=$(grep -F -c -f "$work/keywords.txt" "$work/answers.txt")
grep_end=$(date +%s.%N)
tag_start=$(date +%s.%N)
$bin tag --db "$work/bench.sqlite" --lang en > "$work/tag.txt"
tag_end=$(date +%s.%N)
tag_answers=$(sqlite3 "$work/bench.sqlite" "SELECT COUNT(*) FROM current_answer WHERE kind IN ('answered','changed')")

python3 - "$match" "$grep_start" "$grep_end" "$grep_count" "$tag_start" "$tag_end" "$tag_answers" "$work/answers.txt" <<'PY'
import json, os, platform, sys, datetime
match = json.loads(sys.argv[1])
grep_s = float(sys.argv[3]) - float(sys.argv[2])
tag_s = float(sys.argv[6]) - float(sys.argv[5])
tag_answers = int(sys.argv[7])
size = os.path.getsize(sys.argv[8])
mb = size / 1e6
rows = [
    ("matcher: normalise + scan + rules + spans", match["seconds"], match["answers"] / match["seconds"], mb / match["seconds"]),
    ("matcher: Aho-Corasick scan alone", match["automaton_seconds"], match["answers"] / match["automaton_seconds"], mb / match["automaton_seconds"]),
    ("grep -F -c -f keywords (same text)", grep_s, match["answers"] / grep_s, mb / grep_s),
    ("kikitori tag, end to end", tag_s, tag_answers / tag_s, float("nan")),
]
print(f"{'what':44} {'seconds':>8} {'answers/s':>12} {'MB/s':>8}")
for name, seconds, rate, mbs in rows:
    print(f"{name:44} {seconds:8.2f} {rate:12.0f} {mbs:8.1f}")
print(f"matcher / grep throughput: {grep_s / match['seconds']:.2f}x (scan alone: {grep_s / match['automaton_seconds']:.2f}x)")
print(f"tag: {tag_answers} answers in {tag_s:.2f} s")
result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": platform.node(),
          "answers": match["answers"], "bytes": size, "matcher": match, "grep_seconds": grep_s,
          "tag_seconds": tag_s, "tag_answers": tag_answers}
with open(f"bench/results/tag-{datetime.date.today().isoformat()}.json", "w") as f:
    json.dump(result, f, indent=2)
PY
