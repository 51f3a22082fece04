#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the benchmark CSV files, deterministically (fixed seed), with numpy only.

  bench/out/numeric_1m_25.csv   1,000,000 rows x 25 numeric columns
  bench/out/mixed_1m.csv        1,000,000 rows x 14 columns of every type, 5% missing cells

Usage: /usr/bin/python3 bench/gen_data.py [--rows N] [--out DIR] [--force]

Rows are written in chunks. Each field is turned into fixed-width bytes by numpy, the
fields of a chunk are laid side by side in one uint8 matrix (padding is NUL) and the NUL
bytes are dropped: no Python loop runs per row or per cell.
"""
import argparse
import os
import sys
import time

import numpy as np

SEED = 20240601
CHUNK = 100_000


def round_sig(x, digits=6):
    """Round to 'digits' significant digits (values stay doubles)."""
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)
    safe = np.where(ax > 0, ax, 1.0)
    exp = np.floor(np.log10(safe)).astype(np.int64)
    scale = np.power(10.0, (digits - 1) - exp)
    return np.round(x * scale) / scale


def fmt_float(x):
    """Shortest round-trip text of each double, as bytes."""
    return np.asarray(x, dtype=np.float64).astype('S24')


def fmt_int(x):
    return np.asarray(x, dtype=np.int64).astype('S21')


def as_matrix(field):
    """A fixed-width bytes array as an (n, width) uint8 matrix (NUL padded)."""
    field = np.ascontiguousarray(field)
    width = field.dtype.itemsize
    return field.view(np.uint8).reshape(len(field), width)


def const(n, text):
    return np.full(n, text.encode(), dtype='S%d' % max(1, len(text.encode())))


def assemble(fields, n):
    """Join a list of per-row byte arrays into CSV text (fields already quoted)."""
    parts = []
    for i, f in enumerate(fields):
        if i:
            parts.append(as_matrix(const(n, ',')))
        parts.append(as_matrix(f))
    parts.append(as_matrix(const(n, '\n')))
    mat = np.concatenate(parts, axis=1)
    flat = mat.ravel()
    return flat[flat != 0].tobytes()


def blank(field, mask):
    """Missing cells become empty fields (all NUL, dropped at assembly)."""
    field = field.copy()
    field[mask] = b''
    return field


def make_words(rng, count):
    """A vocabulary of invented, pronounceable words (no outside word list)."""
    onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't',
              'v', 'w', 'z', 'br', 'ch', 'cl', 'dr', 'fl', 'gr', 'pl', 'sh', 'st', 'th', 'tr']
    vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou']
    codas = ['', '', 'n', 'r', 's', 'l', 'm', 'nd', 'st', 'rk']
    words = set()
    while len(words) < count:
        syl = rng.integers(1, 4)
        w = ''.join(onsets[rng.integers(len(onsets))] + vowels[rng.integers(len(vowels))]
                    + codas[rng.integers(len(codas))] for _ in range(syl))
        words.add(w)
    return np.array(sorted(words), dtype='S')


def gen_numeric(path, rows):
    rng = np.random.default_rng(SEED)
    names = ['normal_a', 'normal_b', 'normal_c', 'normal_d', 'normal_e',
             'lognormal_a', 'lognormal_b', 'lognormal_c', 'lognormal_d', 'lognormal_e',
             'int_uniform_a', 'int_uniform_b', 'int_poisson_a', 'int_poisson_b', 'int_age',
             'uniform_a', 'uniform_b', 'exponential_a', 'exponential_b', 'gamma_a',
             'neg_normal', 'tiny_normal', 'big_normal', 'price', 'percent']
    assert len(names) == 25
    with open(path, 'wb') as out:
        out.write((','.join(names) + '\n').encode())
        done = 0
        while done < rows:
            n = min(CHUNK, rows - done)
            cols = [
                round_sig(rng.normal(100.0, 15.0, n)),
                round_sig(rng.normal(0.0, 1.0, n)),
                round_sig(rng.normal(5000.0, 1200.0, n)),
                round_sig(rng.normal(-20.0, 4.0, n)),
                round_sig(rng.normal(1.5, 0.25, n)),
                round_sig(rng.lognormal(3.0, 1.0, n)),
                round_sig(rng.lognormal(0.0, 0.5, n)),
                round_sig(rng.lognormal(8.0, 1.5, n)),
                round_sig(rng.lognormal(-2.0, 0.7, n)),
                round_sig(rng.lognormal(10.0, 2.0, n)),
                rng.integers(0, 1000, n),
                rng.integers(-50_000, 50_000, n),
                rng.poisson(3.0, n),
                rng.poisson(250.0, n),
                rng.integers(18, 91, n),
                round_sig(rng.uniform(0.0, 1.0, n)),
                round_sig(rng.uniform(-1000.0, 1000.0, n)),
                round_sig(rng.exponential(2.0, n)),
                round_sig(rng.exponential(300.0, n)),
                round_sig(rng.gamma(2.0, 50.0, n)),
                round_sig(rng.normal(-1e4, 3e3, n)),
                round_sig(rng.normal(1e-4, 3e-5, n)),
                round_sig(rng.normal(3e8, 5e7, n)),
                np.round(rng.lognormal(4.0, 0.8, n), 2),
                np.round(rng.uniform(0.0, 100.0, n), 1),
            ]
            fields = [fmt_int(c) if c.dtype.kind == 'i' else fmt_float(c) for c in cols]
            out.write(assemble(fields, n))
            done += n


def gen_mixed(path, rows):
    rng = np.random.default_rng(SEED + 1)
    words = make_words(rng, 3000)
    colours = np.array([b'red', b'green', b'blue', b'amber', b'violet'])
    regions = np.array([('region_%02d' % i).encode() for i in range(50)])
    skus = np.array([('SKU-%05d' % (i * 7919 % 100000)).encode() for i in range(1000)])
    names = ['id', 'amount', 'price', 'quantity', 'age', 'score', 'colour', 'region',
             'sku', 'comment', 'signup_date', 'last_seen', 'active', 'ratio']
    epoch_day = np.datetime64('2000-01-01', 'D')
    epoch_s = np.datetime64('2015-01-01T00:00:00', 's')
    with open(path, 'wb') as out:
        out.write((','.join(names) + '\n').encode())
        done = 0
        while done < rows:
            n = min(CHUNK, rows - done)
            ids = np.arange(done + 1, done + n + 1)
            amount = round_sig(rng.normal(250.0, 80.0, n))
            price = np.round(rng.lognormal(3.5, 1.0, n), 2)
            quantity = rng.poisson(4.0, n)
            age = rng.integers(18, 91, n)
            score = round_sig(rng.uniform(0.0, 10.0, n))
            # skewed category frequencies
            colour = colours[np.minimum(rng.geometric(0.4, n) - 1, 4)]
            region = regions[rng.integers(0, 50, n)]
            sku = skus[np.minimum(rng.zipf(1.3, n) - 1, 999)]
            # comment: 3 to 7 words; 30% have a comma clause and so are quoted
            n_words = rng.integers(3, 8, n)
            comment_parts = []
            for k in range(7):
                w = words[rng.integers(0, len(words), n)]
                w = np.where(k < n_words, w, b'')
                if k:
                    sep = np.where(k < n_words, b' ', b'')
                    if k == 2:
                        sep = np.where((k < n_words) & (rng.random(n) < 0.3), b', ', sep)
                    comment_parts.append(as_matrix(sep.astype('S2')))
                comment_parts.append(as_matrix(w))
            comment_mat = np.concatenate(comment_parts, axis=1)
            has_comma = (comment_mat == ord(',')).any(axis=1)
            quote = np.where(has_comma, b'"', b'').astype('S1')
            comment = np.concatenate([as_matrix(quote), comment_mat, as_matrix(quote)], axis=1)
            comment = comment.copy().view('S%d' % comment.shape[1]).ravel()
            # interior NUL padding stays in the field and is dropped at assembly
            signup = np.datetime_as_string(epoch_day + rng.integers(0, 9000, n)).astype('S10')
            seen = np.datetime_as_string(epoch_s + rng.integers(0, 10 * 365 * 86400, n),
                                         unit='s').astype('S19')
            active = np.where(rng.random(n) < 0.62, b'true', b'false').astype('S5')
            ratio = round_sig(rng.beta(2.0, 5.0, n), 4)
            fields = [fmt_int(ids), fmt_float(amount), fmt_float(price), fmt_int(quantity),
                      fmt_int(age), fmt_float(score), colour, region, sku, comment,
                      signup, seen, active, fmt_float(ratio)]
            # 5% of the cells are missing, spread over all columns
            fields = [blank(f, rng.random(n) < 0.05) for f in fields]
            out.write(assemble(fields, n))
            done += n


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--rows', type=int, default=1_000_000)
    ap.add_argument('--out', default=os.path.join(here, 'out'))
    ap.add_argument('--force', action='store_true', help='regenerate existing files')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, fn in (('numeric_1m_25.csv', gen_numeric), ('mixed_1m.csv', gen_mixed)):
        path = os.path.join(args.out, name)
        if os.path.exists(path) and not args.force:
            print(f'{path}: exists (use --force to regenerate)')
            continue
        t0 = time.perf_counter()
        tmp = path + '.part'
        fn(tmp, args.rows)
        os.replace(tmp, path)
        size = os.path.getsize(path) / 1e6
        print(f'{path}: {args.rows} rows, {size:.1f} MB, {time.perf_counter() - t0:.1f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
