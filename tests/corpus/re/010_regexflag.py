# expect: ok
import re
I, M = re.I, re.M
print(repr(I), str(I), I|M, I|1024, 2|M, I&M, I+1, f'{I}', format(I,'d'), re.RegexFlag(34), I.name, I.value, type(I), isinstance(I,int), I == 2, (I|M).name, repr(~I), I ^ I, re.A in re.A|I, list(I|M), bool(re.NOFLAG), re.NOFLAG)
print(re.RegexFlag.IGNORECASE, re.RegexFlag(0), re.U|I, [f for f in re.RegexFlag][:3], len(re.RegexFlag))
print(re.compile('a', re.I | re.M), re.compile('a', re.I).flags, re.findall('A', 'aA', re.I), re.sub('a', 'b', 'aA', flags=re.I), re.compile('x', 2).flags)
print(re.compile('(?x)a').flags, hash(re.I) == hash(2), {re.I: 1}[2], re.I in (2, 4), sorted([re.M, re.I]))
print(re.S, re.X, re.A, re.U, re.L, re.DEBUG, re.T, re.DOTALL | re.VERBOSE | re.ASCII)
