# expect: ok
# Private name mangling: inside a class, __spam (not ending in __) is
# _Class__spam, for attributes, names, methods, class attributes,
# parameters, nested functions, lambdas, comprehensions, except/match
# names and nested classes; leading underscores of the class name are
# stripped; strings, keyword argument names and dunders are left alone.
_Account__registry = ['module-level']


class Account:
    __rate = 0.05

    def __init__(self, owner, balance):
        self.__owner = owner
        self.__balance = balance

    def __secret(self):
        return 'secret of ' + self.__owner

    def reveal(self):
        return self.__secret(), Account.__rate, __registry[0]

    def scaled(self, __factor=2):
        return (lambda __k: __k * __factor)(self.__balance)

    def squares(self):
        return [__i * __i for __i in range(3)]

    def catch(self):
        try:
            raise KeyError('k')
        except KeyError as __e:
            return repr(__e)

    def match(self, v):
        match v:
            case [__first, *__rest]:
                return __first, __rest
            case {'k': __val}:
                return __val
        return None

    def keywords(self, **kw):
        return sorted(kw)

    def call_keywords(self):
        return self.keywords(__raw=1, plain=2)

    def set_global(self):
        global __registry
        __registry = ['changed']

    class __Inner:
        def __init__(self):
            self.__z = 1

    def inner(self):
        return vars(self.__Inner())


class Savings(Account):
    def __init__(self, owner, balance):
        super().__init__(owner, balance)
        self.__balance = 'child'

    def both(self):
        return self.__balance, self._Account__balance


class _Private:
    def __init__(self):
        self.__a = 1


class ___:
    def __init__(self):
        self.__b = 2


a = Account('ann', 10)
print(sorted(vars(a)), a._Account__owner, a._Account__secret(), a.reveal())
print(a.scaled(), a.squares(), a.catch(), a.match([1, 2, 3]), a.match({'k': 'v'}))
print(a.call_keywords(), a.inner(), hasattr(Account, '_Account__Inner'))
s = Savings('bob', 5)
print(sorted(vars(s)), s.both(), Account._Account__rate)
print(vars(_Private()), vars(___()))
a.set_global()
print(_Account__registry)
for obj, name in [(a, '__owner'), (a, '__secret'), (Account, '__rate')]:
    try:
        getattr(obj, name)
    except AttributeError as e:
        print('AttributeError', e)
try:
    print(a.__balance)
except AttributeError as e:
    print('AttributeError', e)
