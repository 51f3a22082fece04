#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pandas peer for the prepare benchmark: the recipe of bench/bench_prepare.py written as
plain pandas code, the way a person would write it.

Usage: pandas_prepare.py FILE fit PARAMS.json [OUT.csv]
       pandas_prepare.py FILE apply PARAMS.json [OUT.csv]

'fit' learns the values (medians, modes, bounds, categories, means...) from FILE, prepares it
and saves the values to PARAMS.json; 'apply' reads them back and prepares FILE with them.
Prints 'read_seconds', 'work_seconds' (the recipe alone) and 'write_seconds' on stdout; the
table is written only when OUT is given. pandas is single-threaded.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

NA = ['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']


def prepare(df, p, fitting):
    # 1. impute amount, price, score with the median, with indicators
    for c in ['amount', 'price', 'score']:
        if fitting:
            p['median_' + c] = float(df[c].median())
        indicator = df[c].isna().astype(float)
        df[c] = df[c].fillna(p['median_' + c])
        df.insert(df.columns.get_loc(c) + 1, c + '_was_missing', indicator)
    # 2. impute colour, region with the mode
    for c in ['colour', 'region']:
        if fitting:
            p['mode_' + c] = df[c].mode().iloc[0]
        df[c] = df[c].fillna(p['mode_' + c])
    # 3. clip price, amount at 1.5 IQR beyond the quartiles
    for c in ['price', 'amount']:
        if fitting:
            q1, q3 = df[c].quantile([0.25, 0.75])
            p['clip_' + c] = [q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)]
        lo, hi = p['clip_' + c]
        df[c] = df[c].clip(lo, hi)
    # 4. keep age >= 21
    df = df[df['age'] >= 21]
    # 5, 6. formulas
    df = df.assign(revenue=df['price'] * df['quantity'], log_price=np.log(df['price'] + 1))
    # 7. one-hot colour and region, in place
    for c in ['colour', 'region']:
        if fitting:
            p['cats_' + c] = sorted(df[c].dropna().unique().tolist())
        at = df.columns.get_loc(c)
        dummies = pd.get_dummies(pd.Categorical(df[c], categories=p['cats_' + c]), prefix=c)
        dummies.index = df.index
        df = pd.concat([df.iloc[:, :at], dummies, df.iloc[:, at + 1:]], axis=1)
    # 8. standard scaling
    for c in ['amount', 'score', 'ratio']:
        if fitting:
            p['scale_' + c] = [float(df[c].mean()), float(df[c].std(ddof=0))]
        m, s = p['scale_' + c]
        df[c] = (df[c] - m) / s
    # 9. ordinal codes for sku
    if fitting:
        p['cats_sku'] = sorted(df['sku'].dropna().unique().tolist())
    df['sku'] = df['sku'].map({v: i for i, v in enumerate(p['cats_sku'])})
    # 10. date parts
    d = df['signup_date']
    df = df.assign(signup_date_year=d.dt.year, signup_date_month=d.dt.month,
                   signup_date_weekday=d.dt.weekday)
    # 11. drop columns
    return df.drop(columns=['comment', 'last_seen'])


def main():
    path, mode, params_path = sys.argv[1], sys.argv[2], sys.argv[3]
    out = sys.argv[4] if len(sys.argv) > 4 else None
    t0 = time.perf_counter()
    df = pd.read_csv(path, na_values=NA, keep_default_na=False,
                     parse_dates=['signup_date', 'last_seen'])
    t1 = time.perf_counter()
    if mode == 'fit':
        params = {}
        df = prepare(df, params, True)
    else:
        with open(params_path, encoding='utf-8') as f:
            params = json.load(f)
        df = prepare(df, params, False)
    t2 = time.perf_counter()
    if mode == 'fit':
        with open(params_path, 'w', encoding='utf-8') as f:
            json.dump(params, f)
    if out is not None:
        df.to_csv(out, index=False)
    t3 = time.perf_counter()
    print(f'rows {len(df)} columns {df.shape[1]}')
    print(f'read_seconds {t1 - t0:.6f}')
    print(f'work_seconds {t2 - t1:.6f}')
    print(f'write_seconds {t3 - t2:.6f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
