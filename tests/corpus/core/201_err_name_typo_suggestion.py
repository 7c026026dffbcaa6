# expect: NameError: name 'pirnt' is not defined. Did you mean: 'print'?
print("typo ahead")
pirnt(1)
print("unreachable")
