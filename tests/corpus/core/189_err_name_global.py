# expect: NameError: name 'undefined_variable' is not defined
x = 1
print(x)
print(undefined_variable + 1)
