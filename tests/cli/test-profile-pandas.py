#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`easel-cli profile FILE --json` checked against pandas, file by file (TAP output).

For every CSV in $EASEL_DATASETS_DIR (or data/samples) and a few CSV files written here
(missing values, quoted fields, CRLF with a BOM, semicolons with decimal commas, tabs,
Windows-1252, booleans and dates), pandas reads the file with exactly Easel's list of
missing values and the same delimiter, decimal mark and encoding, and these must agree:

  rows, column names in order, types (pandas int/float -> numeric and back, pandas bool ->
  boolean), missing counts, distinct counts (pandas nunique), numeric statistics (mean, std
  with n-1, min, p25, median, p75, max within 1e-9 relative), skewness/kurtosis/zeros where
  Easel gives them, the most frequent values of categorical and text columns (counts and
  order), text lengths, boolean means and datetime min/max.

Each (file, check) is one TAP case; a failing case lists every column that differs.
Run by meson (suite 'reference'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-profile-pandas.py
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import pandas as pd
except ImportError as e:  # pandas is a test dependency (tools/dev.sh installs it)
    print(f'1..0 # SKIP pandas is not available: {e}')
    sys.exit(0)

NA_VALUES = ['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']
REL = 1e-9
MOMENT_REL = 1e-7   # skewness/kurtosis: a different but equivalent formula
STATS = ['mean', 'std', 'min', 'p25', 'median', 'p75', 'max']

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get('EASEL_SOURCE_DIR', os.path.dirname(os.path.dirname(HERE)))
BUILD_DIR = os.environ.get('EASEL_BUILD_DIR', os.path.join(SOURCE_DIR, 'build'))
CLI = os.environ.get('EASEL_CLI', os.path.join(BUILD_DIR, 'src', 'cli', 'easel-cli'))

n_cases = 0
n_failed = 0


def case(name, ok, details=()):
    global n_cases, n_failed
    n_cases += 1
    if not ok:
        n_failed += 1
    print(f'{"ok" if ok else "not ok"} {n_cases} - {name}')
    if ok:
        details = ()
    for line in list(details)[:40]:
        for sub in str(line).splitlines() or ['']:
            print(f'#   {sub}')
    if len(details) > 40:
        print(f'#   ... and {len(details) - 40} more')
    sys.stdout.flush()


def close(a, b, rel=REL):
    """|a-b| <= rel*max(1,|b|); None/NaN on both sides agree."""
    a_none = a is None or (isinstance(a, float) and math.isnan(a))
    b_none = b is None or (isinstance(b, float) and math.isnan(b))
    if a_none or b_none:
        return a_none and b_none
    if not isinstance(a, (int, float)) or isinstance(a, bool):
        return False
    return abs(a - b) <= rel * max(1.0, abs(b))


def pyval(x):
    if x is None:
        return None
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating, float)):
        return float(x)
    return x


# ---------------------------------------------------------------------------------------
# generated files


def write(path, text, encoding='utf-8', newline='\n'):
    data = text.replace('\n', newline).encode(encoding)
    with open(path, 'wb') as f:
        f.write(data)


def gen_missing(rng):
    tokens = ['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']
    lines = ['id,score,count,grade,flag,note,day,all_missing']
    for i in range(1, 301):
        def maybe(v):
            return rng.choice(tokens) if rng.random() < 0.15 else v
        score = f'{rng.gauss(50, 12):.3f}'
        count = str(rng.randint(0, 40))
        grade = rng.choice(['A', 'B', 'C', 'D', 'F'])
        flag = rng.choice(['true', 'false'])
        note = rng.choice(['late', 'early', 'on time', 'unknown', 'n/a later', 'cancelled'])
        day = f'2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'
        lines.append(','.join([str(i), maybe(score), maybe(count), maybe(grade), maybe(flag),
                               maybe(note), maybe(day), rng.choice(tokens)]))
    return '\n'.join(lines) + '\n'


