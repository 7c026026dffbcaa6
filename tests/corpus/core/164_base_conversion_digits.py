# expect: ok
def show_base(n, b):
    if n == 0:
        print(0)
        return
    place = 1
    while place * b <= n:
        place *= b
    while place > 0:
        print(n // place, end=' ')
        n %= place
        place //= b
    print()

show_base(2024, 7)
show_base(255, 2)
show_base(2 ** 70, 16)
show_base(0, 3)
print(oct(2024), hex(2 ** 70), bin(255))
