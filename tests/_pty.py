"""Drive an interactive program through a real pseudo-terminal.

``Pty`` starts a program with a pty as its controlling terminal (so Ctrl-C
typed as byte 0x03 becomes SIGINT while the terminal is in cooked mode),
sends keystrokes, collects everything the program writes, and renders it
with ``Screen``, a small VT100 emulator (cursor moves, erase, autowrap with
the pending-wrap rule, wide characters), so tests assert on what the user
actually sees rather than on escape sequences.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
import unicodedata

# Keys as a terminal sends them (xterm, normal cursor mode).
UP, DOWN, RIGHT, LEFT = "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D"
HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"
CTRL_LEFT, CTRL_RIGHT = "\x1b[1;5D", "\x1b[1;5C"
CTRL = {c: chr(ord(c) - 96) for c in "abcdefghijklmnopqrstuvwxyz"}
TAB, BACKSPACE, ENTER = "\t", "\x7f", "\r"


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    """The visible state of a rows x cols terminal fed with output bytes."""

    def __init__(self, rows: int = 24, cols: int = 80):
        self.rows, self.cols = rows, cols
        self.grid = [[" "] * cols for _ in range(rows)]
        self.y = self.x = 0
        self.pending_wrap = False
        self.scrolled: list[str] = []  # lines scrolled off the top

    def _scroll(self):
        self.scrolled.append("".join(self.grid[0]).rstrip())
        del self.grid[0]
        self.grid.append([" "] * self.cols)

    def _linefeed(self):
        if self.y == self.rows - 1:
            self._scroll()
        else:
            self.y += 1

    def _put(self, ch: str):
        w = char_width(ch)
        if w == 0:
            return
        if self.pending_wrap or self.x + w > self.cols:
            self.x = 0
            self._linefeed()
            self.pending_wrap = False
        self.grid[self.y][self.x] = ch
        if w == 2:
            self.grid[self.y][self.x + 1] = ""
        self.x += w
        if self.x >= self.cols:
            self.x = self.cols - 1
            self.pending_wrap = True

    def feed(self, data: str):
        i, n = 0, len(data)
        while i < n:
            ch = data[i]
            if ch == "\x1b":
                m = re.match(r"\x1b\[([?>=]?)([0-9;]*)([@-~])", data[i:])
                if m:
                    self._csi(m.group(1), m.group(2), m.group(3))
                    i += m.end()
                    continue
                i += 2  # ESC x (ESC =, ESC >, ...): ignored
                continue
            if ch == "\r":
                self.x = 0
                self.pending_wrap = False
            elif ch == "\n":
                self._linefeed()
                self.pending_wrap = False
            elif ch == "\b":
                if self.pending_wrap:
                    self.pending_wrap = False
                elif self.x > 0:
                    self.x -= 1
            elif ch == "\t":
                self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
            elif ch == "\x07" or ord(ch) < 0x20:
                pass
            else:
                self._put(ch)
            i += 1

    def _csi(self, private: str, params: str, final: str):
        if private:
            return  # modes such as bracketed paste: no visible effect
        ps = [int(p) if p else 0 for p in params.split(";")] if params else []
        n = ps[0] if ps and ps[0] else 1
        self.pending_wrap = False
        if final == "A":
            self.y = max(0, self.y - n)
        elif final == "B":
            self.y = min(self.rows - 1, self.y + n)
        elif final == "C":
            self.x = min(self.cols - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final in "Hf":
            r = (ps[0] if len(ps) > 0 and ps[0] else 1) - 1
            c = (ps[1] if len(ps) > 1 and ps[1] else 1) - 1
            self.y, self.x = min(r, self.rows - 1), min(c, self.cols - 1)
        elif final == "J":
            mode = ps[0] if ps else 0
            if mode == 0:
                self.grid[self.y][self.x:] = [" "] * (self.cols - self.x)
                for r in range(self.y + 1, self.rows):
                    self.grid[r] = [" "] * self.cols
            elif mode in (2, 3):
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            mode = ps[0] if ps else 0
            if mode == 0:
                self.grid[self.y][self.x:] = [" "] * (self.cols - self.x)
            elif mode == 1:
                self.grid[self.y][: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.grid[self.y] = [" "] * self.cols
        elif final == "P":  # delete characters
            row = self.grid[self.y]
            del row[self.x : self.x + n]
            row.extend([" "] * (self.cols - len(row)))
        elif final == "@":  # insert blanks
            row = self.grid[self.y]
            row[self.x : self.x] = [" "] * n
            del row[self.cols :]

    def lines(self) -> list[str]:
        return ["".join(r).rstrip() for r in self.grid]

    def text(self) -> str:
        """Scrollback plus screen, trailing blank lines dropped."""
        all_lines = self.scrolled + self.lines()
        while all_lines and not all_lines[-1]:
            all_lines.pop()
        return "\n".join(all_lines)

    def cursor(self) -> tuple[int, int]:
        return self.y, self.x


class Pty:
    """A program running on a pseudo-terminal of rows x cols."""

    def __init__(self, argv, env=None, rows=24, cols=80, cwd=None):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = Screen(rows, cols)
        self.raw = b""

        def make_controlling_tty():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
            preexec_fn=make_controlling_tty, close_fds=True,
        )
        os.close(slave)
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def _pump(self, timeout: float) -> bool:
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            return False
        self.raw += data
        self.screen.feed(self._decoder.decode(data))
        return True

    def send(self, keys: str | bytes, delay: float = 0.05):
        if isinstance(keys, str):
            keys = keys.encode()
        os.write(self.master, keys)
        self.settle(delay)

    def settle(self, quiet: float = 0.15, limit: float = 5.0):
        """Read output until nothing arrives for `quiet` seconds."""
        end = time.monotonic() + limit
        while time.monotonic() < end and self._pump(quiet):
            pass

    def expect(self, pattern: str, timeout: float = 10.0) -> re.Match:
        """Wait until the rendered text matches the regex pattern."""
        end = time.monotonic() + timeout
        rx = re.compile(pattern, re.S | re.M)
        while True:
            m = rx.search(self.screen.text())
            if m:
                return m
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"timed out waiting for {pattern!r}; screen:\n{self.screen.text()}"
                )
            self._pump(min(left, 0.2))

    def wait_prompt(self, prompt: str = ">>> ", timeout: float = 10.0):
        """Wait until the last non-empty line is exactly the prompt."""
        end = time.monotonic() + timeout
        while True:
            lines = [l for l in self.screen.text().split("\n")]
            if lines and lines[-1] == prompt.rstrip() and self.screen.cursor()[1] == len(prompt):
                self.settle(0.05)
                lines = self.screen.text().split("\n")
                if lines[-1] == prompt.rstrip():
                    return
            if time.monotonic() > end:
                raise AssertionError(f"no {prompt!r} prompt; screen:\n{self.screen.text()}")
            self._pump(0.2)

    def close(self, timeout: float = 10.0) -> int:
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGKILL)
            rc = self.proc.wait()
        while self._pump(0.05):
            pass
        os.close(self.master)
        return rc

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        try:
            os.close(self.master)
        except OSError:
            pass
