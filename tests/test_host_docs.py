"""The examples of docs/host.md run as written (issue 15: a rules engine and
an agent tool loop)."""
import re
from pathlib import Path

import pytest

pyexpr = pytest.importorskip("pyexpr")
if not hasattr(pyexpr, "expose"):
    pytest.skip("extension not built", allow_module_level=True)

DOC = (Path(__file__).resolve().parent.parent / "docs" / "host.md").read_text()


def block_after(heading):
    """The first ```python block after the heading."""
    i = DOC.index(heading)
    m = re.compile(r"```python\n(.*?)```", re.S).search(DOC, i)
    return m.group(1)


def test_rules_engine_example():
    ns = {}
    src = block_after("## Example: a rules engine")
    try:
        exec(compile(src, "host.md", "exec"), ns)
    finally:
        for t in ("Customer", "Order"):
            if t in ns:
                pyexpr.unregister_type(ns[t])
    assert ns["discounts"] == {"loyalty": [0.05, 0.0], "bulk": [0.1, 0.0]}


def test_agent_tool_loop_example():
    calls = []

    def search(q):
        calls.append(("search", q))
        return [q + "-1", q + "-2"]

    def fetch_url(u):
        calls.append(("fetch", u))
        return len(u)

    ns = {"pyexpr": pyexpr, "search": search, "fetch_url": fetch_url, "SECRET": b"k",
          "model_written_script": "hits = search('x')\nprint([fetch(h) for h in hits])\n"}
    exec(compile(block_after("### Example: an agent tool loop"), "host.md", "exec"), ns)
    assert ns["step"].output == "[3, 3]\n"
    assert calls == [("search", "x"), ("fetch", "x-1"), ("fetch", "x-2")]
