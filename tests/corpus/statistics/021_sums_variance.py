# expect: ok
# mean/variance/stdev over ints, floats, Fractions, infinities and nans (one summing pass for _sum and _ss)
import statistics as st
from fractions import Fraction as F
for d in ([1, 2, 3, 4], [1.5, 2.25, 3.0], [F(1, 3), F(2, 5), 1]):
    print(st.mean(d), st.fmean(d), st.variance(d), st.pvariance(d), st.stdev(d), st.pstdev(d), st.pvariance(d, mu=2))
for d in ([1.0, float("inf"), 2.0], [1, 2, float("nan")]):
    print(st.mean(d), st.fmean(d), st.variance(d), st.pvariance(d), st.pvariance(d, mu=2))
print(st.harmonic_mean([1, 2, 4]), st.harmonic_mean([1, 2], weights=[1, 3]))
