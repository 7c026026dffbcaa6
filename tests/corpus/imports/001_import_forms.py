# expect: ok
# import, import as, from-import (plain, aliased, parenthesised), star
import keyword
import keyword as kw, math as m
from keyword import iskeyword, kwlist as KW
from keyword import (
    issoftkeyword,
    softkwlist,
)
print(keyword.iskeyword("for"), kw.iskeyword("foo"), m.floor(2.5))
print(iskeyword("while"), len(KW), KW[:3])
print(issoftkeyword("match"), softkwlist)
print(keyword is kw, keyword.kwlist is KW)
import keyword
print(keyword is kw)
def f():
    import keyword as k2
    from keyword import kwlist
    return k2 is keyword, kwlist is KW
print(f())
