# expect: ok
# A program that is mostly comments.

x = 1  # trailing comment
# comment between statements

    # an indented comment line is fine (ignored by the tokenizer)
y = 2
print(x + y)  # 3
# final comment without newline after