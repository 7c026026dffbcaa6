# expect: OverflowError: int too big to convert
print((255).to_bytes(1, 'big'))
x = (256).to_bytes(1, 'big')
