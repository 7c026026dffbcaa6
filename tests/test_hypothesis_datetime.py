"""Hypothesis-driven differential test of ``datetime`` arithmetic.

Each example is ONE program of 10-30 generated lines on random dates,
datetimes (naive and with fixed offsets), times and timedeltas (int and
float constructor arguments): arithmetic (+, -, *, /, //, %, divmod, abs,
neg), comparisons, str/repr/isoformat/strftime/isocalendar/weekday/
toordinal/timestamp of aware values, replace, fromisoformat round trips,
strptime of strftime output and timezone conversions. Each line prints the
repr of its result or the exception's type and message. CPython (the
oracle) and pyexpr must print the same.

Knob: ``PYEXPR_HYPOTHESIS_EXAMPLES`` (default 40 programs).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from _util import assert_batch_matches

MAX_EXAMPLES = int(os.environ.get("PYEXPR_HYPOTHESIS_EXAMPLES", "40"))

PRELUDE = """\
from datetime import date, time, datetime, timedelta, timezone
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
"""

years = st.one_of(st.integers(1, 9999), st.integers(1960, 2040))


@st.composite
def a_date(draw) -> str:
    return f"date({draw(years)}, {draw(st.integers(1, 12))}, {draw(st.integers(1, 28))})"


@st.composite
def a_tz(draw) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return "None"
    if kind == 1:
        return "timezone.utc"
    minutes = draw(st.integers(-23 * 60 - 59, 23 * 60 + 59))
    name = draw(st.sampled_from(["", ", 'X'"]))
    return f"timezone(timedelta(minutes={minutes}){name})"


@st.composite
def a_datetime(draw, tz: bool = True) -> str:
    return (f"datetime({draw(years)}, {draw(st.integers(1, 12))}, {draw(st.integers(1, 31)) % 28 + 1}, "
            f"{draw(st.integers(0, 23))}, {draw(st.integers(0, 59))}, {draw(st.integers(0, 59))}, "
            f"{draw(st.sampled_from([0, 1, 500000, 999999, draw(st.integers(0, 999999))]))}, "
            f"{draw(a_tz()) if tz else 'None'})")


numbers = st.one_of(
    st.integers(-10**6, 10**6),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)),
    st.floats(-1e4, 1e4, allow_nan=False),
)


@st.composite
def a_delta(draw) -> str:
    parts = []
    for name in draw(st.lists(st.sampled_from(
            ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"]),
            min_size=1, max_size=4, unique=True)):
        v = draw(numbers)
        if name == "weeks":
            v = v / 1000 if isinstance(v, float) else v // 1000
        parts.append(f"{name}={v!r}")
    return f"timedelta({', '.join(parts)})"


@st.composite
def expr(draw) -> str:
    kind = draw(st.integers(0, 17))
    if kind == 0:
        return draw(a_delta())
    if kind == 1:
        return f"{draw(a_delta())} {draw(st.sampled_from(['+', '-', '//', '/', '%']))} {draw(a_delta())}"
    if kind == 2:
        return f"{draw(a_delta())} {draw(st.sampled_from(['*', '/', '//']))} {draw(numbers)!r}"
    if kind == 3:
        return f"(str({draw(a_delta())}), abs({draw(a_delta())}), -{draw(a_delta())})"
    if kind == 4:
        return f"{draw(a_date())} {draw(st.sampled_from(['+', '-']))} {draw(a_delta())}"
    if kind == 5:
        return f"{draw(a_date())} - {draw(a_date())}"
    if kind == 6:
        d = draw(a_date())
        return f"({d}.isocalendar(), {d}.weekday(), {d}.toordinal(), {d}.ctime(), str({d}))"
    if kind == 7:
        return f"{draw(a_datetime())} {draw(st.sampled_from(['+', '-']))} {draw(a_delta())}"
    if kind == 8:
        return f"{draw(a_datetime())} - {draw(a_datetime())}"
    if kind == 9:
        op = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">="]))
        return f"{draw(a_datetime())} {op} {draw(a_datetime())}"
    if kind == 10:
        dt = draw(a_datetime())
        spec = draw(st.sampled_from(["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]))
        return f"({dt}.isoformat(), {dt}.isoformat(' ', '{spec}'), str({dt}))"
    if kind == 11:
        dt = draw(a_datetime())
        return f"datetime.fromisoformat({dt}.isoformat()) == {dt}"
    if kind == 12:
        dt = draw(a_datetime())
        return f"{dt}.strftime('%Y-%m-%d %H:%M:%S.%f %a %A %b %B %j %U %W %p %I %y %z %Z %G %V %u %w')"
    if kind == 13:
        dt = draw(a_datetime())
        fmt = draw(st.sampled_from(["%Y-%m-%d %H:%M:%S.%f", "%d/%m/%Y %I:%M %p", "%A %d %B %Y", "%Y %j",
                                     "%Y-%m-%dT%H:%M:%S%z", "%G-W%V-%u"]))
        return f"datetime.strptime({dt}.strftime({fmt!r}), {fmt!r})"
    if kind == 14:
        return f"{draw(a_datetime(tz=False))}.replace(tzinfo=timezone.utc).timestamp()"
    if kind == 15:
        return f"{draw(a_datetime())}.astimezone({draw(a_tz()).replace('None', 'timezone.utc')})"
    if kind == 16:
        t = f"time({draw(st.integers(0, 23))}, {draw(st.integers(0, 59))}, {draw(st.integers(0, 59))}, {draw(st.integers(0, 999999))}, {draw(a_tz())})"
        return f"({t}, str({t}), {t}.isoformat('milliseconds'), {t}.utcoffset())"
    return f"datetime.utcfromtimestamp({draw(st.one_of(st.integers(-10**10, 10**10), st.floats(-1e10, 1e10, allow_nan=False)))!r})"


@st.composite
def program(draw) -> str:
    lines = [f"show(lambda: {draw(expr())})" for _ in range(draw(st.integers(10, 30)))]
    return PRELUDE + "\n".join(lines) + "\n"


SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: two processes a step


@SETTINGS
@given(program())
def test_datetime_arithmetic_matches_cpython(src: str) -> None:
    assert_batch_matches(src, labels=src.splitlines()[6:], oracle_process=True)
