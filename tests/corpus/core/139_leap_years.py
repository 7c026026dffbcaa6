# expect: ok
def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

count = 0
for y in range(1890, 2101):
    if is_leap(y):
        count += 1
print(count, is_leap(1900), is_leap(2000), is_leap(2024), is_leap(2100))
