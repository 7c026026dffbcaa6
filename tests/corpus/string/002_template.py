# expect: KeyError: 'price'
from string import Template


t = Template('$who likes $what, ${who}s and $$ cost $$5')
print(t.substitute(who='tim', what='kung pao'))
print(t.substitute({'who': 'ann', 'what': 'tea'}, what='coffee'))
print(t.safe_substitute(who='bob'))
print(t.get_identifiers(), t.is_valid(), t.template)
print(Template('$a$b ${c}d $ e $').safe_substitute(a=1, c=3))
print(Template('x $1 y').safe_substitute(), Template('${bad').safe_substitute(), Template('$_x9 $X').substitute(_x9=1, X=2))
print(Template('$a $b').substitute({'a': [1]}, b=None))
print(Template('$a $b').is_valid(), Template('$ a').is_valid(), Template('${').is_valid(), Template('$a $1').get_identifiers())


class Percent(Template):
    delimiter = '%'


print(Percent('%x and %%, ${x}?').substitute(x=5))
for tpl, kw in [('$who', {}), ('line1\nab $', {}), ('a ${', {}), ('$1', {}), ('x\ny\n  $!z', {})]:
    try:
        Template(tpl).substitute(**kw)
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
print(Template('cost: ${price}').substitute())
