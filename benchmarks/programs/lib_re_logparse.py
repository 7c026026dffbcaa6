# Library: a regex-heavy log parse. 60,000 generated access-log lines are
# parsed with a compiled pattern of named groups (match + groupdict), the
# failures are searched for an error code, the paths are normalised with
# sub (a template and a function), the user agents split, and the
# timestamps pulled out with findall.
import re

METHODS = ['GET', 'POST', 'PUT', 'DELETE']
PATHS = ['/index.html', '/api/v1/users/42', '/api/v1/items/7/edit', '/static/app.js',
         '/login', '/api/v2/search?q=abc&page=3', '/img/logo.png']
AGENTS = ['Mozilla/5.0 (X11; Linux x86_64)', 'curl/7.88.1', 'python-requests/2.31',
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64)']


def make_lines(n):
    lines = []
    seed = 12345
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        ip = '10.%d.%d.%d' % (seed % 256, (seed >> 8) % 256, (seed >> 16) % 256)
        status = [200, 200, 200, 304, 404, 500][seed % 6]
        line = '%s - user%d [03/Dec/2026:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %d "%s"' % (
            ip, seed % 97, (i // 3600) % 24, (i // 60) % 60, i % 60, METHODS[seed % 4],
            PATHS[(seed >> 3) % 7], status, (seed >> 5) % 50000, AGENTS[(seed >> 7) % 4])
        if status == 500:
            line += ' error=E%03d' % (seed % 17)
        lines.append(line)
    return lines


LOG = re.compile(r'(?P<ip>\d+(?:\.\d+){3}) - (?P<user>\w+) \[(?P<ts>[^\]]+)\] '
                 r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) (?P<size>\d+) '
                 r'"(?P<agent>[^"]*)"')
ERR = re.compile(r'error=(E\d+)')
NUM = re.compile(r'/\d+')


def main():
    lines = make_lines(60000)
    by_status = {}
    errors = {}
    paths = {}
    agents = {}
    total = 0
    for line in lines:
        m = LOG.match(line)
        if m is None:
            continue
        d = m.groupdict()
        by_status[d['status']] = by_status.get(d['status'], 0) + 1
        total += int(d['size'])
        if d['status'] == '500':
            e = ERR.search(line)
            if e:
                errors[e.group(1)] = errors.get(e.group(1), 0) + 1
        p = NUM.sub('/N', d['path'].split('?')[0])
        paths[p] = paths.get(p, 0) + 1
        a = re.split(r'[/ (;)]+', m.group('agent'))[0]
        agents[a] = agents.get(a, 0) + 1
    hours = re.findall(r':(\d\d):\d\d:\d\d ', '\n'.join(lines[::50]))
    loud = re.sub(r'user(\d+)', lambda m: 'U' + m.group(1), ' '.join(lines[:3]))
    print(sorted(by_status.items()), total)
    print(sorted(errors.items())[:5], len(errors))
    print(sorted(paths.items()))
    print(sorted(agents.items()))
    print(len(hours), hours[:3], loud[:60])


main()
