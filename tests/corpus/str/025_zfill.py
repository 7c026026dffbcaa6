# expect: ok
print('42'.zfill(5), '-42'.zfill(5), '+42'.zfill(5), '--42'.zfill(6))
print('42'.zfill(1), ''.zfill(3), 'é'.zfill(4), '-'.zfill(3), 'abc'.zfill(-1))
print('3.14'.zfill(8), '-0.5'.zfill(6))
