"""Scripts on the host's event loop: pyexpr.eval_async / exec_async (issue 15,
docs/host.md "async"). Host coroutine functions are awaitable from the
script and run concurrently; asyncio.sleep sleeps on the host loop; host
exceptions reach the script and come back with their identity; the limits
keep working."""

from __future__ import annotations

import asyncio
import time

import pytest

from _extension_build import load_pyexpr

pyexpr = load_pyexpr()


def run(coro):
    return asyncio.run(coro)


async def fetch(i, delay=0.2):
    await asyncio.sleep(delay)
    return i * 10


def test_gather_runs_host_coroutines_concurrently():
    async def main():
        t = time.perf_counter()
        r = await pyexpr.eval_async("await asyncio.gather(fetch(1), fetch(2), fetch(3))",
                                    {"fetch": fetch})
        return r, time.perf_counter() - t

    r, dt = run(main())
    assert r == [10, 20, 30]
    assert dt < 0.4, dt


def test_exec_async_namespace_and_output(capsys):
    src = ("a = await fetch(1, 0)\n"
           "print('a is', a)\n"
           "async def twice(x):\n"
           "    return [await fetch(x, 0), await fetch(x + 1, 0)]\n"
           "b = await twice(a)\n"
           "t = asyncio.create_task(twice(7))\n"
           "c = await t\n")
    ns = run(pyexpr.exec_async(src, {"fetch": fetch, "keep": 1}))
    assert ns == {"fetch": fetch, "keep": 1, "a": 10, "b": [100, 110], "c": [70, 80]}
    assert capsys.readouterr().out == "a is 10\n"


def test_several_scripts_share_the_host_loop():
    async def main():
        t = time.perf_counter()
        r = await asyncio.gather(*(
            pyexpr.eval_async("await asyncio.gather(fetch(%d), fetch(2))" % i, {"fetch": fetch})
            for i in range(5)))
        return r, time.perf_counter() - t

    r, dt = run(main())
    assert r == [[i * 10, 20] for i in range(5)]
    assert dt < 0.4, dt


def test_script_sleep_is_real_time_on_the_host_and_not_counted():
    async def main():
        t = time.perf_counter()
        r = await pyexpr.eval_async("await asyncio.sleep(0.3, 'slept')", timeout=0.2)
        return r, time.perf_counter() - t

    r, dt = run(main())
    assert r == "slept"
    assert 0.29 < dt < 1.0, dt


def test_host_and_script_timers_interleave():
    log = []

    async def note(x, d):
        await asyncio.sleep(d)
        log.append(x)
        return x

    src = ("async def s(x, d):\n"
           "    await asyncio.sleep(d)\n"
           "    return x\n"
           "await asyncio.gather(note('h1', 0.15), s('s1', 0.05), note('h2', 0.05), s('s2', 0.1))\n")
    ns = run(pyexpr.exec_async(src, {"note": note}))
    assert "s" not in ns
    assert log == ["h2", "h1"]


def test_host_exception_is_catchable_in_the_script():
    async def bad(x):
        await asyncio.sleep(0)
        raise KeyError(x)

    src = ("try:\n"
           "    await bad(2)\n"
           "except KeyError as e:\n"
           "    r = repr(e)\n"
           "rs = await asyncio.gather(bad(3), fetch(1, 0), return_exceptions=True)\n"
           "kinds = [type(x).__name__ for x in rs]\n")
    ns = run(pyexpr.exec_async(src, {"bad": bad, "fetch": fetch}))
    assert ns["r"] == "KeyError(2)"
    assert ns["kinds"] == ["KeyError", "int"]


def test_uncaught_host_exception_reaches_the_host_with_its_identity():
    err = ValueError("from the host")

    async def bad():
        raise err

    with pytest.raises(ValueError) as ei:
        run(pyexpr.eval_async("await bad()", {"bad": bad}))
    assert ei.value is err


def test_script_exception_propagates():
    with pytest.raises(ZeroDivisionError):
        run(pyexpr.eval_async("await fetch(1, 0) / 0", {"fetch": fetch}))


def test_wait_for_timeout_cancels_the_host_coroutine():
    state = {}

    async def slow():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            state["cancelled"] = True
            raise

    async def main():
        t = time.perf_counter()
        ns = await pyexpr.exec_async(
            "try:\n"
            "    await asyncio.wait_for(slow(), 0.1)\n"
            "except TimeoutError as e:\n"
            "    r = type(e).__name__\n", {"slow": slow})
        r = ns["r"]
        await asyncio.sleep(0)
        return r, time.perf_counter() - t

    r, dt = run(main())
    assert r == "TimeoutError"
    assert dt < 1.0
    assert state.get("cancelled")


def test_limits_still_apply():
    with pytest.raises(pyexpr.LimitError):
        run(pyexpr.exec_async("await fetch(1, 0)\nwhile True:\n    pass\n", {"fetch": fetch},
                              max_steps=100000))


def test_awaiting_a_non_awaitable_host_value():
    with pytest.raises(TypeError, match="can't be used in 'await' expression"):
        run(pyexpr.eval_async("await 1"))


def test_plain_run_of_async_code_uses_the_virtual_clock():
    t = time.perf_counter()
    src = ("import asyncio\n"
           "async def main():\n"
           "    await asyncio.sleep(100)\n"
           "    return 'done'\n"
           "asyncio.run(main())\n")
    assert pyexpr.eval("0") == 0
    ns = pyexpr.exec(src.replace("asyncio.run(main())", "r = asyncio.run(main())"))
    assert ns["r"] == "done"
    assert time.perf_counter() - t < 5


def test_code_object_modes():
    code = pyexpr.compile("await asyncio.sleep(0, 5)", "eval_async")
    assert code.mode == "eval_async"
    assert run(pyexpr.eval_async(code)) == 5
    plain = pyexpr.compile("1 + 1", "eval")
    assert run(pyexpr.eval_async(plain)) == 2
    with pytest.raises(SyntaxError, match="'await' outside function"):
        pyexpr.eval("await x", {"x": 1})


def test_pending_host_calls_through_the_snapshot_api():
    """A host without asyncio drives the same run through Code.start: the
    pause lists every pending call at once."""
    calls = []

    async def tool(name):  # never run as a coroutine here: the host answers
        return name

    code = pyexpr.compile("await asyncio.gather(tool('a'), tool('b'), tool('c'))", "eval_async")
    names = {"tool": pyexpr._async._host_coroutine_function(tool)}
    r = code.start(names, externals=["__pyexpr_host_wait__"])
    assert isinstance(r, pyexpr.Snapshot) and r.function == "__pyexpr_host_wait__"
    new, timeout, gone = r.args
    assert timeout is None and not gone
    calls = [p.args for p in new]
    assert calls == [("a",), ("b",), ("c",)]
    r = r.resume([(2, True, "C"), (0, True, "A")])
    assert isinstance(r, pyexpr.Snapshot)
    new, timeout, gone = r.args
    assert new == []
    r = r.resume([(1, True, "B")])
    assert isinstance(r, pyexpr.Complete)
    assert r.value == ["A", "B", "C"]


def test_snapshot_of_a_paused_async_script_is_a_clear_error():
    code = pyexpr.compile("await asyncio.sleep(0.01, 'late')", "eval_async")
    r = code.start(None, externals=["__pyexpr_host_wait__"])
    assert isinstance(r, pyexpr.Snapshot)
    with pytest.raises(TypeError, match="cannot snapshot"):
        r.dump()
    time.sleep(0.02)
    r = r.resume([])  # still resumable in memory; the timer is due by now
    assert isinstance(r, pyexpr.Complete) and r.value == "late"
