# expect: ok
nan = float('nan')
print(max(nan, 1), max(1, nan), min(nan, 1), min(1, nan))
print(max(2, nan, 3), min(0.5, 0.25, 0.125))
print(max(1, 1.0), max(1.0, 1), min(-0.0, 0), min(0, -0.0))
