# expect: ok
def clamp(x, lo=0, hi=10):
    return max(lo, min(x, hi))

def sign(x):
    return (x > 0) - (x < 0)

for v in range(-15, 20, 5):
    print(v, clamp(v), clamp(v, -5), clamp(v, hi=3), sign(v), sign(v / 7))
print(sign(-0.0), sign(float('inf')), clamp(2.5), clamp(float('-inf')))
