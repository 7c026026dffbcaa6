# expect: AttributeError: 'str' object has no attribute 'encod'. Did you mean: 'encode'?
def shout(s):
    return s.upper().encod("utf-8")


print(len("abc"))
x = shout("abc")
