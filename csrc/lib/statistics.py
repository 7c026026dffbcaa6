"""Mathematical statistics (CPython 3.11's statistics, for pyexpr).

As documented for CPython: mean, variance and stdev sum exactly (with
fractions) and convert the exact result to the data's type; fmean,
covariance, correlation and linear_regression use math.fsum; stdev and
pstdev are the correctly rounded square root of the exact variance.
There is no decimal module (Decimal data is not accepted).
"""

import math
from fractions import Fraction

__all__ = ['NormalDist', 'StatisticsError', 'correlation', 'covariance',
           'fmean', 'geometric_mean', 'harmonic_mean', 'linear_regression',
           'mean', 'median', 'median_grouped', 'median_high', 'median_low',
           'mode', 'multimode', 'pstdev', 'pvariance', 'quantiles', 'stdev',
           'variance']


class StatisticsError(ValueError):
    pass


def _exact(x):
    # (numerator, denominator) of a number; non-finite floats stay as is
    if isinstance(x, int):
        return int(x), 1
    if isinstance(x, Fraction):
        return x.numerator, x.denominator
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return x, None
        return x.as_integer_ratio()
    raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


def _coerce(t, s):
    # the result type of mixing types t and s (bool counts as int)
    if t is s or s is int or s is bool:
        return t
    if t is int:
        return s
    if issubclass(s, t):
        return s
    if issubclass(t, s):
        return t
    if issubclass(t, int):
        return s
    if issubclass(s, int):
        return t
    if (issubclass(t, Fraction) and issubclass(s, float)) or \
            (issubclass(t, float) and issubclass(s, Fraction)):
        return float
    raise TypeError("don't know how to coerce %s and %s" % (t.__name__, s.__name__))


def _sum(data):
    # (type, exact total, count): the total is a Fraction, or a float when
    # the data holds an infinity or a nan
    t = int
    count = 0
    by_den = {}
    special = None
    for x in data:
        t = _coerce(t, type(x))
        count += 1
        n, d = _exact(x)
        if d is None:
            special = n if special is None else special + n
        else:
            by_den[d] = by_den.get(d, 0) + n
    if special is not None:
        return t, special, count
    total = Fraction(0)
    for d in by_den:
        total += Fraction(by_den[d], d)
    return t, total, count


def _convert(value, t):
    # the exact value as the data's type (an int mean that is not whole: float)
    if type(value) is t:
        return value
    if issubclass(t, int) and value.denominator != 1:
        t = float
    return t(value)


def _fail_neg(values, errmsg):
    for x in values:
        if x < 0:
            raise StatisticsError(errmsg)
        yield x


def _as_list(data):
    return data if isinstance(data, list) else list(data)


def mean(data):
    data = _as_list(data)
    if not data:
        raise StatisticsError('mean requires at least one data point')
    t, total, n = _sum(data)
    return _convert(total / n, t)


def fmean(data, weights=None):
    data = _as_list(data)
    n = len(data)
    if weights is None:
        if not n:
            raise StatisticsError('fmean requires at least one data point')
        return math.fsum(data) / n
    weights = _as_list(weights)
    num = math.fsum([x * w for x, w in zip(data, weights)])
    if n != len(weights):
        raise StatisticsError('data and weights must be the same length')
    den = math.fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    try:
        return math.exp(fmean([math.log(x) for x in data]))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset '
                              'containing positive numbers') from None


def harmonic_mean(data, weights=None):
    data = _as_list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float, Fraction)):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_weights = n
    else:
        weights = _as_list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        _, sum_weights, _ = _sum(_fail_neg(weights, errmsg))
    for x in data:
        if x < 0:
            raise StatisticsError(errmsg)
        if x == 0:
            return 0  # a zero value makes the mean zero
    t, total, _ = _sum([w / x for w, x in zip(weights, data)])
    if total <= 0:
        raise StatisticsError('Weighted sum must be positive')
    return _convert(sum_weights / total, t)


def _sorted(data):
    data = sorted(data)
    if not data:
        raise StatisticsError('no median for empty data')
    return data, len(data)


