# expect: ok
def is_pal(s):
    t = ''.join(c.lower() for c in s if c.isalnum())
    return t == t[::-1]

for s in ['A man, a plan, a canal: Panama', 'hello', 'Was it a car or a cat I saw?', '', 'ÉtÉ']:
    print(repr(s), is_pal(s))
