#!/usr/bin/env python3
"""reqlint's performance benchmark (run it with scripts/bench; see bench/README.md).

Builds reqlint in release mode, generates the seeded corpus (bench/generate.py) and measures,
in one run and on the same documents:

  a. one file, end to end (process start to exit): hyperfine if installed, else a timing loop;
  b. documents per second over the whole corpus (one process, every core, and --jobs 1; JSON
     output), with the files passed as arguments (as pre-commit and xargs pass them) and as a folder;
  c. botocore's ParamValidator in one Python process (validation loop alone, and read+parse+validate);
  d. the AWS CLI validating one file (--generate-cli-skeleton output, dummy credentials);
  e. peak RSS of reqlint over 1,000 and over 10,000 files, for every output format;
  f. the language server's didChange -> publishDiagnostics latency, if `reqlint lsp` exists;
  g. instructions (valgrind's callgrind, machine-independent) of `reqlint lint FILE` for one
     file of each operation, plain and as the pre-commit hook runs it, and of `reqlint --version`.

Writes bench/results.json and bench/results.md (or --out-prefix) and prints the table.
"""

import argparse
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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TARGETS = {"one_file_ms": 3.0, "corpus_ratio": 10.0, "lsp_ms": 20.0, "one_file_instructions": 8e6, "second_core": 1.8}


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=False, **kw)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kb = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
            "kernel": platform.release(), "loadavg_start": os.getloadavg()}


def version(cmd):
    try:
        out = run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except Exception:
        return None


def build(args):
    if args.binary:
        return os.path.abspath(args.binary)
    log("swift build -c release --product reqlint")
    if run(["swift", "build", "-c", "release", "--product", "reqlint"], cwd=ROOT).returncode != 0:
        sys.exit("bench: the release build failed")
    bin_path = run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "reqlint")


def supports_yaml(reqlint):
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "probe.yaml")
        with open(p, "w") as f:
            f.write("JobName: probe\nJobType: Default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n")
        out = run([reqlint, "lint", "--quiet", p], capture_output=True, text=True)
        return out.returncode == 0


def has_lsp(reqlint):
    return run([reqlint, "lsp", "--help"], capture_output=True).returncode == 0


