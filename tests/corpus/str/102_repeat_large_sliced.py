# expect: ok
# Large repetitions are filled in slices (time budget); the result must be exact.
s = "abc" * 3000000; print(len(s), s[-7:], s.count("cab"), hash(s) == hash("abc" * 3000000))
t = "héllo" * 1000001; print(len(t), t[-6:], t[5*777777:5*777777+5])
u = "x" * 5000000; print(len(u), u.count("x"))
v = ("ab" * 1398101 + "a"); w = v * 3; print(len(w), w[4194300:4194310], w.count("aa"))
l = [1, 2, 3] * 100000; print(len(l), l[-4:], sum(l))
l2 = [0, 1]; l2 *= 100000; print(len(l2), sum(l2))
tt = (1, 2) * 100000; print(len(tt), tt[-3:], tt.count(2))
tt2 = ([],) * 70000; print(len(tt2), tt2[69999] is tt2[0])
