#!/usr/bin/env python3
"""Measures `reqlint lsp`'s didChange -> publishDiagnostics latency over stdio.

    bench/lsp_latency.py REQLINT DOCUMENT [--changes 200] [--debounce 0]

Opens DOCUMENT, then sends full-text changes that alternate between the document and a copy
with one mistake (JobType in lower case, or a broken member name), and times each from the
moment the didChange is written to the moment the publishDiagnostics for that version is read.
Prints a JSON object with the median, p95, min and max in milliseconds.
"""

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time


def frame(message):
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body


def reader(stream, out):
    buffer = b""
    while True:
        while b"\r\n\r\n" not in buffer:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(1)
            if not chunk:
                out.put(None)
                return
            buffer += chunk
        header, buffer = buffer.split(b"\r\n\r\n", 1)
        length = 0
        for line in header.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(buffer) < length:
            chunk = stream.read1(65536)
            if not chunk:
                out.put(None)
                return
            buffer += chunk
        body, buffer = buffer[:length], buffer[length:]
        out.put((time.perf_counter(), json.loads(body)))


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reqlint")
    ap.add_argument("document")
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--debounce", type=int, default=0)
    args = ap.parse_args()

    with open(args.document, encoding="utf-8") as f:
        text = f.read()
    broken = text.replace('"Default"', '"default"', 1) if '"Default"' in text else text.replace('"Advanced"', '"advanced"', 1)
    if broken == text:
        broken = text.replace('"JobName"', '"jobName"', 1)
    uri = "file://" + os.path.abspath(args.document)

    proc = subprocess.Popen([args.reqlint, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    messages = queue.Queue()
    threading.Thread(target=reader, args=(proc.stdout, messages), daemon=True).start()

    def send(message):
        proc.stdin.write(frame(message))
        proc.stdin.flush()

    def wait_for(predicate, timeout=30):
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("no answer from reqlint lsp")
            item = messages.get(timeout=remaining)
            if item is None:
                raise EOFError("reqlint lsp closed its output")
            if predicate(item[1]):
                return item

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": os.getpid(), "rootUri": None, "capabilities": {},
                     "initializationOptions": {"debounceMilliseconds": args.debounce}}})
    wait_for(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}})
    wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")

    latencies = []
    counts = set()
    for i in range(args.changes):
        version = i + 2
        body = broken if i % 2 == 0 else text
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": body}]}})
        t1, message = wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                               and m["params"].get("uri") == uri and m["params"].get("version") == version)
        latencies.append((t1 - t0) * 1000)
        counts.add(len(message["params"]["diagnostics"]))

    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    wait_for(lambda m: m.get("id") == 2)
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=10)
    json.dump({"changes": len(latencies), "debounce_ms": args.debounce, "document_bytes": len(text.encode()),
               "median_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 95),
               "min_ms": min(latencies), "max_ms": max(latencies), "diagnostic_counts_seen": sorted(counts)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
