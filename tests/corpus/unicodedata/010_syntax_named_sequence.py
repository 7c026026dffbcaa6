# expect: SyntaxError
# Named sequences are not characters: \N{} refuses them (lookup() accepts them).
x = f"\N{LATIN SMALL LETTER R WITH TILDE}"
