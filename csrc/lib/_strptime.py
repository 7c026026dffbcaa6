"""strptime for time and datetime: CPython 3.11's directives in the C locale,
its matching (each directive's alternatives tried in the order of CPython's
regular expression, case-insensitively, with backtracking), its defaults
and its messages. No `re`: a small matcher over the parsed format."""

from time import _ymd2ord, _ord2ymd, _is_leap, struct_time

_D = "0123456789"
_NZ = "123456789"

# the alternatives of each numeric directive: one allowed-character set per
# position, in CPython's alternation order
_NUMERIC = {
    "d": (("3", "01"), ("12", _D), ("0", _NZ), (_NZ,), (" ", _NZ)),
    "f": ((_D,) * 6, (_D,) * 5, (_D,) * 4, (_D,) * 3, (_D,) * 2, (_D,)),
    "H": (("2", "0123"), ("01", _D), (_D,)),
    "I": (("1", "012"), ("0", _NZ), (_NZ,)),
    "G": ((_D,) * 4,),
    "j": (("3", "6", "0123456"), ("3", "012345", _D), ("12", _D, _D), ("0", _NZ, _D),
          ("0", "0", _NZ), (_NZ, _D), ("0", _NZ), (_NZ,)),
    "m": (("1", "012"), ("0", _NZ), (_NZ,)),
    "M": (("012345", _D), (_D,)),
    "S": (("6", "01"), ("012345", _D), (_D,)),
    "U": (("5", "0123"), ("01234", _D), (_D,)),
    "W": (("5", "0123"), ("01234", _D), (_D,)),
    "w": (("0123456",),),
    "u": (("1234567",),),
    "V": (("5", "0123"), ("0", _NZ), ("1234", _D), (_D,)),
    "y": ((_D, _D),),
    "Y": ((_D,) * 4,),
}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")


def _longest_first(names):
    return tuple(sorted(names, key=len, reverse=True))


_NAMES = {
    "A": _longest_first(_WEEKDAYS),
    "a": _longest_first([n[:3] for n in _WEEKDAYS]),
    "B": _longest_first(_MONTHS),
    "b": _longest_first([n[:3] for n in _MONTHS]),
    "p": ("am", "pm"),
    "Z": ("utc", "gmt"),
}

_FIELD = {"Y": 0, "m": 1, "d": 2, "H": 3, "M": 4, "S": 5, "G": 6, "j": 7, "V": 8}
_EXPAND = {"c": "%a %b %d %H:%M:%S %Y", "x": "%m/%d/%y", "X": "%H:%M:%S"}
_SPACE = " \t\n\r\x0b\x0c"


def _compile(fmt, tokens):
    """fmt -> tokens: ("lit", c), ("ws",), ("dir", letter)."""
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c in _SPACE:
            while i < n and fmt[i] in _SPACE:
                i += 1
            tokens.append(("ws",))
            continue
        if c != "%":
            tokens.append(("lit", c.lower()))
            i += 1
            continue
        if i + 1 >= n:
            raise IndexError
        d = fmt[i + 1]
        i += 2
        if d in _EXPAND:
            _compile(_EXPAND[d], tokens)
        elif d == "%":
            tokens.append(("lit", "%"))
        elif d in _NUMERIC or d in _NAMES or d == "z":
            tokens.append(("dir", d))
        else:
            raise KeyError("%" if d in _SPACE else d)
    return tokens


def _z_ends(s, p):
    n = len(s)
    if p < n and s[p] == "Z":
        return [p + 1]

    def dig(i, chars=_D):
        return i < n and s[i] in chars

    if not (p < n and s[p] in "+-" and dig(p + 1) and dig(p + 2)):
        return []
    ends = []
    q0 = p + 3
    for q in ([q0 + 1, q0] if q0 < n and s[q0] == ":" else [q0]):
        if not (dig(q, "012345") and dig(q + 1)):
            continue
        r0 = q + 2
        for r in ([r0 + 1, r0] if r0 < n and s[r0] == ":" else [r0]):
            if dig(r, "012345") and dig(r + 1):
                u = r + 2
                if u < n and s[u] == ".":
                    k = 0
                    while k < 6 and dig(u + 1 + k):
                        k += 1
                    while k > 0:
                        ends.append(u + 1 + k)
                        k -= 1
                ends.append(u)
        ends.append(r0)
    return ends


