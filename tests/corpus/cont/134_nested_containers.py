# expect: ok
data = {'users': [{'name': 'a', 'tags': {'x', 'y'}}, {'name': 'b', 'tags': set()}], 'count': (2,)}
print(data['users'][0]['name'], sorted(data['users'][0]['tags']), data['count'][0])
data['users'].append({'name': 'c', 'tags': {'z'}})
print(len(data['users']), [u['name'] for u in data['users']])
print({k: len(v) if isinstance(v, list) else v for k, v in data.items()})
