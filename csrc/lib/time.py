"""Time access: CPython 3.11's `time` for a sandbox. The clocks and sleep()
come from _time (csrc/core/mod_time.c); struct_time, gmtime and strftime
are here (C-locale formatting). The host's time zone is not visible:
local time is UTC (localtime() is gmtime(), timezone is 0)."""

from _time import (time, time_ns, monotonic, monotonic_ns, perf_counter,
                   perf_counter_ns, process_time, process_time_ns, sleep)

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
           'tm_wday', 'tm_yday', 'tm_isdst')

_DAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July',
           'August', 'September', 'October', 'November', 'December')
_DAYS_IN_MONTH = (-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(year, month, day):
    """Proleptic Gregorian ordinal: 0001-01-01 is 1."""
    before = _DAYS_BEFORE_MONTH[month] + (1 if month > 2 and _is_leap(year) else 0)
    return _days_before_year(year) + before + day


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, 146097)
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = _is_leap(year)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (1 if month > 2 and leap else 0)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (1 if month == 2 and leap else 0)
    return year, month, n - preceding + 1


def _int(x):
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    if hasattr(type(x), '__index__'):
        return type(x).__index__(x)
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)


class _SeqView:
    """A read-only view behaving as its tuple self._t (struct_time,
    datetime's IsoCalendarDate: CPython makes them tuple subclasses)."""

    __slots__ = ("_t",)

    def __getitem__(self, i):
        return self._t[i]

    def __len__(self):
        return len(self._t)

    def __iter__(self):
        return iter(self._t)

    def __hash__(self):
        return hash(self._t)

    def __eq__(self, other):
        if isinstance(other, _SeqView):
            other = other._t
        if isinstance(other, tuple):
            return self._t == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        return self._t < tuple(other)

    def __le__(self, other):
        return self._t <= tuple(other)

    def __gt__(self, other):
        return self._t > tuple(other)

    def __ge__(self, other):
        return self._t >= tuple(other)

    def __add__(self, other):
        return self._t + other

    def __contains__(self, x):
        return x in self._t


class struct_time(_SeqView):
    """The time value as returned by gmtime(), localtime() and strptime()."""

    __slots__ = ("tm_zone", "tm_gmtoff")
    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __init__(self, seq, zone='UTC', gmtoff=0):
        t = tuple(seq)
        if len(t) < 9:
            raise TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)"
                            % len(t))
        if len(t) > 11:
            raise TypeError("time.struct_time() takes an at most 11-sequence (%d-sequence given)"
                            % len(t))
        if len(t) > 9:
            zone = t[9]
            gmtoff = t[10] if len(t) > 10 else None
        self._t = t[:9]
        self.tm_zone = zone
        self.tm_gmtoff = gmtoff

    def __repr__(self):
        return 'time.struct_time(%s)' % ', '.join(
            '%s=%r' % (n, v) for n, v in zip(_FIELDS, self._t))

    def __getattr__(self, name):
        if name in _FIELDS:
            return self._t[_FIELDS.index(name)]
        raise AttributeError("'time.struct_time' object has no attribute '%s'" % name)

def _from_seconds(secs):
    """struct_time fields of UTC seconds since the epoch (an int)."""
    days, rem = divmod(secs, 86400)
    hour, rem = divmod(rem, 3600)
    minute, sec = divmod(rem, 60)
    ordinal = days + 719163
    year, month, mday = _ord2ymd(ordinal)
    yday = ordinal - _ymd2ord(year, 1, 1) + 1
    return (year, month, mday, hour, minute, sec, (ordinal + 6) % 7, yday, 0)


