# expect: ok
# A long elif chain (CPython accepts thousands of branches).
def pick(x):
    if x == 0:
        return "zero"
    elif x == 1:
        return "b1"
    elif x == 2:
        return "b2"
    elif x == 3:
        return "b3"
    elif x == 4:
        return "b4"
    elif x == 5:
        return "b5"
    elif x == 6:
        return "b6"
    elif x == 7:
        return "b7"
    elif x == 8:
        return "b8"
    elif x == 9:
        return "b9"
    elif x == 10:
        return "b10"
    elif x == 11:
        return "b11"
    elif x == 12:
        return "b12"
    elif x == 13:
        return "b13"
    elif x == 14:
        return "b14"
    elif x == 15:
        return "b15"
    elif x == 16:
        return "b16"
    elif x == 17:
        return "b17"
    elif x == 18:
        return "b18"
    elif x == 19:
        return "b19"
    elif x == 20:
        return "b20"
    elif x == 21:
        return "b21"
    elif x == 22:
        return "b22"
    elif x == 23:
        return "b23"
    elif x == 24:
        return "b24"
    elif x == 25:
        return "b25"
    elif x == 26:
        return "b26"
    elif x == 27:
        return "b27"
    elif x == 28:
        return "b28"
    elif x == 29:
        return "b29"
    elif x == 30:
        return "b30"
    elif x == 31:
        return "b31"
    elif x == 32:
        return "b32"
    elif x == 33:
        return "b33"
    elif x == 34:
        return "b34"
    elif x == 35:
        return "b35"
    elif x == 36:
        return "b36"
    elif x == 37:
        return "b37"
    elif x == 38:
        return "b38"
    elif x == 39:
        return "b39"
    elif x == 40:
        return "b40"
    elif x == 41:
        return "b41"
    elif x == 42:
        return "b42"
    elif x == 43:
        return "b43"
    elif x == 44:
        return "b44"
    elif x == 45:
        return "b45"
    elif x == 46:
        return "b46"
    elif x == 47:
        return "b47"
    elif x == 48:
        return "b48"
    elif x == 49:
        return "b49"
    elif x == 50:
        return "b50"
    elif x == 51:
        return "b51"
    elif x == 52:
        return "b52"
    elif x == 53:
        return "b53"
    elif x == 54:
        return "b54"
    elif x == 55:
        return "b55"
    elif x == 56:
        return "b56"
    elif x == 57:
        return "b57"
    elif x == 58:
        return "b58"
    elif x == 59:
        return "b59"
    elif x == 60:
        return "b60"
    elif x == 61:
        return "b61"
    elif x == 62:
        return "b62"
    elif x == 63:
        return "b63"
    elif x == 64:
        return "b64"
    elif x == 65:
        return "b65"
    elif x == 66:
        return "b66"
    elif x == 67:
        return "b67"
    elif x == 68:
        return "b68"
    elif x == 69:
        return "b69"
    elif x == 70:
        return "b70"
    elif x == 71:
        return "b71"
    elif x == 72:
        return "b72"
    elif x == 73:
        return "b73"
    elif x == 74:
        return "b74"
    elif x == 75:
        return "b75"
    elif x == 76:
        return "b76"
    elif x == 77:
        return "b77"
    elif x == 78:
        return "b78"
    elif x == 79:
        return "b79"
    elif x == 80:
        return "b80"
    elif x == 81:
        return "b81"
    elif x == 82:
        return "b82"
    elif x == 83:
        return "b83"
    elif x == 84:
        return "b84"
    elif x == 85:
        return "b85"
    elif x == 86:
        return "b86"
    elif x == 87:
        return "b87"
    elif x == 88:
        return "b88"
    elif x == 89:
        return "b89"
    elif x == 90:
        return "b90"
    elif x == 91:
        return "b91"
    elif x == 92:
        return "b92"
    elif x == 93:
        return "b93"
    elif x == 94:
        return "b94"
    elif x == 95:
        return "b95"
    elif x == 96:
        return "b96"
    elif x == 97:
        return "b97"
    elif x == 98:
        return "b98"
    elif x == 99:
        return "b99"
    elif x == 100:
        return "b100"
    elif x == 101:
        return "b101"
    elif x == 102:
        return "b102"
    elif x == 103:
        return "b103"
    elif x == 104:
        return "b104"
    elif x == 105:
        return "b105"
    elif x == 106:
        return "b106"
    elif x == 107:
        return "b107"
    elif x == 108:
        return "b108"
    elif x == 109:
        return "b109"
    elif x == 110:
        return "b110"
    elif x == 111:
        return "b111"
    elif x == 112:
        return "b112"
    elif x == 113:
        return "b113"
    elif x == 114:
        return "b114"
    elif x == 115:
        return "b115"
    elif x == 116:
        return "b116"
    elif x == 117:
        return "b117"
    elif x == 118:
        return "b118"
    elif x == 119:
        return "b119"
    elif x == 120:
        return "b120"
    elif x == 121:
        return "b121"
    elif x == 122:
        return "b122"
    elif x == 123:
        return "b123"
    elif x == 124:
        return "b124"
    elif x == 125:
        return "b125"
    elif x == 126:
        return "b126"
    elif x == 127:
        return "b127"
    elif x == 128:
        return "b128"
    elif x == 129:
        return "b129"
    elif x == 130:
        return "b130"
    elif x == 131:
        return "b131"
    elif x == 132:
        return "b132"
    elif x == 133:
        return "b133"
    elif x == 134:
        return "b134"
    elif x == 135:
        return "b135"
    elif x == 136:
        return "b136"
    elif x == 137:
        return "b137"
    elif x == 138:
        return "b138"
    elif x == 139:
        return "b139"
    elif x == 140:
        return "b140"
    elif x == 141:
        return "b141"
    elif x == 142:
        return "b142"
    elif x == 143:
        return "b143"
    elif x == 144:
        return "b144"
    elif x == 145:
        return "b145"
    elif x == 146:
        return "b146"
    elif x == 147:
        return "b147"
    elif x == 148:
        return "b148"
    elif x == 149:
        return "b149"
    elif x == 150:
        return "b150"
    elif x == 151:
        return "b151"
    elif x == 152:
        return "b152"
    elif x == 153:
        return "b153"
    elif x == 154:
        return "b154"
    elif x == 155:
        return "b155"
    elif x == 156:
        return "b156"
    elif x == 157:
        return "b157"
    elif x == 158:
        return "b158"
    elif x == 159:
        return "b159"
    elif x == 160:
        return "b160"
    elif x == 161:
        return "b161"
    elif x == 162:
        return "b162"
    elif x == 163:
        return "b163"
    elif x == 164:
        return "b164"
    elif x == 165:
        return "b165"
    elif x == 166:
        return "b166"
    elif x == 167:
        return "b167"
    elif x == 168:
        return "b168"
    elif x == 169:
        return "b169"
    elif x == 170:
        return "b170"
    elif x == 171:
        return "b171"
    elif x == 172:
        return "b172"
    elif x == 173:
        return "b173"
    elif x == 174:
        return "b174"
    elif x == 175:
        return "b175"
    elif x == 176:
        return "b176"
    elif x == 177:
        return "b177"
    elif x == 178:
        return "b178"
    elif x == 179:
        return "b179"
    elif x == 180:
        return "b180"
    elif x == 181:
        return "b181"
    elif x == 182:
        return "b182"
    elif x == 183:
        return "b183"
    elif x == 184:
        return "b184"
    elif x == 185:
        return "b185"
    elif x == 186:
        return "b186"
    elif x == 187:
        return "b187"
    elif x == 188:
        return "b188"
    elif x == 189:
        return "b189"
    elif x == 190:
        return "b190"
    elif x == 191:
        return "b191"
    elif x == 192:
        return "b192"
    elif x == 193:
        return "b193"
    elif x == 194:
        return "b194"
    elif x == 195:
        return "b195"
    elif x == 196:
        return "b196"
    elif x == 197:
        return "b197"
    elif x == 198:
        return "b198"
    elif x == 199:
        return "b199"
    elif x == 200:
        return "b200"
    elif x == 201:
        return "b201"
    elif x == 202:
        return "b202"
    elif x == 203:
        return "b203"
    elif x == 204:
        return "b204"
    elif x == 205:
        return "b205"
    elif x == 206:
        return "b206"
    elif x == 207:
        return "b207"
    elif x == 208:
        return "b208"
    elif x == 209:
        return "b209"
    elif x == 210:
        return "b210"
    elif x == 211:
        return "b211"
    elif x == 212:
        return "b212"
    elif x == 213:
        return "b213"
    elif x == 214:
        return "b214"
    elif x == 215:
        return "b215"
    elif x == 216:
        return "b216"
    elif x == 217:
        return "b217"
    elif x == 218:
        return "b218"
    elif x == 219:
        return "b219"
    elif x == 220:
        return "b220"
    elif x == 221:
        return "b221"
    elif x == 222:
        return "b222"
    elif x == 223:
        return "b223"
    elif x == 224:
        return "b224"
    elif x == 225:
        return "b225"
    elif x == 226:
        return "b226"
    elif x == 227:
        return "b227"
    elif x == 228:
        return "b228"
    elif x == 229:
        return "b229"
    elif x == 230:
        return "b230"
    elif x == 231:
        return "b231"
    elif x == 232:
        return "b232"
    elif x == 233:
        return "b233"
    elif x == 234:
        return "b234"
    elif x == 235:
        return "b235"
    elif x == 236:
        return "b236"
    elif x == 237:
        return "b237"
    elif x == 238:
        return "b238"
    elif x == 239:
        return "b239"
    elif x == 240:
        return "b240"
    elif x == 241:
        return "b241"
    elif x == 242:
        return "b242"
    elif x == 243:
        return "b243"
    elif x == 244:
        return "b244"
    elif x == 245:
        return "b245"
    elif x == 246:
        return "b246"
    elif x == 247:
        return "b247"
    elif x == 248:
        return "b248"
    elif x == 249:
        return "b249"
    elif x == 250:
        return "b250"
    elif x == 251:
        return "b251"
    elif x == 252:
        return "b252"
    elif x == 253:
        return "b253"
    elif x == 254:
        return "b254"
    elif x == 255:
        return "b255"
    elif x == 256:
        return "b256"
    elif x == 257:
        return "b257"
    elif x == 258:
        return "b258"
    elif x == 259:
        return "b259"
    elif x == 260:
        return "b260"
    elif x == 261:
        return "b261"
    elif x == 262:
        return "b262"
    elif x == 263:
        return "b263"
    elif x == 264:
        return "b264"
    elif x == 265:
        return "b265"
    elif x == 266:
        return "b266"
    elif x == 267:
        return "b267"
    elif x == 268:
        return "b268"
    elif x == 269:
        return "b269"
    elif x == 270:
        return "b270"
    elif x == 271:
        return "b271"
    elif x == 272:
        return "b272"
    elif x == 273:
        return "b273"
    elif x == 274:
        return "b274"
    elif x == 275:
        return "b275"
    elif x == 276:
        return "b276"
    elif x == 277:
        return "b277"
    elif x == 278:
        return "b278"
    elif x == 279:
        return "b279"
    elif x == 280:
        return "b280"
    elif x == 281:
        return "b281"
    elif x == 282:
        return "b282"
    elif x == 283:
        return "b283"
    elif x == 284:
        return "b284"
    elif x == 285:
        return "b285"
    elif x == 286:
        return "b286"
    elif x == 287:
        return "b287"
    elif x == 288:
        return "b288"
    elif x == 289:
        return "b289"
    elif x == 290:
        return "b290"
    elif x == 291:
        return "b291"
    elif x == 292:
        return "b292"
    elif x == 293:
        return "b293"
    elif x == 294:
        return "b294"
    elif x == 295:
        return "b295"
    elif x == 296:
        return "b296"
    elif x == 297:
        return "b297"
    elif x == 298:
        return "b298"
    elif x == 299:
        return "b299"
    elif x == 300:
        return "b300"
    elif x == 301:
        return "b301"
    elif x == 302:
        return "b302"
    elif x == 303:
        return "b303"
    elif x == 304:
        return "b304"
    elif x == 305:
        return "b305"
    elif x == 306:
        return "b306"
    elif x == 307:
        return "b307"
    elif x == 308:
        return "b308"
    elif x == 309:
        return "b309"
    elif x == 310:
        return "b310"
    elif x == 311:
        return "b311"
    elif x == 312:
        return "b312"
    elif x == 313:
        return "b313"
    elif x == 314:
        return "b314"
    elif x == 315:
        return "b315"
    elif x == 316:
        return "b316"
    elif x == 317:
        return "b317"
    elif x == 318:
        return "b318"
    elif x == 319:
        return "b319"
    else:
        return "other"


print(pick(0), pick(1), pick(150), pick(319), pick(320))
