#!/usr/bin/env python3
"""make bench: a reproducible workload and side-by-side baselines, measured in one run.

Generates a synthetic database (BENCH_SCALE × 70,000 hearings ≈ one million answers), then times
Kikitori's commands next to what a user would otherwise run on the same data: grep and Python `re`
for tagging, the sqlite3 CLI for cross-tabulation and CSV. Peak memory comes from wait4's rusage
of each child. Prints a table and writes bench/results/bench-<date>.json (not committed).
"""
import datetime
import json
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
    while "── ".encode() not in seen:
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    seconds = time.perf_counter() - start
    process.stdin.write(b":pause\n")
    process.stdin.close()
    process.wait()
    return seconds


def main():
    work = tempfile.mkdtemp(prefix="kikitori-bench-")
    try:
        db = os.path.join(work, "bench.sqlite")
        rows = []
        figures = {}

        say(f"generating {HEARINGS} hearings…")
        seconds, _, _ = run([BIN, "dev", "generate", "--hearings", str(HEARINGS), "--seed", "1", "--db", db])
        answers = int(subprocess.check_output(["sqlite3", db, "SELECT COUNT(*) FROM current_answer"]).decode())
        texts = int(subprocess.check_output(["sqlite3", db, "SELECT COUNT(*) FROM current_answer c JOIN answer_event e ON e.id = c.event_id WHERE e.value_text IS NOT NULL AND c.kind IN ('answered','changed')"]).decode())
        figures["generate"] = {"hearings": HEARINGS, "answers": answers, "seconds": seconds}
        rows.append(("generate", f"{HEARINGS:,} hearings, {answers:,} answers", seconds, f"{HEARINGS / seconds:,.0f} hearings/s", "", ""))

        say("tagging…")
        text_path, keywords, by_theme = (os.path.join(work, n) for n in ("answers.txt", "keywords.txt", "by-theme.tsv"))
        with open(text_path, "wb") as f:
            run([BENCH_BIN, "dump-text", "--db", db], stdout=f)
        with open(keywords, "wb") as f:
            run([BENCH_BIN, "keywords"], stdout=f)
        with open(by_theme, "wb") as f:
            run([BENCH_BIN, "keywords", "--by-theme"], stdout=f)
        size_mb = os.path.getsize(text_path) / 1e6
        _, _, match_json = run([BENCH_BIN, "match-bench", "--input", text_path], stdout=None)
        match = json.loads(match_json)
        # Captured, not sent to /dev/null: GNU grep stops at the first match when output is discarded.
        grep_seconds, _, _ = run(["grep", "-F", "-c", "-f", keywords, text_path], stdout=None)
        _, _, python_json = run([sys.executable, os.path.join(ROOT, "bench/rules.py"), by_theme, text_path], stdout=None)
        python = json.loads(python_json)
        tag_seconds, tag_mb, _ = run([BIN, "tag", "--db", db, "--lang", "en"])
        figures["tag"] = {"text_answers": match["answers"], "text_mb": size_mb, "matcher_seconds": match["seconds"],
                          "scan_seconds": match["automaton_seconds"], "grep_seconds": grep_seconds,
                          "python_re_seconds": python["seconds"], "tag_seconds": tag_seconds, "tag_answers": answers,
                          "tag_peak_mb": tag_mb}
        rows += [
            ("matcher: normalise, scan, rules, spans", f"{match['answers']:,} texts, {size_mb:.0f} MB", match["seconds"],
             f"{size_mb / match['seconds']:.1f} MB/s", f"{grep_seconds / match['seconds']:.2f}× grep", "≥ 0.5× grep"),
            ("matcher: Aho–Corasick scan alone", "same", match["automaton_seconds"],
             f"{size_mb / match['automaton_seconds']:.1f} MB/s", f"{grep_seconds / match['automaton_seconds']:.2f}× grep", ""),
            ("grep -F -c -f keywords", "same", grep_seconds, f"{size_mb / grep_seconds:.1f} MB/s", "", ""),
            ("python3 re, one regex per theme", "same", python["seconds"], f"{size_mb / python['seconds']:.1f} MB/s",
             f"{python['seconds'] / match['seconds']:.2f}× slower than matcher", ""),
            ("kikitori tag, end to end", f"{answers:,} answers", tag_seconds, f"{answers / tag_seconds:,.0f} answers/s",
             f"peak {tag_mb:.0f} MB", "< 10 s"),
        ]

        say("themes…")
        themes_seconds, themes_mb, _ = run([BIN, "themes", "--db", db, "--audience", "internal", "--lang", "en"])
        themes_sql = """SELECT t.theme, r.kind, COUNT(DISTINCT t.hearing_id) FROM tag t
            JOIN current_answer c ON c.hearing_id = t.hearing_id AND c.question_id = t.question_id AND c.event_id = t.event_id
            JOIN hearing h ON h.id = t.hearing_id JOIN respondent r ON r.id = h.respondent_id
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
            e.recorded_at FROM current_answer c JOIN answer_event e ON e.id = c.event_id JOIN hearing h ON h.id = c.hearing_id
            JOIN respondent r ON r.id = h.respondent_id ORDER BY h.started_at, h.id"""
        csv_seconds, csv_mb, _ = sqlite(db, select, csv=True)
        figures["export"] = {"rows": export_rows, "seconds": export_seconds, "peak_mb": export_mb, "sqlite_seconds": csv_seconds,
                             "sqlite_peak_mb": csv_mb}
        rows += [
            ("kikitori export answers", f"{export_rows:,} rows", export_seconds, f"{export_rows / export_seconds:,.0f} rows/s",
             f"{export_seconds / csv_seconds:.2f}× sqlite3, peak {export_mb:.0f} MB", "≤ 1.5×, < 100 MB"),
            ("sqlite3 -csv, equivalent SELECT", "same", csv_seconds, f"{export_rows / csv_seconds:,.0f} rows/s", f"peak {csv_mb:.0f} MB", ""),
        ]
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

        say("commits…")
        commit_db = os.path.join(work, "commit.sqlite")
        _, _, commit_json = run([BENCH_BIN, "commit-bench", "--db", commit_db, "--hearings", "40"], stdout=None)
        commit = json.loads(commit_json)
        figures["commit"] = commit
        rows.append(("answer commit, engine + synchronous=FULL", f"{commit['commits']} answers", None,
                     f"p50 {commit['p50_ms']:.2f} ms", f"p99 {commit['p99_ms']:.2f} ms", "p99 < 10 ms"))

        say("start-up…")
        version = statistics.median(run([BIN, "--version"])[0] for _ in range(21))
        respondent = subprocess.check_output(["sqlite3", db, "SELECT substr(id, 1, 12) FROM respondent LIMIT 1"]).decode().strip()
        first = statistics.median(first_question_seconds(db, respondent) for _ in range(5))
        figures["startup"] = {"version_seconds": version, "first_question_seconds": first}
        rows += [
            ("kikitori --version (median of 21)", "", version, "", "", "< 30 ms"),
            ("start to first question (48 questions)", "median of 5", first, "", "", ""),
        ]

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
        print(f"figures: {os.path.relpath(path, ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
