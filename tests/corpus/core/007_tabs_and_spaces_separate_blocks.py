# expect: ok
def with_tabs(n):
	result = 0
	while n > 0:
		result += n
		n -= 1
	return result

def with_spaces(n):
    result = 1
    while n > 0:
        result *= n
        n -= 1
    return result

print(with_tabs(10), with_spaces(10))
