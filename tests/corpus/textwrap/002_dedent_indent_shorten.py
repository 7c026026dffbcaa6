# expect: ValueError: placeholder too large for max width
import textwrap

print(repr(textwrap.dedent('''
    def f():
        return 1
      # odd
    end
''')))
print(repr(textwrap.dedent('  a\n\tb\n')), repr(textwrap.dedent('\t\ta\n\t b\n')), repr(textwrap.dedent('   \n  x\n    \n  y')))
print(repr(textwrap.dedent('no indent\n  here')), repr(textwrap.dedent('')), repr(textwrap.dedent('  \r\n  z')))
print(repr(textwrap.indent('a\n\nb\n  \nc', '> ')))
print(repr(textwrap.indent('a\nb\r\nc', '+', lambda line: True)))
print(repr(textwrap.indent('x\ny', '  ', lambda line: 'y' in line)))
for width in (5, 10, 11, 12, 20, 50):
    print(repr(textwrap.shorten('Hello  world!   This is  a test of shorten.', width)))
print(textwrap.shorten('Hello world', 11, placeholder='..'), textwrap.shorten('Hello world, again', 12, placeholder='..'))
print(textwrap.shorten('Hello world', 3))
