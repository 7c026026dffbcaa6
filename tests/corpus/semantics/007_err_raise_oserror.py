# expect: FileNotFoundError: [Errno 2] No such file or directory: 'data.csv'
print("opening")
raise OSError(2, "No such file or directory", "data.csv")
