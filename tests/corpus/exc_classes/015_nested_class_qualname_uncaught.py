class A:
    class E(Exception): pass
raise A.E(1)
