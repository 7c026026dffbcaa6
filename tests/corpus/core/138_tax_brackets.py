# expect: ok
def tax(income):
    owed = 0
    if income > 100000:
        owed += (income - 100000) * 0.4
        income = 100000
    if income > 40000:
        owed += (income - 40000) * 0.25
        income = 40000
    if income > 10000:
        owed += (income - 10000) * 0.1
    return owed

for inc in range(0, 200001, 25000):
    t = tax(inc)
    print(inc, t, round(t / inc * 100, 2) if inc else 0)
