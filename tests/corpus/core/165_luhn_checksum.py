# expect: ok
def luhn_valid(number):
    total = 0
    pos = 0
    while number > 0:
        d = number % 10
        if pos % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        number //= 10
        pos += 1
    return total % 10 == 0

print(luhn_valid(79927398713), luhn_valid(79927398710), luhn_valid(4539578763621486))
