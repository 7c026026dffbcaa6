# expect: statistics.StatisticsError: mean requires at least one data point
import statistics as st
from fractions import Fraction as F

datasets = [[1, 2, 3, 4], [1, 2, 3], [2.5, 3.25, 5.5, 11.25], [0.1, 0.2, 0.3], [F(1, 3), F(2, 5), 1],
            [1, 2.5, F(1, 2)], [True, False, True], [1e300, 1e300, -1e300], [3, 3, 5, 7, 7, 7, 9],
            [-1.5, 2, 8, 0.125], [10**20, 1, 2], [0.1] * 10]
for d in datasets:
    print(d, st.mean(d), st.fmean(d), st.median(d), st.median_low(d), st.median_high(d), st.median_grouped(d), st.mode(d), st.multimode(d))
print(st.median_grouped([52, 52, 53, 54]), st.median_grouped([1, 3, 3, 5, 7], interval=1), st.median_grouped([1, 3, 3, 5, 7], interval=2), st.median_grouped([1.5, 2.5, 2.5, 3.5], 0.5))
print(st.mode(['red', 'blue', 'blue', 'red']), st.multimode('aabbbbccddddeeffffgg'), st.multimode([]), st.mode(iter([4, 4, 1])))
print(st.fmean([3.5, 4.0, 5.25], weights=[1, 2, 3]), st.fmean(iter([1, 2, 3])))
print(st.geometric_mean([54, 24, 36]), st.geometric_mean([1.5, 2.5]), st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([40, 60], weights=[5, 30]))
print(st.harmonic_mean([0, 3]), st.harmonic_mean([7]), st.harmonic_mean([F(1, 2), F(1, 3)]), st.harmonic_mean([1, 2, 4]), st.mean(iter([1, 2])))
for fn, arg in [(st.mean, []), (st.fmean, []), (st.median, []), (st.median_low, []), (st.median_high, []),
                (st.median_grouped, []), (st.mode, []), (st.geometric_mean, []), (st.geometric_mean, [1, -2]),
                (st.harmonic_mean, []), (st.harmonic_mean, [-1]), (st.harmonic_mean, [1, -2])]:
    try:
        fn(arg)
    except st.StatisticsError as e:
        print(fn.__name__, e)
for call in [lambda: st.fmean([1, 2], weights=[1]), lambda: st.fmean([1, 2], weights=[0, 0]),
             lambda: st.harmonic_mean([1, 2], weights=[1]), lambda: st.median_grouped(['a', 'b'])]:
    try:
        call()
    except (st.StatisticsError, TypeError) as e:
        print(type(e).__name__, e)
print(issubclass(st.StatisticsError, ValueError))
print(st.mean([]))
