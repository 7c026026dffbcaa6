# expect: ok
data = 'name,age,city\nAnn,30,Paris\nBob,25,Zürich\n'
lines = data.strip().split('\n')
header = lines[0].split(',')
for line in lines[1:]:
    fields = line.split(',')
    rec = dict(zip(header, fields))
    print(rec['name'].upper(), int(rec['age']) + 1, rec['city'].lower())
