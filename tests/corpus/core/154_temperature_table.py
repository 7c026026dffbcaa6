# expect: ok
def c_to_f(c):
    return c * 9 / 5 + 32

def f_to_c(f):
    return (f - 32) * 5 / 9

for c in range(-40, 101, 20):
    print(c, c_to_f(c), f_to_c(c_to_f(c)))
print(f_to_c(98.6), round(f_to_c(98.6), 1))
