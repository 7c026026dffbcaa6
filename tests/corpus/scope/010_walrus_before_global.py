# expect: SyntaxError: name 'x' is assigned to before global declaration
def f():
    [(x := 1) for _ in range(2)]
    global x