def median(data):
    data, n = _sorted(data)
    if n % 2 == 1:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def median_low(data):
    data, n = _sorted(data)
    return data[(n - 1) // 2]


def median_high(data):
    data, n = _sorted(data)
    return data[n // 2]


def median_grouped(data, interval=1.0):
    data, n = _sorted(data)
    x = data[n // 2]
    # the median's class holds the values equal to x: data[first:last]
    first = 0
    while first < n and data[first] < x:
        first += 1
    last = first
    while last < n and not x < data[last]:
        last += 1
    try:
        interval = float(interval)
        x = float(x)
    except (ValueError, TypeError):
        raise TypeError('Value cannot be converted to a float') from None
    lower = x - interval / 2
    return lower + interval * (n / 2 - first) / (last - first)


def _counts(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts


def mode(data):
    counts = _counts(data)
    if not counts:
        raise StatisticsError('no mode for empty data')
    best = None
    for x in counts:
        if best is None or counts[x] > counts[best]:
            best = x
    return best


def multimode(data):
    counts = _counts(data)
    if not counts:
        return []
    top = max(counts.values())
    return [x for x in counts if counts[x] == top]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    result = []
    if method == 'inclusive':
        m = ld - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == 'exclusive':
        m = ld + 1
        for i in range(1, n):
            j = min(max(i * m // n, 1), ld - 1)
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError(f'Unknown method: {method!r}')


def _ss(data, c=None):
    # (type, exact sum of squared deviations from c, or from the exact mean)
    if c is not None:
        t, total, _ = _sum([(x - c) * (x - c) for x in data])
        return t, total
    # sum((x - mean)**2) == sum(x*x) - sum(x)**2 / n, exactly: numerators
    # and their squares summed per denominator (floats have few), so that
    # only a handful of Fractions are ever built
    t = int
    n = 0
    by_den = {}
    sq_by_den = {}
    special = None
    for x in data:
        t = _coerce(t, type(x))
        n += 1
        a, d = _exact(x)
        if d is None:
            special = a if special is None else special + a
        else:
            by_den[d] = by_den.get(d, 0) + a
            sq_by_den[d] = sq_by_den.get(d, 0) + a * a
    if special is not None:  # an infinity or a nan
        return t, special
    total = Fraction(0)
    sq = Fraction(0)
    for d in by_den:
        total += Fraction(by_den[d], d)
        sq += Fraction(sq_by_den[d], d * d)
    return t, sq - total * total / n


def _mean_square(data, c, sample, name):
    # (type, exact sum of squares / (n - 1) for a sample, / n for a population)
    data = _as_list(data)
    n = len(data)
    if n < 2 and sample:
        raise StatisticsError(f'{name} requires at least two data points')
    if n < 1:
        raise StatisticsError(f'{name} requires at least one data point')
    t, ss = _ss(data, c)
    return t, ss / (n - 1 if sample else n)


def variance(data, xbar=None):
    t, v = _mean_square(data, xbar, True, 'variance')
    return _convert(v, t)


def pvariance(data, mu=None):
    t, v = _mean_square(data, mu, False, 'pvariance')
    return _convert(v, t)


def _sqrt_frac(q):
    # the correctly rounded float square root of the non-negative Fraction q
    if not isinstance(q, Fraction):
        return math.sqrt(q)
    n, m = q.numerator, q.denominator
    if n == 0:
        return 0.0
    # scale by 4**k so that the integer root has at least 55 bits, then
    # round to odd: the int -> float conversion rounds once, correctly
    k = max(0, (110 - (n.bit_length() - m.bit_length())) // 2 + 1)
    r = math.isqrt((n << (2 * k)) // m)
    if r * r * m != n << (2 * k):
        r |= 1
    return math.ldexp(float(r), -k)


def stdev(data, xbar=None):
    return _sqrt_frac(_mean_square(data, xbar, True, 'stdev')[1])


def pstdev(data, mu=None):
    return _sqrt_frac(_mean_square(data, mu, False, 'pstdev')[1])


def _pair(x, y, what):
    n = len(x)
    if len(y) != n:
        raise StatisticsError(f'{what} requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError(f'{what} requires at least two data points')
    xbar = math.fsum(x) / n
    ybar = math.fsum(y) / n
    sxy = math.fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    return n, xbar, ybar, sxy


def covariance(x, y, /):
    n, xbar, ybar, sxy = _pair(x, y, 'covariance')
    return sxy / (n - 1)


def correlation(x, y, /):
    n, xbar, ybar, sxy = _pair(x, y, 'correlation')
    sxx = math.fsum([(xi - xbar) * (xi - xbar) for xi in x])
    syy = math.fsum([(yi - ybar) * (yi - ybar) for yi in y])
    try:
        return sxy / math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError('at least one of the inputs is constant') from None


class LinearRegression(tuple):
    """LinearRegression(slope, intercept)"""
    __slots__ = ()
    _fields = ('slope', 'intercept')

    def __new__(cls, slope, intercept):
        return tuple.__new__(cls, (slope, intercept))

    slope = property(lambda self: self[0])
    intercept = property(lambda self: self[1])

    def __repr__(self):
        return 'LinearRegression(slope=%r, intercept=%r)' % (self[0], self[1])


def linear_regression(x, y, /, *, proportional=False):
    if proportional:
        n = len(x)
        if len(y) != n:
            raise StatisticsError('linear regression requires that both inputs '
                                  'have same number of data points')
        if n < 2:
            raise StatisticsError('linear regression requires at least two data points')
        sxy = math.fsum([xi * yi for xi, yi in zip(x, y)])
        sxx = math.fsum([xi * xi for xi in x])
    else:
        n, xbar, ybar, sxy = _pair(x, y, 'linear regression')
        sxx = math.fsum([(xi - xbar) * (xi - xbar) for xi in x])
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError('x is constant') from None
    intercept = 0.0 if proportional else ybar - slope * xbar
    return LinearRegression(slope=slope, intercept=intercept)


class NormalDist:
    """Normal distribution of a random variable (mean mu, deviation sigma)."""
    __slots__ = ('_mu', '_sigma')

    def __init__(self, mu=0.0, sigma=1.0):
        if sigma < 0.0:
            raise StatisticsError('sigma must be non-negative')
        self._mu = float(mu)
        self._sigma = float(sigma)

    @classmethod
    def from_samples(cls, data):
        return cls(*_mean_stdev(data))

    mean = property(lambda self: self._mu)
    median = property(lambda self: self._mu)
    mode = property(lambda self: self._mu)
    stdev = property(lambda self: self._sigma)
    variance = property(lambda self: self._sigma * self._sigma)

    def pdf(self, x):
        variance = self._sigma * self._sigma
        if not variance:
            raise StatisticsError('pdf() not defined when sigma is zero')
        diff = x - self._mu
        return math.exp(diff * diff / (-2.0 * variance)) / math.sqrt(math.tau * variance)

    def cdf(self, x):
        if not self._sigma:
            raise StatisticsError('cdf() not defined when sigma is zero')
        return 0.5 * (1.0 + math.erf((x - self._mu) / (self._sigma * math.sqrt(2.0))))

    def zscore(self, x):
        if not self._sigma:
            raise StatisticsError('zscore() not defined when sigma is zero')
        return (x - self._mu) / self._sigma

    def __eq__(self, other):
        if not isinstance(other, NormalDist):
            return NotImplemented
        return self._mu == other._mu and self._sigma == other._sigma

    def __hash__(self):
        return hash((self._mu, self._sigma))

    def __repr__(self):
        return f'{type(self).__name__}(mu={self._mu!r}, sigma={self._sigma!r})'


def _mean_stdev(data):
    data = _as_list(data)
    t, ss = _ss(data)
    n = len(data)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    mu = _convert(_sum(data)[1] / n, t)
    return float(mu), _sqrt_frac(ss / (n - 1))
