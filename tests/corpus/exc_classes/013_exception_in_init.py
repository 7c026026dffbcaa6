# expect: ZeroDivisionError: division by zero
class Bad(Exception):
    def __init__(self):
        1 / 0
print("before")
raise Bad()
