# expect: ok
def sqrt(x):
    if x == 0:
        return 0.0
    guess = x / 2.0
    for i in range(60):
        better = (guess + x / guess) / 2
        if better == guess:
            break
        guess = better
    return guess

for v in range(1, 11):
    print(v, sqrt(v), sqrt(v) - v ** 0.5)
print(sqrt(2.0), sqrt(1e100), sqrt(1e-10))
