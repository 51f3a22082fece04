#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`easel-cli prepare` checked against pandas and scikit-learn, op by op (TAP output).

Every case is a recipe run on a real table of $EASEL_DATASETS_DIR (penguins, telco_churn,
ames_housing, credit_scoring, seattle-weather) and, for some, on small files written here.
The same steps are done independently below with pandas (and scikit-learn's scalers) by a
reference written from the spec, and the two tables must agree: the same column names in
the same order, the same number of rows, numbers within 1e-9 (relative, or absolute below
1), strings, booleans and dates identical, missing values in the same cells.

Each case is checked twice:
  fit    `prepare FILE --recipe R.json --output OUT.csv --save-fitted F.json` against the
         reference fitted on FILE and applied to it;
  apply  fitted on the first 70% of the rows (a file of their lines) and applied with
         `--fitted` to the other 30% (another file), against the reference fitted on the
         first part and applied to the second — so categories unseen when fitting, values
         outside learned bounds and bins, and so on, really happen.
Then the error cases: bad recipes exit with status 1 and a message that names the step
and the parameter (or the position in a formula); usage errors exit with status 2.

Run by meson (suite 'reference'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-prepare-pandas.py
"""
import json
import math
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import pandas as pd
except ImportError as e:
    print(f'1..0 # SKIP pandas is not available: {e}')
    sys.exit(0)
try:
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler
except ImportError:
    StandardScaler = MinMaxScaler = RobustScaler = None

NA = ['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']
REL = 1e-9

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get('EASEL_SOURCE_DIR', os.path.dirname(os.path.dirname(HERE)))
BUILD_DIR = os.environ.get('EASEL_BUILD_DIR', os.path.join(SOURCE_DIR, 'build'))
CLI = os.environ.get('EASEL_CLI', os.path.join(BUILD_DIR, 'src', 'cli', 'easel-cli'))
DATASETS = os.environ.get('EASEL_DATASETS_DIR',
                          os.path.join(os.path.dirname(SOURCE_DIR), 'shared', 'datasets'))

n_cases = 0
n_failed = 0


def case(name, ok, details=()):
    global n_cases, n_failed
    n_cases += 1
    if not ok:
        n_failed += 1
    print(f'{"ok" if ok else "not ok"} {n_cases} - {name}')
    if not ok:
        details = list(details)
        for line in details[:30]:
            for sub in str(line).splitlines() or ['']:
                print(f'#   {sub}')
        if len(details) > 30:
            print(f'#   ... and {len(details) - 30} more')
    sys.stdout.flush()


def run_cli(*args):
    p = subprocess.run([CLI] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


# Reading a file as Easel types it ---------------------------------------------------------

def easel_types(path):
    code, out, err = run_cli('profile', path, '--json', '--top', '0')
    if code != 0:
        raise RuntimeError(f'profile {path} failed: {err}')
    return {c['name']: c['type'] for c in json.loads(out)['columns']}


def parse_bool(v):
    if not isinstance(v, str):
        return None
    v = v.strip().lower()
    return {'true': True, 'yes': True, 'false': False, 'no': False}.get(v)


def read_like_easel(path):
    """pandas' reading of 'path' with the types Easel gives its columns."""
    df = pd.read_csv(path, na_values=NA, keep_default_na=False)
    types = easel_types(path)
    for c in df.columns:
        t = types[c]
        if t == 'boolean':
            df[c] = df[c].map(lambda v: None if pd.isna(v) else parse_bool(str(v))).astype(object)
        elif t == 'datetime':
            df[c] = pd.to_datetime(df[c])
        elif t in ('categorical', 'text'):
            df[c] = df[c].map(lambda v: None if pd.isna(v) else str(v)).astype(object)
        else:
            df[c] = df[c].astype(float)
    return df


# The reference: each op in pandas / scikit-learn ------------------------------------------

def fmt_number(v):
    """A number as Easel writes it: integral values without '.0', else Python's repr."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def is_missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT or \
        (not isinstance(v, (str, bool)) and pd.isna(v))


def as_strings(s):
    """Any column as strings, as Easel's cast to categorical/text writes them."""
    if pd.api.types.is_datetime64_any_dtype(s):
        with_time = bool(((s.dropna() - s.dropna().dt.normalize()) != pd.Timedelta(0)).any())
        fmt = '%Y-%m-%dT%H:%M:%S' if with_time else '%Y-%m-%d'
        return s.map(lambda v: None if pd.isna(v) else v.strftime(fmt)).astype(object)
    if s.dtype == object:
        return s.map(lambda v: None if is_missing(v) else
                     ('true' if v else 'false') if isinstance(v, bool) else str(v)).astype(object)
    return s.map(lambda v: None if pd.isna(v) else fmt_number(v)).astype(object)


def is_string_col(s):
    return s.dtype == object and s.dropna().map(lambda v: isinstance(v, str)).all()


def is_bool_col(s):
    return s.dtype == object and len(s.dropna()) > 0 and \
        s.dropna().map(lambda v: isinstance(v, bool)).all()


def sorted_categories(s):
    values = list(s.dropna().unique())
    if values and isinstance(values[0], bool):
        return sorted(values)
    return sorted(values)


def insert_after(df, column, name, values):
    df.insert(df.columns.get_loc(column) + 1, name, values)


def replace_in_place(df, column, new_columns):
    at = df.columns.get_loc(column)
    left = df.iloc[:, :at]
    right = df.iloc[:, at + 1:]
    new = pd.DataFrame(new_columns, index=df.index)
    return pd.concat([left, new, right], axis=1)


def ref_fit(df, step):
    """What a step learns from df (a dict), or None."""
    op = step['op']
    if op == 'impute':
        values = {}
        for c in step['columns']:
            s = df[c]
            st = step['strategy']
            if st == 'mean':
                values[c] = s.mean()
            elif st == 'median':
                values[c] = s.median()
            elif st == 'mode':
                m = s.dropna()
                values[c] = None if m.empty else sorted(
                    m.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            else:
                v = step['value']
                values[c] = pd.Timestamp(v) if pd.api.types.is_datetime64_any_dtype(s) else v
        return values
    if op == 'clip_outliers':
        bounds = {}
        method = step['method']
        for c in step['columns']:
            s = df[c]
            if method == 'std':
                k = step.get('k', 3.0)
                m, sd = s.mean(), s.std(ddof=0)
                bounds[c] = (m - k * sd, m + k * sd)
            elif method == 'quantile':
                bounds[c] = (s.quantile(step.get('lower', 0.01)),
                             s.quantile(step.get('upper', 0.99)))
            else:
                k = step.get('k', 1.5)
                q1, q3 = s.quantile(0.25), s.quantile(0.75)
                bounds[c] = (q1 - k * (q3 - q1), q3 + k * (q3 - q1))
        return bounds
    if op == 'ordinal_encode':
        order = step.get('order')
        cats = {}
        for c in step['columns']:
            if isinstance(order, list):
                cats[c] = order
            elif isinstance(order, dict) and c in order:
                cats[c] = order[c]
            else:
                cats[c] = sorted_categories(df[c])
        return cats
    if op == 'one_hot_encode':
        result = {}
        m = step.get('max_categories')
        for c in step['columns']:
            cats = sorted_categories(df[c])
            if m is not None and len(cats) > m:
                counts = df[c].value_counts()
                ranked = sorted(cats, key=lambda v: (-counts[v], cats.index(v)))
                keep = set(ranked[:m - 1])
                result[c] = ([v for v in cats if v in keep], [v for v in cats if v not in keep])
            else:
                result[c] = (cats, [])
        return result
    if op == 'scale':
        scalers = {}
        kind = {'standard': StandardScaler, 'minmax': MinMaxScaler, 'robust': RobustScaler}
        for c in step['columns']:
            scalers[c] = kind[step['method']]().fit(df[[c]].to_numpy(dtype=float))
        return scalers
    if op == 'bin':
        s = df[step['column']]
        bins = step['bins']
        if isinstance(bins, list):
            return (bins, False)
        if step.get('method', 'equal_width') == 'quantile':
            _, edges = pd.qcut(s, bins, retbins=True, duplicates='drop')
            return (edges, True)
        _, edges = pd.cut(s, bins, retbins=True)
        return (edges, False)
    return None


def ref_transform(df, step, fitted):
    op = step['op']
    df = df.copy()
    if op == 'drop_columns':
        return df.drop(columns=step['columns'])
    if op == 'rename_column':
        return df.rename(columns={step['column']: step['to']})
    if op == 'move_column':
        cols = list(df.columns)
        c = step['column']
        to = step['to']
        cols.remove(c)
        if to == 'start':
            cols.insert(0, c)
        elif to == 'end':
            cols.append(c)
        elif 'index' in to:
            cols.insert(to['index'], c)
        else:
            cols.insert(cols.index(to['after']) + 1, c)
        return df[cols]
    if op == 'cast':
        c, t = step['column'], step['type']
        s = df[c]
        if t in ('categorical', 'text'):
            df[c] = as_strings(s)
        elif t == 'numeric':
            if pd.api.types.is_datetime64_any_dtype(s):
                df[c] = (s - pd.Timestamp('1970-01-01')).dt.total_seconds()
            elif is_bool_col(s):
                df[c] = s.map(lambda v: None if v is None else float(v)).astype(float)
            elif s.dtype == object:
                df[c] = pd.to_numeric(s.map(lambda v: None if v is None else v.strip()),
                                      errors='coerce')
        elif t == 'boolean':
            if s.dtype == object and not is_bool_col(s):
                df[c] = s.map(lambda v: None if v is None else
                              {'true': True, 'yes': True, '1': True, 'false': False, 'no': False,
                               '0': False}.get(v.strip().lower())).astype(object)
            elif s.dtype != object:
                df[c] = s.map(lambda v: None if pd.isna(v) else bool(v != 0)).astype(object)
        elif t == 'datetime':
            if s.dtype == object:
                df[c] = pd.to_datetime(s, errors='coerce')
            else:
                df[c] = pd.to_datetime(s, unit='s')
        return df
    if op == 'drop_missing':
        return df.dropna(subset=step.get('columns'))
    if op == 'impute':
        for c in step['columns']:
            v = fitted[c]
            indicator = df[c].isna().astype(float)
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                df[c] = df[c].fillna(v) if df[c].dtype != object else \
                    df[c].map(lambda x, v=v: v if x is None else x)
            if step.get('add_indicator'):
                insert_after(df, c, c + '_was_missing', indicator)
        return df
    if op == 'drop_duplicates':
        return df.drop_duplicates(subset=step.get('columns'), keep=step.get('keep', 'first'))
    if op == 'strip':
        for c in step['columns']:
            side = step.get('side', 'both')
            f = {'both': str.strip, 'left': str.lstrip, 'right': str.rstrip}[side]
            df[c] = df[c].map(lambda v, f=f: None if v is None else f(v))
        return df
    if op == 'case':
        for c in step['columns']:
            f = {'lower': str.lower, 'upper': str.upper, 'title': str.title}[step['to']]
            df[c] = df[c].map(lambda v, f=f: None if v is None else f(v))
        return df
    if op == 'replace':
        c = step['column']
        df[c] = df[c].astype(object).str.replace(step['find'], step['with'],
                                                 regex=step.get('regex', False))
        df[c] = df[c].map(lambda v: None if is_missing(v) else v)
        return df
    if op == 'filter':
        s = df[step['column']]
        o = step['operator']
        v = step.get('value')
        if pd.api.types.is_datetime64_any_dtype(s) and v is not None:
            v = [pd.Timestamp(x) for x in v] if isinstance(v, list) else pd.Timestamp(v)
        miss = s.map(is_missing).astype(bool)
        if o in ('in', 'not_in'):
            hit = s.isin(v)
        elif o == 'is_missing':
            hit = miss
        elif o == 'not_missing':
            hit = ~miss
        elif o == 'contains':
            hit = s.map(lambda x: False if is_missing(x) else v in x).astype(bool)
        else:
            ops = {'==': lambda a: a == v, '!=': lambda a: a != v, '<': lambda a: a < v,
                   '<=': lambda a: a <= v, '>': lambda a: a > v, '>=': lambda a: a >= v}
            hit = s.map(lambda x: (o == '!=') if is_missing(x) else bool(ops[o](x))).astype(bool)
        if o == 'not_in':
            hit = ~hit
        return df[hit]
    if op == 'clip_outliers':
        if step.get('action', 'clip') == 'remove':
            out = pd.Series(False, index=df.index)
            for c, (lo, hi) in fitted.items():
                out |= (df[c] < lo) | (df[c] > hi)
            return df[~out]
        for c, (lo, hi) in fitted.items():
            df[c] = df[c].clip(lo, hi)
        return df
    if op == 'ordinal_encode':
        for c, cats in fitted.items():
            keys = {as_key(v): i for i, v in enumerate(cats)}
            df[c] = df[c].map(lambda x, keys=keys: np.nan if is_missing(x)
                              else keys.get(as_key(x), np.nan)).astype(float)
        return df
    if op == 'one_hot_encode':
        for c in step['columns']:
            kept, other = fitted[c]
            s = df[c]
            dummies = pd.get_dummies(pd.Categorical(s, categories=kept), prefix=c, dtype=float)
            dummies.index = df.index
            if step.get('drop_first'):
                dummies = dummies.iloc[:, 1:]
            columns = {name: dummies[name] for name in dummies.columns}
            if other:
                columns[c + '_other'] = s.isin(other).astype(float)
            df = replace_in_place(df, c, columns)
        return df
    if op == 'scale':
        for c, scaler in fitted.items():
            df[c] = scaler.transform(df[[c]].to_numpy(dtype=float))[:, 0]
        return df
    if op == 'bin':
        c = step['column']
        edges, include_lowest = fitted
        binned = pd.cut(df[c], edges, include_lowest=include_lowest)
        df[c + '_bin'] = binned.astype(str).where(binned.notna(), None).astype(object)
        return df
    if op == 'datetime_features':
        c = step['column']
        for f in step['features']:
            d = df[c].dt
            df[f'{c}_{f}'] = {'year': d.year, 'month': d.month, 'day': d.day, 'weekday': d.weekday,
                              'hour': d.hour, 'dayofyear': d.dayofyear}[f].astype(float)
        return df
    if op == 'formula':
        df[step['name']] = step['_pandas'](df)
        return df
    raise ValueError(f'no reference for {op}')


def as_key(v):
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return 'true' if v else 'false'
    return fmt_number(v)


def reference(train, test, steps):
    """Fit the steps on train; return (train prepared, test prepared)."""
    for step in steps:
        fitted = ref_fit(train, step)
        train = ref_transform(train, step, fitted)
        if test is not None:
            test = ref_transform(test, step, fitted)
    return train, test


# Comparing ---------------------------------------------------------------------------------

def expected_cell(v, with_time):
    if is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, pd.Timestamp):
        return v.strftime('%Y-%m-%dT%H:%M:%S' if with_time else '%Y-%m-%d')
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    return str(v)


def compare(expected, path):
    """Differences between the expected DataFrame and the CSV Easel wrote."""
    problems = []
    got = pd.read_csv(path, dtype=str, na_values=NA, keep_default_na=False)
    if list(got.columns) != list(expected.columns):
        return [f'columns: expected {list(expected.columns)}', f'got      {list(got.columns)}']
    if len(got) != len(expected):
        problems.append(f'rows: expected {len(expected)}, got {len(got)}')
        return problems
    for c in expected.columns:
        s = expected[c]
        with_time = False
        if pd.api.types.is_datetime64_any_dtype(s):
            d = s.dropna()
            with_time = bool(((d - d.dt.normalize()) != pd.Timedelta(0)).any())
        bad = 0
        for i, (e, g) in enumerate(zip(s.tolist(), got[c].tolist())):
            e = expected_cell(e, with_time)
            g = None if is_missing(g) else g
            ok = True
            if e is None or g is None:
                ok = e is None and g is None
            elif isinstance(e, bool):
                ok = g in ('true', 'false') and (g == 'true') == e
            elif isinstance(e, float):
                try:
                    gv = float(g)
                except ValueError:
                    ok = False
                else:
                    ok = (gv == e) or (math.isfinite(e) and abs(gv - e) <= REL * max(1.0, abs(e)))
            else:
                ok = g == e
            if not ok:
                if bad < 3:
                    problems.append(f'{c} row {i}: expected {e!r}, got {g!r}')
                bad += 1
        if bad > 3:
            problems.append(f'{c}: {bad} cells differ')
    return problems


# Cases ------------------------------------------------------------------------------------

def ds(name):
    return os.path.join(DATASETS, name)


def sq(s):
    """pandas str.title() etc. return NaN for missing; keep None."""
    return s.map(lambda v: None if is_missing(v) else v)


CASES = [
    ('drop_columns', 'penguins.csv', [
        {'op': 'drop_columns', 'columns': ['island', 'year']}]),
    ('rename_column', 'penguins.csv', [
        {'op': 'rename_column', 'column': 'species', 'to': 'kind'}]),
    ('move_column', 'penguins.csv', [
        {'op': 'move_column', 'column': 'year', 'to': 'start'},
        {'op': 'move_column', 'column': 'species', 'to': 'end'},
        {'op': 'move_column', 'column': 'sex', 'to': {'index': 2}},
        {'op': 'move_column', 'column': 'island', 'to': {'after': 'body_mass_g'}},
        {'op': 'move_column', 'column': 'bill_depth_mm', 'to': {'after': 'year'}}]),
    ('cast numbers to text and back', 'credit_scoring.csv', [
        {'op': 'cast', 'column': 'Income', 'type': 'text'},
        {'op': 'cast', 'column': 'Amount', 'type': 'categorical'},
        {'op': 'cast', 'column': 'Amount', 'type': 'numeric'},
        {'op': 'cast', 'column': 'Records', 'type': 'numeric'},
        {'op': 'cast', 'column': 'Job', 'type': 'numeric'}]),
    ('cast to boolean and datetime', 'telco_churn.csv', [
        {'op': 'cast', 'column': 'senior_citizen', 'type': 'boolean'},
        {'op': 'cast', 'column': 'churn', 'type': 'text'},
        {'op': 'cast', 'column': 'contract', 'type': 'boolean'},
        {'op': 'cast', 'column': 'tenure', 'type': 'datetime'}]),
    ('cast dates', 'seattle-weather.csv', [
        {'op': 'cast', 'column': 'date', 'type': 'text'},
        {'op': 'formula', 'name': 'when', 'expression': 'date',
         '_pandas': lambda df: df['date']},
        {'op': 'cast', 'column': 'when', 'type': 'datetime'},
        {'op': 'cast', 'column': 'weather', 'type': 'datetime'}]),
    ('drop_missing some columns', 'credit_scoring.csv', [
        {'op': 'drop_missing', 'columns': ['Income', 'Home']}]),
    ('drop_missing all columns', 'penguins.csv', [
        {'op': 'drop_missing'}]),
    ('impute mean and median with indicators', 'credit_scoring.csv', [
        {'op': 'impute', 'columns': ['Income', 'Assets'], 'strategy': 'mean',
         'add_indicator': True},
        {'op': 'impute', 'columns': ['Debt'], 'strategy': 'median', 'add_indicator': True}]),
    ('impute mode and constant', 'credit_scoring.csv', [
        {'op': 'impute', 'columns': ['Home', 'Marital', 'Job', 'Income'], 'strategy': 'mode'},
        {'op': 'impute', 'columns': ['Assets', 'Debt'], 'strategy': 'constant', 'value': -1}]),
    ('impute categorical constant', 'penguins.csv', [
        {'op': 'impute', 'columns': ['sex'], 'strategy': 'constant', 'value': 'unknown',
         'add_indicator': True},
        {'op': 'impute', 'columns': ['bill_length_mm', 'body_mass_g'], 'strategy': 'median'}]),
    ('drop_duplicates first', 'telco_churn.csv', [
        {'op': 'drop_duplicates', 'columns': ['contract', 'payment_method', 'internet_service']}]),
    ('drop_duplicates last', 'telco_churn.csv', [
        {'op': 'drop_duplicates', 'columns': ['tenure', 'contract'], 'keep': 'last'}]),
    ('drop_duplicates all columns', 'penguins.csv', [
        {'op': 'drop_columns', 'columns': ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm',
                                           'body_mass_g']},
        {'op': 'drop_duplicates'}]),
    ('strip', 'penguins.csv', [
        {'op': 'formula', 'name': 'padded', 'expression': '"  " + species + " \\t"',
         '_pandas': lambda df: sq('  ' + df['species'] + ' \t')},
        {'op': 'formula', 'name': 'left', 'expression': 'padded',
         '_pandas': lambda df: df['padded']},
        {'op': 'formula', 'name': 'right', 'expression': 'padded',
         '_pandas': lambda df: df['padded']},
        {'op': 'strip', 'columns': ['padded']},
        {'op': 'strip', 'columns': ['left'], 'side': 'left'},
        {'op': 'strip', 'columns': ['right'], 'side': 'right'}]),
    ('case', 'ames_housing.csv', [
        {'op': 'case', 'columns': ['Neighborhood', 'MS_Zoning'], 'to': 'upper'},
        {'op': 'case', 'columns': ['House_Style'], 'to': 'lower'},
        {'op': 'formula', 'name': 'words', 'expression': 'lower(Sale_Condition) + " o\'neil 2nd"',
         '_pandas': lambda df: df['Sale_Condition'].str.lower() + " o'neil 2nd"},
        {'op': 'case', 'columns': ['words', 'Exterior_1st'], 'to': 'title'}]),
    ('replace', 'ames_housing.csv', [
        {'op': 'replace', 'column': 'Neighborhood', 'find': '_', 'with': ' '},
        {'op': 'replace', 'column': 'MS_SubClass', 'find': '^One_Story_(\\w+?)_', 'with': '1S \\1 ',
         'regex': True},
        {'op': 'replace', 'column': 'Exterior_1st', 'find': '[aeiou]', 'with': '', 'regex': True}]),
    ('filter numbers', 'penguins.csv', [
        {'op': 'filter', 'column': 'body_mass_g', 'operator': '>', 'value': 3500},
        {'op': 'filter', 'column': 'bill_length_mm', 'operator': '<=', 'value': 50.5},
        {'op': 'filter', 'column': 'year', 'operator': 'in', 'value': [2007, 2009]}]),
    ('filter strings', 'penguins.csv', [
        {'op': 'filter', 'column': 'species', 'operator': '!=', 'value': 'Chinstrap'},
        {'op': 'filter', 'column': 'island', 'operator': 'not_in', 'value': ['Dream']},
        {'op': 'filter', 'column': 'sex', 'operator': '!=', 'value': 'male'}]),
    ('filter missing and contains', 'credit_scoring.csv', [
        {'op': 'filter', 'column': 'Income', 'operator': 'not_missing'},
        {'op': 'filter', 'column': 'Marital', 'operator': 'contains', 'value': 'arr'},
        {'op': 'filter', 'column': 'Job', 'operator': '>=', 'value': 'freelance'},
        {'op': 'filter', 'column': 'Records', 'operator': '==', 'value': False}]),
    ('filter is_missing', 'credit_scoring.csv', [
        {'op': 'filter', 'column': 'Assets', 'operator': 'is_missing'}]),
    ('filter dates', 'seattle-weather.csv', [
        {'op': 'filter', 'column': 'date', 'operator': '>=', 'value': '2013-06-01'},
        {'op': 'filter', 'column': 'date', 'operator': '<', 'value': '2015-02-01'},
        {'op': 'filter', 'column': 'weather', 'operator': '==', 'value': 'rain'}]),
    ('clip_outliers clip', 'ames_housing.csv', [
        {'op': 'clip_outliers', 'columns': ['Sale_Price', 'Lot_Area'], 'method': 'iqr'},
        {'op': 'clip_outliers', 'columns': ['Gr_Liv_Area'], 'method': 'std', 'k': 2},
        {'op': 'clip_outliers', 'columns': ['Lot_Frontage', 'Garage_Area'], 'method': 'quantile',
         'lower': 0.05, 'upper': 0.9}]),
    ('clip_outliers remove', 'credit_scoring.csv', [
        {'op': 'clip_outliers', 'columns': ['Income', 'Price'], 'method': 'quantile',
         'action': 'remove'},
        {'op': 'clip_outliers', 'columns': ['Amount'], 'method': 'std', 'action': 'remove'},
        {'op': 'clip_outliers', 'columns': ['Expenses'], 'method': 'iqr', 'k': 1,
         'action': 'remove'}]),
    ('ordinal_encode sorted and ordered', 'ames_housing.csv', [
        {'op': 'ordinal_encode',
         'columns': ['Neighborhood', 'MS_Zoning', 'Condition_2', 'Year_Sold']},
        {'op': 'ordinal_encode', 'columns': ['Exter_Cond', 'Heating_QC'],
         'order': {'Exter_Cond': ['Poor', 'Fair', 'Typical', 'Good', 'Excellent']}}]),
    ('ordinal_encode with missing values', 'credit_scoring.csv', [
        {'op': 'ordinal_encode', 'columns': ['Home', 'Marital', 'Records']},
        {'op': 'ordinal_encode', 'columns': ['Job'], 'order': ['fixed', 'partime', 'freelance']}]),
    ('one_hot_encode', 'penguins.csv', [
        {'op': 'one_hot_encode', 'columns': ['species', 'sex']},
        {'op': 'one_hot_encode', 'columns': ['island'], 'drop_first': True}]),
    ('one_hot_encode max_categories', 'ames_housing.csv', [
        {'op': 'one_hot_encode', 'columns': ['Neighborhood', 'Exterior_1st'], 'max_categories': 6},
        {'op': 'one_hot_encode', 'columns': ['MS_Zoning', 'Roof_Matl'], 'max_categories': 3,
         'drop_first': True}]),
    ('scale', 'penguins.csv', [
        {'op': 'scale', 'columns': ['bill_length_mm', 'body_mass_g'], 'method': 'standard'},
        {'op': 'scale', 'columns': ['flipper_length_mm'], 'method': 'minmax'},
        {'op': 'scale', 'columns': ['bill_depth_mm', 'year'], 'method': 'robust'}]),
    ('scale large values', 'ames_housing.csv', [
        {'op': 'scale', 'columns': ['Sale_Price', 'Lot_Area', 'Longitude'], 'method': 'standard'},
        {'op': 'scale', 'columns': ['Gr_Liv_Area', 'Pool_Area'], 'method': 'minmax'},
        {'op': 'scale', 'columns': ['Latitude', 'Misc_Val'], 'method': 'robust'}]),
    ('bin', 'penguins.csv', [
        {'op': 'bin', 'column': 'body_mass_g', 'bins': 4},
        {'op': 'bin', 'column': 'bill_length_mm', 'bins': 5, 'method': 'quantile'},
        {'op': 'bin', 'column': 'flipper_length_mm', 'bins': [170, 190, 200, 215, 240]},
        {'op': 'bin', 'column': 'bill_depth_mm', 'bins': [13.5, 15.25, 18.0, 21.5]}]),
    ('bin wide ranges', 'ames_housing.csv', [
        {'op': 'bin', 'column': 'Sale_Price', 'bins': 7},
        {'op': 'bin', 'column': 'Lot_Area', 'bins': 10, 'method': 'quantile'},
        {'op': 'bin', 'column': 'Latitude', 'bins': 3},
        {'op': 'bin', 'column': 'Mas_Vnr_Area', 'bins': 4, 'method': 'quantile'}]),
    ('datetime_features', 'seattle-weather.csv', [
        {'op': 'datetime_features', 'column': 'date',
         'features': ['year', 'month', 'day', 'weekday', 'hour', 'dayofyear']}]),
    ('formula arithmetic', 'ames_housing.csv', [
        {'op': 'formula', 'name': 'price_per_sqft', 'expression': 'Sale_Price / Gr_Liv_Area',
         '_pandas': lambda df: df['Sale_Price'] / df['Gr_Liv_Area']},
        {'op': 'formula', 'name': 'age',
         'expression': 'Year_Sold - Year_Built + (Mo_Sold - 1) / 12',
         '_pandas': lambda df: df['Year_Sold'] - df['Year_Built'] + (df['Mo_Sold'] - 1) / 12},
        {'op': 'formula', 'name': 'log_area',
         'expression': 'round(log(Lot_Area) ^ 2, 3) - sqrt(Lot_Area)',
         '_pandas': lambda df: np.round(np.log(df['Lot_Area']) ** 2, 3) - np.sqrt(df['Lot_Area'])},
        {'op': 'formula', 'name': 'ratio', 'expression': 'Wood_Deck_SF / Open_Porch_SF',
         '_pandas': lambda df: (df['Wood_Deck_SF'] / df['Open_Porch_SF']).replace([np.nan], None)},
        {'op': 'formula', 'name': 'baths',
         'expression': '-Full_Bath + -0.5 * -Half_Bath ^ 2 + 2 ^ 3 ^ 0.5',
         '_pandas': lambda df: -df['Full_Bath'] + -0.5 * -df['Half_Bath'] ** 2 + 2 ** 3 ** 0.5},
        {'op': 'formula', 'name': 'Lot_Area',
         'expression': 'max(Lot_Area, 10000) + '
                       'min(abs(Longitude), floor(Latitude), ceil(Latitude))',
         '_pandas': lambda df: np.maximum(df['Lot_Area'], 10000) + np.minimum(np.minimum(
             df['Longitude'].abs(), np.floor(df['Latitude'])), np.ceil(df['Latitude']))},
        {'op': 'formula', 'name': 'e', 'expression': 'exp(Bedroom_AbvGr / 10)',
         '_pandas': lambda df: np.exp(df['Bedroom_AbvGr'] / 10)}]),
    ('formula logic and strings', 'penguins.csv', [
        {'op': 'formula', 'name': 'big',
         'expression': 'body_mass_g >= 4000 and not (sex == "female")',
         '_pandas': lambda df: (df['body_mass_g'].astype('Float64') >= 4000)
         & ~(df['sex'].astype('string') == 'female')},
        {'op': 'formula', 'name': 'either',
         'expression': 'bill_length_mm > 45 or island == "Dream"',
         '_pandas': lambda df: (df['bill_length_mm'].astype('Float64') > 45)
         | (df['island'].astype('string') == 'Dream')},
        {'op': 'formula', 'name': 'label',
         'expression': 'if(flipper_length_mm > 200, upper(species), lower(island) + "!")',
         '_pandas': lambda df: pd.Series(np.where(
             df['flipper_length_mm'].isna(), None,
             np.where(df['flipper_length_mm'] > 200, df['species'].str.upper(),
                      df['island'].str.lower() + '!')), index=df.index)},
        {'op': 'formula', 'name': 'n',
         'expression': 'length(species) * 10 + if(contains(island, "o"), 1, 0)',
         '_pandas': lambda df: df['species'].str.len() * 10
         + df['island'].str.contains('o').astype(float)},
        {'op': 'formula', 'name': 'gap', 'expression': 'is_missing(sex) or `bill_depth_mm` != 18.7',
         '_pandas': lambda df: df['sex'].isna()
         | (df['bill_depth_mm'].astype('Float64') != 18.7)}]),
]


def expected_frame(df):
    """pandas nullable results (Float64, boolean, string) as plain object columns."""
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if str(s.dtype) in ('boolean', 'Float64', 'Int64', 'string'):
            out[c] = s.astype(object).map(lambda v: None if is_missing(v) else v)
    return out


def split_file(path, directory):
    """The first 70% of the data lines and the rest, as two files with the header."""
    with open(path, encoding='utf-8', newline='') as f:
        lines = f.read().splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    cut = int(len(body) * 0.7)
    paths = []
    for name, part in (('train.csv', body[:cut]), ('test.csv', body[cut:])):
        p = os.path.join(directory, name)
        with open(p, 'w', encoding='utf-8', newline='') as f:
            f.write(header)
            f.writelines(part)
        paths.append(p)
    return paths


def recipe_json(steps):
    return json.dumps({'steps': [{k: v for k, v in s.items() if not k.startswith('_')}
                                 for s in steps]})


def check_case(name, dataset, steps, tmp):
    path = ds(dataset)
    recipe = os.path.join(tmp, 'recipe.json')
    with open(recipe, 'w', encoding='utf-8') as f:
        f.write(recipe_json(steps))

    # fit and apply on the whole table
    out = os.path.join(tmp, 'out.csv')
    fitted = os.path.join(tmp, 'fitted.json')
    code, stdout, err = run_cli('prepare', path, '--recipe', recipe, '--output', out,
                                '--save-fitted', fitted, '--json')
    if code != 0:
        case(f'{name} ({dataset}): fit', False, [f'exit {code}', err])
        case(f'{name} ({dataset}): apply to new rows', False, ['not run'])
        return
    try:
        expected, _ = reference(read_like_easel(path), None, steps)
        problems = compare(expected_frame(expected), out)
    except Exception as e:  # a reference that cannot run is a failure, not a crash
        problems = [f'reference failed: {e!r}']
    summary = json.loads(stdout)
    if len(summary['steps']) != len(steps):
        problems.append(f'the summary has {len(summary["steps"])} steps, not {len(steps)}')
    case(f'{name} ({dataset}): fit', not problems, problems)

    # fit on 70%, apply to the other 30%
    train, test = split_file(path, tmp)
    code, _, err = run_cli('prepare', train, '--recipe', recipe, '--output', out,
                           '--save-fitted', fitted)
    if code == 0:
        code, _, err = run_cli('prepare', test, '--fitted', fitted, '--output', out)
    if code != 0:
        case(f'{name} ({dataset}): apply to new rows', False, [f'exit {code}', err])
        return
    try:
        _, expected = reference(read_like_easel(train), read_like_easel(test), steps)
        problems = compare(expected_frame(expected), out)
    except Exception as e:
        problems = [f'reference failed: {e!r}']
    case(f'{name} ({dataset}): apply to new rows', not problems, problems)


# Reports ------------------------------------------------------------------------------------

def check_reports(tmp):
    """The JSON summary counts what each step did."""
    path = ds('penguins.csv')
    steps = [
        {'op': 'impute', 'columns': ['sex'], 'strategy': 'mode', 'add_indicator': True},
        {'op': 'filter', 'column': 'island', 'operator': '==', 'value': 'Biscoe'},
        {'op': 'one_hot_encode', 'columns': ['species']},
        {'op': 'cast', 'column': 'year', 'type': 'boolean', 'enabled': False},
        {'op': 'cast', 'column': 'island', 'type': 'numeric'},
    ]
    recipe = os.path.join(tmp, 'recipe.json')
    with open(recipe, 'w', encoding='utf-8') as f:
        f.write(recipe_json(steps))
    code, out, err = run_cli('prepare', path, '--recipe', recipe, '--output',
                             os.path.join(tmp, 'out.csv'), '--json')
    problems = []
    if code != 0:
        case('reports: the JSON summary', False, [err])
        return
    s = json.loads(out)['steps']
    df = pd.read_csv(path, na_values=NA, keep_default_na=False)
    biscoe = int((df['island'] == 'Biscoe').sum())
    want = [
        (0, 'values_changed', int(df['sex'].isna().sum())),
        (0, 'columns_added', ['sex_was_missing']),
        (1, 'rows_removed', len(df) - biscoe),
        (1, 'rows_after', biscoe),
        (2, 'columns_removed', ['species']),
        (2, 'columns_added',
         ['species_' + v for v in sorted(df[df.island == 'Biscoe'].species.unique())]),
        (3, 'enabled', False),
        (4, 'values_missing', biscoe),
        (4, 'values_changed', 0),
    ]
    for i, key, value in want:
        if s[i][key] != value:
            problems.append(f'step {i + 1} {key}: expected {value!r}, got {s[i][key]!r}')
    case('reports: the JSON summary counts rows, values and columns', not problems, problems)

    code, _, err = run_cli('prepare', path, '--recipe', recipe, '--output',
                           os.path.join(tmp, 'out.csv'))
    lines = err.splitlines()
    ok = code == 0 and len(lines) == 6 and '344 rows × 8 columns' in lines[0] and \
        f'Removed {len(df) - biscoe} of 344 rows' in err and 'disabled' in lines[4]
    case('reports: the text summary on standard error', ok, [err])


# Errors -------------------------------------------------------------------------------------

ERRORS = [
    ('unknown op', [{'op': 'impute', 'columns': ['sex'], 'strategy': 'mode'}, {'op': 'normalise'}],
     ['Step 2', 'unknown op “normalise”']),
    ('missing column', [{'op': 'scale', 'columns': ['bill_length_mm', 'bill_lenght_mm'],
                         'method': 'standard'}],
     ['Step 1 (scale)', 'parameter “columns”', 'no column “bill_lenght_mm”',
      'Did you mean “bill_length_mm”']),
    ('missing column after an earlier step removed it',
     [{'op': 'drop_columns', 'columns': ['sex']},
      {'op': 'impute', 'columns': ['sex'], 'strategy': 'mode'}],
     ['Step 2 (impute)', 'parameter “columns”', 'no column “sex”']),
    ('wrong parameter type', [{'op': 'bin', 'column': 'body_mass_g', 'bins': 'four'}],
     ['Step 1 (bin)', 'parameter “bins”', '“four”']),
    ('wrong choice', [{'op': 'impute', 'columns': ['sex'], 'strategy': 'average'}],
     ['Step 1 (impute)', 'parameter “strategy”', 'mean, median, mode or constant']),
    ('missing parameter', [{'op': 'rename_column', 'column': 'sex'}],
     ['Step 1 (rename_column)', 'parameter “to”', 'required']),
    ('unknown parameter', [{'op': 'strip', 'columns': ['sex'], 'sides': 'both'}],
     ['Step 1 (strip)', 'unknown parameter “sides”']),
    ('wrong column type', [{'op': 'scale', 'columns': ['species'], 'method': 'minmax'}],
     ['Step 1 (scale)', 'parameter “columns”', '“species” is categorical']),
    ('formula syntax error', [{'op': 'formula', 'name': 'x', 'expression': 'body_mass_g * (2 +'}],
     ['Step 1 (formula)', 'parameter “expression”', 'position 19']),
    ('formula unknown column', [{'op': 'drop_columns', 'columns': ['year']},
                                {'op': 'formula', 'name': 'x', 'expression': 'body_mass_g / year'}],
     ['Step 2 (formula)', 'parameter “expression”',
      'Unknown column “year” at position 15']),
    ('formula type error', [{'op': 'formula', 'name': 'x', 'expression': 'species * 2'}],
     ['Step 1 (formula)', 'parameter “expression”', 'at position 9']),
    ('filter value of the wrong type', [{'op': 'filter', 'column': 'body_mass_g', 'operator': '>',
                                         'value': 'heavy'}],
     ['Step 1 (filter)', 'parameter “value”', 'must be a number']),
    ('one-hot name clash', [{'op': 'formula', 'name': 'sex_male', 'expression': '1'},
                            {'op': 'one_hot_encode', 'columns': ['sex']}],
     ['Step 2 (one_hot_encode)', 'sex_male']),
]


def check_errors(tmp):
    path = ds('penguins.csv')
    recipe = os.path.join(tmp, 'bad.json')
    out = os.path.join(tmp, 'never.csv')
    for name, steps, needles in ERRORS:
        with open(recipe, 'w', encoding='utf-8') as f:
            f.write(recipe_json(steps))
        if os.path.exists(out):
            os.remove(out)
        code, _, err = run_cli('prepare', path, '--recipe', recipe, '--output', out)
        missing = [n for n in needles if n not in err]
        ok = code == 1 and err.startswith('easel-cli: ') and not missing and not os.path.exists(out)
        case(f'error: {name}', ok, [f'exit {code}', err.strip(), f'missing: {missing}'])

    for name, text, needles in [
        ('recipe is not JSON', '{"steps": [', ['not valid JSON']),
        ('recipe without steps', '{"stages": []}', ['“steps”']),
        ('newer recipe version', '{"version": 99, "steps": []}', ['version 99', 'newer']),
    ]:
        with open(recipe, 'w', encoding='utf-8') as f:
            f.write(text)
        code, _, err = run_cli('prepare', path, '--recipe', recipe, '--output', out)
        missing = [n for n in needles if n not in err]
        case(f'error: {name}', code == 1 and not missing, [f'exit {code}', err.strip()])

    # an unfitted recipe given as --fitted
    with open(recipe, 'w', encoding='utf-8') as f:
        f.write(recipe_json([{'op': 'scale', 'columns': ['year'], 'method': 'standard'}]))
    code, _, err = run_cli('prepare', path, '--fitted', recipe, '--output', out)
    case('error: --fitted with a recipe that is not fitted',
         code == 1 and 'not a fitted recipe' in err,
         [f'exit {code}', err.strip()])
    # a fitted recipe applied to a table whose column changed type
    fitted = os.path.join(tmp, 'fitted.json')
    with open(recipe, 'w', encoding='utf-8') as f:
        f.write(recipe_json([{'op': 'impute', 'columns': ['year'], 'strategy': 'median'}]))
    code, _, err = run_cli('prepare', path, '--recipe', recipe, '--output', out,
                           '--save-fitted', fitted)
    other = os.path.join(tmp, 'other.csv')
    with open(other, 'w', encoding='utf-8') as f:
        f.write('year,x\nlast,1\nnext,2\n')
    code2, _, err2 = run_cli('prepare', other, '--fitted', fitted, '--output', out)
    case('error: applying to a column of another type',
         code == 0 and code2 == 1 and 'Step 1 (impute)' in err2
         and '“year”' in err2, [f'exit {code} {code2}', err.strip(), err2.strip()])

    # fitting without writing a table
    with open(recipe, 'w', encoding='utf-8') as f:
        f.write(recipe_json([{'op': 'scale', 'columns': ['year'], 'method': 'standard'}]))
    code, out_text, err = run_cli('prepare', path, '--recipe', recipe, '--save-fitted', fitted,
                                  '--json')
    ok = code == 0 and json.loads(out_text)['output'] is None and \
        'fitted' in json.load(open(fitted, encoding='utf-8'))['steps'][0]
    case('fit and save the fitted recipe without writing a table', ok,
         [f'exit {code}', err.strip()])

    for name, args in [
        ('no recipe', [path, '--output', out]),
        ('both --recipe and --fitted',
         [path, '--recipe', recipe, '--fitted', recipe, '--output', out]),
        ('nothing to write (no --output, --save-fitted or --json)', [path, '--recipe', recipe]),
        ('no FILE', ['--recipe', recipe, '--output', out]),
        ('--save-fitted with --fitted',
         [path, '--fitted', recipe, '--output', out, '--save-fitted', fitted]),
    ]:
        code, _, err = run_cli('prepare', *args)
        case(f'usage: {name}', code == 2 and err.startswith('easel-cli: '),
             [f'exit {code}', err.strip()])


def main():
    if not os.path.exists(CLI):
        print(f'1..0 # SKIP {CLI} is not built')
        return 0
    if not os.path.isdir(DATASETS):
        print(f'1..0 # SKIP no datasets at {DATASETS}')
        return 0
    if StandardScaler is None:
        print('# scikit-learn is missing: the scale cases cannot be checked')
    with tempfile.TemporaryDirectory() as tmp:
        for name, dataset, steps in CASES:
            if any(s['op'] == 'scale' for s in steps) and StandardScaler is None:
                continue
            check_case(name, dataset, steps, tmp)
        check_reports(tmp)
        check_errors(tmp)
    print(f'1..{n_cases}')
    return 1 if n_failed else 0


if __name__ == '__main__':
    sys.exit(main())
