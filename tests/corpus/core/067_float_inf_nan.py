# expect: ok
inf = float('inf')
nan = float('nan')
print(inf, -inf, nan, float('-inf'))
print(inf - inf, inf * 0, inf + 1, inf / 2, -inf * -1)
print(nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, -inf < -1e308)
print(inf == inf, inf > 10 ** 400, 1 / inf, -1 / inf)
print(1e308 * 10, -1e308 * 10, 1e300 * 1e300)
print(abs(-inf), abs(nan), min(inf, 5), max(-inf, -5))
