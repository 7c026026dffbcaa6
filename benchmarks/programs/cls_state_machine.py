# Class-heavy: a tokenizer as a state machine, one object per state and a
# method call per input character (about 1,000,000 dispatches).
class State:
    def __init__(self, machine):
        self.m = machine


class Idle(State):
    def feed(self, c):
        m = self.m
        if c.isdigit():
            m.start(c)
            return m.number
        if c.isalpha():
            m.start(c)
            return m.word
        return self


class Number(State):
    def feed(self, c):
        m = self.m
        if c.isdigit():
            m.extend(c)
            return self
        m.emit_number()
        return m.idle.feed(c)


class Word(State):
    def feed(self, c):
        m = self.m
        if c.isalnum():
            m.extend(c)
            return self
        m.emit_word()
        return m.idle.feed(c)


class Machine:
    def __init__(self):
        self.idle = Idle(self)
        self.number = Number(self)
        self.word = Word(self)
        self.state = self.idle
        self.buf = []
        self.numbers = 0
        self.number_sum = 0
        self.words = 0
        self.longest = ""

    def start(self, c):
        self.buf = [c]

    def extend(self, c):
        self.buf.append(c)

    def emit_number(self):
        self.numbers += 1
        self.number_sum += int("".join(self.buf))

    def emit_word(self):
        self.words += 1
        w = "".join(self.buf)
        if len(w) > len(self.longest):
            self.longest = w

    def run(self, text):
        state = self.state
        for c in text:
            state = state.feed(c)
        self.state = state.feed(" ")


def main():
    parts = []
    for i in range(70000):
        parts.append("w%d %d, %s;" % (i % 97, i * 7 % 1009, "ab" * (i % 5)))
    text = " ".join(parts)
    m = Machine()
    m.run(text)
    print(len(text), m.numbers, m.number_sum, m.words, m.longest)


main()
