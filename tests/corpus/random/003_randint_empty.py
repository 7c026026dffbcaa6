# expect: ValueError: empty range for randrange() (1, 1, 0)
# random: randint(a, b) with b < a is randrange's error, widths included
import random
random.seed(5)
print(random.randint(1, 1))
print(random.randint(1, 0))
