# expect: SyntaxError
# An unknown character name in a \N escape.
x = "ab\N{NO SUCH CHARACTER}"