def _ends(d, s, low, p):
    """End positions of directive d at s[p:], in the regex's order."""
    if d in _NUMERIC:
        out = []
        for alt in _NUMERIC[d]:
            k = len(alt)
            if p + k <= len(s):
                ok = True
                for j in range(k):
                    if s[p + j] not in alt[j]:
                        ok = False
                        break
                if ok:
                    out.append(p + k)
        return out
    if d == "z":
        return _z_ends(s, p)
    return [p + len(name) for name in _NAMES[d] if low.startswith(name, p)]


def _match(tokens, s, low):
    """CPython's re.match: the first match in priority order, as (end,
    {directive: text}), or None. Backtracking with an explicit stack."""
    found = {}
    # stack of (token index, position, candidate ends, next candidate)
    stack = []
    ti = 0
    pos = 0
    n = len(tokens)
    while True:
        if ti == n:
            return pos, found
        tok = tokens[ti]
        if tok[0] == "lit":
            if pos < len(low) and low[pos] == tok[1]:
                ti += 1
                pos += 1
                continue
            cands = []
        elif tok[0] == "ws":
            e = pos
            while e < len(s) and s[e] in _SPACE:
                e += 1
            cands = list(range(e, pos, -1))
        else:
            cands = _ends(tok[1], s, low, pos)
        if cands:
            stack.append((ti, pos, cands, 1))
            if tok[0] == "dir":
                found[tok[1]] = s[pos:cands[0]]
            ti += 1
            pos = cands[0]
            continue
        # backtrack to the newest choice point with a candidate left
        while stack:
            bti, bpos, bcands, k = stack.pop()
            if k < len(bcands):
                stack.append((bti, bpos, bcands, k + 1))
                if tokens[bti][0] == "dir":
                    found[tokens[bti][1]] = s[bpos:bcands[k]]
                ti = bti + 1
                pos = bcands[k]
                break
        else:
            return None


def _julian_from_week(year, week, weekday, monday_first):
    first = (_ymd2ord(year, 1, 1) + 6) % 7
    if not monday_first:
        first = (first + 1) % 7
        weekday = (weekday + 1) % 7
    if week == 0:
        return 1 + weekday - first
    return 1 + (7 - first) % 7 + 7 * (week - 1) + weekday


