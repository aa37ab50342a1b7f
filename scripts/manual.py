#!/usr/bin/env python3
"""Writes kikitori's man page with its Japanese intact.

argument-parser's generate-manual drops every non-ASCII character (its String+Escaping has
`where character.isASCII`), so 聞き取り and every Japanese example would vanish. This hands it the
help with each non-ASCII character replaced by an ASCII token, then puts the characters back in the
page (man-db's preconv reads UTF-8).

usage: manual.py <generate-manual> <kikitori> <output-directory>
"""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile

TOKEN = re.compile(r"QQU([0-9A-F]{4,6})QQ")


def encode(value):
    if isinstance(value, str):
        return "".join(ch if ord(ch) < 128 else "QQU%04XQQ" % ord(ch) for ch in value)
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    return value


def main():
    generator, tool, output = sys.argv[1:4]
    dump = json.loads(subprocess.run([tool, "--experimental-dump-help"], check=True, capture_output=True).stdout)
    with tempfile.TemporaryDirectory() as folder:
        help_file = os.path.join(folder, "help.json")
        with open(help_file, "w", encoding="ascii") as handle:
            json.dump(encode(dump), handle)
        # generate-manual runs `<tool> --experimental-dump-help`: a stand-in that prints the encoded help.
        stand_in = os.path.join(folder, "kikitori")
        with open(stand_in, "w", encoding="ascii") as handle:
            handle.write("#!/bin/sh\nexec cat '%s'\n" % help_file)
        os.chmod(stand_in, stat.S_IRWXU)
        os.makedirs(output, exist_ok=True)
        subprocess.run([generator, stand_in, "--output-directory", output], check=True)
    for name in os.listdir(output):
        if name.endswith(".1"):
            path = os.path.join(output, name)
            with open(path, encoding="ascii") as handle:
                page = handle.read()
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(TOKEN.sub(lambda match: chr(int(match.group(1), 16)), page))


if __name__ == "__main__":
    main()
