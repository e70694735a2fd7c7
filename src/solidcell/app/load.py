"""Load test of the dashboard on loopback: N browser-like sessions for a bounded time.

Each session does what a page does (standard library HTTP only, no browser): it loads the page,
the layout and the callback graph, then repeats the design callbacks as a person editing a
design would (open the example, change the cathode thickness within 60-100 um, where the
example stays valid, and get the engine's metrics) and a materials query. Every request's
latency is recorded; an error is a failed connection, an HTTP status other than 200, or a
callback answer without the outputs it must carry.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LoadResult:
    """Latencies [s] of every request and the errors met."""

    sessions: int
    duration_s: float
    latencies_s: tuple[float, ...]
    errors: tuple[str, ...]
    sources: tuple[str, ...] = field(default=())

    @property
    def requests(self) -> int:
        return len(self.latencies_s) + len(self.errors)

    def percentile_s(self, q: float) -> float:
        return float(np.percentile(self.latencies_s, q)) if self.latencies_s else float("nan")

    @property
    def throughput_per_s(self) -> float:
        return len(self.latencies_s) / self.duration_s if self.duration_s > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "Sessions": self.sessions, "Duration [s]": self.duration_s,
            "Requests": self.requests, "Errors": len(self.errors),
            "Latency p50 [s]": self.percentile_s(50), "Latency p95 [s]": self.percentile_s(95),
            "Latency p99 [s]": self.percentile_s(99),
            "Latency max [s]": max(self.latencies_s, default=float("nan")),
            "Throughput [1.s-1]": self.throughput_per_s,
            "First errors": list(self.errors[:5]),
        }


def _outputs(spec: str) -> list[dict[str, str]]:
    """Dash's output string (``..a.children...b.figure..``) as [{id, property}]."""
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    out = []
    for part in parts:
        ident, _, prop = part.rpartition(".")
        out.append({"id": ident, "property": prop.split("@")[0]})
    return out


class _Session:
    def __init__(self, url: str, timeout_s: float) -> None:
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.deps: list[dict[str, Any]] = []

    def _call(self, path: str, payload: Any = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        req = urllib.request.Request(self.url + path, data=data, headers={
            "Content-Type": "application/json"} if data else {})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:
                body = resp.read()
                status = resp.status
        except (urllib.error.URLError, OSError) as exc:
            self.errors.append(f"{path}: {exc}")
            return None
        elapsed = time.perf_counter() - t0
        if status != 200:
            self.errors.append(f"{path}: HTTP {status}")
            return None
        self.latencies.append(elapsed)
        if path.startswith("/_dash"):
            return json.loads(body)
        return body

    def callback(self, first_output: str, values: dict[str, Any],
                 changed: str) -> dict[str, Any] | None:
        dep = next(d for d in self.deps if _outputs(d["output"])[0]["id"] == first_output)
        inputs = [{**i, "value": values.get(i["id"])} for i in dep["inputs"]]
        state = [{**s, "value": values.get(s["id"])} for s in dep.get("state", [])]
        outputs = _outputs(dep["output"])
        payload = {"output": dep["output"], "outputs": outputs, "inputs": inputs,
                   "state": state, "changedPropIds": [changed]}
        answer = self._call("/_dash-update-component", payload)
        if answer is None:
            return None
        response = answer.get("response", {})
        if not isinstance(response, dict):
            self.errors.append(f"callback {first_output}: answer without outputs")
            return None
        return response


def _session(url: str, design_path: str, until: float, seed: int, timeout_s: float,
             out: _Session) -> None:
    rng = random.Random(seed)
    out._call("/")
    out._call("/_dash-layout")
    out.deps = out._call("/_dash-dependencies") or []
    if not out.deps:
        return
    while time.perf_counter() < until:
        loaded = out.callback("cathode-thickness", {"design-example": design_path,
                                                    "design-path": None},
                              "design-example.value")
        if loaded is None:
            continue
        original = loaded.get("design-original", {}).get("data")
        source = loaded.get("design-source", {}).get("data")
        if not original or not source:
            out.errors.append(f"design {design_path!r} did not load: {loaded}")
            continue
        values = {**original, "cathode-thickness": round(rng.uniform(60, 100), 1),
                  "design-source": source, "design-original": original}
        metrics = out.callback("design-metrics", values, "cathode-thickness.value")
        if metrics is not None and "design-metrics" not in metrics:
            out.errors.append(f"metrics missing for {values['cathode-thickness']} um: "
                              f"{str(metrics)[:200]}")
        out.callback("q-table", {"q-category": "electrolyte"}, "q-category.value")


def run_load(url: str, design_path: str, sessions: int = 20, duration_s: float = 20.0,
             timeout_s: float = 60.0) -> LoadResult:
    """``sessions`` concurrent sessions against ``url`` for ``duration_s`` seconds."""
    until = time.perf_counter() + duration_s
    states = [_Session(url, timeout_s) for _ in range(sessions)]
    threads = [threading.Thread(target=_session, args=(url, design_path, until, i, timeout_s,
                                                       states[i]), daemon=True)
               for i in range(sessions)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration_s + 10 * timeout_s)
    elapsed = time.perf_counter() - t0
    return LoadResult(sessions=sessions, duration_s=elapsed,
                      latencies_s=tuple(x for s in states for x in s.latencies),
                      errors=tuple(e for s in states for e in s.errors))


__all__ = ["LoadResult", "run_load"]
