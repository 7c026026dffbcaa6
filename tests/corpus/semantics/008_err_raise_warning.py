# expect: DeprecationWarning: old api
print("start")
raise DeprecationWarning("old api")
