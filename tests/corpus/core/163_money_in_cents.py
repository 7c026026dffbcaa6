# expect: ok
price_cents = 1999
qty = 3
subtotal = price_cents * qty
tax = (subtotal * 825 + 5000) // 10000
total = subtotal + tax
dollars, cents = divmod(total, 100)
print(subtotal, tax, total, dollars, cents)
print(0.1 * 3, 10 * 3 / 100)