def gen_quoted(rng):
    lines = ['"id","last, first",comment,"amount",plain']
    people = ['"Smith, Anna"', '"O\'Neil, Pat"', '"Doe, ""JJ"" John"', 'Lee', '"Kim, Min-jun"',
              '"Garcia, Maria"']
    comments = ['"line one\nline two"', '"says ""hi"""', 'plain words', '"a,b,c"', '""',
                '"with ; semicolon"', '"  padded  "', 'x']
    for i in range(1, 201):
        amount = f'{rng.uniform(-1000, 1000):.2f}'
        if rng.random() < 0.5:
            amount = f'"{amount}"'      # quoted numbers are still numbers
        lines.append(','.join([str(i), rng.choice(people), rng.choice(comments), amount,
                               rng.choice(['alpha', 'beta', 'gamma'])]))
    return '\n'.join(lines) + '\n'


def gen_crlf(rng):
    """Excel style: a UTF-8 BOM, CRLF line ends, some empty fields."""
    lines = ['name,height_cm,weight_kg,team,joined']
    for i in range(150):
        h = f'{rng.gauss(175, 9):.1f}' if rng.random() > 0.1 else ''
        w = f'{rng.gauss(72, 11):.1f}' if rng.random() > 0.1 else ''
        joined = f'20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}'
        lines.append(','.join([f'player{i:03d}', h, w, rng.choice(['red', 'blue', '']),
                               joined]))
    return '\ufeff' + '\n'.join(lines) + '\n'


def gen_semicolon(rng):
    """European style: ';' between fields, ',' as the decimal mark."""
    lines = ['Artikel;Preis;Menge;Rabatt;Kategorie;Bemerkung']
    for i in range(200):
        price = f'{rng.uniform(0.5, 2500):.2f}'.replace('.', ',')
        qty = str(rng.randint(1, 60))
        disc = f'{-rng.random():.4f}'.replace('.', ',') if rng.random() > 0.1 else ''
        cat = rng.choice(['Obst', 'Gemüse', 'Getränke', 'Brot'])
        note = rng.choice(['', 'Angebot', '"Preis; neu"', 'NA', 'frisch, lokal'])
        lines.append(';'.join([f'A{i:04d}', price, qty, disc, cat, note]))
    return '\n'.join(lines) + '\n'


def gen_tsv(rng):
    lines = ['city\tpopulation\tarea_km2\tcountry\tcoastal']
    cities = ['Seoul', 'Busan', 'Lyon', 'Porto', 'Kyoto', 'Oslo', 'Quito', 'Perth']
    for i in range(120):
        lines.append('\t'.join([f'{rng.choice(cities)} {i}', str(rng.randint(1000, 10**7)),
                                f'{rng.uniform(10, 3000):.3f}', rng.choice(['KR', 'FR', 'PT',
                                                                            'JP', 'NO']),
                                rng.choice(['True', 'False'])]))
    return '\n'.join(lines) + '\n'


def gen_latin1(rng):
    lines = ['ville,café,prix,note']
    for i in range(100):
        lines.append(','.join([rng.choice(['Zürich', 'Besançon', 'Malmö', 'São Paulo',
                                           'Orléans']),
                               rng.choice(['crème', 'noir', 'allongé', 'déca']),
                               f'{rng.uniform(1, 6):.2f}', rng.choice(['très bon', 'moyen',
                                                                       '€ cher', 'ok'])]))
    return '\n'.join(lines) + '\n'


def gen_types(rng):
    """Booleans in several spellings, dates and date-times, number spellings, Unicode text,
    an integer column with missing values, no newline after the last row."""
    lines = ['bool_tf,bool_yesno,bool_case,date,datetime,numbers,int_missing,text,constant']
    words = ['서울', 'naïve', 'façade', 'Ωmega', 'plain', 'emoji 🙂', 'tab\there', 'Ärger']
    for i in range(250):
        lines.append(','.join([
            rng.choice(['true', 'false']),
            rng.choice(['yes', 'no', 'Yes', 'NO']),
            rng.choice(['True', 'FALSE', 'true', 'False', 'TRUE', 'false']),
            f'{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}',
            f'2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T'
            f'{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}',
            rng.choice(['1e3', '-2.5E-3', '+4', '.5', '5.', '-0', '0', '123456789012',
                        f'{rng.uniform(-1, 1):.6f}', '1.0e+10']),
            str(rng.randint(-5, 5)) if rng.random() > 0.2 else '',
            f'{rng.choice(words)} {i}' if rng.random() > 0.05 else 'NULL',
            '7',
        ]))
    return '\n'.join(lines)


