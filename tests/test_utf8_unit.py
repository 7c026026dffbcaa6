"""csrc/core/utf8.c (the engine's one UTF-8 module) against CPython's codec.

The driver csrc/tests/test_utf8.c is built by the Makefile against the
engine library (ASan+UBSan). For edge-case and random byte strings it
decodes strictly and with surrogatepass; the result (code points, or the
first error's position, length and reason) must be what CPython's
bytes.decode reports. Each decoded string also round-trips through the
module's encode, fast decode and backwards step.
"""

import os
import random
import subprocess


from _cbuild import SAN_ENV, c_program


def _expected(data: bytes, mode: str) -> str:
    try:
        text = data.decode("utf-8", "surrogatepass" if mode == "pass" else "strict")
    except UnicodeDecodeError as e:
        return f"ERR {e.start} {e.end - e.start} {e.reason}"
    return f"OK {len(text)} " + ",".join(f"{ord(c):x}" for c in text)


def _cases() -> list:
    leads = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
             0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF]
    conts = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
    out = []
    for a in leads:
        out.append(bytes([a]))
        for b in conts:
            out.append(bytes([a, b]))
            for c in (0x80, 0xBF, 0x41):
                out.append(bytes([a, b, c]))
                out.append(bytes([a, b, c, 0x80]))
    rng = random.Random("utf8")
    alphabet = [0x41, 0x80, 0xA0, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0x90, 0x9F]
    for _ in range(3000):
        out.append(bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    for _ in range(500):
        s = "".join(chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x7FF),
                                    rng.randint(0x800, 0xFFFF), rng.randint(0x10000, 0x10FFFF)]))
                    for _ in range(rng.randint(1, 20)))
        out.append(s.encode("utf-8", "surrogatepass"))
    return out


def test_utf8_module_matches_cpython_codec():
    exe, desc = c_program("test_utf8", "asan", probe=[])
    cases = [(mode, data) for data in _cases() for mode in ("strict", "pass")]
    lines = "".join(f"{mode} {data.hex()}\n" for mode, data in cases)
    p = subprocess.run([str(exe), "-"], input=lines, capture_output=True, text=True, timeout=300,
                       env={**os.environ, **SAN_ENV})
    assert p.returncode == 0, p.stderr[-3000:]
    got = p.stdout.splitlines()
    assert len(got) == len(cases), (desc, p.stderr[-2000:])
    bad = [(mode, data.hex(), g, _expected(data, mode))
           for (mode, data), g in zip(cases, got) if g != _expected(data, mode)]
    assert not bad, bad[:10]


def test_self_test():
    exe, _ = c_program("test_utf8", "asan", probe=[])
    p = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60,
                       env={**os.environ, **SAN_ENV})
    assert p.returncode == 0, p.stdout + p.stderr
