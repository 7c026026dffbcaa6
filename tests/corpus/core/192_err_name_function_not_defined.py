# expect: NameError: name 'compute_total_weight' is not defined
def main():
    print("in main")
    return compute_total_weight(3)

x = main()
