# expect: ok
if (n := 10) > 5:
    print("n is", n)
data = [1, 2, 3, 4, 5]
while (size := len(data)) > 2:
    data.pop()
print(size, data)
x = 0
while (x := x + 1) < 4:
    print("loop", x)
print("after", x)
if not (m := 0):
    print("falsy", m)
elif (m := 2):
    print("never")
print(m)
