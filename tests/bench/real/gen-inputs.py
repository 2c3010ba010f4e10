#!/usr/bin/env python3
"""Generate the inputs of the real-program benchmarks (deterministic).

usage: gen-inputs.py OUTDIR SCALE

SCALE multiplies every size: 1 for make bench, about 0.1 for make check.
Writes text.txt (Zipf-distributed words), data.json (records), audio.wav
(16-bit stereo 44.1 kHz, 30 s: chords, a sweep and noise), prog.c (generated C
functions for cc1), prog.s (generated aarch64 assembly for as), blob.bin
(a mix of text, structured records and noise, for the compressors and
openssl), big.bin (blob.bin 4 times, for pigz) and work.sql (a sqlite3 workload).  The same SCALE gives the same
bytes on every machine (a fixed-seed generator, no floating point in what
is written but the audio samples, which are rounded the same everywhere).
"""
import json, math, os, random, struct, sys

out, scale = sys.argv[1], float(sys.argv[2])
os.makedirs(out, exist_ok=True)
rnd = random.Random(20240518)

def n(x):
    return max(1, int(x * scale))

def write(name, data):
    tmp = os.path.join(out, name + '.tmp')
    with open(tmp, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.replace(tmp, os.path.join(out, name))

# ---- words: a vocabulary with Zipf-like frequencies ----
syll = ['ka', 'to', 'ri', 'men', 'sa', 'lo', 'qu', 'ex', 'ph', 'an', 'tor', 'el',
        'is', 'um', 'ver', 'den', 'ol', 'ya', 'zi', 'ne']
vocab = sorted({''.join(rnd.choice(syll) for _ in range(rnd.randint(1, 4)))
                for _ in range(6000)})
weights = [1.0 / (i + 1) for i in range(len(vocab))]
rnd.shuffle(vocab)
cum = []
t = 0.0
for w in weights:
    t += w
    cum.append(t)

def words(k):
    return rnd.choices(vocab, cum_weights=cum, k=k)

lines = []
for i in range(n(40000)):
    ws = words(rnd.randint(4, 14))
    if rnd.random() < 0.3:
        ws.append(str(rnd.randint(0, 99999)))
    if rnd.random() < 0.1:
        ws[0] = ws[0].capitalize()
    lines.append(' '.join(ws) + ('.' if rnd.random() < 0.5 else ','))
write('text.txt', '\n'.join(lines) + '\n')

# ---- JSON records ----
recs = []
for i in range(n(25000)):
    recs.append({'id': i, 'name': ' '.join(words(2)), 'group': rnd.choice(vocab[:40]),
                 'score': rnd.randint(0, 1000000) / 1000, 'tags': words(rnd.randint(0, 5)),
                 'active': rnd.random() < 0.7,
                 'pos': {'x': rnd.randint(-5000, 5000), 'y': rnd.randint(-5000, 5000)}})
write('data.json', json.dumps(recs, indent=1) + '\n')

# ---- audio: 16-bit stereo PCM WAV ----
rate = 44100
frames = n(rate * 30)
pcm = bytearray(frames * 4)
notes = [220.0, 261.63, 329.63, 392.0, 440.0, 523.25]
noise = random.Random(7)
for i in range(frames):
    t = i / rate
    seg = int(t * 2) % len(notes)
    f1, f2 = notes[seg], notes[(seg + 2) % len(notes)] * 1.5
    sweep = 200.0 + 3000.0 * ((t * 0.25) % 1.0)
    l = 0.35 * math.sin(2 * math.pi * f1 * t) + 0.2 * math.sin(2 * math.pi * sweep * t)
    r = 0.35 * math.sin(2 * math.pi * f2 * t) + 0.15 * math.sin(2 * math.pi * f1 * 2 * t)
    e = 0.5 + 0.5 * math.sin(2 * math.pi * 0.5 * t)
    l = l * e + (noise.random() - 0.5) * 0.05
    r = r * (1 - e * 0.5) + (noise.random() - 0.5) * 0.05
    struct.pack_into('<hh', pcm, i * 4, int(round(l * 30000)), int(round(r * 30000)))
hdr = b'RIFF' + struct.pack('<I', 36 + len(pcm)) + b'WAVEfmt ' + \
    struct.pack('<IHHIIHH', 16, 1, 2, rate, rate * 4, 4, 16) + b'data' + struct.pack('<I', len(pcm))
write('audio.wav', hdr + bytes(pcm))

# ---- C source for cc1: many functions with loops, structs and switches ----
c = ['typedef unsigned long u64; typedef struct { long a, b; double d; int v[8]; } rec;',
     'extern int printf(const char *, ...);']
nf = n(600)
for i in range(nf):
    k1, k2, k3 = rnd.randint(1, 97), rnd.randint(1, 31), rnd.randint(2, 9)
    c.append(f'''static long f{i}(rec *r, long n, const int *t)
{{
    long s = {k1};
    for (long i = 0; i < n; i++) {{
        switch ((i ^ s) & 7) {{
        case 0: s += r->a * {k2} + t[i & 15]; break;
        case 1: s ^= (s << {k3 % 7 + 1}) + r->v[i & 7]; break;
        case 2: r->d = r->d * 0.5 + (double)s / {k1 + 3}.0; s += (long)r->d; break;
        case 3: s -= r->b > s ? r->b - s : s % {k2 + 5}; break;
        case 4: for (int j = 0; j < {k3}; j++) r->v[j & 7] += (int)(s >> j); break;
        default: s = s * {k1 * 2 + 1} + (u64)i / {k2 + 1};
        }}
        if (s > {k1 * 100000}) s = s % {k2 * 1000 + 7};
    }}
    return s + {"f%d(r, n / 2, t)" % (i - 1) if i and i % 3 else 0};
}}''')
c.append('int main(void) { rec r = {1, 2, 0.5, {0}}; int t[16] = {0}; long s = 0;')
for i in range(0, nf, 50):
    c.append(f'  s += f{i}(&r, 100, t);')
c.append('  printf("%ld\\n", s); return 0; }')
write('prog.c', '\n'.join(c) + '\n')

# ---- aarch64 assembly for as ----
a = ['\t.text']
for i in range(n(15000)):
    a.append(f'\t.globl g{i}\n\t.type g{i}, %function\ng{i}:')
    for j in range(rnd.randint(6, 20)):
        r1, r2, r3 = rnd.randint(0, 28), rnd.randint(0, 28), rnd.randint(0, 28)
        op = rnd.randrange(9)
        if op == 0: a.append(f'\tadd x{r1}, x{r2}, x{r3}, lsl #{rnd.randint(0, 63)}')
        elif op == 1: a.append(f'\tldr x{r1}, [x{r2}, #{8 * rnd.randint(0, 400)}]')
        elif op == 2: a.append(f'\tstp x{r1}, x{r2}, [sp, #{16 * rnd.randint(-20, 20)}]')
        elif op == 3: a.append(f'\tmovz w{r1}, #{rnd.randint(0, 65535)}, lsl #16')
        elif op == 4: a.append(f'\tcsel x{r1}, x{r2}, x{r3}, {rnd.choice(["eq", "ne", "lt", "ge", "hi"])}')
        elif op == 5: a.append(f'\tfmadd d{r1 % 32}, d{r2 % 32}, d{r3 % 32}, d{(r1 + r2) % 32}')
        elif op == 6: a.append(f'\tb.ne g{rnd.randint(0, i)}')
        elif op == 7: a.append(f'\tbl g{rnd.randint(0, i)}')
        else: a.append(f'\teor v{r1 % 32}.16b, v{r2 % 32}.16b, v{r3 % 32}.16b')
    a.append(f'\tret\n\t.size g{i}, .-g{i}')
    if i % 100 == 0:
        a.append(f'\t.section .rodata\nd{i}:\n\t.quad {rnd.getrandbits(63)}, g{i}\n\t.asciz "{" ".join(words(4))}"\n\t.text')
write('prog.s', '\n'.join(a) + '\n')

# ---- blob: text, records, noise and runs ----
parts = []
for i in range(n(80)):
    kind = i % 4
    if kind == 0:
        parts.append((' '.join(words(2000)) + '\n').encode())
    elif kind == 1:
        parts.append(b''.join(struct.pack('<IIdH', j, rnd.getrandbits(20), j * 0.25, rnd.getrandbits(4))
                              for j in range(i * 1000, i * 1000 + 1500)))
    elif kind == 2:
        parts.append(rnd.getrandbits(8 * 8192).to_bytes(8192, 'little'))
    else:
        parts.append(bytes([rnd.getrandbits(3)]) * rnd.randint(1000, 20000))
blob = b''.join(parts)
write('blob.bin', blob)
# the same, 4 times (deflate's 32 KiB window sees no repeat): for pigz
write('big.bin', blob * 4)

# ---- sqlite3 workload ----
s = ['create table t(id integer primary key, grp text, name text, score real, n int);',
     'begin;']
for i in range(n(40000)):
    s.append(f"insert into t values({i}, '{rnd.choice(vocab[:50])}', '{' '.join(words(2))}', "
             f"{rnd.randint(0, 100000) / 100}, {rnd.randint(0, 1000)});")
s += ['commit;',
      'create index t_grp on t(grp, score);',
      'create index t_n on t(n);',
      'select grp, count(*), printf("%.2f", sum(score)), max(n) from t group by grp order by grp;',
      'select count(*) from t a join t b on a.n = b.n and a.id < b.id where a.grp = b.grp;',
      "select name from t where name like '%ka%to%' order by score desc, id limit 20;",
      'select n % 17, count(distinct grp), printf("%.3f", avg(score)) from t group by 1 order by 1;',
      "update t set score = score * 1.5 where grp in (select grp from t group by grp having count(*) > 500);",
      'select printf("%.2f", sum(score)), sum(length(name)) from t;']
write('work.sql', '\n'.join(s) + '\n')