def pick_file(corpus, manifest, operation="sagemaker:CreateInferenceRecommendationsJob"):
    """A valid JSON document of `operation` whose size is the median of its kind."""
    docs = [d for d in manifest if d["operation"] == operation and d["class"] == "valid" and d["syntax"] == "json"]
    docs.sort(key=lambda d: (d["bytes"], d["path"]))
    return os.path.join(corpus, docs[len(docs) // 2]["path"])


def time_command(cmd, runs, warmup, env=None, ok_codes=(0,)):
    """Wall times (ms) of `cmd`: hyperfine when installed, else a subprocess loop."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            export = tmp.name
        hf = [hyperfine, "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs), "--export-json", export]
        if set(ok_codes) != {0}:
            hf.append("-i")
        out = run(hf + [subprocess.list2cmdline(cmd)], capture_output=True, text=True, env=env)
        if out.returncode == 0:
            with open(export) as f:
                times = [t * 1000 for t in json.load(f)["results"][0]["times"]]
            os.unlink(export)
            return times, "hyperfine"
        log(f"hyperfine failed ({out.stderr.strip()[:200]}); timing in Python")
    for _ in range(warmup):
        run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - t0) * 1000)
    return times, "python loop"


def timed_run(cmd, env=None):
    """(wall seconds, exit code, peak RSS KiB) of one run, stdout discarded."""
    time_bin = "/usr/bin/time"
    if os.path.exists(time_bin):
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as tmp:
            report = tmp.name
        t0 = time.perf_counter()
        p = run([time_bin, "-f", "%M", "-o", report] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wall = time.perf_counter() - t0
        with open(report) as f:
            lines = [l for l in f.read().splitlines() if l.strip()]
        os.unlink(report)
        rss = int(lines[-1]) if lines and lines[-1].strip().isdigit() else None
        return wall, p.returncode, rss
    t0 = time.perf_counter()
    p = run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0, p.returncode, None


def main():
    ap = argparse.ArgumentParser(description="reqlint performance benchmark")
    ap.add_argument("--count", type=int, default=16000, help="documents in the corpus (default 16000)")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--work", default=os.path.join(ROOT, ".build", "bench"), help="where the corpus is generated")
    ap.add_argument("--binary", help="use this reqlint instead of building one")
    ap.add_argument("--runs", type=int, default=200, help="runs of the one-file measurement")
    ap.add_argument("--corpus-runs", type=int, default=3, help="runs of each whole-corpus measurement (median)")
    ap.add_argument("--aws-runs", type=int, default=5)
    ap.add_argument("--lsp-changes", type=int, default=200)
    ap.add_argument("--skip-aws", action="store_true")
    ap.add_argument("--skip-botocore", action="store_true")
    ap.add_argument("--out-prefix", default=os.path.join(HERE, "results"), help="writes PREFIX.json and PREFIX.md")
    args = ap.parse_args()

    started = datetime.datetime.now(datetime.timezone.utc)
    results = {"date": started.isoformat(timespec="seconds"), "command": " ".join([os.path.relpath(sys.argv[0], ROOT)] + sys.argv[1:]),
               "machine": machine(), "notes": []}
    reqlint = build(args)
    results["reqlint"] = {"binary": reqlint, "version": version([reqlint, "--version"])}
    commit = run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if commit.returncode == 0:
        dirty = run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        results["reqlint"]["commit"] = commit.stdout.strip() + ("+dirty" if dirty else "")

    yaml = supports_yaml(reqlint)
    corpus = os.path.join(args.work, "corpus")
    log(f"generating {args.count} documents (seed {args.seed}, YAML {'5%' if yaml else 'off: reqlint does not read .yaml'}) in {corpus}")
    gen = run([sys.executable, os.path.join(HERE, "generate.py"), corpus, "--count", str(args.count), "--seed", str(args.seed),
               "--yaml-fraction", "0.05" if yaml else "0"])
    if gen.returncode != 0:
        sys.exit("bench: corpus generation failed")
    with open(os.path.join(corpus, ".manifest.json")) as f:
        meta = json.load(f)
    manifest = meta["documents"]
    results["corpus"] = {"documents": len(manifest), "bytes": meta["bytes"], "seed": args.seed,
                         "valid": sum(d["class"] == "valid" for d in manifest), "invalid": sum(d["class"] == "invalid" for d in manifest),
                         "syntax": sum(d["class"] == "syntax" for d in manifest), "yaml": sum(d["syntax"] == "yaml" for d in manifest)}

    # Sanity: reqlint agrees with the generator about which documents are valid.
    out = run([reqlint, "lint", "--quiet", "--format", "json", corpus], capture_output=True, text=True)
    report = json.loads(out.stdout)
    by_path = {os.path.relpath(f["path"], corpus) if os.path.isabs(f["path"]) else os.path.relpath(os.path.abspath(f["path"]), corpus): f for f in report["files"]}
    disagreements = []
    for d in manifest:
        f = by_path.get(d["path"])
        errors = [x for x in (f or {}).get("diagnostics", []) if x["severity"] == "error"]
        got = "missing" if f is None else "syntax" if any(x["rule"] in ("syntax",) for x in errors) else "invalid" if errors else "valid"
        if got != d["class"] and not (d["class"] == "syntax" and got == "invalid"):
            disagreements.append({"path": d["path"], "expected": d["class"], "got": got,
                                  "diagnostics": [f"{x['rule']}: {x['message'][:120]}" for x in errors[:3]]})
    results["corpus"]["exit_code"] = out.returncode
    results["corpus"]["classification_disagreements"] = len(disagreements)
    if disagreements:
        results["notes"].append(f"{len(disagreements)} documents were not classified as the generator intended, e.g. {disagreements[:3]}")
        log(f"warning: {len(disagreements)} classification disagreements, e.g. {disagreements[:2]}")

    # (a) one file, end to end.
    one = pick_file(corpus, manifest)
    log(f"(a) one file end to end: {os.path.relpath(one, corpus)} ({os.path.getsize(one)} bytes), {args.runs} runs")
    times, how = time_command([reqlint, "lint", "--quiet", one], runs=args.runs, warmup=10)
    results["one_file"] = {"file": os.path.relpath(one, corpus), "bytes": os.path.getsize(one), "runs": len(times), "tool": how,
                           "median_ms": statistics.median(times), "p95_ms": percentile(times, 95), "min_ms": min(times),
                           "mean_ms": statistics.fmean(times)}

    # (b) documents per second over the whole corpus.
    files = sorted(os.path.join(corpus, d["path"]) for d in manifest)

    def corpus_rate(extra, label, as_arguments=False):
        walls = []
        codes = set()
        for _ in range(args.corpus_runs):
            wall, code, _ = timed_run([reqlint, "lint", "--quiet", "--format", "json"] + extra + (files if as_arguments else [corpus]))
            walls.append(wall)
            codes.add(code)
        median = statistics.median(walls)
        log(f"(b) {label}: {len(manifest) / median:,.0f} documents/s (median of {len(walls)}: {median:.2f} s; exit {sorted(codes)})")
        return {"seconds_median": median, "seconds_all": walls, "docs_per_second": len(manifest) / median, "exit_codes": sorted(codes)}
    results["corpus_run"] = {"all_cores": corpus_rate([], f"all {os.cpu_count()} cores, a folder"),
                             "jobs_1": corpus_rate(["--jobs", "1"], "--jobs 1, a folder"),
                             "arguments_all_cores": corpus_rate([], f"all {os.cpu_count()} cores, files as arguments", True),
                             "arguments_jobs_1": corpus_rate(["--jobs", "1"], "--jobs 1, files as arguments", True)}

    # The second core's ceiling on this machine: two independent --jobs 1 processes, each on
    # half the files (nothing shared), side by side.
    walls = []
    for _ in range(args.corpus_runs):
        half = len(files) // 2
        started = time.perf_counter()
        procs = [subprocess.Popen([reqlint, "lint", "--quiet", "--format", "json", "--jobs", "1"] + part,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for part in (files[:half], files[half:])]
        for p in procs:
            p.wait()
        walls.append(time.perf_counter() - started)
    median = statistics.median(walls)
    results["corpus_run"]["two_processes"] = {"seconds_median": median, "seconds_all": walls, "docs_per_second": len(manifest) / median}
    log(f"(b) two independent --jobs 1 processes, half the files each: {len(manifest) / median:,.0f} documents/s")

    # (c) botocore.
    if not args.skip_botocore:
        log("(c) botocore ParamValidator over the same documents")
        out = run([sys.executable, os.path.join(HERE, "botocore_validate.py"), corpus], capture_output=True, text=True)
        if out.returncode == 0:
            results["botocore"] = json.loads(out.stdout)
        else:
            results["notes"].append("botocore measurement failed: " + out.stderr.strip()[-300:])

    # (d) AWS CLI.
    if not args.skip_aws and shutil.which("aws"):
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                   AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                   AWS_PAGER="", AWS_EC2_METADATA_DISABLED="true")
        cmd = ["aws", "sagemaker", "create-inference-recommendations-job", "--cli-input-json", "file://" + one,
               "--generate-cli-skeleton", "output"]
        probe = run(cmd, capture_output=True, text=True, env=env)
        if probe.returncode != 0:
            results["notes"].append(f"aws exited {probe.returncode} on the valid file: {probe.stderr.strip()[:300]}")
        # Check the CLI really validates in this mode: an invalid document must fail.
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as bad:
            json.dump({"JobName": "x", "JobType": "Default", "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {}, "Bogus": 1}, bad)
        check = run(cmd[:4] + ["file://" + bad.name] + cmd[5:], capture_output=True, text=True, env=env)
        os.unlink(bad.name)
        log(f"(d) AWS CLI on one file, {args.aws_runs} runs")
        times, how = time_command(cmd, runs=args.aws_runs, warmup=1, env=env)
        results["aws_cli"] = {"version": version(["aws", "--version"]), "runs": len(times), "tool": how,
                              "median_ms": statistics.median(times), "p95_ms": percentile(times, 95), "min_ms": min(times),
                              "rejects_invalid": check.returncode != 0 and "Parameter validation failed" in check.stderr}
    else:
        results["notes"].append("AWS CLI not measured (--skip-aws or `aws` not installed)")

    # (e) peak RSS over 1,000 and 10,000 files.
    shards = sorted(e for e in os.listdir(corpus) if e.startswith("shard-"))
    rss = {}
    for files in (1000, 10000):
        n = max(1, files // 100)
        if n > len(shards):
            continue
        dirs = [os.path.join(corpus, s) for s in shards[:n]]
        for fmt in ("text", "github", "json", "sarif", "junit"):
            wall, code, kib = timed_run([reqlint, "lint", "--quiet", "--format", fmt] + dirs)
            rss[f"{files}_{fmt}"] = {"files": sum(1 for d in dirs for _ in os.listdir(d)), "format": fmt, "max_rss_kib": kib, "seconds": wall, "exit": code}
            log(f"(e) {files} files, --format {fmt}: max RSS {kib} KiB")
    results["memory"] = rss

    # (g) instructions of one file, start to exit (callgrind counts the same whatever the load).
    if shutil.which("valgrind") and shutil.which("objcopy"):
        with tempfile.TemporaryDirectory() as scratch:
            # valgrind cannot read the toolchain's DWARF 5: count a copy without debug information.
            stripped = os.path.join(scratch, "reqlint")
            subprocess.run(["objcopy", "--strip-debug", reqlint, stripped], check=True)
            counts = {}
            for operation in ("sagemaker:CreateInferenceRecommendationsJob", "sagemaker:CreateInferenceExperiment",
                              "cleanroomsml:StartTrainedModelInferenceJob"):
                path = pick_file(corpus, manifest, operation)
                for label, extra in (("plain", []), ("hook", ["--force-exclude", "--skip-non-requests"])):
                    counts[f"{operation} {label}"] = callgrind(stripped, ["lint"] + extra + [path], scratch)
            counts["--version"] = callgrind(stripped, ["--version"], scratch)
            results["instructions"] = counts
            for key, value in counts.items():
                log(f"(g) {key}: {value:,} instructions")
    else:
        results["notes"].append("instructions not counted: valgrind or objcopy is missing")

    # (f) language server latency.
    if has_lsp(reqlint):
        log(f"(f) reqlint lsp: didChange -> publishDiagnostics, {args.lsp_changes} changes")
        out = run([sys.executable, os.path.join(HERE, "lsp_latency.py"), reqlint, one, "--changes", str(args.lsp_changes)],
                  capture_output=True, text=True, timeout=600)
        if out.returncode == 0:
            results["lsp"] = json.loads(out.stdout)
            # With the server's default debounce (150 ms), what an editor sees.
            out = run([sys.executable, os.path.join(HERE, "lsp_latency.py"), reqlint, one, "--changes", "20", "--debounce", "150"],
                      capture_output=True, text=True, timeout=600)
            if out.returncode == 0:
                results["lsp_default_debounce"] = json.loads(out.stdout)
        else:
            results["notes"].append("LSP measurement failed: " + (out.stderr or out.stdout).strip()[-400:])
    else:
        results["notes"].append("the language server was not measured: this reqlint has no `lsp` subcommand")

    results["machine"]["loadavg_end"] = os.getloadavg()
    if max(results["machine"]["loadavg_start"][0], results["machine"]["loadavg_end"][0]) > (os.cpu_count() or 1) * 0.5:
        results["notes"].append("the machine was busy with other work during the run (see loadavg): wall-clock numbers are pessimistic")
    results["summary"] = summarize(results)
    write(results, args.out_prefix)


def callgrind(binary, arguments, scratch):
    """Instructions valgrind's callgrind counts for one run of `binary arguments`."""
    out_file = os.path.join(scratch, "callgrind.out")
    p = run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", binary] + arguments,
            capture_output=True, text=True)
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    raise RuntimeError("callgrind gave no count: " + p.stderr[-300:])


def summarize(r):
    s = {}
    s["one_file_median_ms"] = r["one_file"]["median_ms"]
    s["one_file_p95_ms"] = r["one_file"]["p95_ms"]
    s["reqlint_docs_per_second"] = r["corpus_run"]["all_cores"]["docs_per_second"]
    s["reqlint_docs_per_second_jobs_1"] = r["corpus_run"]["jobs_1"]["docs_per_second"]
    s["reqlint_arguments_docs_per_second"] = r["corpus_run"]["arguments_all_cores"]["docs_per_second"]
    s["reqlint_arguments_docs_per_second_jobs_1"] = r["corpus_run"]["arguments_jobs_1"]["docs_per_second"]
    s["second_core"] = s["reqlint_arguments_docs_per_second"] / s["reqlint_arguments_docs_per_second_jobs_1"]
    if "two_processes" in r["corpus_run"]:
        s["second_core_ceiling"] = r["corpus_run"]["two_processes"]["docs_per_second"] / s["reqlint_arguments_docs_per_second_jobs_1"]
    if "botocore" in r:
        b = r["botocore"]
        s["botocore_validate_docs_per_second"] = b["validate_docs_per_second"]
        s["botocore_parse_validate_docs_per_second"] = b["read_parse_validate_docs_per_second"]
        s["ratio_reqlint_vs_botocore_validate"] = s["reqlint_arguments_docs_per_second"] / b["validate_docs_per_second"]
        s["ratio_reqlint_vs_botocore_parse_validate"] = s["reqlint_arguments_docs_per_second"] / b["read_parse_validate_docs_per_second"]
        s["ratio_reqlint_jobs_1_vs_botocore_validate"] = s["reqlint_arguments_docs_per_second_jobs_1"] / b["validate_docs_per_second"]
    if "aws_cli" in r:
        s["aws_cli_median_ms"] = r["aws_cli"]["median_ms"]
        s["ratio_aws_cli_vs_reqlint_one_file"] = r["aws_cli"]["median_ms"] / r["one_file"]["median_ms"]
    for key, m in r.get("memory", {}).items():
        s[f"max_rss_mib_{key}"] = round(m["max_rss_kib"] / 1024, 1) if m.get("max_rss_kib") else None
    if "lsp" in r:
        s["lsp_median_ms"] = r["lsp"]["median_ms"]
        s["lsp_p95_ms"] = r["lsp"]["p95_ms"]
    return s


def write(r, prefix):
    s = r["summary"]
    m = r["machine"]

    def f(x, digits=1):
        return "n/a" if x is None else f"{x:,.{digits}f}"

    def verdict(ok):
        return "meets" if ok else "misses"

    rows = [("reqlint, one file end to end (median / p95)", f"{f(s['one_file_median_ms'])} / {f(s['one_file_p95_ms'])} ms",
             f"< {TARGETS['one_file_ms']:.0f} ms: {verdict(s['one_file_median_ms'] < TARGETS['one_file_ms'])}")]
    rows.append((f"reqlint, whole corpus as arguments, {m['nproc']} cores", f"{f(s['reqlint_arguments_docs_per_second'], 0)} docs/s", ""))
    rows.append(("reqlint, whole corpus as arguments, --jobs 1", f"{f(s['reqlint_arguments_docs_per_second_jobs_1'], 0)} docs/s", ""))
    rows.append((f"second core ({m['nproc']} cores ÷ --jobs 1, as arguments)", f"{f(s['second_core'], 2)}×",
                 f"≥ {TARGETS['second_core']}×: {verdict(s['second_core'] >= TARGETS['second_core'])}"))
    if "second_core_ceiling" in s:
        rows.append(("the machine's ceiling: two independent --jobs 1 processes ÷ one", f"{f(s['second_core_ceiling'], 2)}×", "nothing shared"))
    rows.append((f"reqlint, whole corpus as a folder, {m['nproc']} cores", f"{f(s['reqlint_docs_per_second'], 0)} docs/s", ""))
    rows.append(("reqlint, whole corpus as a folder, --jobs 1", f"{f(s['reqlint_docs_per_second_jobs_1'], 0)} docs/s", ""))
    if "botocore_validate_docs_per_second" in s:
        rows.append(("botocore ParamValidator, validation loop only (1 process)", f"{f(s['botocore_validate_docs_per_second'], 0)} docs/s", ""))
        rows.append(("botocore, read + json.loads + validate (1 process)", f"{f(s['botocore_parse_validate_docs_per_second'], 0)} docs/s", ""))
        rows.append(("ratio reqlint (as arguments) ÷ botocore (validation only)", f"{f(s['ratio_reqlint_vs_botocore_validate'])}×",
                     f"≥ {TARGETS['corpus_ratio']:.0f}×: {verdict(s['ratio_reqlint_vs_botocore_validate'] >= TARGETS['corpus_ratio'])}"))
        rows.append(("ratio reqlint ÷ botocore (read + parse + validate)", f"{f(s['ratio_reqlint_vs_botocore_parse_validate'])}×", ""))
        rows.append(("ratio reqlint --jobs 1 ÷ botocore (validation only)", f"{f(s['ratio_reqlint_jobs_1_vs_botocore_validate'])}×", "per core"))
    if "aws_cli_median_ms" in s:
        rows.append(("AWS CLI, one file (--generate-cli-skeleton output, median)", f"{f(s['aws_cli_median_ms'], 0)} ms", ""))
        rows.append(("ratio AWS CLI ms ÷ reqlint ms (one file)", f"{f(s['ratio_aws_cli_vs_reqlint_one_file'])}×", ""))
    mem = r.get("memory", {})
    for fmt in ("text", "github", "json", "sarif", "junit"):
        small, large = mem.get(f"1000_{fmt}", {}), mem.get(f"10000_{fmt}", {})
        if small.get("max_rss_kib") and large.get("max_rss_kib"):
            growth = large["max_rss_kib"] / small["max_rss_kib"]
            rows.append((f"peak RSS, 1,000 / 10,000 files, --format {fmt}",
                         f"{small['max_rss_kib'] / 1024:.1f} / {large['max_rss_kib'] / 1024:.1f} MiB ({growth:.2f}×)", f"flat: {verdict(growth < 1.5)}"))
    for key, value in r.get("instructions", {}).items():
        target = f"≤ {TARGETS['one_file_instructions'] / 1e6:.0f} M: {verdict(value <= TARGETS['one_file_instructions'])}" if key != "--version" else ""
        rows.append((f"instructions, `reqlint {'--version' if key == '--version' else 'lint'}`" + ("" if key == "--version" else f", one {key.split()[0]} file" + (" (hook)" if key.endswith("hook") else "")),
                     f"{value / 1e6:.1f} M", target))
    if "lsp_median_ms" in s:
        rows.append(("LSP didChange → publishDiagnostics (median / p95)", f"{f(s['lsp_median_ms'])} / {f(s['lsp_p95_ms'])} ms",
                     f"< {TARGETS['lsp_ms']:.0f} ms: {verdict(s['lsp_median_ms'] < TARGETS['lsp_ms'])}"))

    c = r["corpus"]
    md = ["# reqlint benchmark results", "",
          f"- date: {r['date']}", f"- command: `{r['command']}`",
          f"- machine: {m['nproc']} × {m['cpu']}, {m['memory_gib']} GiB, Linux {m['kernel']}; load average at start {m['loadavg_start'][0]:.2f}, at end {m['loadavg_end'][0]:.2f}",
          f"- reqlint: {r['reqlint'].get('version')} {r['reqlint'].get('commit', '')}",
          f"- corpus: {c['documents']:,} documents ({c['bytes'] / 1e6:.1f} MB; {c['valid']:,} valid, {c['invalid']:,} invalid, {c['syntax']:,} not well-formed, {c['yaml']:,} YAML), seed {c['seed']}; reqlint's classification disagrees with the generator's on {c['classification_disagreements']}",
          "", "| measurement | result | target |", "| --- | --- | --- |"]
    md += [f"| {a} | {b} | {t} |" for a, b, t in rows]
    if r.get("one_file"):
        md += ["", f"One file: `{r['one_file']['file']}` ({r['one_file']['bytes']:,} bytes), {r['one_file']['runs']} runs with {r['one_file']['tool']}."]
    if r.get("botocore"):
        b = r["botocore"]
        md += [f"botocore {b['botocore']}: {b['parsed']:,} documents parsed, {b['invalid']:,} of them found invalid (botocore checks required, unknown members, types and minimums only: no maximums, patterns or enums); best of {b['repeat']}; loading the three service models took {b['model_load_seconds']:.2f} s (not counted)."]
    if r.get("aws_cli"):
        a = r["aws_cli"]
        md += [f"AWS CLI: {a['version']}; rejects an invalid document in this mode: {a['rejects_invalid']}."]
    if r.get("lsp"):
        l = r["lsp"]
        md += [f"LSP: {l['changes']} full-text changes of the one-file document, alternating valid and invalid, with debounce {l['debounce_ms']} ms (the processing latency)."]
        if r.get("lsp_default_debounce"):
            d = r["lsp_default_debounce"]
            md += [f"With the server's default debounce of {d['debounce_ms']} ms (what an editor sees while typing): median {d['median_ms']:.1f} ms, p95 {d['p95_ms']:.1f} ms over {d['changes']} changes."]
    for note in r["notes"]:
        md += ["", f"Note: {note}"]
    text = "\n".join(md) + "\n"
    with open(prefix + ".json", "w") as fjson:
        json.dump(r, fjson, indent=2)
        fjson.write("\n")
    with open(prefix + ".md", "w") as fmd:
        fmd.write(text)
    print(text)


if __name__ == "__main__":
    main()
