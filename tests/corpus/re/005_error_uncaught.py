# expect: re.error: redefinition of group name 'name' as group 2; was group 1 at position 15
import re
print(re.findall('(a)b', 'ab'))
_ = re.compile('(?P<name>a)(?P<name>b)')
