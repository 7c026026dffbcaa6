# expect: SyntaxError: assignment expression cannot rebind comprehension iteration variable 'i'
print("never")
vals = [(i := 0) for i in range(3)]
