"""`solidcell app` and `solidcell report` as a user runs them: a real `solidcell` process."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DESIGN = Path(__file__).resolve().parent.parent / "report" / "data" / "ssb_ref1.yaml"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=300)


def test_help() -> None:
    for cmd in ("app", "report"):
        res = run(cmd, "--help")
        assert res.returncode == 0, res.stderr
        assert "Usage" in res.stdout


@pytest.mark.slow  # a fresh process runs every engine (~20 s); the report itself is tested fast
def test_report_command_writes_one_file(tmp_path: Path) -> None:
    res = run("report", str(DESIGN), "--out", str(tmp_path), "--json")
    assert res.returncode == 0, res.stderr
    path = Path(json.loads(res.stdout)["Report"])
    assert path.parent == tmp_path and path.suffix == ".html"
    assert "solidcell report: ssb-ref-1" in path.read_text("utf-8")


def test_report_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    res = run("report", str(tmp_path / "nope.yaml"), "--out", str(tmp_path))
    assert res.returncode == 2
    assert res.stderr.startswith("error: design")
    assert "Traceback" not in res.stderr
    assert not any(tmp_path.iterdir())


def test_app_serves_on_loopback(tmp_path: Path) -> None:
    # the app picks its own port (--port 0) and prints it: a port probed free here and then
    # passed to the app stayed free for anyone to take while the app started (4.4 s idle;
    # the other xdist worker starts servers too), and a taken port failed this test
    with _app_on_port_zero(tmp_path) as printed:
        url = re.search(r"http://127\.0\.0\.1:\d+/", printed)
        assert url is not None, printed
        with urllib.request.urlopen(url.group(0), timeout=30) as resp:
            assert resp.status == 200
            assert b"solidcell dashboard" in resp.read()


@pytest.mark.slow  # a fresh process evaluates and runs every engine of the report
def test_evaluate_report_hook(tmp_path: Path) -> None:
    res = run("evaluate", str(DESIGN), "--report", str(tmp_path))
    assert res.returncode == 0, res.stderr
    reports = list(tmp_path.glob("*.html"))
    assert len(reports) == 1
    assert f"report: {reports[0]}" in res.stdout


@contextmanager
def _app_on_port_zero(tmp_path: Path) -> Iterator[str]:
    """`solidcell app --port 0` running until exit; yields what it printed up to its address."""
    proc = subprocess.Popen([sys.executable, "-m", "solidcell", "app", "--port", "0",
                             "--examples", str(DESIGN.parent), "--workspace",
                             str(tmp_path / "ws")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")),
                              daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while not any("http://" in line for line in lines):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the dashboard printed no address"
            time.sleep(0.2)
        yield "".join(lines)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_app_on_port_zero_prints_the_port_it_got(tmp_path: Path) -> None:
    """`--port 0` picks a free port; the printed address used to say ':0/'."""
    with _app_on_port_zero(tmp_path) as printed:
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", printed)
        assert url is not None, printed
        assert int(url.group(1)) != 0, printed
        with urllib.request.urlopen(url.group(0), timeout=30) as resp:
            assert resp.status == 200


def _other_address() -> str | None:
    """An IPv4 address of this machine that is not loopback (the one a packet to another
    machine leaves from), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: connect sends nothing
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_app_binds_loopback_only(tmp_path: Path) -> None:
    """`solidcell app` without --host answers on 127.0.0.1 and refuses a connection to the
    machine's other address (docs/report-and-app.md, Safety)."""
    other = _other_address()
    if other is None:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with _app_on_port_zero(tmp_path) as printed:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", printed)
        assert found is not None, printed
        port = int(found.group(1))
        socket.create_connection(("127.0.0.1", port), timeout=10).close()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((other, port), timeout=10).close()
