# expect: ok
principal = 1000.0
rate = 0.05
for years in range(0, 31, 5):
    amount = principal * (1 + rate) ** years
    print(years, amount, round(amount, 2))
monthly = principal
for m in range(120):
    monthly *= 1 + rate / 12
print(round(monthly, 2), monthly)