GENERATED = [
    # name, generator, pandas options, encoding, newline
    ('gen-missing.csv', gen_missing, {}, 'utf-8', '\n'),
    ('gen-quoted.csv', gen_quoted, {}, 'utf-8', '\n'),
    ('gen-crlf-bom.csv', gen_crlf, {}, 'utf-8', '\r\n'),
    ('gen-semicolon.csv', gen_semicolon, {'sep': ';', 'decimal': ','}, 'utf-8', '\n'),
    ('gen-tabs.tsv', gen_tsv, {'sep': '\t'}, 'utf-8', '\n'),
    ('gen-cp1252.csv', gen_latin1, {'encoding': 'cp1252'}, 'cp1252', '\n'),
    ('gen-types.csv', gen_types, {}, 'utf-8', '\n'),
]


# ---------------------------------------------------------------------------------------
# comparison


def pandas_kind(s):
    k = s.dtype.kind
    if k in 'iuf':
        return 'numeric'
    if k == 'b':
        return 'boolean'
    return 'other'


def check_file(label, path, pd_opts):
    try:
        p = subprocess.run([CLI, 'profile', path, '--json'], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=240)
    except (OSError, subprocess.SubprocessError) as e:
        case(f'{label}: easel-cli profile --json runs', False, [repr(e)])
        return
    details = []
    prof = None
    if p.returncode != 0:
        details.append(f'exit status {p.returncode}')
        details.append('stderr: ' + p.stderr.decode(errors='replace').strip())
    else:
        try:
            prof = json.loads(p.stdout.decode('utf-8'))
            if not isinstance(prof, dict) or not isinstance(prof.get('columns'), list):
                details.append('stdout is JSON but not an object with a "columns" list')
                prof = None
        except (UnicodeDecodeError, ValueError) as e:
            details.append(f'stdout is not valid JSON: {e}')
            details.append(p.stdout[:300].decode(errors='replace'))
    case(f'{label}: easel-cli profile --json exits 0 with one JSON object', prof is not None,
         details)
    if prof is None:
        return

    opts = dict(na_values=NA_VALUES, keep_default_na=False, float_precision='round_trip')
    opts.update(pd_opts)
    df = pd.read_csv(path, **opts)
    cols = prof['columns']

    case(f'{label}: row count', prof.get('rows') == len(df),
         [f'expected {len(df)} (pandas), got {prof.get("rows")!r}'])

    names = [c.get('name') for c in cols]
    pnames = [str(c) for c in df.columns]
    case(f'{label}: column names in order', names == pnames,
         [f'expected {pnames}', f'got      {names}'])

    # pair columns by position when the names agree, else by name
    if names == pnames:
        pairs = [(c, df.iloc[:, i]) for i, c in enumerate(cols)]
    else:
        pairs = [(c, df[c['name']]) for c in cols if c.get('name') in df.columns]

    # types
    bad = []
    for c, s in pairs:
        kind = pandas_kind(s)
        t = c.get('type')
        if s.isna().all():
            continue  # pandas calls an all-missing column float; Easel may choose any type
        if kind == 'numeric' and t != 'numeric':
            bad.append(f'{c["name"]}: pandas dtype {s.dtype}, expected numeric, got {t!r}')
        elif kind == 'boolean' and t != 'boolean':
            bad.append(f'{c["name"]}: pandas dtype bool, expected boolean, got {t!r}')
        elif t == 'numeric' and kind != 'numeric':
            sample = s.dropna().astype(str).head(3).tolist()
            bad.append(f'{c["name"]}: Easel says numeric, pandas reads {s.dtype} '
                       f'(e.g. {sample})')
        elif t == 'boolean' and kind != 'boolean':
            vals = set(s.dropna().astype(str).str.lower())
            if not vals <= {'true', 'false', 'yes', 'no'}:
                bad.append(f'{c["name"]}: Easel says boolean, values are {sorted(vals)[:6]}')
        if t not in ('numeric', 'categorical', 'text', 'boolean', 'datetime'):
            bad.append(f'{c["name"]}: unknown type {t!r}')
    case(f'{label}: types (pandas numeric <-> numeric, bool -> boolean)', not bad, bad)

    # missing
    bad = []
    for c, s in pairs:
        exp = int(s.isna().sum())
        if c.get('missing') != exp:
            bad.append(f'{c["name"]}: expected {exp} missing, got {c.get("missing")!r}')
        if 'count' in c and c['count'] != len(s) - exp:
            bad.append(f'{c["name"]}: expected count {len(s) - exp}, got {c["count"]!r}')
    case(f'{label}: missing and non-missing counts', not bad, bad)

    # distinct
    bad = []
    for c, s in pairs:
        exp = int(s.nunique(dropna=True))
        if c.get('type') == 'boolean' and s.dtype.kind != 'b':
            # 'Yes' and 'yes' are one boolean value
            exp = int(s.dropna().astype(str).str.lower().replace({'yes': 'true', 'no': 'false'})
                      .nunique())
        if c.get('distinct') != exp:
            bad.append(f'{c["name"]}: expected {exp} distinct, got {c.get("distinct")!r}')
    case(f'{label}: distinct counts (pandas nunique)', not bad, bad)

    # numeric statistics
    bad = []
    n_num = 0
    for c, s in pairs:
        if pandas_kind(s) != 'numeric' or s.isna().all():
            continue
        n_num += 1
        x = s.dropna().to_numpy(dtype=np.float64)
        exp = {
            'mean': pyval(s.mean()),
            'std': pyval(s.std(ddof=1)),
            'min': float(x.min()),
            'p25': float(np.quantile(x, 0.25)),
            'median': float(np.quantile(x, 0.5)),
            'p75': float(np.quantile(x, 0.75)),
            'max': float(x.max()),
        }
        for k in STATS:
            got = c.get(k)
            if not close(got, exp[k]):
                bad.append(f'{c["name"]}.{k}: expected {exp[k]!r}, got {got!r}')
    if n_num:
        case(f'{label}: numeric statistics within 1e-9 ({n_num} columns)', not bad, bad)

    # optional numeric extras
    bad = []
    seen = False
    for c, s in pairs:
        if pandas_kind(s) != 'numeric' or s.isna().all():
            continue
        for key, fn, rel in (('skewness', lambda v: v.skew(), MOMENT_REL),
                             ('kurtosis', lambda v: v.kurt(), MOMENT_REL)):
            if key in c:
                seen = True
                exp = pyval(fn(s))
                if not close(c[key], exp, rel):
                    bad.append(f'{c["name"]}.{key}: expected {exp!r}, got {c[key]!r}')
        if 'zeros' in c:
            seen = True
            exp = int((s == 0).sum())
            if c['zeros'] != exp:
                bad.append(f'{c["name"]}.zeros: expected {exp}, got {c["zeros"]!r}')
    if seen:
        case(f'{label}: skewness, kurtosis (1e-7) and zeros', not bad, bad)

    # frequent values of categorical and text columns
    bad = []
    seen = False
    for c, s in pairs:
        if c.get('type') not in ('categorical', 'text') or pandas_kind(s) != 'other':
            continue
        top = c.get('top')
        if top is None:
            continue
        seen = True
        vals = s.dropna().astype(str)
        counts = vals.value_counts(sort=False)
        first = {v: i for i, v in reversed(list(enumerate(vals)))}
        expected = sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))
        if len(vals) and not top:
            bad.append(f'{c["name"]}: top is empty')
        if len(top) > len(expected):
            bad.append(f'{c["name"]}: {len(top)} top values, only {len(expected)} distinct')
        got = [(t.get('value'), t.get('count')) for t in top]
        want = [(v, int(n)) for v, n in expected[:len(top)]]
        if got != want:
            bad.append(f'{c["name"]}: expected {want[:5]}, got {got[:5]}')
    if seen:
        case(f'{label}: top values of categorical and text columns', not bad, bad)

    # text lengths
    bad = []
    seen = False
    for c, s in pairs:
        if c.get('type') != 'text' or pandas_kind(s) != 'other':
            continue
        lens = s.dropna().astype(str).str.len()
        if not len(lens):
            continue
        for key, exp in (('min_length', int(lens.min())), ('max_length', int(lens.max())),
                         ('mean_length', float(lens.mean()))):
            if key in c:
                seen = True
                if not close(c[key], exp):
                    bad.append(f'{c["name"]}.{key}: expected {exp!r}, got {c[key]!r}')
    if seen:
        case(f'{label}: text lengths in characters', not bad, bad)

    # boolean means
    bad = []
    seen = False
    for c, s in pairs:
        if c.get('type') != 'boolean' or c.get('mean') is None:
            continue
        v = s.dropna()
        if not len(v):
            continue
        seen = True
        if v.dtype.kind == 'b':
            exp = float(v.mean())
        else:
            exp = float(v.astype(str).str.lower().isin(['true', 'yes']).mean())
        if not close(c['mean'], exp):
            bad.append(f'{c["name"]}.mean: expected {exp!r} (share of true), got {c["mean"]!r}')
    if seen:
        case(f'{label}: boolean means', not bad, bad)

    # datetime min/max
    bad = []
    seen = False
    for c, s in pairs:
        if c.get('type') != 'datetime':
            continue
        v = s.dropna().astype(str)
        if not len(v):
            continue
        seen = True
        try:
            ts = pd.to_datetime(v)
        except (ValueError, TypeError) as e:
            bad.append(f'{c["name"]}: Easel says datetime, pandas cannot parse it: {e}')
            continue
        if getattr(ts.dt, 'tz', None) is not None:
            ts = ts.dt.tz_convert('UTC').dt.tz_localize(None)
        for key, exp in (('min', ts.min()), ('max', ts.max())):
            got = c.get(key)
            try:
                ok = abs((pd.Timestamp(got) - exp).total_seconds()) < 1.0
            except (ValueError, TypeError):
                ok = False
            if not ok:
                bad.append(f'{c["name"]}.{key}: expected {exp.isoformat()}, got {got!r}')
    if seen:
        case(f'{label}: datetime min and max', not bad, bad)


def main():
    if not os.access(CLI, os.X_OK):
        print('1..1')
        print(f'not ok 1 - easel-cli not found at {CLI} (set EASEL_BUILD_DIR)')
        return 1
    files = []
    ddir = os.environ.get('EASEL_DATASETS_DIR')
    if not ddir or not os.path.isdir(ddir):
        ddir = os.path.join(SOURCE_DIR, 'data', 'samples')
    if os.path.isdir(ddir):
        for name in sorted(os.listdir(ddir)):
            if name.lower().endswith('.csv'):
                files.append((name, os.path.join(ddir, name), {}))
    rng = random.Random(1234)
    with tempfile.TemporaryDirectory(prefix='easel-pandas-') as tmp:
        for name, gen, opts, enc, newline in GENERATED:
            path = os.path.join(tmp, name)
            write(path, gen(rng), enc, newline)
            files.append((name, path, opts))
        if not any(not f[0].startswith('gen-') for f in files):
            case(f'datasets found in {ddir}', False, ['no CSV file there'])
        for name, path, opts in files:
            check_file(name, path, opts)
    print(f'1..{n_cases}')
    return 1 if n_failed else 0


if __name__ == '__main__':
    sys.exit(main())
