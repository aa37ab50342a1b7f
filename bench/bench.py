#!/usr/bin/env python3
"""make bench: a reproducible workload and side-by-side baselines, measured in one run.

Generates a synthetic database (BENCH_SCALE × 70,000 hearings ≈ one million answers), then times
Kikitori's commands next to what a user would otherwise run on the same data: grep and Python `re`
for tagging (on short answers and on long, three-to-four-sentence ones), the sqlite3 CLI for
cross-tabulation and CSV, the mecab command for words. Then a scale curve: tag, export, themes and
search at BENCH_SCALE × 10k, 100k, 1M and 3M answers, with time per answer and peak memory at each
size. Peak memory comes from wait4's rusage of each child. Prints tables and writes
bench/results/bench-<date>.json and scale-<date>.svg (not committed).
"""
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build/release/kikitori")
BENCH_BIN = os.path.join(ROOT, ".build/release/kikitori-bench")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
HEARINGS = max(100, int(70000 * SCALE))
ENV = dict(os.environ, KIKITORI_QUESTIONNAIRES=os.path.join(ROOT, "questionnaires"), LANG="C.UTF-8")
TTY = sys.stderr.isatty()


def pad(text, width, right=False):
    """Pads to a display width: CJK characters take two columns, as in a terminal."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    space = " " * max(0, width - used)
    return space + text if right else text + space


def say(text):
    if TTY:
        print(text, file=sys.stderr, flush=True)


def run(args, stdout=subprocess.DEVNULL, stdin=None):
    """Runs a command; returns (seconds, peak MB, stdout bytes if captured)."""
    out = subprocess.PIPE if stdout is None else stdout
    # The previous step's writes (a generated database is hundreds of MB) are flushed first, so the
    # kernel writing them back is not counted against this command.
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=out, stderr=subprocess.DEVNULL, stdin=stdin, env=ENV)
    data = process.stdout.read() if out == subprocess.PIPE else None
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(args)} failed with status {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_maxrss / 1024, data


def sqlite(db, sql, csv=False, output=subprocess.DEVNULL):
    return run(["sqlite3"] + (["-csv"] if csv else []) + [db, sql], stdout=output)


def first_question_seconds(db, respondent):
    """From process start to the first question of the largest questionnaire on screen."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [BIN, "interview", "data-inventory@1", "--respondent", respondent, "--interviewer", "bench", "--place", "bench",
         "--consent", "internal_only", "--db", db, "--lang", "en"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
    seen = b""
    # The questionnaire is for municipal staff; a refused respondent would end the process here.
    while "── ".encode() not in seen:
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            process.wait()
            sys.exit(f"bench: the interview ended before its first question (status {process.returncode})")
        seen += chunk
    seconds = time.perf_counter() - start
    process.stdin.write(b":pause\n")
    process.stdin.close()
    process.wait()
    return seconds


def matcher_rows(db, text_path, keywords, by_theme, answers, label):
    """The matcher beside grep and Python `re` on one database's text, and `tag` end to end."""
    with open(text_path, "wb") as f:
        run([BENCH_BIN, "dump-text", "--db", db], stdout=f)
    size_mb = os.path.getsize(text_path) / 1e6
    _, _, match_json = run([BENCH_BIN, "match-bench", "--input", text_path], stdout=None)
    match = json.loads(match_json)
    # Captured, not sent to /dev/null: GNU grep stops at the first match when output is discarded.
    grep_seconds, _, _ = run(["grep", "-F", "-c", "-f", keywords, text_path], stdout=None)
    _, _, python_json = run([sys.executable, os.path.join(ROOT, "bench/rules.py"), by_theme, text_path], stdout=None)
    python = json.loads(python_json)
    tag_seconds, tag_mb, _ = run([BIN, "tag", "--db", db, "--lang", "en"])
    figures = {"text_answers": match["answers"], "text_mb": size_mb, "matcher_seconds": match["seconds"],
               "scan_seconds": match["automaton_seconds"], "grep_seconds": grep_seconds,
               "python_re_seconds": python["seconds"], "tag_seconds": tag_seconds, "tag_answers": answers, "tag_peak_mb": tag_mb}
    rows = [
        ("matcher: normalise, scan, rules, spans" + label, f"{match['answers']:,} texts, {size_mb:.0f} MB", match["seconds"],
         f"{size_mb / match['seconds']:.1f} MB/s", f"{grep_seconds / match['seconds']:.2f}× grep", "≥ 0.25× grep"),
        ("matcher: Aho–Corasick scan alone" + label, "same", match["automaton_seconds"],
         f"{size_mb / match['automaton_seconds']:.1f} MB/s", f"{grep_seconds / match['automaton_seconds']:.2f}× grep", ""),
        ("grep -F -c -f keywords" + label, "same", grep_seconds, f"{size_mb / grep_seconds:.1f} MB/s", "", ""),
        ("python3 re, one regex per theme" + label, "same", python["seconds"], f"{size_mb / python['seconds']:.1f} MB/s",
         f"matcher {python['seconds'] / match['seconds']:.2f}× faster", "matcher ≥ 3× faster"),
        ("kikitori tag, end to end" + label, f"{answers:,} answers", tag_seconds, f"{answers / tag_seconds:,.0f} answers/s",
         f"peak {tag_mb:.0f} MB", "≤ 8 s per 1M, ≤ 150 MB" if not label else ""),
    ]
    return figures, rows


