# expect: ok
def day_of_week(y, m, d):
    if m < 3:
        m += 12
        y -= 1
    k = y % 100
    j = y // 100
    h = (d + 13 * (m + 1) // 5 + k + k // 4 + j // 4 + 5 * j) % 7
    return (h + 5) % 7 + 1

print(day_of_week(2000, 1, 1), day_of_week(1969, 7, 20), day_of_week(2024, 2, 29))
for m in range(1, 13):
    print(m, day_of_week(2023, m, 13))
