# expect: statistics.StatisticsError: stdev requires at least two data points
import statistics as st
from fractions import Fraction as F

datasets = [[1, 2, 3, 4], [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5], [0.1, 0.2, 0.3, 0.4], [F(1, 3), F(2, 5), 1, 2],
            [1, 1, 1], [10**20, 10**20 + 1, 3], [1e10 + 0.1, 1e10 + 0.2, 1e10 + 0.3], [1, 2.5], [5, 7]]
for d in datasets:
    print(d, st.variance(d), st.pvariance(d), st.stdev(d), st.pstdev(d))
print(st.variance([1, 2, 3, 4], 2.5), st.pvariance([1, 2, 3, 4], mu=2), st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75], 2.875), st.pstdev([7]), st.pvariance([7.5]))
print(st.stdev([1e-160, 3e-160]), st.pstdev([1e150, 3e150, 7e150]), st.stdev([0.1] * 5), st.pstdev(range(10)), st.variance(iter([3, 1, 4, 1, 5])))
for d in [list(range(1, 11)), [1.5, 2, 9.25, 11, 17, 18.5], [1, 100], [3, 1, 2, 5, 4, 6, 7, 9, 8]]:
    for n in (2, 4, 10):
        print(n, st.quantiles(d, n=n), st.quantiles(d, n=n, method='inclusive'))
print(st.quantiles([1, 2], n=1), st.quantiles([F(1, 2), F(3, 2), 2]))
for call in [lambda: st.variance([1]), lambda: st.stdev([]), lambda: st.pvariance([]), lambda: st.pstdev([]),
             lambda: st.quantiles([1]), lambda: st.quantiles([1, 2], n=0), lambda: st.quantiles([1, 2], method='x')]:
    try:
        call()
    except ValueError as e:
        print(type(e).__name__, e)
print(st.stdev([2]))