def _parse(data, fmt):
    try:
        tokens = _compile(fmt, [])
    except KeyError as err:
        raise ValueError("'%s' is a bad directive in format '%s'" % (err.args[0], fmt)) from None
    except IndexError:
        raise ValueError("stray %% in format '%s'" % fmt) from None
    m = _match(tokens, data, data.lower())
    if m is None:
        raise ValueError("time data %r does not match format %r" % (data, fmt))
    end, found = m
    if end != len(data):
        raise ValueError("unconverted data remains: %s" % data[end:])
    # year, month, day, hour, minute, second, then G, j, V
    f = [None, 1, 1, 0, 0, 0, None, None, None]
    fraction = 0
    tz = -1
    gmtoff = None
    gmtoff_fraction = 0
    week = week_start = weekday = None
    for key in found:
        v = found[key]
        if key in _FIELD:
            f[_FIELD[key]] = int(v)
        elif key == "y":
            f[0] = int(v) + (2000 if int(v) <= 68 else 1900)
        elif key == "B":
            f[1] = _MONTHS.index(v.lower()) + 1
        elif key == "b":
            f[1] = [n[:3] for n in _MONTHS].index(v.lower()) + 1
        elif key == "I":
            hour = int(v)
            ampm = found.get("p", "").lower()
            if ampm in ("", "am"):
                if hour == 12:
                    hour = 0
            elif hour != 12:
                hour += 12
            f[3] = hour
        elif key == "f":
            fraction = int(v + "0" * (6 - len(v)))
        elif key == "A":
            weekday = _WEEKDAYS.index(v.lower())
        elif key == "a":
            weekday = [n[:3] for n in _WEEKDAYS].index(v.lower())
        elif key == "w":
            weekday = int(v)
            weekday = 6 if weekday == 0 else weekday - 1
        elif key == "u":
            weekday = int(v) - 1
        elif key == "U" or key == "W":
            week = int(v)
            week_start = 6 if key == "U" else 0
        elif key == "z":
            if v == "Z":
                gmtoff = 0
            else:
                z = v
                if z[3] == ":":
                    z = z[:3] + z[4:]
                    if len(z) > 5:
                        if z[5] != ":":
                            raise ValueError("Inconsistent use of : in %s" % v)
                        z = z[:5] + z[6:]
                gmtoff = int(z[1:3]) * 3600 + int(z[3:5]) * 60 + int(z[5:7] or 0)
                rest = z[8:]
                gmtoff_fraction = int(rest + "0" * (6 - len(rest)))
                if z[0] == "-":
                    gmtoff = -gmtoff
                    gmtoff_fraction = -gmtoff_fraction
        elif key == "Z":
            tz = 0
    year, month, day, hour, minute, second, iso_year, julian, iso_week = f
    if year is None and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week directive "
                             "'%V' and a weekday directive ('%A', '%a', '%w', or '%u').")
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with ISO year "
                             "directive '%G'. Use '%Y' instead.")
    elif iso_week is not None:
        if year is None or weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year directive "
                             "'%G' and a weekday directive ('%A', '%a', '%w', or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with the year directive "
                         "'%Y'. Use the ISO year '%G' instead.")
    leap_fix = False
    if year is None and month == 2 and day == 29:
        year = 1904
        leap_fix = True
    elif year is None:
        year = 1900
    if julian is None and weekday is not None:
        if week is not None:
            julian = _julian_from_week(year, week, weekday, week_start == 0)
        elif iso_year is not None and iso_week is not None:
            # ISO 8601 week date -> (year, day of year)
            jan4 = _ymd2ord(iso_year, 1, 4)
            ordinal = iso_week * 7 + weekday + 1 - (jan4 % 7 or 7) - 3
            if ordinal < 1:
                ordinal += _ymd2ord(iso_year, 1, 1)
                iso_year -= 1
                ordinal -= _ymd2ord(iso_year, 1, 1)
            year = iso_year
            julian = ordinal
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if _is_leap(year) else 365
    if julian is None:
        julian = _checked_ordinal(year, month, day) - _ymd2ord(year, 1, 1) + 1
    else:
        year, month, day = _ord2ymd(julian - 1 + _ymd2ord(year, 1, 1))
    if weekday is None:
        weekday = (_checked_ordinal(year, month, day) + 6) % 7
    if leap_fix:
        year = 1900
    return ((year, month, day, hour, minute, second, weekday, julian, tz),
            found.get("Z"), gmtoff, fraction, gmtoff_fraction)


def _checked_ordinal(year, month, day):
    from datetime import date
    return date(year, month, day).toordinal()


def struct(data, fmt):
    for i, arg in enumerate((data, fmt)):
        if not isinstance(arg, str):
            raise TypeError("strptime() argument %d must be str, not %s" % (i, type(arg)))
    tt, zone, gmtoff, fraction, gmtoff_fraction = _parse(data, fmt)
    return struct_time(tt, zone, gmtoff)


def _datetime(cls, data, fmt):
    for i, arg in enumerate((data, fmt)):
        if not isinstance(arg, str):
            raise TypeError("strptime() argument %d must be str, not %s"
                            % (i + 1, type(arg).__name__))
    tt, zone, gmtoff, fraction, gmtoff_fraction = _parse(data, fmt)
    args = tt[:6] + (fraction,)
    if gmtoff is not None:
        from datetime import timedelta, timezone
        delta = timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
        args += (timezone(delta, zone) if zone else timezone(delta),)
    return cls(*args)