def flat_dump_seconds(export_csv, flat_db):
    """The exported columns loaded into one flat table, then `sqlite3 -csv` of it: writing the same
    bytes with no join, no masking and no formatting — the floor for an export."""
    import csv as csvmodule
    import sqlite3
    with open(export_csv, encoding="utf-8-sig", newline="") as f:
        reader = csvmodule.reader(f)
        header = next(reader)
        connection = sqlite3.connect(flat_db)
        columns = ", ".join(f'"{c}"' for c in header)
        connection.execute(f"CREATE TABLE flat ({columns})")
        connection.executemany(f"INSERT INTO flat VALUES ({', '.join('?' for _ in header)})", reader)
        connection.commit()
        connection.close()
    return sqlite(flat_db, "SELECT * FROM flat", csv=True)


CURVE_COMMANDS = [
    ("tag", lambda db: [BIN, "tag", "--db", db, "--lang", "en"]),
    ("export answers", lambda db: [BIN, "export", "answers", "--audience", "internal", "--labels", "codes", "--db", db, "--out", "-"]),
    ("themes", lambda db: [BIN, "themes", "--db", db, "--audience", "internal", "--lang", "en"]),
    ("search 個人情報", lambda db: [BIN, "search", "個人情報", "--db", db, "--limit", "20", "--audience", "internal"]),
]


def scale_curve(work, main_db, main_answers):
    """Each command at four sizes; an untagged copy of the main database stands for the size it has."""
    per_hearing = main_answers / HEARINGS
    points = []
    for target in (10_000, 100_000, 1_000_000, 3_000_000):
        size = int(target * SCALE)
        if abs(size - main_answers) / main_answers < 0.2:
            db, answers = main_db + ".untagged", main_answers
        else:
            say(f"scale curve: {size:,} answers…")
            db = os.path.join(work, f"curve-{size}.sqlite")
            run([BIN, "dev", "generate", "--hearings", str(max(20, int(size / per_hearing))), "--seed", "3", "--db", db])
            answers = int(subprocess.check_output(["sqlite3", db, "SELECT COUNT(*) FROM current_answer"]).decode())
        point = {"target": target, "answers": answers, "commands": {}}
        for name, command in CURVE_COMMANDS:
            seconds, peak, _ = run(command(db))
            point["commands"][name] = {"seconds": seconds, "peak_mb": peak, "us_per_answer": seconds / answers * 1e6}
        points.append(point)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    return points


def print_curve(curve):
    print("Scale curve: seconds (µs per answer) and peak MB at each size")
    print(f"{'command':20}" + "".join(f"{p['answers']:>26,}" for p in curve))
    for name, _ in CURVE_COMMANDS:
        cells = []
        for point in curve:
            c = point["commands"][name]
            cells.append(f"{c['seconds']:8.2f} s ({c['us_per_answer']:5.1f} µs) {c['peak_mb']:4.0f} MB")
        print(pad(name, 20) + "".join(f"{cell:>26}" for cell in cells))


