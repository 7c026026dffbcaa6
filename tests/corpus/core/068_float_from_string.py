# expect: ok
print(float('1e-7'), float(' 2.5 '), float('-inf'), float('nan'))
print(float('1_000.5'), float('infinity'), float('+1.5'), float('-0'))
print(float('12'), float('.5'), float('5.'), float('1E3'))
print(float(3), float(-2 ** 60), float(True), float(10 ** 20))
print(float(2 ** 1000))
