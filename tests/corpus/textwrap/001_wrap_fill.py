# expect: ok
import textwrap

text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen "
        "liquor jugs! How vexingly quick daft zebras jump? Sphinx of black quartz, "
        "judge my vow. A well-known, state-of-the-art e-mail -- sent to everyone--"
        "really -- matters.  Tabs\tand\nnewlines   stay single-spaced.")
for width in (1, 5, 10, 12, 20, 33, 40, 70, 200):
    print(width, textwrap.wrap(text, width))
print(textwrap.fill(text, 30))
print(textwrap.fill(text, 25, initial_indent='* ', subsequent_indent='  '))
print(textwrap.wrap(text, 15, break_long_words=False))
print(textwrap.wrap(text, 15, break_on_hyphens=False))
print(textwrap.wrap(text, 18, fix_sentence_endings=True))
print(textwrap.wrap(text, 20, drop_whitespace=False))
print(textwrap.wrap(text, 20, replace_whitespace=False, expand_tabs=False))
print(textwrap.wrap('a\tb\tc', 10, tabsize=4), textwrap.wrap('', 10), textwrap.wrap('   ', 10))
print(textwrap.wrap('supercalifragilisticexpialidocious is long', 10))
print(textwrap.wrap('long-hyphenated-compound-word-here ok', 12))
print(textwrap.wrap('--dashes-- ---x-- a--b 9-9 a-b-c x--y', 4))
print(textwrap.wrap("Hello there.  How are you? I'm fine. \"Quoted.\" End", 12, fix_sentence_endings=True))
w = textwrap.TextWrapper(width=20, max_lines=2)
print(w.wrap(text), w.fill('short'))
print(textwrap.wrap(text, 30, max_lines=3, placeholder=' ...'))
print(textwrap.wrap('one two three four five', 9, max_lines=2, placeholder='~~'))
print(textwrap.wrap('aaaaaaaaaaaaaaaa bbbb', 8, max_lines=1, placeholder='...'))
try:
    textwrap.wrap('x', 0)
except ValueError as e:
    print(e)
try:
    textwrap.wrap('hello world', 5, max_lines=1, placeholder=' [......]')
except ValueError as e:
    print(e)
