"""Dates and times: CPython 3.11's `datetime` (its C implementation's reprs,
results and messages). Local time is UTC: the sandbox does not see the
host's time zone. now()/today()/fromtimestamp() read the host's clock."""

import time as _time
from time import _is_leap, _ymd2ord, _ord2ymd, _DAYS_IN_MONTH, _DAYS_BEFORE_MONTH
import math as _math
from _time import time as _clock

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo",
           "MINYEAR", "MAXYEAR", "UTC")

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059
_MAX_DELTA_DAYS = 999999999

_DAYNAMES = (None, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHNAMES = (None, "Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_BUILTIN_TYPES = (int, float, str, bytes, bytearray, list, tuple, dict, set,
                  frozenset, type(None), range)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _tn(x):
    """The type name CPython's messages use ('datetime.date' for ours)."""
    t = type(x)
    if t in _OWN:
        return "datetime." + t.__name__
    return t.__name__


def _binop_error(op, a, b):
    raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (op, _tn(a), _tn(b)))


def _foreign(x):
    # a value of a built-in type or of this module that the operation does
    # not take: our dunders raise CPython's TypeError themselves (a user
    # class keeps its chance to answer the reflected operation)
    return isinstance(x, _BUILTIN_TYPES) or isinstance(x, _OWN)


def _cmp_error(op, a, b):
    raise TypeError("'%s' not supported between instances of '%s' and '%s'" % (op, _tn(a), _tn(b)))


def _index(x):
    if isinstance(x, int):
        return int(x)
    if not isinstance(x, float) and hasattr(type(x), "__index__"):
        return type(x).__index__(x)
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)


def _required(month, day):
    if month is None:
        raise TypeError("function missing required argument 'month' (pos 2)")
    if day is None:
        raise TypeError("function missing required argument 'day' (pos 3)")


def _check_date(year, month, day):
    year = _index(year)
    month = _index(month)
    day = _index(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("year %d is out of range" % year)
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")
    return year, month, day


def _check_time(hour, minute, second, microsecond, fold):
    vals = (_index(hour), _index(minute), _index(second), _index(microsecond))
    for v, (name, hi) in zip(vals, _TIME_FIELDS):
        if not 0 <= v <= hi:
            raise ValueError("%s must be in 0..%d" % (name, hi))
    if fold not in (0, 1):
        raise ValueError("fold must be either 0 or 1")
    return vals + (fold,)


_TIME_FIELDS = (("hour", 23), ("minute", 59), ("second", 59), ("microsecond", 999999))


def _init_time(self, hour, minute, second, microsecond, tz, fold):
    """Checks and sets the time fields of a new time or datetime."""
    t = _check_time(hour, minute, second, microsecond, fold)
    _check_tzinfo(tz)
    self._hour, self._minute, self._second, self._microsecond, self._fold = t
    self._tzinfo = tz
    return self


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % type(tz).__name__)


def _cround(x):
    # C's round(): halves away from zero
    if x < 0:
        return -_cround(-x)
    r = _math.floor(x)
    if x - r >= 0.5:
        r += 1
    return r


def _divide_nearest(a, b):
    q, r = divmod(a, b)
    r2 = 2 * r
    if b > 0:
        if r2 > b or (r2 == b and q % 2 == 1):
            q += 1
    elif r2 < b or (r2 == b and q % 2 == 1):
        q += 1
    return q


def _format_offset(off, sep):
    """'+HH<sep>MM[<sep>SS[.ffffff]]' of a timedelta, '' of None."""
    if off is None:
        return ""
    sign = "+"
    if off.days < 0:
        sign = "-"
        off = -off
    mm, ss = divmod(off._days * 86400 + off._seconds, 60)
    hh, mm = divmod(mm, 60)
    s = "%s%02d%s%02d" % (sign, hh, sep, mm)
    if ss or off._microseconds:
        s += "%s%02d" % (sep, ss)
        if off._microseconds:
            s += ".%06d" % off._microseconds
    return s


def _check_offset(name, off):
    if off is None:
        return
    if not isinstance(off, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, type(off).__name__))
    if not -timedelta(1) < off < timedelta(1):
        raise ValueError("offset must be a timedelta strictly between -timedelta(hours=24) "
                         "and timedelta(hours=24), not %r." % (off,))


def _tz_call(tz, name, dt):
    if tz is None:
        return None
    if name == "utcoffset":
        off = tz.utcoffset(dt)
    else:
        off = tz.dst(dt)
    _check_offset(name, off)
    return off


