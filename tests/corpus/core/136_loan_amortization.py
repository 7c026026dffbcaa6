# expect: ok
def payment(principal, annual_rate, months):
    r = annual_rate / 12
    return principal * r * (1 + r) ** months / ((1 + r) ** months - 1)

p = payment(250000, 0.045, 360)
print(p, round(p, 2))
balance = 250000.0
total_interest = 0.0
for month in range(1, 13):
    interest = balance * 0.045 / 12
    total_interest += interest
    balance -= p - interest
    if month % 3 == 0:
        print(month, round(balance, 2), round(interest, 2))
print(round(total_interest, 2))
