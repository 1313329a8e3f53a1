#!/usr/bin/env python3
"""The Python module's speed, against C++ screen() and better_profanity.

Every figure comes from this one process, on the same comments:
  - C++ screen(): the engine's own loop (Engine._time_screen), no Python
    object made -- the baseline;
  - screen_many(texts, threads=1), and on every core (threads=0);
  - screen(text) called once per comment from Python: its cost above the
    C++ loop is the per-call overhead of the binding;
  - better_profanity.contains_profanity(text), the pure-Python word filter,
    when --better-profanity names a checkout of its source (it is not in
    Debian and PyPI is out of reach; see README "Python").

Usage (from the source tree, after building):
  PYTHONPATH=build/python python3 benchmarks/python_bench.py \\
      [--better-profanity DIR] [--repeats N] FILE.jsonl...
Aims (issue 20): screen_many on one thread >= 0.8x C++; per-call overhead
<= 1 us; >= 20x better_profanity.
"""

import argparse
import json
import os
import pathlib
import sys
import time


def read_comments(files, limit):
    texts = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            for line in f:
                try:
                    texts.append(json.loads(line)["text"])
                except (ValueError, KeyError, TypeError):
                    continue
                if limit and len(texts) >= limit:
                    return texts
    return texts


def cpu_seconds(fn):
    """CPU time of this thread while fn() runs: the one-thread figures are
    CPU time, which other work on a loaded machine does not inflate (the
    C++ loop and screen_many(threads=1) run on the calling thread)."""
    start = time.thread_time()
    fn()
    return time.thread_time() - start


def wall_seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def fastest(repeats, measures):
    """Each measure's fastest run, the measures taking turns in every round
    so that a change of load on the machine hits them all alike."""
    best = {name: float("inf") for name in measures}
    for _ in range(repeats):
        for name, measure in measures.items():
            best[name] = min(best[name], measure())
    return best


def main():
    source = pathlib.Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="JSON Lines with a text field")
    parser.add_argument("--rules", default=str(source / "rules"))
    parser.add_argument("--limit", type=int, default=20000, help="comments (0: all)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--better-profanity", metavar="DIR",
                        help="a checkout of snguyenthanh/better_profanity")
    parser.add_argument("--profanity-limit", type=int, default=300,
                        help="comments better_profanity screens (it is slow)")
    args = parser.parse_args()

    import modfilter
    engine = modfilter.Engine.load(args.rules)
    texts = read_comments(args.files, args.limit)
    n = len(texts)
    size = sum(len(t.encode()) for t in texts)
    print(f"# modfilter Python module benchmark\n")
    print(f"corpus: {n} comments, {size / 1e6:.2f} MB, from {', '.join(map(os.path.basename, args.files))}")
    print(f"rules: {engine.ruleset} ({engine.rule_count} rules); fastest of {args.repeats} rounds\n")

    engine.screen_many(texts[:1000], threads=1)  # warm the thread's scratch and caches
    screen = engine.screen
    best = fastest(args.repeats, {
        "cpp": lambda: cpu_seconds(lambda: engine._time_screen(texts)),
        "one": lambda: cpu_seconds(lambda: engine.screen_many(texts, threads=1)),
        "call": lambda: cpu_seconds(lambda: [screen(t) for t in texts]),
        "cpp_wall": lambda: wall_seconds(lambda: engine._time_screen(texts)),
        "all_wall": lambda: wall_seconds(lambda: engine.screen_many(texts, threads=0)),
    })
    cpp, one, per_call = best["cpp"], best["one"], best["call"]

    print("| what | time | comments/s | MB/s | x C++ |")
    print("|---|---|---|---|---|")
    rows = [("C++ screen() loop", "CPU", cpp, cpp), ("screen_many, 1 thread", "CPU", one, cpp),
            ("screen() per call", "CPU", per_call, cpp),
            ("C++ screen() loop", "wall", best["cpp_wall"], best["cpp_wall"]),
            (f"screen_many, threads=0 ({os.cpu_count()} cores)", "wall", best["all_wall"],
             best["cpp_wall"])]
    for name, kind, seconds, reference in rows:
        print(f"| {name} | {kind} | {n / seconds:,.0f} | {size / seconds / 1e6:.1f} | "
              f"{reference / seconds:.2f} |")
    overhead_us = (per_call - cpp) / n * 1e6
    print(f"\nscreen_many(threads=1) / C++ screen(): {cpp / one:.2f}x (aim >= 0.8x)")
    print(f"screen() per-call overhead above C++: {overhead_us:.2f} us "
          f"({per_call / n * 1e6:.2f} us vs {cpp / n * 1e6:.2f} us a comment; aim <= 1 us)")

    if args.better_profanity:
        sys.path.insert(0, args.better_profanity)
        from better_profanity import profanity
        profanity.load_censor_words()
        sample = texts[:args.profanity_limit]
        theirs = fastest(1, {"bp": lambda: cpu_seconds(
            lambda: [profanity.contains_profanity(t) for t in sample])})["bp"]
        ours = fastest(args.repeats, {
            "call": lambda: cpu_seconds(lambda: [screen(t) for t in sample]),
            "one": lambda: cpu_seconds(lambda: engine.screen_many(sample, threads=1))})
        print(f"\nbetter_profanity.contains_profanity on the first {len(sample)} comments: "
              f"{len(sample) / theirs:,.1f} comments/s (CPU time, one run)")
        print(f"screen() per call / better_profanity: {theirs / ours['call']:.0f}x (aim >= 20x)")
        print(f"screen_many(threads=1) / better_profanity: {theirs / ours['one']:.0f}x")
    else:
        print("\nbetter_profanity: not measured (give --better-profanity DIR)")


if __name__ == "__main__":
    main()
