# expect: statistics.StatisticsError: at least one of the inputs is constant
import statistics as st

x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
z = [9, 8, 7, 6, 5, 4, 3, 2, 1]
print(st.covariance(x, y), st.covariance(z, x), st.covariance([0.1, 0.5, 0.9], [2.5, 3.5, 1.0]))
print(st.correlation(x, x), st.correlation(x, z), st.correlation(x, y), st.correlation([1.5, 2.0, 4.25], [3, 4.5, 4.75]))
r = st.linear_regression(x, [2 * v + 1 for v in x])
print(r, r.slope, r.intercept, r[0], tuple(r), st.linear_regression([1, 2, 3], [2.1, 3.9, 6.2]), st.linear_regression([1, 2, 3], [2, 4, 7], proportional=True))
year = [1971, 1975, 1979, 1982, 1983]
films = [1, 2, 3, 4, 5]
slope, intercept = st.linear_regression(year, films)
print(round(slope * 2019 + intercept), slope, intercept)
for call in [lambda: st.covariance([1, 2], [1]), lambda: st.covariance([1], [1]), lambda: st.correlation([1, 2], [1]),
             lambda: st.correlation([1], [2]), lambda: st.correlation([1, 1], [1, 2]), lambda: st.linear_regression([1], [2]),
             lambda: st.linear_regression([1, 2], [2]), lambda: st.linear_regression([1, 1], [1, 2]),
             lambda: st.linear_regression([0, 0], [1, 2], proportional=True)]:
    try:
        call()
    except st.StatisticsError as e:
        print(e)
nd = st.NormalDist(100, 15)
print(nd, nd.mean, nd.stdev, nd.variance, round(nd.cdf(115), 12), round(nd.pdf(100), 12), nd.zscore(130), st.NormalDist.from_samples([2.5, 3.5, 4.5]), nd == st.NormalDist(100.0, 15.0))
print(st.correlation([2, 2, 2], [1, 2, 3]))
