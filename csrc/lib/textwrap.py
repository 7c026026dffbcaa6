"""Text wrapping and filling (CPython 3.11's textwrap, for pyexpr).

Words are split by a scanner that follows the rules of CPython's
wordsep_re (whitespace runs; em-dashes between words; hyphenated words
broken after a hyphen between letters) instead of a regular expression.
"""

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

_whitespace = '\t\n\x0b\x0c\r '
_WS = frozenset(_whitespace)


def _is_word(c):
    # \w
    return c.isalnum() or c == '_'


def _is_letter(c):
    # [^\d\W]: a word character that is not a decimal digit
    return (c.isalnum() or c == '_') and not c.isdecimal()


def _is_word_punct(c):
    # [\w!"'&.,?]
    return _is_word(c) or c in '!"\'&.,?'


def _dash_run(text, j):
    # the end of the run of '-' starting at j
    n = len(text)
    while j < n and text[j] == '-':
        j += 1
    return j


def _em_dash_at(text, j):
    # (?=-{2,}\w) at j
    e = _dash_run(text, j)
    return e - j >= 2 and e < len(text) and _is_word(text[e])


def _hyphen_breaks(text, j):
    # the hyphen at text[j] ends a chunk: letters around it
    n = len(text)
    behind = (j >= 2 and _is_letter(text[j - 1]) and _is_letter(text[j - 2])) or \
             (j >= 3 and _is_letter(text[j - 1]) and text[j - 2] == '-' and
              _is_letter(text[j - 3]))
    if not behind or j + 1 >= n or not _is_letter(text[j + 1]):
        return False
    k = j + 2
    if k < n and text[k] == '-':
        k += 1
    return k < n and _is_letter(text[k])


def _split_hyphenated(text):
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in _WS:
            j = i + 1
            while j < n and text[j] in _WS:
                j += 1
            chunks.append(text[i:j])
            i = j
            continue
        if c == '-' and i > 0 and _is_word_punct(text[i - 1]) and _em_dash_at(text, i):
            j = _dash_run(text, i)
            chunks.append(text[i:j])
            i = j
            continue
        # a word: the shortest run of non-whitespace ending where one of
        # the word rules holds
        j = i + 1
        while True:
            if j < n and text[j] == '-' and _hyphen_breaks(text, j):
                j += 1
                break
            if j >= n or text[j] in _WS:
                break
            if _is_word_punct(text[j - 1]) and _em_dash_at(text, j):
                break
            j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


def _split_simple(text):
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        ws = text[i] in _WS
        j = i + 1
        while j < n and (text[j] in _WS) == ws:
            j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


def _sentence_end(chunk):
    # [a-z][\.\!\?][\"\']?\Z
    if chunk and chunk[-1] in '"\'':
        chunk = chunk[:-1]
    return (len(chunk) >= 2 and chunk[-1] in '.!?' and
            'a' <= chunk[-2] <= 'z')


_OPTIONS = ('width', 'initial_indent', 'subsequent_indent', 'expand_tabs',
            'replace_whitespace', 'fix_sentence_endings', 'break_long_words',
            'drop_whitespace', 'break_on_hyphens', 'tabsize', 'max_lines',
            'placeholder')


class TextWrapper:
    def __init__(self, width=70, initial_indent='', subsequent_indent='',
                 expand_tabs=True, replace_whitespace=True,
                 fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8,
                 *, max_lines=None, placeholder=' [...]'):
        values = (width, initial_indent, subsequent_indent, expand_tabs,
                  replace_whitespace, fix_sentence_endings, break_long_words,
                  drop_whitespace, break_on_hyphens, tabsize, max_lines, placeholder)
        for name, value in zip(_OPTIONS, values):
            setattr(self, name, value)

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            for c in _whitespace:
                if c != ' ':
                    text = text.replace(c, ' ')
        return text

    def _split(self, text):
        if self.break_on_hyphens:
            return _split_hyphenated(text)
        return _split_simple(text)

    def _fix_sentence_endings(self, chunks):
        for i in range(len(chunks) - 1):
            if chunks[i + 1] == ' ' and _sentence_end(chunks[i]):
                chunks[i + 1] = '  '

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    def _long_word(self, pending, line, used, room):
        # the next chunk does not fit on an empty line: cut it (after a
        # hyphen when one is in reach) or put it whole on a line of its own
        left = room - used if room >= 1 else 1
        chunk = pending[-1]
        if self.break_long_words:
            cut = left
            if self.break_on_hyphens and len(chunk) > left:
                h = chunk.rfind('-', 0, left)
                if h > 0 and chunk[:h].strip('-'):
                    cut = h + 1
            line.append(chunk[:cut])
            pending[-1] = chunk[cut:]
        elif not line:
            line.append(pending.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError('invalid width %r (must be > 0)' % self.width)
        placeholder = self.placeholder
        if self.max_lines is not None:
            first = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(first) + len(placeholder.lstrip()) > self.width:
                raise ValueError('placeholder too large for max width')
        lines = []
        pending = chunks[::-1]
        while pending:
            indent = self.subsequent_indent if lines else self.initial_indent
            room = self.width - len(indent)
            if self.drop_whitespace and lines and not pending[-1].strip():
                pending.pop()
            line = []
            used = 0
            while pending and used + len(pending[-1]) <= room:
                used += len(pending[-1])
                line.append(pending.pop())
            if pending and len(pending[-1]) > room:
                self._long_word(pending, line, used, room)
                used = sum([len(c) for c in line])
            if self.drop_whitespace and line and not line[-1].strip():
                used -= len(line[-1])
                line.pop()
            if not line:
                continue
            last_allowed = (self.max_lines is None or len(lines) + 1 < self.max_lines)
            rest_empty = (not pending or (self.drop_whitespace and len(pending) == 1 and
                                          not pending[0].strip()))
            if last_allowed or (rest_empty and used <= room):
                lines.append(indent + ''.join(line))
                continue
            # the last line allowed: end it with the placeholder
            while line:
                if line[-1].strip() and used + len(placeholder) <= room:
                    lines.append(indent + ''.join(line) + placeholder)
                    return lines
                used -= len(line[-1])
                line.pop()
            if lines:
                prev = lines[-1].rstrip()
                if len(prev) + len(placeholder) <= self.width:
                    lines[-1] = prev + placeholder
                    return lines
            lines.append(indent + placeholder.lstrip())
            return lines
        return lines

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return '\n'.join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def _line_margin(line):
    # the leading blanks of a line holding something else, None for a blank line
    k = 0
    while k < len(line) and line[k] in ' \t':
        k += 1
    if k == len(line):
        return None
    return line[:k]


def dedent(text):
    lines = text.split('\n')
    margin = None
    for i in range(len(lines)):
        m = _line_margin(lines[i])
        if m is None:
            lines[i] = ''
            continue
        if margin is None or m.startswith(margin):
            margin = m if margin is None else margin
        elif margin.startswith(m):
            margin = m
        else:
            k = 0
            while k < len(m) and k < len(margin) and m[k] == margin[k]:
                k += 1
            margin = margin[:k]
    if margin:
        n = len(margin)
        lines = [ln[n:] if ln.startswith(margin) else ln for ln in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    out = []
    for line in text.splitlines(True):
        if (predicate(line) if predicate is not None else line.strip()):
            out.append(prefix + line)
        else:
            out.append(line)
    return ''.join(out)
