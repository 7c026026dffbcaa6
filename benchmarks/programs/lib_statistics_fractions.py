# statistics and fractions: exact means/variances of 20,000 floats and
# 5,000 Fractions, medians, quantiles and a regression, plus a harmonic
# Fraction series with limit_denominator.
import statistics as st
from fractions import Fraction


def main():
    x = 12345
    floats = []
    for _ in range(20000):
        x = (x * 1103515245 + 12345) % 2147483648
        floats.append((x % 100000) / 7.0)
    fracs = [Fraction(v % 1000, 1 + v % 17) for v in range(5000)]
    print(st.mean(floats), st.fmean(floats), st.stdev(floats), st.pvariance(floats))
    print(st.median(floats), st.quantiles(floats, n=10)[:3], st.mode([int(f) % 50 for f in floats]))
    print(st.mean(fracs), st.variance(fracs[:2000]))
    print(st.linear_regression(floats[:5000], floats[5000:10000]), st.correlation(floats[:5000], floats[5000:10000]))
    h = sum(Fraction(1, k) for k in range(1, 400))
    print(h.limit_denominator(10**6), float(h))


main()
