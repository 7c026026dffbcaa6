# expect: TypeError: area() missing 3 required positional arguments: 'w', 'h', and 'd'
def area(w, h, d):
    return w * h * d

print(area(1, 2, 3))
print(area())