def curve_svg(curve):
    """µs per answer against answers (log scale): flat lines mean time grows linearly."""
    width, height, left, right, top, bottom = 640, 360, 70, 170, 30, 50
    xs = [p["answers"] for p in curve]
    lo, hi = math.log10(min(xs)), math.log10(max(xs))
    peak = max(p["commands"][n]["us_per_answer"] for p in curve for n, _ in CURVE_COMMANDS)
    top_value = 10 ** math.ceil(math.log10(peak)) if peak > 0 else 1
    top_value = next(v for v in (top_value / 5, top_value / 2, top_value) if v >= peak)

    def x(value):
        return left + (math.log10(value) - lo) / max(hi - lo, 1e-9) * (width - left - right)

    def y(value):
        return height - bottom - value / top_value * (height - top - bottom)

    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<text x="{left}" y="18">Kikitori scale curve: µs per answer (flat = linear growth)</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#333"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#333"/>']
    for value in xs:
        parts.append(f'<text x="{x(value):.1f}" y="{height - bottom + 16}" text-anchor="middle">{value:,}</text>')
    for step in range(5):
        value = top_value * step / 4
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value:g}</text>')
        parts.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" stroke="#ddd"/>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 10}" text-anchor="middle">answers in the database (log scale)</text>')
    for index, (name, _) in enumerate(CURVE_COMMANDS):
        colour = colours[index % len(colours)]
        points = " ".join(f"{x(p['answers']):.1f},{y(p['commands'][name]['us_per_answer']):.1f}" for p in curve)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
        for p in curve:
            parts.append(f'<circle cx="{x(p["answers"]):.1f}" cy="{y(p["commands"][name]["us_per_answer"]):.1f}" r="3" fill="{colour}"/>')
        parts.append(f'<text x="{width - right + 10}" y="{top + 20 + index * 18}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    work = tempfile.mkdtemp(prefix="kikitori-bench-")
    try:
        db = os.path.join(work, "bench.sqlite")
        rows = []
        figures = {}

        say(f"generating {HEARINGS} hearings…")
        seconds, _, _ = run([BIN, "dev", "generate", "--hearings", str(HEARINGS), "--seed", "1", "--db", db])
        answers = int(subprocess.check_output(["sqlite3", db, "SELECT COUNT(*) FROM current_answer"]).decode())
        texts = int(subprocess.check_output(["sqlite3", db, "SELECT COUNT(*) FROM current_answer c JOIN answer_event e ON e.number = c.event WHERE e.value_text IS NOT NULL AND c.kind IN ('answered','changed')"]).decode())
        figures["generate"] = {"hearings": HEARINGS, "answers": answers, "seconds": seconds}
        # For the scale curve: the same database before tagging (closed cleanly, so the file is whole).
        shutil.copy(db, db + ".untagged")
        rows.append(("generate", f"{HEARINGS:,} hearings, {answers:,} answers", seconds, f"{HEARINGS / seconds:,.0f} hearings/s", "",
                     "≥ 3,000 hearings/s"))

        say("tagging…")
        keywords, by_theme = (os.path.join(work, n) for n in ("keywords.txt", "by-theme.tsv"))
        with open(keywords, "wb") as f:
            run([BENCH_BIN, "keywords"], stdout=f)
        with open(by_theme, "wb") as f:
            run([BENCH_BIN, "keywords", "--by-theme"], stdout=f)
        text_path = os.path.join(work, "answers.txt")
        tagging, tag_rows = matcher_rows(db, text_path, keywords, by_theme, answers, "")
        figures["tag"] = tagging
        rows += tag_rows
        size_mb = tagging["text_mb"]

        say("tagging long answers…")
        long_db = os.path.join(work, "long.sqlite")
        run([BIN, "dev", "generate", "--hearings", str(max(100, HEARINGS // 4)), "--seed", "2", "--long", "--db", long_db])
        long_answers = int(subprocess.check_output(["sqlite3", long_db, "SELECT COUNT(*) FROM current_answer"]).decode())
        figures["tag_long"], long_rows = matcher_rows(long_db, os.path.join(work, "long.txt"), keywords, by_theme, long_answers, " (long answers)")
        rows += long_rows

        say("themes…")
        themes_seconds, themes_mb, _ = run([BIN, "themes", "--db", db, "--audience", "internal", "--lang", "en"])
        themes_sql = """SELECT t.theme, r.kind, COUNT(DISTINCT t.hearing) FROM tag t JOIN answer_event e ON e.number = t.event
            JOIN current_answer c ON c.hearing_id = e.hearing_id AND c.question_id = e.question_id AND c.event_id = e.id
            JOIN hearing h ON h.number = t.hearing JOIN respondent r ON r.id = h.respondent_id
            WHERE t.state != 'rejected' AND h.status = 'completed' GROUP BY t.theme, r.kind"""
        sql_seconds, _, _ = sqlite(db, themes_sql)
        figures["themes"] = {"seconds": themes_seconds, "sqlite_seconds": sql_seconds, "peak_mb": themes_mb}
        rows += [
            ("kikitori themes (cross-tab + Fisher)", "completed hearings", themes_seconds, "", f"{themes_seconds / sql_seconds:.2f}× SQL", "≤ 2× SQL"),
            ("sqlite3, equivalent GROUP BY", "same", sql_seconds, "", "", ""),
        ]

        say("export…")
        export_csv = os.path.join(work, "answers.csv")
        export_seconds, export_mb, _ = run([BIN, "export", "answers", "--audience", "internal", "--labels", "codes", "--db", db,
                                            "--out", export_csv, "--force"])
        export_rows = sum(1 for _ in open(export_csv, encoding="utf-8-sig")) - 1
        select = """SELECT h.id, h.questionnaire, r.kind, r.organisation, c.question_id, c.kind, e.value_code, e.value_text,
            e.recorded_at FROM current_answer c JOIN answer_event e ON e.number = c.event JOIN hearing h ON h.id = c.hearing_id
            JOIN respondent r ON r.id = h.respondent_id ORDER BY h.started_at, h.id"""
        csv_seconds, csv_mb, _ = sqlite(db, select, csv=True)
        figures["export"] = {"rows": export_rows, "seconds": export_seconds, "peak_mb": export_mb, "sqlite_seconds": csv_seconds,
                             "sqlite_peak_mb": csv_mb}
        rows += [
            ("kikitori export answers", f"{export_rows:,} rows", export_seconds, f"{export_rows / export_seconds:,.0f} rows/s",
             f"{export_seconds / csv_seconds:.2f}× sqlite3, peak {export_mb:.0f} MB", "≤ 1.5×, < 100 MB"),
            ("sqlite3 -csv, equivalent SELECT", "same", csv_seconds, f"{export_rows / csv_seconds:,.0f} rows/s", f"peak {csv_mb:.0f} MB", ""),
        ]
        # The limit for writing those bytes: the same output columns as a flat table, dumped by sqlite3.
        flat_db = os.path.join(work, "flat.sqlite")
        flat_seconds, _, _ = flat_dump_seconds(export_csv, flat_db)
        figures["export"]["flat_sqlite_seconds"] = flat_seconds
        rows[-2] = rows[-2][:4] + (f"{export_seconds / csv_seconds:.2f}× join, {export_seconds / flat_seconds:.2f}× flat, peak {export_mb:.0f} MB",
                                   "≤ 1.5× join, ≤ 3× flat, < 100 MB")
        rows.append(("sqlite3 -csv, flat table of the output", "same", flat_seconds, f"{export_rows / flat_seconds:,.0f} rows/s", "", ""))
        # The default audience: every text masked and every cell checked for hidden names.
        public_csv = os.path.join(work, "answers-public.csv")
        public_seconds, public_mb, _ = run([BIN, "export", "answers", "--labels", "codes", "--db", db, "--out", public_csv, "--force"])
        public_rows = sum(1 for _ in open(public_csv, encoding="utf-8-sig")) - 1
        figures["export_public"] = {"rows": public_rows, "seconds": public_seconds, "peak_mb": public_mb}
        rows.append(("kikitori export answers (public: masked, checked)", f"{public_rows:,} rows", public_seconds,
                     f"{public_rows / public_seconds:,.0f} rows/s", f"{public_seconds / export_seconds:.2f}× internal, peak {public_mb:.0f} MB", ""))

        say("search…")
        for word in ("費用", "個人情報"):
            seconds, _, _ = run([BIN, "search", word, "--db", db, "--limit", "20", "--audience", "internal"])
            figures[f"search_{len(word)}"] = {"word": word, "seconds": seconds}
            rows.append((f"kikitori search {word} ({len(word)} characters)", f"{texts:,} texts", seconds,
                         "scan" if len(word) < 3 else "trigram index", "", ""))

        say("words…")
        # The same text through the mecab command: what `words` adds is masking, the content filter and counting.
        words_seconds, words_mb, _ = run([BIN, "words", "--db", db, "--audience", "internal", "--lang", "en"])
        with open(text_path, "rb") as text:
            mecab_seconds, _, _ = run(["mecab"], stdin=text)
        figures["words"] = {"text_mb": size_mb, "seconds": words_seconds, "peak_mb": words_mb, "mecab_seconds": mecab_seconds}
        rows += [
            ("kikitori words (MeCab, lemmas, tf/df)", f"{texts:,} texts, {size_mb:.0f} MB", words_seconds,
             f"{size_mb / words_seconds:.1f} MB/s", f"{words_seconds / mecab_seconds:.2f}× mecab, peak {words_mb:.0f} MB", "≤ 2× mecab"),
            ("mecab command, same text", "same", mecab_seconds, f"{size_mb / mecab_seconds:.1f} MB/s", "", ""),
        ]

        say("suggestions…")
        # Training on the development corpus, then every text answer read with MeCab and scored per
        # theme: beside `words`, which reads the same text with MeCab and only counts.
        suggest_seconds, suggest_mb, _ = run([BIN, "tag", "suggest", "--db", db, "--train", os.path.join(ROOT, "corpus/real-dev.tsv")])
        figures["suggest"] = {"seconds": suggest_seconds, "peak_mb": suggest_mb}
        rows.append(("kikitori tag suggest (train 430, score every text)", f"{texts:,} texts", suggest_seconds,
                     f"{texts / suggest_seconds:,.0f} texts/s", f"{suggest_seconds / words_seconds:.2f}× words, peak {suggest_mb:.0f} MB",
                     "≤ 4× words"))

        say("commits…")
        commit_db = os.path.join(work, "commit.sqlite")
        _, _, commit_json = run([BENCH_BIN, "commit-bench", "--db", commit_db, "--hearings", "40"], stdout=None)
        commit = json.loads(commit_json)
        figures["commit"] = commit
        rows.append(("answer commit, engine + synchronous=FULL", f"{commit['commits']} answers", None,
                     f"p50 {commit['p50_ms']:.2f} ms", f"p99 {commit['p99_ms']:.2f} ms", "p99 < 10 ms"))

        say("start-up…")
        version = statistics.median(run([BIN, "--version"])[0] for _ in range(21))
        respondent = subprocess.check_output(["sqlite3", db, "SELECT substr(id, 1, 12) FROM respondent WHERE kind = 'municipal_staff' LIMIT 1"]).decode().strip()
        first = statistics.median(first_question_seconds(db, respondent) for _ in range(5))
        figures["startup"] = {"version_seconds": version, "first_question_seconds": first}
        rows += [
            ("kikitori --version (median of 21)", "", version, "", "", "< 30 ms"),
            ("start to first question (48 questions)", "median of 5", first, "", "", ""),
        ]

        curve = scale_curve(work, db, answers)
        figures["scale_curve"] = curve

        print(f"Kikitori benchmarks, {datetime.date.today()}, {platform.node()} ({os.cpu_count()} cores), BENCH_SCALE={SCALE:g}")
        print(f"{'what':50} {'workload':30} {'seconds':>8}  {'rate':>18}  {'compared':<38} {'target'}")
        for name, workload, seconds, rate, compared, target in rows:
            shown = "" if seconds is None else f"{seconds:8.3f}"
            print(f"{pad(name, 50)} {pad(workload, 30)} {shown:>8}  {pad(rate, 18, right=True)}  {pad(compared, 38)} {target}")
        os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
        result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": platform.node(),
                  "cores": os.cpu_count(), "scale": SCALE, "figures": figures}
        path = os.path.join(ROOT, f"bench/results/bench-{datetime.date.today()}.json")
        with open(path, "w") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
        print()
        print_curve(curve)
        svg = os.path.join(ROOT, f"bench/results/scale-{datetime.date.today()}.svg")
        with open(svg, "w") as f:
            f.write(curve_svg(curve))
        print(f"figures: {os.path.relpath(path, ROOT)}, {os.path.relpath(svg, ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