def _seconds_arg(secs):
    if secs is None:
        return int(time() // 1)
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        return int(secs // 1)
    return _int(secs)


def gmtime(secs=None):
    return struct_time(_from_seconds(_seconds_arg(secs)), 'GMT', 0)


def localtime(secs=None):
    return struct_time(_from_seconds(_seconds_arg(secs)), 'UTC', 0)


def mktime(t):
    t = _time_tuple('mktime', t)
    days = _ymd2ord(t[0], t[1], t[2]) - 719163
    return float(days * 86400 + t[3] * 3600 + t[4] * 60 + t[5])


def _time_tuple(fname, t):
    if t is None:
        return localtime()._t
    if isinstance(t, struct_time):
        return t._t
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError("%s(): illegal time tuple argument" % fname)
    return tuple(_int(x) for x in t)


_RANGES = ((1, 1, 12, "month"), (2, 1, 31, "day of month"), (3, 0, 23, "hour"),
           (4, 0, 59, "minute"), (5, 0, 61, "seconds"), (7, 1, 366, "day of year"))


def _checked(t):
    t = list(t)
    for i, lo, hi, name in _RANGES:
        if t[i] == 0 and lo == 1:
            t[i] = 1
        elif not lo <= t[i] <= hi:
            raise ValueError("%s out of range" % name)
    if t[6] < 0:
        raise ValueError("day of week out of range")
    t[6] %= 7
    return tuple(t)


def _iso(t):
    # ISO year, week and weekday of a (year, yday, wday) triple
    year = t[0]
    wday = t[6] + 1
    week = (t[7] - wday + 10) // 7
    if week < 1:
        year -= 1
        pdays = 366 if _is_leap(year) else 365
        week = (t[7] + pdays - wday + 10) // 7
    elif week == 53:
        ndays = 366 if _is_leap(year) else 365
        if t[7] - wday + 4 > ndays:
            year += 1
            week = 1
    return year, week, wday


def _format(fmt, t, zone, offset, us=None):
    """strftime's C-locale directives on a checked 9-tuple (Monday = 0)."""
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = fmt[i + 1]
        i += 2
        if d == 'Y':
            out.append(str(t[0]))
        elif d == 'm':
            out.append('%02d' % t[1])
        elif d == 'd':
            out.append('%02d' % t[2])
        elif d == 'H':
            out.append('%02d' % t[3])
        elif d == 'M':
            out.append('%02d' % t[4])
        elif d == 'S':
            out.append('%02d' % t[5])
        elif d == 'y':
            out.append('%02d' % (t[0] % 100))
        elif d == 'a':
            out.append(_DAYS[t[6]][:3])
        elif d == 'A':
            out.append(_DAYS[t[6]])
        elif d == 'b' or d == 'h':
            out.append(_MONTHS[t[1] - 1][:3])
        elif d == 'B':
            out.append(_MONTHS[t[1] - 1])
        elif d == 'j':
            out.append('%03d' % t[7])
        elif d == 'I':
            out.append('%02d' % ((t[3] + 11) % 12 + 1))
        elif d == 'l':
            out.append('%2d' % ((t[3] + 11) % 12 + 1))
        elif d == 'k':
            out.append('%2d' % t[3])
        elif d == 'p':
            out.append('AM' if t[3] < 12 else 'PM')
        elif d == 'P':
            out.append('am' if t[3] < 12 else 'pm')
        elif d == 'w':
            out.append(str((t[6] + 1) % 7))
        elif d == 'u':
            out.append(str(t[6] + 1))
        elif d == 'U':
            out.append('%02d' % ((t[7] + 6 - (t[6] + 1) % 7) // 7))
        elif d == 'W':
            out.append('%02d' % ((t[7] + 6 - t[6]) // 7))
        elif d == 'G':
            out.append(str(_iso(t)[0]))
        elif d == 'g':
            out.append('%02d' % (_iso(t)[0] % 100))
        elif d == 'V':
            out.append('%02d' % _iso(t)[1])
        elif d == 'e':
            out.append('%2d' % t[2])
        elif d == 'C':
            out.append('%02d' % (t[0] // 100))
        elif d == 'c':
            out.append(_format('%a %b %e %H:%M:%S %Y', t, zone, offset))
        elif d == 'x' or d == 'D':
            out.append(_format('%m/%d/%y', t, zone, offset))
        elif d == 'X' or d == 'T':
            out.append(_format('%H:%M:%S', t, zone, offset))
        elif d == 'F':
            out.append(_format('%Y-%m-%d', t, zone, offset))
        elif d == 'R':
            out.append(_format('%H:%M', t, zone, offset))
        elif d == 'r':
            out.append(_format('%I:%M:%S %p', t, zone, offset))
        elif d == 'n':
            out.append('\n')
        elif d == 't':
            out.append('\t')
        elif d == 'Z':
            out.append(zone)
        elif d == 'z':
            out.append(offset)
        elif d == 'f' and us is not None:
            out.append('%06d' % us)
        elif d == '%':
            out.append('%')
        else:
            out.append('%' + d)
    return ''.join(out)


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % type(format).__name__)
    zone = 'GMT' if isinstance(t, struct_time) and t.tm_zone == 'GMT' else 'UTC'
    return _format(format, _checked(_time_tuple('strftime', t)), zone, '+0000')


def asctime(t=None):
    t = _checked(_time_tuple('asctime', t))
    return _format('%a %b %e %H:%M:%S ', t, '', '') + str(t[0])


def ctime(secs=None):
    return asctime(localtime(secs))


def strptime(data_string, format='%a %b %d %H:%M:%S %Y'):
    import _strptime
    return _strptime.struct(data_string, format)
