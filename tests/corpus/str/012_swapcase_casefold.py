# expect: ok
print('Hello World'.swapcase())
print('ß'.swapcase(), 'ΣΑΣ'.swapcase(), 'aΣ'.swapcase(), 'AΣ'.swapcase())
print('Straße'.casefold(), 'ﬁ'.casefold(), 'ΑΣ'.casefold())
print('HELLO'.casefold() == 'hello'.casefold())
print('İ'.casefold(), len('İ'.casefold()))
