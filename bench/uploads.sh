#!/usr/bin/env bash
# Ten 49-megapixel PNG uploads at once (issue 13, finding 12): the wall time for all ten and the
# site's peak resident memory (VmHWM), against the same process's memory when idle. Publishes the
# tree it is in (Release), creates an administrator, signs in through the real forms (password,
# authenticator code), and posts the files to /admin/media as a browser would.
#   bench/uploads.sh                    # 10 uploads of 7000×7000 (157 KB each)
#   BENCH_UPLOADS=4 bench/uploads.sh    # fewer at once
# Run it on two checkouts (before and after a change) to compare; bench/README.md has the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/uploads
APP=$OUT/app
RESULTS=$OUT
HOST=127.0.0.1
PORT=${BENCH_PORT:-5097}
UPLOADS=${BENCH_UPLOADS:-10}
LOG_LEVEL=Warning
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

mkdir -p "$OUT"
say "publish"
publish_app
rm -rf "$OUT/data"
DATA=(Visnyk__DataDirectory="$OUT/data" Visnyk__DemoContent=false Visnyk__PublicUrl="http://$HOST:$PORT")

say "administrator"
link=$(cd "$APP" && env "${DATA[@]}" Logging__LogLevel__Default=Warning dotnet Visnyk.dll admin create --email bench@example.gov.ua --name Bench | grep -o 'http[^ ]*/admin/setup[^ ]*')
[[ -n $link ]] || die "admin create printed no set-up link"

say "pictures"
python3 - "$OUT" "$UPLOADS" <<'PY'
import sys, zlib, struct
out, n = sys.argv[1], int(sys.argv[2])
w = h = 7000
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
for i in range(n):
    # A flat grey picture with one different pixel each: tiny on disk, 49 MP decoded, distinct files.
    row = b"\0" + bytes([96]) * (3 * w)
    rows = bytearray(row * h)
    rows[1 + i] = i
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    open(f"{out}/huge-{i}.png", "wb").write(png)
print(f"{n} × {w}×{h} PNG, {len(png) // 1024} KB each")
PY

say "site"
trap 'stop_pid "${LAUNCHED:-}"' EXIT
launch_app uploads "$PORT" "${DATA[@]}"
pid=$LAUNCHED
for _ in $(seq 600); do [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$HOST:$PORT/" || true) == 200 ]] && break; sleep 0.2; done
idle=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")

python3 - "http://$HOST:$PORT" "$link" "$OUT" "$UPLOADS" "$pid" "$idle" <<'PY'
import sys, re, time, hmac, hashlib, struct, base64, html.parser, urllib.request, urllib.parse, http.cookiejar, threading, uuid
base, link, out, n, pid, idle = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
jar = http.cookiejar.CookieJar()
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def get(path):
    return web.open(base + path if path.startswith("/") else path, timeout=600).read().decode()
def token(page):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)
def post(path, fields):
    return web.open(base + path, urllib.parse.urlencode(fields).encode(), timeout=600)
def totp(key):
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000)

setup = get(link.replace(re.match(r"https?://[^/]+", link).group(0), base))
class Hidden(html.parser.HTMLParser):
    fields = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""
parser = Hidden()
parser.feed(setup)
hidden = dict(parser.fields)
hidden.update({"Password": "довгий пароль для вимірювання 2026", "Repeat": "довгий пароль для вимірювання 2026"})
post(urllib.parse.urlparse(link).path, hidden)
page = get("/admin/account/two-factor")
key = re.search(r'data-testid="authenticator-key">([^<]+)<', page).group(1)
post("/admin/account/two-factor", {"Code": totp(key), "__RequestVerificationToken": token(page)})
media = get("/admin/media")
form_token = token(media)

def peak():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
results = []
def upload(i):
    data = open(f"{out}/huge-{i}.png", "rb").read()
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="__RequestVerificationToken"\r\n\r\n{form_token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="huge-{i}.png"\r\nContent-Type: image/png\r\n\r\n').encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/admin/media", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        response = web.open(request, timeout=1200)
        results.append((response.status, "Завантажено" in response.read().decode()))
    except Exception as e:
        results.append((getattr(e, "code", 0), False))
before = peak()
start = time.monotonic()
threads = [threading.Thread(target=upload, args=(i,)) for i in range(n)]
[t.start() for t in threads]
[t.join() for t in threads]
elapsed = time.monotonic() - start
stored = sum(1 for status, ok in results if status == 200 and ok)
print(f"\n{n} concurrent uploads of a 7000×7000 PNG: {elapsed:.1f} s wall, {stored} stored")
print(f"peak RSS (VmHWM): {peak()} MB  (idle after start: {idle} MB, peak before the uploads: {before} MB)")
if stored != n:
    print(f"bench: FAILED: {n - stored} uploads not stored: {results}", file=sys.stderr)
    sys.exit(1)
PY