def _tzname(tz, dt):
    if tz is None:
        return None
    name = tz.tzname(dt)
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, not '%s'"
                        % type(name).__name__)
    return name


def _format_time(hh, mm, ss, us, timespec):
    if timespec == "auto":
        timespec = "microseconds" if us else "seconds"
    if timespec == "hours":
        return "%02d" % hh
    if timespec == "minutes":
        return "%02d:%02d" % (hh, mm)
    if timespec == "seconds":
        return "%02d:%02d:%02d" % (hh, mm, ss)
    if timespec == "milliseconds":
        return "%02d:%02d:%02d.%03d" % (hh, mm, ss, us // 1000)
    if timespec == "microseconds":
        return "%02d:%02d:%02d.%06d" % (hh, mm, ss, us)
    raise ValueError("Unknown timespec value")


def _strftime(obj, fmt, tt, us):
    if not isinstance(fmt, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % type(fmt).__name__)
    zone = ""
    offset = ""
    if isinstance(obj, (datetime, time)):
        tz = obj._tzinfo
        if tz is not None:
            arg = None if isinstance(obj, time) else obj
            offset = _format_offset(_tz_call(tz, "utcoffset", arg), "")
            zone = _tzname(tz, arg) or ""
    return _time._format(fmt, tt, zone, offset, us)


class _Base:
    """The rich comparisons of every class here, from self._cmp(other, op):
    -1/0/1, 2 for "unequal and unordered" (naive == aware), None for
    NotImplemented; _cmp raises the TypeErrors of the ordering operators."""

    __slots__ = ()

    def __eq__(self, other):
        c = self._cmp(other, "==")
        return NotImplemented if c is None else c == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        c = self._cmp(other, "<")
        return NotImplemented if c is None else c < 0

    def __le__(self, other):
        c = self._cmp(other, "<=")
        return NotImplemented if c is None else c <= 0

    def __gt__(self, other):
        c = self._cmp(other, ">")
        return NotImplemented if c is None else c > 0

    def __ge__(self, other):
        c = self._cmp(other, ">=")
        return NotImplemented if c is None else c >= 0

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("must be str, not %s" % type(fmt).__name__)
        if fmt:
            return self.strftime(fmt)
        return str(self)

    def _nocmp(self, other, op):
        # other is not comparable: ordering a built-in or one of ours raises
        if _foreign(other) and op != "==":
            _cmp_error(op, self, other)
        return None

    # the arithmetic a class does not define: CPython's TypeError for the
    # built-in types and ours (NotImplemented lets a user class answer)
    def _fop(self, op, other):
        if _foreign(other):
            _binop_error(op, self, other)
        return NotImplemented

    def _rop(self, op, other):
        if _foreign(other):
            _binop_error(op, other, self)
        return NotImplemented

    def __add__(self, other):
        return self._fop("+", other)

    def __sub__(self, other):
        return self._fop("-", other)

    def __mul__(self, other):
        return self._fop("*", other)

    def __truediv__(self, other):
        return self._fop("/", other)

    def __floordiv__(self, other):
        return self._fop("//", other)

    def __mod__(self, other):
        return self._fop("%", other)

    def __divmod__(self, other):
        return self._fop("divmod()", other)

    def __radd__(self, other):
        return self._rop("+", other)

    def __rsub__(self, other):
        return self._rop("-", other)

    def __rmul__(self, other):
        if isinstance(other, (str, list, tuple, bytes, bytearray)):
            raise TypeError("can't multiply sequence by non-int of type '%s'" % _tn(self))
        return self._rop("*", other)

    def __rtruediv__(self, other):
        return self._rop("/", other)

    def __rfloordiv__(self, other):
        return self._rop("//", other)

    def __rmod__(self, other):
        return self._rop("%", other)

    def __rdivmod__(self, other):
        return self._rop("divmod()", other)


# ---------------------------------------------------------------------------
# timedelta


_TD_UNITS = (("microseconds", 1), ("milliseconds", 1000), ("seconds", 1000000),
             ("minutes", 60000000), ("hours", 3600000000), ("days", 86400000000),
             ("weeks", 604800000000))


def _td_from_us(cls, us):
    s, us = divmod(us, 1000000)
    d, s = divmod(s, 86400)
    if not -2 ** 31 <= d < 2 ** 31:
        raise OverflowError("Python int too large to convert to C int")
    if not -_MAX_DELTA_DAYS <= d <= _MAX_DELTA_DAYS:
        raise OverflowError("days=%d; must have magnitude <= %d" % (d, _MAX_DELTA_DAYS))
    self = object.__new__(cls)
    self._days = d
    self._seconds = s
    self._microseconds = us
    return self


class timedelta(_Base):
    """Difference between two datetime values."""

    __slots__ = ("_days", "_seconds", "_microseconds")

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0,
                hours=0, weeks=0):
        args = (microseconds, milliseconds, seconds, minutes, hours, days, weeks)
        total = 0
        leftover = 0.0
        for i in range(7):
            v = args[i]
            name, factor = _TD_UNITS[i]
            if isinstance(v, int):
                total += int(v) * factor
            elif isinstance(v, float):
                frac, whole = _math.modf(v)
                total += int(whole) * factor
                if frac != 0.0:
                    frac, whole = _math.modf(float(factor) * frac)
                    total += int(whole)
                    leftover += frac
            else:
                raise TypeError("unsupported type for timedelta %s component: %s"
                                % (name, type(v).__name__))
        if leftover != 0.0:
            whole = _cround(leftover)
            if abs(whole - leftover) == 0.5:
                odd = total & 1
                whole = 2.0 * _cround((leftover + odd) * 0.5) - odd
            total += int(whole)
        return _td_from_us(cls, total)

    def total_seconds(self):
        return self._us() / 10 ** 6

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        return "%s(%s)" % (_tn(self), ", ".join(args) or "0")

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = "%d:%02d:%02d" % (hh, mm, ss)
        if self._days:
            s = "%d day%s, " % (self._days, "" if abs(self._days) == 1 else "s") + s
        if self._microseconds:
            s += ".%06d" % self._microseconds
        return s

    def __format__(self, spec):
        if not isinstance(spec, str):
            raise TypeError("must be str, not %s" % type(spec).__name__)
        if spec:
            raise TypeError("unsupported format string passed to %s.__format__" % _tn(self))
        return str(self)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(timedelta, self._us() + other._us())
        if isinstance(other, (date, datetime)):
            return other.__add__(self)
        return self._fop("+", other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(timedelta, self._us() - other._us())
        return self._fop("-", other)

    def __neg__(self):
        return _td_from_us(timedelta, -self._us())

    def __pos__(self):
        return _td_from_us(timedelta, self._us())

    def __abs__(self):
        return -self if self._days < 0 else +self

    def __mul__(self, other):
        if isinstance(other, int):
            return _td_from_us(timedelta, self._us() * int(other))
        if isinstance(other, float):
            n, d = other.as_integer_ratio()
            return _td_from_us(timedelta, _divide_nearest(self._us() * n, d))
        if isinstance(other, (str, list, tuple, bytes)):
            raise TypeError("can't multiply sequence by non-int of type '%s'" % _tn(self))
        return self._fop("*", other)

    def __rmul__(self, other):
        if isinstance(other, (int, float)):
            return self.__mul__(other)
        return _Base.__rmul__(self, other)

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, int):
            return _td_from_us(timedelta, _divide_nearest(self._us(), int(other)))
        if isinstance(other, float):
            n, d = other.as_integer_ratio()
            return _td_from_us(timedelta, _divide_nearest(self._us() * d, n))
        return self._fop("/", other)

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return _td_from_us(timedelta, self._us() // int(other))
        return self._fop("//", other)

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return _td_from_us(timedelta, self._us() % other._us())
        return self._fop("%", other)

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._us(), other._us())
            return q, _td_from_us(timedelta, r)
        return self._fop("divmod()", other)

    def _cmp(self, other, op):
        if isinstance(other, timedelta):
            a = self._us()
            b = other._us()
            return 0 if a == b else (1 if a > b else -1)
        return self._nocmp(other, op)

    def __hash__(self):
        return hash((self._days, self._seconds, self._microseconds))

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0


