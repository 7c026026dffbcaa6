# expect: ok
def bmi(weight, height):
    return weight / height ** 2

def category(b):
    if b < 18.5:
        print("underweight")
    elif b < 25:
        print("normal")
    elif b < 30:
        print("overweight")
    else:
        print("obese")

category(bmi(50, 1.8))
category(bmi(70, 1.75))
category(bmi(85, 1.75))
category(bmi(120, 1.7))
print(round(bmi(70, 1.75), 1), bmi(70, 1.75))
