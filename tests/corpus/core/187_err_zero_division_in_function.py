# expect: ZeroDivisionError: division by zero
def average(total, count):
    return total / count

def report(total, count):
    print("average of", count, "items")
    return average(total, count)

print(report(10, 4))
print(report(10, 0))
