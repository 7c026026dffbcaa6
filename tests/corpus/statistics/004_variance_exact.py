# expect: ok
# variance/stdev through the per-denominator sums of x and x*x: mixed
# types, many denominators, huge and tiny values, infinities and nans,
# the result's type
import statistics as st
from fractions import Fraction as F

xs = [i / 7 + (i % 5) * 1e-9 for i in range(300)]
print(st.variance(xs), st.pvariance(xs), st.stdev(xs), st.pstdev(xs))
print(st.variance([1, 2, 3, 4, 5, 6]), st.pvariance([True, False, 3]))
print(st.variance([F(1, 3), F(2, 7), F(5, 11), 2]), type(st.pvariance([F(1, 3), 1])).__name__)
print(st.variance([1.5, F(1, 4), 3]), st.pstdev([1e300, -1e300, 1e-300, 5e-324]))
print(st.variance([2.0 ** 60, 2.0 ** 60 + 2 ** 8, 3.0]), st.stdev([0.1, 0.2, 0.3]))
print(st.variance([1.0, float("inf"), 2.0]), st.pvariance([float("nan"), 1.0]))
print(st.pvariance([float("inf"), float("-inf"), 1.0]), st.variance([5, 5, 5, 5]), st.variance([float("-inf"), 2]))
print(st.variance(range(1000)), st.pstdev(iter([1, 2, 3, 4])), st.variance(xs, 3.0))
print(st.variance((x * 3 for x in [1.25, 2.5, 10.0])), st.pvariance([F(10**30, 3), -F(1, 10**30)]))
try:
    st.variance([1])
except st.StatisticsError as e:
    print("StatisticsError:", e)
try:
    st.pvariance(["a", "b"])
except TypeError as e:
    print("TypeError:", e)
