#!/usr/bin/env python3
"""Writes the functional test suites of modfilter (tests/functional/).

Each language module (templates_en.py, templates_ar.py, ...) lists its
targets and its functionalities; a functionality is a verdict, categories
and a list of templates. Every template is filled with every target it
applies to, and optionally disguised (spelling.py), into one JSON Lines row:

  {"id", "text", "verdict", "categories", "subcategories", "labels",
   "source", "lang", "functionality", "template", "target", "half"}

The templates of each functionality are split in two halves by template,
in the order they are written, dev, heldout, heldout, dev, ...: `dev` (rules may be written
against it) and `heldout` (never read while writing rules). Output is
deterministic: the same sources always give the same bytes, which the
CTest functional_suite_matches_generator checks.

Usage: generate.py [--out DIR] [--lang en,ar,...]
"""
import argparse
import json
import pathlib
import sys

# The modules beside this script; no __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import suite  # noqa: E402
import templates_ar  # noqa: E402
import templates_en  # noqa: E402
import templates_fa  # noqa: E402
import templates_tr  # noqa: E402

LANGUAGES = {
    "en": templates_en,
    "ar": templates_ar,
    "tr": templates_tr,
    "fa": templates_fa,
}


def write(path, rows):
    text = "".join(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n"
                   for row in rows)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main():
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path,
                        default=here.parent.parent / "tests" / "functional",
                        help="directory for <lang>.dev.jsonl and "
                             "<lang>.heldout.jsonl (default: tests/functional)")
    parser.add_argument("--lang", default=",".join(LANGUAGES),
                        help="comma-separated languages (default: all)")
    args = parser.parse_args()
    langs = [code for code in args.lang.split(",") if code]
    unknown = [code for code in langs if code not in LANGUAGES]
    if unknown:
        parser.error("unknown language %s; known: %s"
                     % (", ".join(unknown), ", ".join(LANGUAGES)))
    args.out.mkdir(parents=True, exist_ok=True)
    for code in langs:
        rows = suite.build(code, LANGUAGES[code])
        for half in suite.HALVES:
            chosen = [row for row in rows if row["half"] == half]
            path = args.out / ("%s.%s.jsonl" % (code, half))
            write(path, chosen)
            print("%s: %d rows" % (path, len(chosen)))


if __name__ == "__main__":
    main()
