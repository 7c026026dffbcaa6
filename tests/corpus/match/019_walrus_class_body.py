# expect: SyntaxError: assignment expression within a comprehension cannot be used in a class body
class A:
    vals = [(y := i) for i in range(2)]
