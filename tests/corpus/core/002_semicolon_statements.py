# expect: ok
a = 1; b = 2; c = a + b
print(a); print(b); print(c);
x = 10; x += 5; print(x)
if c == 3: print("three"); print("still three")
for i in range(3): print(i); print(i * i)
