# expect: bye now
# sys.exit(str): the message goes to stderr, the status is 1
import sys
print("working")
sys.exit("bye now")
