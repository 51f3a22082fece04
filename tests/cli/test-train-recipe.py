#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli train --recipe: the table is prepared before training, the model keeps the
fitted recipe, and predict replays it on raw rows, keeping every row (TAP output).

The reference is Easel itself taken apart: the same recipe run by 'easel-cli prepare', a
model trained on the prepared file without a recipe, and pandas to pick out the rows the
recipe keeps. Run by meson (suite 'cli'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-train-recipe.py
"""
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get('EASEL_SOURCE_DIR', os.path.dirname(os.path.dirname(HERE)))
BUILD_DIR = os.environ.get('EASEL_BUILD_DIR', os.path.join(SOURCE_DIR, 'build'))
CLI = os.path.join(BUILD_DIR, 'src', 'cli', 'easel-cli')
PENGUINS = os.path.join(SOURCE_DIR, 'data', 'samples', 'penguins.csv')

results = []


def check(name, ok, detail=''):
    results.append((name, bool(ok), detail))


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)


tmp = tempfile.mkdtemp()
recipe = os.path.join(tmp, 'recipe.json')
with open(recipe, 'w') as f:
    json.dump({'steps': [
        {'op': 'drop_missing', 'columns': ['sex']},
        {'op': 'filter', 'column': 'island', 'operator': '!=', 'value': 'Torgersen'},
        {'op': 'formula', 'name': 'bill_ratio', 'expression': 'bill_length_mm / bill_depth_mm'},
        {'op': 'clip_outliers', 'columns': ['body_mass_g'], 'method': 'quantile',
         'lower': 0.05, 'upper': 0.95, 'action': 'remove'},
        {'op': 'scale', 'columns': ['body_mass_g', 'bill_ratio'], 'method': 'standard'},
    ]}, f)

model = os.path.join(tmp, 'm.easelmodel')
r = cli('train', PENGUINS, '--target', 'species', '--algorithm', 'logistic', '--recipe', recipe,
        '--seed', '4', '--save', model, '--json')
check('train --recipe: exit 0', r.returncode == 0, r.stderr)
summary = json.loads(r.stdout) if r.returncode == 0 else {}

# the same preparation by 'easel-cli prepare'
prepared = os.path.join(tmp, 'prepared.csv')
fitted = os.path.join(tmp, 'fitted.json')
r = cli('prepare', PENGUINS, '--recipe', recipe, '--output', prepared, '--save-fitted', fitted)
check('prepare: exit 0', r.returncode == 0, r.stderr)
prep = pd.read_csv(prepared)
check('the model trained on the prepared rows',
      summary.get('train_rows', 0) + summary.get('test_rows', 0) == len(prep),
      f'{summary.get("train_rows")} + {summary.get("test_rows")} vs {len(prep)}')

# a model trained on the prepared file, without a recipe: same split, same seed
plain = os.path.join(tmp, 'plain.easelmodel')
r = cli('train', prepared, '--target', 'species', '--algorithm', 'logistic', '--seed', '4',
        '--save', plain, '--json')
check('train on the prepared file: exit 0', r.returncode == 0, r.stderr)
plain_summary = json.loads(r.stdout) if r.returncode == 0 else {}
check('same evaluation as training on the prepared file',
      abs(summary.get('metrics', {}).get('log_loss', 1) -
          plain_summary.get('metrics', {}).get('log_loss', 2)) < 1e-9,
      f'{summary.get("metrics")} vs {plain_summary.get("metrics")}')

# predict raw rows: every row gets a prediction
out = os.path.join(tmp, 'pred.csv')
r = cli('predict', '--model', model, '--input', PENGUINS, '--output', out)
check('predict replays the recipe: exit 0', r.returncode == 0, r.stderr)
raw = pd.read_csv(PENGUINS)
pred = pd.read_csv(out) if r.returncode == 0 else pd.DataFrame()
check('every input row is predicted, filters or not', len(pred) == len(raw),
      f'{len(pred)} rows vs {len(raw)}')
check('the input columns pass through unchanged',
      list(pred.columns[:len(raw.columns)]) == list(raw.columns) and
      pred['island'].equals(raw['island']))

# the rows the recipe keeps: their probabilities equal the plain model's on prepared rows
plain_out = os.path.join(tmp, 'plain_pred.csv')
r = cli('predict', '--model', plain, '--input', prepared, '--output', plain_out)
check('predict with the plain model: exit 0', r.returncode == 0, r.stderr)
if r.returncode == 0 and len(pred) == len(raw):
    plain_pred = pd.read_csv(plain_out)
    lo, hi = raw['body_mass_g'].quantile([0.05, 0.95])
    kept = raw['sex'].notna() & (raw['island'] != 'Torgersen')
    mass = raw.loc[kept, 'body_mass_g']
    lo, hi = mass.quantile(0.05), mass.quantile(0.95)
    kept &= (raw['body_mass_g'] >= lo) & (raw['body_mass_g'] <= hi)
    check('pandas picks out the rows the recipe keeps', kept.sum() == len(prep),
          f'{kept.sum()} vs {len(prep)}')
    cols = [c for c in pred.columns if c.startswith('probability_')]
    if kept.sum() == len(prep) and cols:
        diff = (pred.loc[kept, cols].to_numpy() - plain_pred[cols].to_numpy())
        check('probabilities of kept rows equal the plain model on prepared rows',
              abs(diff).max() < 1e-9, f'max difference {abs(diff).max()}')
    # a removed outlier is clipped, not dropped: its prediction exists
    heavy = raw['body_mass_g'].idxmax()
    check('an outlier row removed at training is still predicted',
          isinstance(pred.loc[heavy, 'prediction'], str))

# --test FILE goes through the whole recipe, filters included
r = cli('train', PENGUINS, '--target', 'species', '--recipe', recipe, '--test', PENGUINS,
        '--json')
check('--test with --recipe evaluates the prepared test rows',
      r.returncode == 0 and json.loads(r.stdout)['test_rows'] == len(prep), r.stderr)

# into a project: the fitted recipe is a row of its own, linked to the model version
import sqlite3  # noqa: E402
project = os.path.join(tmp, 'p.easel')
r = cli('project', 'new', project)
r = cli('train', PENGUINS, '--target', 'species', '--recipe', recipe, '--project', project,
        '--name', 'species')
check('train --recipe --project: exit 0', r.returncode == 0, r.stderr)
con = sqlite3.connect(project)
rows = con.execute('SELECT recipes.id, recipes.name, recipes.json FROM recipes '
                   'JOIN models ON models.recipe_id = recipes.id').fetchall()
con.close()
check('the project keeps the fitted recipe, linked to the model',
      len(rows) == 1 and rows[0][1] == 'species@1' and '"fitted"' in rows[0][2] and
      'bill_ratio' in rows[0][2], rows)
out2 = os.path.join(tmp, 'pred2.csv')
r = cli('predict', '--project', project, '--model', 'species', '--input', PENGUINS,
        '--output', out2)
check('predict from the project replays the recipe on every row',
      r.returncode == 0 and len(pd.read_csv(out2)) == len(raw), r.stderr)

# errors
r = cli('train', PENGUINS, '--target', 'species', '--recipe', os.path.join(tmp, 'none.json'))
check('a missing recipe file: exit 1 naming it',
      r.returncode == 1 and 'none.json' in r.stderr, r.stderr)
bad = os.path.join(tmp, 'bad.json')
with open(bad, 'w') as f:
    json.dump({'steps': [{'op': 'impute', 'columns': ['beak'], 'strategy': 'median'}]}, f)
r = cli('train', PENGUINS, '--target', 'species', '--recipe', bad)
check('a recipe naming a missing column: exit 1 naming the step and column',
      r.returncode == 1 and 'Step 1' in r.stderr and 'beak' in r.stderr, r.stderr)
short = os.path.join(tmp, 'short.csv')
raw.drop(columns=['bill_depth_mm']).to_csv(short, index=False)
r = cli('predict', '--model', model, '--input', short, '--output', os.path.join(tmp, 'x.csv'))
check('predicting a file without a column the recipe needs: exit 1 naming it',
      r.returncode == 1 and 'bill_depth_mm' in r.stderr and 'recipe' in r.stderr, r.stderr)

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok:
        for line in str(detail).splitlines():
            print(f'#   {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
