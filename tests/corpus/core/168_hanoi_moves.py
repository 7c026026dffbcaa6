# expect: ok
moves = 0

def hanoi(n, src, dst, via):
    global moves
    if n == 0:
        return
    hanoi(n - 1, src, via, dst)
    moves += 1
    print(n, src, dst)
    hanoi(n - 1, via, dst, src)

hanoi(4, 1, 3, 2)
print(moves, 2 ** 4 - 1)
