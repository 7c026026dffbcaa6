# expect: ok
l = [5, 2, 9, 1, 5, 6, -3, 0]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
l.sort(key=abs)
print(l)
l.sort(key=lambda x: x % 3, reverse=True)
print(l)
w = ['banana', 'Apple', 'cherry', 'apple']
w.sort()
print(w)
w.sort(key=len)
print(w)
w.sort(key=str.lower)
print(w)
print(l.sort(), sorted([3, 1, 2]), sorted('bca'), sorted((2, 1)), sorted([]))
