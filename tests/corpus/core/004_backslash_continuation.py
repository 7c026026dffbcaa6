# expect: ok
x = 1 + \
    2 + \
    3
print(x)
if x > 5 and \
   x < 10:
    print("between")
y = x \
* 2
print(y)
