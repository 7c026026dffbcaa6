# expect: ok
x = 3.14159
n = 1234567
s = 'abc'
print(f'{x:.3f}|{x:10.2f}|{x:<10.2f}|{x:08.2f}|{x:+.1e}')
print(f'{n:,}|{n:_}|{n:>12,}|{n:x}|{n:#X}')
print(f'{s:>10}|{s:<10}|{s:^10}|{s:*^9}|{s!r:>8}')
w, p = 12, 4
print(f'{x:{w}.{p}f}|{s:>{w}}|{n:{w},}')
print(f'{-0.0:z.1f}|{0.5:%}|{True:d}|{True}')
print(f'{"é":>3}|{"😀":^5}|')
