# expect: ok
class A(Exception):
    pass
class B(Exception):
    pass
for cls in (A, B, ValueError):
    try:
        raise cls("v")
    except (A, B) as e:
        print("AB", type(e).__name__)
    except ValueError as e:
        print("VE", e)
