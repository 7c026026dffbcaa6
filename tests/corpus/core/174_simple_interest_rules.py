# expect: ok
def discount(amount, member=False, coupon=0):
    rate = 0.0
    if amount >= 100:
        rate = 0.1
    if member:
        rate += 0.05
    price = amount * (1 - rate) - coupon
    return max(price, 0)

print(discount(50), discount(100), discount(100, True), discount(20, coupon=25))
print(discount(amount=250, member=True, coupon=10))
