#!/usr/bin/env python3
"""The codebook's keywords per theme as Python `re` alternations, over the same dumped text.

The baseline a user would write without Kikitori: NFKC and lower case, then one compiled regular
expression per theme. It does less than Kikitori's matcher (no negation, proximity or highlight
spans), so it bounds from below what plain Python costs. Prints JSON: answers, tags, seconds.
"""
import json
import re
import sys
import time
import unicodedata

keywords_path, answers_path = sys.argv[1], sys.argv[2]
by_theme = {}
for line in open(keywords_path, encoding="utf-8"):
    theme, keyword = line.rstrip("\n").split("\t")
    by_theme.setdefault(theme, []).append(keyword)
# Longest first, as the automaton prefers; escaped, since keywords are literal text.
patterns = {theme: re.compile("|".join(re.escape(k) for k in sorted(words, key=len, reverse=True)))
            for theme, words in by_theme.items()}

start = time.perf_counter()
answers = tags = 0
with open(answers_path, encoding="utf-8") as f:
    for line in f:
        answers += 1
        text = unicodedata.normalize("NFKC", line).lower()
        for pattern in patterns.values():
            if pattern.search(text):
                tags += 1
seconds = time.perf_counter() - start
print(json.dumps({"answers": answers, "tags": tags, "seconds": seconds}))
