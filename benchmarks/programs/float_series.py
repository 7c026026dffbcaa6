# Leibniz series for pi, 5,000,000 terms: float division and addition.
def main():
    s = 0.0
    sign = 1.0
    for k in range(5000000):
        s += sign / (2 * k + 1)
        sign = -sign
    return 4 * s


print(main())
