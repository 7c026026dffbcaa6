# expect: ok
print('hello'.translate({104: 'H', 108: None, 111: 48}))
print('abc'.translate({}), 'é'.translate({233: 'e'}))
print('abc'.translate({97: 'xyz', 98: ''}))
