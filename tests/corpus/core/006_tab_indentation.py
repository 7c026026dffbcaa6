# expect: ok
def square(x):
	return x * x

total = 0
for i in range(5):
	if i % 2 == 0:
		total += square(i)
	else:
		total -= 1
print(total)
