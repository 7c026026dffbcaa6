# expect: ok
print(1 == 1.0, 1 == True, 2 == True, None == 0, None == None, None != 1)
print(0.1 + 0.2 == 0.3, 1 < 1.5 < 2, False < True, True < 2, -1 < False)
print(1 == None, None != None, 0 == False, 0.0 == None)
print(2 ** 100 == 2.0 ** 100, 2 ** 100 + 1 == 2.0 ** 100, 2 ** 100 + 1 > 2.0 ** 100)
