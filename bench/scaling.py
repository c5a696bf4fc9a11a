#!/usr/bin/env python3
"""Linear in the number of files: reqlint over 1,000 / 10,000 / 50,000 request documents
given the three ways users give them (paths as arguments, as pre-commit and xargs do; a list
through --files-from; a folder), in one run each, median of --runs. Prints a Markdown table
and writes bench/scaling.md; each way should be within 10% of the folder walk's docs/s.

    python3 bench/scaling.py --binary .build/release/reqlint
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCUMENT = os.path.join(ROOT, "corpus", "sagemaker", "CreateInferenceRecommendationsJob", "valid-advanced-phases.json")


def timed(cmd, cwd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{cmd[:4]}... exited {result.returncode}")
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "reqlint"))
    ap.add_argument("--counts", default="1000,10000,50000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "scaling.md"))
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    body = open(DOCUMENT, "rb").read()
    rows = []
    for count in [int(c) for c in args.counts.split(",")]:
        work = tempfile.mkdtemp(prefix="reqlint-scaling-")
        try:
            os.mkdir(os.path.join(work, ".git"))
            folder = os.path.join(work, "requests")
            os.mkdir(folder)
            names = [f"requests/r{i:05d}.json" for i in range(count)]
            for name in names:
                with open(os.path.join(work, name), "wb") as f:
                    f.write(body)
            with open(os.path.join(work, "list.txt"), "w") as f:
                f.write("\n".join(names) + "\n")
            walk = timed([binary, "lint", "--quiet", "requests"], work, args.runs)
            argv = timed([binary, "lint", "--quiet"] + names, work, args.runs)
            listed = timed([binary, "lint", "--quiet", "--files-from", "list.txt"], work, args.runs)
            rows.append((count, walk, argv, listed))
            print(f"{count} files: folder {walk:.3f} s, arguments {argv:.3f} s, --files-from {listed:.3f} s", flush=True)
        finally:
            shutil.rmtree(work)
    lines = ["| files | folder walk | as arguments | --files-from |", "| --- | --- | --- | --- |"]
    for count, walk, argv, listed in rows:
        def cell(t):
            return f"{t:.3f} s ({count / t:,.0f} docs/s, {walk / t:.2f}× the walk's rate)"
        lines.append(f"| {count:,} | {walk:.3f} s ({count / walk:,.0f} docs/s) | {cell(argv)} | {cell(listed)} |")
    table = "\n".join(lines)
    print(table)
    with open(args.out, "w") as f:
        f.write(f"Measured with `python3 bench/scaling.py --binary {args.binary}` (median of {args.runs} runs, 2 cores)\n\n{table}\n")


if __name__ == "__main__":
    main()