# ---------------------------------------------------------------------------
# date


def _iso_week1_monday(year):
    first = _ymd2ord(year, 1, 1)
    wd = (first + 6) % 7
    monday = first - wd
    if wd > 3:
        monday += 7
    return monday


class _IsoCalendarDate(_time._SeqView):
    __slots__ = ()

    def __init__(self, year, week, weekday):
        self._t = (year, week, weekday)

    def __repr__(self):
        return "datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)" % self._t


def _new_date(cls, y, m, d):
    if cls is date:
        self = object.__new__(date)
        self._year = y
        self._month = m
        self._day = d
        return self
    return cls(y, m, d)


def _parse_iso_date(s):
    """(y, m, d) of an ISO 8601 date string (3.11's forms), or None."""
    n = len(s)
    if n < 7 or not s[:4].isdigit():
        return None
    ext = s[4] == "-"
    p = 5 if ext else 4
    if s[p] == "W":
        wk = s[p + 1:p + 3]
        rest = s[p + 3:]
        if len(wk) != 2 or not wk.isdigit():
            return None
        if rest == "":
            wd = "1"
        elif ext and len(rest) == 2 and rest[0] == "-":
            wd = rest[1]
        elif not ext and len(rest) == 1:
            wd = rest
        else:
            return None
        if not wd.isdigit():
            return None
        return _from_iso_calendar(int(s[:4]), int(wk), int(wd))
    if ext:
        if n != 10 or s[7] != "-":
            return None
        mm = s[5:7]
        dd = s[8:10]
    else:
        if n != 8:
            return None
        mm = s[4:6]
        dd = s[6:8]
    if not (mm.isdigit() and dd.isdigit()):
        return None
    return int(s[:4]), int(mm), int(dd)


