# expect: ok
# base64.encode / base64.decode between io.BytesIO objects.
import base64
import io

src = io.BytesIO(bytes(range(256)) * 3)
dst = io.BytesIO()
base64.encode(src, dst)
print(dst.getvalue())
dst.seek(0)
back = io.BytesIO()
base64.decode(dst, back)
print(back.getvalue() == bytes(range(256)) * 3)
