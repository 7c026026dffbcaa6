# expect: ok
print(bool(0), bool(0.0), bool(-0.0), bool(-1), bool(None), bool())
print(bool(float('nan')), bool(1e-300), bool(2 ** 100), bool(True), bool(False))
print(bool(1 - 1), bool(0.1 + 0.2 - 0.3))