def _from_iso_calendar(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("Year is out of range: %d" % year)
    if not 0 < week < 53:
        ok = False
        if week == 53:
            first_wd = _ymd2ord(year, 1, 1) % 7
            if first_wd == 4 or (first_wd == 3 and _is_leap(year)):
                ok = True
        if not ok:
            raise ValueError("Invalid week: %d" % week)
    if not 0 < day < 8:
        raise ValueError("Invalid day: %d (range is [1, 7])" % day)
    ordinal = _iso_week1_monday(year) + (week - 1) * 7 + day - 1
    return _ord2ymd(ordinal)


def _from_timestamp(t):
    """(ordinal, hh, mm, ss, us) of a POSIX timestamp, CPython's rounding."""
    if isinstance(t, float):
        if t != t:
            raise ValueError("Invalid value NaN (not a number)")
        frac, whole = _math.modf(t)
        us = round(frac * 1e6)
        if us >= 1000000:
            us -= 1000000
            whole += 1.0
        elif us < 0:
            us += 1000000
            whole -= 1.0
        secs = int(whole)
    else:
        secs = _index(t)
        us = 0
    days, rem = divmod(secs, 86400)
    if not -719162 <= days <= _MAXORDINAL - 719163:
        if abs(secs) > 2 ** 63:
            raise OverflowError("timestamp out of range for platform time_t")
        y = _ord2ymd(days + 719163)[0] if abs(days) < 10 ** 12 else secs // 31556952 + 1970
        raise ValueError("year %d is out of range" % y)
    hh, rem = divmod(rem, 3600)
    mm, ss = divmod(rem, 60)
    return days + 719163, hh, mm, ss, int(us)


class date(_Base):
    """date(year, month, day) --> date object"""

    __slots__ = ("_year", "_month", "_day")

    def __new__(cls, year, month=None, day=None):
        _required(month, day)
        year, month, day = _check_date(year, month, day)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        return self

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_clock())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _ord2ymd(_from_timestamp(t)[0])
        return _new_date(cls, y, m, d)

    @classmethod
    def fromordinal(cls, n):
        n = _index(n)
        if n < 1:
            raise ValueError("ordinal must be >= 1")
        if n > _MAXORDINAL:
            raise ValueError("year 10000 is out of range")
        y, m, d = _ord2ymd(n)
        return _new_date(cls, y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        ymd = _parse_iso_date(s)
        if ymd is None:
            raise ValueError("Invalid isoformat string: %r" % (s,))
        return cls(*ymd)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        y, m, d = _from_iso_calendar(_index(year), _index(week), _index(day))
        return cls(y, m, d)

    def __repr__(self):
        return "%s(%d, %d, %d)" % (_tn(self), self._year, self._month, self._day)

    def isoformat(self):
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def ctime(self):
        wd = self.toordinal() % 7 or 7
        return "%s %s %2d %02d:%02d:%02d %04d" % (
            _DAYNAMES[wd], _MONTHNAMES[self._month], self._day, 0, 0, 0, self._year)

    def timetuple(self):
        return _time.struct_time(self._tt(0, 0, 0, -1), None, None)

    def _tt(self, hh, mm, ss, dst):
        yday = _ymd2ord(self._year, self._month, self._day) - _ymd2ord(self._year, 1, 1) + 1
        return (self._year, self._month, self._day, hh, mm, ss, self.weekday(), yday, dst)

    def strftime(self, fmt):
        return _strftime(self, fmt, self._tt(0, 0, 0, -1), 0)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        year = self._year
        monday = _iso_week1_monday(year)
        today = self.toordinal()
        week, day = divmod(today - monday, 7)
        if week < 0:
            year -= 1
            monday = _iso_week1_monday(year)
            week, day = divmod(today - monday, 7)
        elif week >= 52 and today >= _iso_week1_monday(year + 1):
            year += 1
            week = 0
        return _IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(*_fields(self, ("year", "month", "day"), (year, month, day)))

    def _cmp(self, other, op):
        if isinstance(other, datetime) and not isinstance(self, datetime):
            if op == "==":
                return None
            raise TypeError("can't compare %s to %s" % (_tn(other), _tn(self)))
        if isinstance(other, date):
            a = (self._year, self._month, self._day)
            b = (other._year, other._month, other._day)
            return 0 if a == b else (1 if a > b else -1)
        return self._nocmp(other, op)

    def __hash__(self):
        return hash((self._year, self._month, self._day))

    def __add__(self, other):
        if isinstance(other, timedelta):
            n = self.toordinal() + other._days
            if not 0 < n <= _MAXORDINAL:
                raise OverflowError("date value out of range")
            y, m, d = _ord2ymd(n)
            return _new_date(type(self), y, m, d)
        return self._fop("+", other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(timedelta(-other._days))
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return self._fop("-", other)

    def __reduce__(self):
        return type(self), (self._year, self._month, self._day)


# ---------------------------------------------------------------------------
# tzinfo, timezone


class tzinfo:
    """Abstract base class for time zone info objects."""

    __slots__ = ()

    def tzname(self, dt):
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def utcoffset(self, dt):
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        off = dt.utcoffset()
        if off is None:
            raise ValueError("fromutc: non-None utcoffset() result required")
        dst = dt.dst()
        if dst is None:
            raise ValueError("fromutc: non-None dst() result required")
        dt += off - dst
        dst = dt.dst()
        if dst is None:
            raise ValueError("fromutc: tz.dst() gave inconsistent results; cannot convert")
        return dt + dst


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""

    __slots__ = ("_offset", "_name")

    def __new__(cls, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError("timezone() argument 1 must be datetime.timedelta, not %s"
                            % type(offset).__name__)
        if name is not None and not isinstance(name, str):
            raise TypeError("timezone() argument 2 must be str, not %s" % type(name).__name__)
        if not -timedelta(1) < offset < timedelta(1):
            raise ValueError("offset must be a timedelta strictly between -timedelta(hours=24)"
                             " and timedelta(hours=24), not %r." % (offset,))
        if name is None and not offset and cls is timezone and _UTC is not None:
            return _UTC
        self = object.__new__(cls)
        self._offset = offset
        self._name = name
        return self

    def __repr__(self):
        if self is _UTC:
            return "datetime.timezone.utc"
        if self._name is None:
            return "%s(%r)" % (_tn(self), self._offset)
        return "%s(%r, %r)" % (_tn(self), self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timezone):
            return self._offset != other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def _check_arg(self, name, dt):
        if dt is not None and not isinstance(dt, datetime):
            raise TypeError("%s(dt) argument must be a datetime instance or None, not %s"
                            % (name, type(dt).__name__))

    def utcoffset(self, dt):
        self._check_arg("utcoffset", dt)
        return self._offset

    def dst(self, dt):
        self._check_arg("dst", dt)
        return None

    def tzname(self, dt):
        self._check_arg("tzname", dt)
        if self._name is not None:
            return self._name
        if not self._offset:
            return "UTC"
        return "UTC" + _format_offset(self._offset, ":")

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        return dt + self._offset

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)


_UTC = None
_UTC = timezone(timedelta(0))
timezone.utc = _UTC
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = _UTC


# ---------------------------------------------------------------------------
# time


def _parse_iso_time(s):
    """(hh, mm, ss, us, tz) of 3.11's ISO time forms, or None."""
    tz = None
    cut = -1
    for i in range(len(s)):
        if s[i] in "+-Z":
            cut = i
            break
    if cut >= 0:
        tzs = s[cut + 1:]
        sign = s[cut]
        s = s[:cut]
        if sign == "Z":
            if tzs:
                return None
            tz = _UTC
        else:
            parts = _parse_hms(tzs)
            if parts is None:
                return None
            off = timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2],
                            microseconds=parts[3])
            if sign == "-":
                off = -off
            tz = _UTC if not off else timezone(off)
    parts = _parse_hms(s)
    if parts is None:
        return None
    return parts + (tz,)


