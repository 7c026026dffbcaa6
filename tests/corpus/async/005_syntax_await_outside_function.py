# expect: SyntaxError
x = 1
await x
