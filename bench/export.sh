#!/usr/bin/env bash
# make bench-export: `kikitori export answers` next to `sqlite3 -csv` running the equivalent SELECT
# on the same database, in the same run, with peak memory. Release build. BENCH_SCALE scales it.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-1}
hearings=$(python3 -c "print(int(70000 * $scale))")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=.build/release/kikitori
mkdir -p bench/results
echo "generating $hearings hearings…" >&2
$bin dev generate --hearings "$hearings" --seed 1 --db "$work/bench.sqlite" 2>/dev/null

select="SELECT h.id, h.questionnaire, r.kind, r.organisation, c.question_id, c.kind, e.value_code, e.value_text, e.recorded_at
FROM current_answer c JOIN answer_event e ON e.id = c.event_id JOIN hearing h ON h.id = c.hearing_id
JOIN respondent r ON r.id = h.respondent_id ORDER BY h.started_at, h.id"
/usr/bin/time -f "%e %M" -o "$work/sqlite.time" sqlite3 -csv "$work/bench.sqlite" "$select" > "$work/sqlite.csv"
/usr/bin/time -f "%e %M" -o "$work/kikitori.time" $bin export answers --audience internal --labels codes --db "$work/bench.sqlite" --out "$work/kikitori.csv" 2>/dev/null
/usr/bin/time -f "%e %M" -o "$work/labels.time" $bin export answers --audience internal --db "$work/bench.sqlite" --out "$work/labels.csv" 2>/dev/null
python3 - "$work" <<'PY'
import json, sys, datetime, os
work = sys.argv[1]
def read(name):
    seconds, kb = open(f"{work}/{name}.time").read().split()
    return float(seconds), int(kb) / 1024
rows = sum(1 for _ in open(f"{work}/kikitori.csv", encoding="utf-8-sig")) - 1
s, s_mb = read("sqlite"); k, k_mb = read("kikitori"); l, l_mb = read("labels")
print(f"{'what':48} {'seconds':>8} {'rows/s':>10} {'peak MB':>8}")
print(f"{'sqlite3 -csv, equivalent SELECT':48} {s:8.2f} {rows/s:10.0f} {s_mb:8.1f}")
print(f"{'kikitori export answers --labels codes':48} {k:8.2f} {rows/k:10.0f} {k_mb:8.1f}")
print(f"{'kikitori export answers (Japanese labels)':48} {l:8.2f} {rows/l:10.0f} {l_mb:8.1f}")
print(f"ratio to sqlite3: {k/s:.2f}x (with labels {l/s:.2f}x), {rows} rows")
json.dump({"date": datetime.datetime.now().isoformat(timespec="seconds"), "rows": rows, "sqlite_seconds": s,
           "export_seconds": k, "export_labels_seconds": l, "export_peak_mb": k_mb, "sqlite_peak_mb": s_mb},
          open(f"bench/results/export-{datetime.date.today().isoformat()}.json", "w"), indent=2)
PY
