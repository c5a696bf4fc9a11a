"""Shared setup for the language server tests: the binary under test, and a summary line."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = os.environ.get("REQLINT_BIN", str(ROOT / ".build" / "debug" / "reqlint"))
CORPUS = ROOT / "corpus"

# Lines that tests want printed in pytest's summary (measurements).
REPORT: list[str] = []


def pytest_configure(config):
    if not os.access(BIN, os.X_OK):
        raise pytest.UsageError(f"reqlint binary not found at {BIN}: build it (swift build) or set REQLINT_BIN")


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("reqlint lsp measurements")
        for line in REPORT:
            terminalreporter.write_line(line)
