# expect: ok
print(str(1.0), repr(1e100), str(2.5e-10), repr(0.1))
print(str(-0.0), repr(float('inf')), str(float('nan')), repr(-1.5e300))
print(str(1e16), repr(1e15), str(123456.789))