def _parse_hms(s):
    comps = [0, 0, 0, 0]
    n = len(s)
    pos = 0
    sep = None
    for c in range(3):
        if n - pos < 2 or not s[pos:pos + 2].isdigit():
            return None
        comps[c] = int(s[pos:pos + 2])
        pos += 2
        if pos >= n:
            return tuple(comps)
        nxt = s[pos]
        if c < 2 and nxt == ":":
            if sep is False:
                return None
            sep = True
            pos += 1
        elif c < 2 and nxt.isdigit():
            if sep:
                return None
            sep = False
        elif c == 2 and nxt in ".,":
            pos += 1
            digits = s[pos:]
            if not digits or not digits.isdigit():
                return None
            comps[3] = int((digits + "00000")[:6])
            return tuple(comps)
        else:
            return None
    return None


class time(_Base):
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object"""

    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo", "_fold")

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        return _init_time(object.__new__(cls), hour, minute, second, microsecond, tzinfo, fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        t = s[1:] if s[:1] == "T" else s
        parts = _parse_iso_time(t)
        if parts is None:
            raise ValueError("Invalid isoformat string: %r" % (s,))
        return cls(parts[0], parts[1], parts[2], parts[3], parts[4])

    def __repr__(self):
        if self._microsecond:
            s = "%s(%d, %d, %d, %d)" % (_tn(self), self._hour, self._minute, self._second,
                                        self._microsecond)
        elif self._second:
            s = "%s(%d, %d, %d)" % (_tn(self), self._hour, self._minute, self._second)
        else:
            s = "%s(%d, %d)" % (_tn(self), self._hour, self._minute)
        return _repr_tail(s, self._tzinfo, self._fold)

    def isoformat(self, timespec="auto"):
        s = _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return s + _format_offset(self.utcoffset(), ":")

    def __str__(self):
        return self.isoformat()

    def _tzarg(self):
        return None

    def strftime(self, fmt):
        tt = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _strftime(self, fmt, tt, self._microsecond)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True,
                *, fold=None):
        return type(self)(*_fields(self, ("hour", "minute", "second", "microsecond"),
                                   (hour, minute, second, microsecond)),
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def _key(self):
        return (self._hour, self._minute, self._second, self._microsecond)

    def _tus(self):
        return (self._hour * 3600 + self._minute * 60 + self._second) * 1000000 + self._microsecond

    def _cmp(self, other, op):
        if not isinstance(other, time):
            return self._nocmp(other, op)
        return _order(self, other, self._tus(), other._tus(), op, "times")

    def __hash__(self):
        off = self.utcoffset()
        if not off:
            return hash(self._key())
        us = self._tus() - off._us()
        return hash((us // 3600000000, us % 3600000000))

    def __bool__(self):
        return True


def _aware_pair(x, y, a, b):
    """a and b (x's and y's microseconds) made comparable: with different
    tzinfo objects, UTC offsets are subtracted; None for naive vs aware."""
    if x._tzinfo is y._tzinfo:
        return a, b
    oa = x.utcoffset()
    ob = y.utcoffset()
    if (oa is None) != (ob is None):
        return None
    if oa is not None:
        a -= oa._us()
        b -= ob._us()
    return a, b


def _order(x, y, a, b, op, kind):
    ab = _aware_pair(x, y, a, b)
    if ab is None:
        if op == "==":
            return 2
        raise TypeError("can't compare offset-naive and offset-aware " + kind)
    a, b = ab
    return 0 if a == b else (1 if a > b else -1)


def _fields(self, names, given):
    # replace(): each given value, or the field's own
    return [getattr(self, "_" + n) if v is None else v for n, v in zip(names, given)]


def _repr_tail(s, tz, fold, fold_first=False):
    # time shows tzinfo before fold, datetime fold before tzinfo (as CPython)
    if fold and fold_first:
        s = s[:-1] + ", fold=1)"
    if tz is not None:
        s = s[:-1] + ", tzinfo=%r)" % (tz,)
    if fold and not fold_first:
        s = s[:-1] + ", fold=1)"
    return s


# ---------------------------------------------------------------------------
# datetime


def _new_datetime(cls, y, m, d, hh, mm, ss, us, tz, fold=0):
    if cls is datetime:
        self = object.__new__(datetime)
        self._year, self._month, self._day = y, m, d
        self._hour, self._minute, self._second, self._microsecond = hh, mm, ss, us
        self._tzinfo, self._fold = tz, fold
        return self
    return cls(y, m, d, hh, mm, ss, us, tz, fold=fold)


def _dt_from_us(cls, us, tz):
    """datetime of microseconds since 0001-01-01 (ordinal 1) at midnight."""
    days, us = divmod(us, 86400000000)
    if not 0 <= days < _MAXORDINAL:
        raise OverflowError("date value out of range")
    y, m, d = _ord2ymd(days + 1)
    s, us = divmod(us, 1000000)
    hh, s = divmod(s, 3600)
    mm, s = divmod(s, 60)
    return _new_datetime(cls, y, m, d, hh, mm, s, us, tz)


class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])"""

    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo", "_fold")

    def __new__(cls, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0,
                tzinfo=None, *, fold=0):
        _required(month, day)
        self = object.__new__(cls)
        self._year, self._month, self._day = _check_date(year, month, day)
        return _init_time(self, hour, minute, second, microsecond, tzinfo, fold)

    def _us(self):
        return ((self.toordinal() - 1) * 86400 + self._hour * 3600 + self._minute * 60
                + self._second) * 1000000 + self._microsecond

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        _check_tzinfo(tz)
        o, hh, mm, ss, us = _from_timestamp(t)
        y, m, d = _ord2ymd(o)
        dt = _new_datetime(cls, y, m, d, hh, mm, ss, us, tz)
        if tz is not None:
            dt = tz.fromutc(dt)
        return dt

    @classmethod
    def utcfromtimestamp(cls, t):
        o, hh, mm, ss, us = _from_timestamp(t)
        y, m, d = _ord2ymd(o)
        return _new_datetime(cls, y, m, d, hh, mm, ss, us, None)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_clock(), tz)

    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_clock())

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_clock())

    @classmethod
    def fromordinal(cls, n):
        d = date.fromordinal(n)
        return cls(d._year, d._month, d._day)

    @classmethod
    def combine(cls, date_, time_, tzinfo=True):
        if not isinstance(date_, date):
            raise TypeError("combine() argument 1 must be datetime.date, not %s"
                            % type(date_).__name__)
        if not isinstance(time_, time):
            raise TypeError("combine() argument 2 must be datetime.time, not %s"
                            % type(time_).__name__)
        if tzinfo is True:
            tzinfo = time_._tzinfo
        return cls(date_._year, date_._month, date_._day, time_._hour, time_._minute,
                   time_._second, time_._microsecond, tzinfo, fold=time_._fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        n = len(s)
        if n >= 8 and s[4:5] == "-":
            dlen = 8 if s[5:6] == "W" and (n == 8 or s[8] != "-") else 10
        elif n >= 7 and s[4:5] == "W":
            dlen = 8 if n >= 8 and s[7].isdigit() else 7
        else:
            dlen = 8
        ymd = _parse_iso_date(s[:dlen])
        parts = (0, 0, 0, 0, None)
        if ymd is not None and n > dlen:
            if n == dlen + 1:
                ymd = None
            else:
                parts = _parse_iso_time(s[dlen + 1:])
        if ymd is None or parts is None:
            raise ValueError("Invalid isoformat string: %r" % (s,))
        return cls(ymd[0], ymd[1], ymd[2], parts[0], parts[1], parts[2], parts[3], parts[4])

    @classmethod
    def strptime(cls, date_string, format):
        import _strptime
        return _strptime._datetime(cls, date_string, format)

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond, fold=self._fold)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo,
                    fold=self._fold)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        names = ("year", "month", "day", "hour", "minute", "second", "microsecond")
        return type(self)(*_fields(self, names, (year, month, day, hour, minute, second,
                                                 microsecond)),
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def __repr__(self):
        s = "%s(%d, %d, %d, %d, %d" % (_tn(self), self._year, self._month, self._day,
                                       self._hour, self._minute)
        if self._microsecond:
            s += ", %d, %d" % (self._second, self._microsecond)
        elif self._second:
            s += ", %d" % self._second
        return _repr_tail(s + ")", self._tzinfo, self._fold, True)

    def isoformat(self, sep="T", timespec="auto"):
        if not isinstance(sep, str) or len(sep) != 1:
            if not isinstance(sep, str):
                raise TypeError("isoformat() argument 1 must be a unicode character, not %s"
                                % type(sep).__name__)
            raise TypeError("isoformat() argument 1 must be a unicode character, not str")
        s = "%04d-%02d-%02d%s" % (self._year, self._month, self._day, sep)
        s += _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return s + _format_offset(self.utcoffset(), ":")

    def __str__(self):
        return self.isoformat(" ")

    def ctime(self):
        wd = self.toordinal() % 7 or 7
        return "%s %s %2d %02d:%02d:%02d %04d" % (
            _DAYNAMES[wd], _MONTHNAMES[self._month], self._day, self._hour, self._minute,
            self._second, self._year)

    def timetuple(self):
        dst = self.dst()
        flag = -1 if dst is None else (1 if dst else 0)
        return _time.struct_time(self._tt(self._hour, self._minute, self._second, flag),
                                 None, None)

    def utctimetuple(self):
        off = self.utcoffset()
        dt = self if not off else self - off
        return _time.struct_time(dt._tt(dt._hour, dt._minute, dt._second, 0), None, None)

    def strftime(self, fmt):
        return _strftime(self, fmt, self._tt(self._hour, self._minute, self._second, -1),
                         self._microsecond)

    def _tzarg(self):
        return self

    def timestamp(self):
        off = self.utcoffset()
        us = self._us() - (off._us() if off is not None else 0)
        return (us - 62135596800000000) / 10 ** 6

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone(timedelta(0), "UTC")
        elif not isinstance(tz, tzinfo):
            raise TypeError("astimezone() argument 1 must be datetime.tzinfo, not %s"
                            % type(tz).__name__)
        off = self.utcoffset()
        if off is None:
            off = timedelta(0)
        if tz is self._tzinfo:
            return self
        utc = (self - off).replace(tzinfo=tz)
        return tz.fromutc(utc)

    def _cmp(self, other, op):
        if not isinstance(other, datetime):
            if isinstance(other, date):
                if op == "==":
                    return 2
                raise TypeError("can't compare %s to %s" % (_tn(self), _tn(other)))
            return self._nocmp(other, op)
        return _order(self, other, self._us(), other._us(), op, "datetimes")

    def __hash__(self):
        off = self.utcoffset()
        return hash(self._us() - (off._us() if off else 0))

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _dt_from_us(type(self), self._us() + other._us(), self._tzinfo)
        return self._fop("+", other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _dt_from_us(type(self), self._us() - other._us(), self._tzinfo)
        if isinstance(other, datetime):
            ab = _aware_pair(self, other, self._us(), other._us())
            if ab is None:
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            a, b = ab
            return _td_from_us(timedelta, a - b)
        return self._fop("-", other)

    def __reduce__(self):
        return type(self), (self._year, self._month, self._day, self._hour, self._minute,
                            self._second, self._microsecond, self._tzinfo)


_OWN = (date, datetime, time, timedelta, timezone, tzinfo)


def _utcoffset(self):
    return _tz_call(self._tzinfo, "utcoffset", self._tzarg())


def _dst(self):
    return _tz_call(self._tzinfo, "dst", self._tzarg())


def _tzname_m(self):
    return _tzname(self._tzinfo, self._tzarg())


for _cls in (time, datetime):
    _cls.utcoffset = _utcoffset
    _cls.dst = _dst
    _cls.tzname = _tzname_m


def _getter(attr):
    return lambda self: getattr(self, attr)


def _item(i):
    return lambda self: self._t[i]


for _cls, _names in ((timedelta, ("days", "seconds", "microseconds")),
                     (date, ("year", "month", "day")),
                     (time, ("hour", "minute", "second", "microsecond", "tzinfo", "fold")),
                     (datetime, ("hour", "minute", "second", "microsecond", "tzinfo", "fold"))):
    for _n in _names:
        setattr(_cls, _n, property(_getter("_" + _n)))
for _i, _n in enumerate(("year", "week", "weekday")):
    setattr(_IsoCalendarDate, _n, property(_item(_i)))

timedelta.min = timedelta(-_MAX_DELTA_DAYS)
timedelta.max = timedelta(days=_MAX_DELTA_DAYS, hours=23, minutes=59, seconds=59,
                          microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)
date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)
time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)
datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)
