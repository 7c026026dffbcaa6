# expect: bye now
# sys.exit(str): the message goes to stderr, the status is 1
import sys
print("working")
x = sys.exit("bye now")
