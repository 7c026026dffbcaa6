# expect: ok
def nothing():
    pass

if True:
    pass
for i in range(3):
    pass
while False:
    pass
print(nothing(), i)
