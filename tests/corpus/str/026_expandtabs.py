# expect: ok
print(repr('a\tb\tc'.expandtabs()))
print(repr('a\tb\nc\td'.expandtabs(4)))
print(repr('a\tb'.expandtabs(0)), repr('a\tb'.expandtabs(-1)), repr('\t'.expandtabs(True)))
print(repr('12\t34\t\t5'.expandtabs(3)), repr('\r\t'.expandtabs(4)))
print(repr('é\tx'.expandtabs(4)), repr('ab\r\ncd\tx'.expandtabs(tabsize=4)))
