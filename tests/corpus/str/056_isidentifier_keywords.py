# expect: ok
for s in ['abc', '_x', 'x1', '1x', 'a b', 'é', 'ñame', 'a-b', '', '__init__', 'λ', '℘', '·', 'a·']:
    print(repr(s), s.isidentifier())
