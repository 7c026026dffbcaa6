# A while loop summing 0 .. 9,999,999: comparisons and integer additions on
# local variables (CPython's fastest path).
def main():
    total = 0
    i = 0
    while i < 10000000:
        total += i
        i += 1
    return total


print(main())
