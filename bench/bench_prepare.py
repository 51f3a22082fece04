#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time `easel-cli prepare` against the same recipe written in pandas, side by side.

Usage: /usr/bin/python3 bench/bench_prepare.py [--build-dir DIR] [--runs 5] [--threads 2]
                                               [--file mixed_1m.csv] [--write] [--no-peers]

The recipe (below, also written to bench/out/prepare_recipe.json) has 11 steps on the
1,000,000-row mixed table: impute (median, with indicators; mode), clip outliers (IQR),
filter, two formulas, one-hot encoding (5 and 50 categories), standard scaling, ordinal
encoding (1000 categories), date parts and dropping columns. bench/peers/pandas_prepare.py
does the same in plain pandas. Both are timed

  fit    learn the values from the file and prepare it (easel-cli prepare --recipe
         --save-fitted; pandas_prepare.py fit), and
  apply  prepare the file again with the saved values (easel-cli prepare --fitted;
         pandas_prepare.py apply).

Without --write neither writes the prepared table (both then spend their time reading the
file and running the recipe); with --write both write it as CSV. Each tool reports its own
read / recipe ("work") / write times (easel-cli with EASEL_DEBUG_TIMING=1); the process's
wall time, CPU time and peak memory are measured around it. Every command runs once untimed,
then --runs times; medians are shown. Runs wait for an idle machine and are repeated when
other processes disturbed them (see bench_profile.py). Results go to stdout,
bench/out/prepare.md and bench/out/prepare.json.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, 'out')
sys.path.insert(0, HERE)
import bench_profile as bp  # noqa: E402  (idle waiting, machine description)

RECIPE = {'steps': [
    {'op': 'impute', 'columns': ['amount', 'price', 'score'], 'strategy': 'median',
     'add_indicator': True},
    {'op': 'impute', 'columns': ['colour', 'region'], 'strategy': 'mode'},
    {'op': 'clip_outliers', 'columns': ['price', 'amount'], 'method': 'iqr', 'k': 1.5},
    {'op': 'filter', 'column': 'age', 'operator': '>=', 'value': 21},
    {'op': 'formula', 'name': 'revenue', 'expression': 'price * quantity'},
    {'op': 'formula', 'name': 'log_price', 'expression': 'log(price + 1)'},
    {'op': 'one_hot_encode', 'columns': ['colour', 'region']},
    {'op': 'scale', 'columns': ['amount', 'score', 'ratio'], 'method': 'standard'},
    {'op': 'ordinal_encode', 'columns': ['sku']},
    {'op': 'datetime_features', 'column': 'signup_date', 'features': ['year', 'month', 'weekday']},
    {'op': 'drop_columns', 'columns': ['comment', 'last_seen']},
]}


def run_once(cmd, env):
    """(wall s, cpu s, peak MB, stdout, stderr) of one run on an idle machine."""
    for attempt in range(bp.IDLE['retries'] + 1):
        bp.wait_idle()
        with tempfile.NamedTemporaryFile('r', suffix='.time') as tf:
            busy0, _ = bp.cpu_jiffies()
            t0 = time.perf_counter()
            p = subprocess.run(['/usr/bin/time', '-f', '%U %S %M', '-o', tf.name] + cmd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wall = time.perf_counter() - t0
            busy1, _ = bp.cpu_jiffies()
            if p.returncode != 0:
                sys.stderr.write(p.stderr.decode(errors='replace'))
                raise SystemExit(f'command failed ({p.returncode}): {" ".join(cmd)}')
            fields = tf.read().split()
        cpu = float(fields[-3]) + float(fields[-2])
        peak_mb = int(fields[-1]) / 1024.0
        if (busy1 - busy0) - cpu <= max(0.05, 0.10 * wall):
            break
        if attempt < bp.IDLE['retries']:
            bp.IDLE['disturbed_reruns'] += 1
        else:
            bp.IDLE['disturbed_kept'] += 1
    return wall, cpu, peak_mb, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def phases_easel(stdout, stderr):
    m = re.search(r'timing: read ([0-9.]+) s, (?:fit|apply) ([0-9.]+) s, write ([0-9.]+) s', stderr)
    if not m:
        raise SystemExit(f'no timing line from easel-cli: {stderr}')
    summary = json.loads(stdout)
    return float(m.group(1)), float(m.group(2)), float(m.group(3)), \
        (summary['rows_after'], summary['columns_after'])


def phases_pandas(stdout, stderr):
    get = {k: float(v) for k, v in re.findall(r'^(\w+_seconds) ([0-9.]+)$', stdout, re.M)}
    m = re.search(r'^rows (\d+) columns (\d+)$', stdout, re.M)
    return get['read_seconds'], get['work_seconds'], get['write_seconds'], \
        (int(m.group(1)), int(m.group(2)))


def measure(tool, mode, cmd, env, runs, phases):
    run_once(cmd, env)  # warm-up
    rows = []
    for _ in range(runs):
        wall, cpu, peak, out, err = run_once(cmd, env)
        read, work, write, shape = phases(out, err)
        rows.append({'wall': wall, 'cpu': cpu, 'peak': peak, 'read': read, 'work': work,
                     'write': write, 'shape': shape})
    res = {'tool': tool, 'mode': mode, 'runs': runs, 'shape': rows[0]['shape'],
           'all': rows}
    for k in ('wall', 'cpu', 'read', 'work', 'write'):
        res[k + '_s'] = statistics.median(r[k] for r in rows)
    res['peak_mb'] = max(r['peak'] for r in rows)
    print(f'  {tool:8s} {mode:5s} {res["wall_s"]:7.3f} s  (read {res["read_s"]:.3f}, work '
          f'{res["work_s"]:.3f}, write {res["write_s"]:.3f}; cpu {res["cpu_s"]:.2f} s) '
          f'{res["peak_mb"]:7.1f} MB  -> {res["shape"][0]} x {res["shape"][1]}   work runs: '
          + ' '.join(f'{r["work"]:.3f}' for r in rows), flush=True)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--build-dir', default=os.path.join(ROOT, 'build-bench'))
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--file', default='mixed_1m.csv')
    ap.add_argument('--write', action='store_true', help='also write the prepared table as CSV')
    ap.add_argument('--no-peers', action='store_true', help='time easel-cli only')
    args = ap.parse_args()

    cli = os.path.join(args.build_dir, 'src', 'cli', 'easel-cli')
    if not os.access(cli, os.X_OK):
        raise SystemExit(f'{cli} not found: build it first (bench/run.sh prepare does)')
    if not os.path.exists('/usr/bin/time'):
        raise SystemExit('/usr/bin/time not found: apt-get install time')
    path = os.path.join(OUT, args.file)
    if not os.path.exists(path):
        raise SystemExit(f'{path} not found: run bench/gen_data.py first')

    os.makedirs(OUT, exist_ok=True)
    recipe = os.path.join(OUT, 'prepare_recipe.json')
    with open(recipe, 'w', encoding='utf-8') as f:
        json.dump(RECIPE, f, indent=2)
    fitted = os.path.join(OUT, 'prepare_fitted.json')
    params = os.path.join(OUT, 'prepare_pandas_params.json')
    easel_out = os.path.join(OUT, 'prepared_easel.csv')
    pandas_out = os.path.join(OUT, 'prepared_pandas.csv')

    easel_env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS='1',
                     EASEL_DEBUG_TIMING='1')
    py_env = dict(os.environ, OMP_NUM_THREADS='1', OPENBLAS_NUM_THREADS='1')
    peer = ['/usr/bin/python3', os.path.join(HERE, 'peers', 'pandas_prepare.py'), path]
    write_easel = ['--output', easel_out] if args.write else []
    write_pandas = [pandas_out] if args.write else []

    versions = {
        'easel-cli': bp.tool_version([cli, '--version']),
        'pandas': bp.tool_version(['/usr/bin/python3', '-c',
                                   'import pandas, numpy; print("pandas", pandas.__version__,'
                                   ' "numpy", numpy.__version__)']),
    }
    info = {'machine': bp.machine(), 'threads': args.threads, 'file': args.file,
            'write': args.write, 'recipe': RECIPE, 'versions': versions, 'results': []}
    print(f'machine: {info["machine"]}')
    print(f'{info["versions"]["easel-cli"]}; {info["versions"]["pandas"]}')
    print(f'\n{args.file} ({os.path.getsize(path) / 1e6:.0f} MB), {len(RECIPE["steps"])} steps, '
          f'{"writing" if args.write else "not writing"} the result', flush=True)

    fit_cmd = [cli, 'prepare', path, '--recipe', recipe, '--save-fitted', fitted, '--json']
    apply_cmd = [cli, 'prepare', path, '--fitted', fitted, '--json']
    results = [
        measure('easel', 'fit', fit_cmd + write_easel, easel_env, args.runs, phases_easel),
        measure('easel', 'apply', apply_cmd + write_easel, easel_env, args.runs, phases_easel),
    ]
    if not args.no_peers:
        for mode in ('fit', 'apply'):
            results.append(measure('pandas', mode, peer + [mode, params] + write_pandas, py_env,
                                   args.runs, phases_pandas))
    info['results'] = results

    def find(tool, mode):
        return next((r for r in results if r['tool'] == tool and r['mode'] == mode), None)

    header = ['tool', 'mode', 'wall s', 'read s', 'recipe s', 'write s', 'cpu s', 'peak MB',
              'rows x cols', 'wall ratio', 'recipe ratio']
    lines = []
    for r in results:
        e = find('easel', r['mode'])
        lines.append([r['tool'], r['mode'], f'{r["wall_s"]:.3f}', f'{r["read_s"]:.3f}',
                      f'{r["work_s"]:.3f}', f'{r["write_s"]:.3f}', f'{r["cpu_s"]:.2f}',
                      f'{r["peak_mb"]:.0f}', f'{r["shape"][0]} x {r["shape"][1]}',
                      f'{r["wall_s"] / e["wall_s"]:.2f}', f'{r["work_s"] / e["work_s"]:.2f}'])
    widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(header)]
    print()
    print('  '.join(h.ljust(w) for h, w in zip(header, widths)))
    for l in lines:
        print('  '.join(c.ljust(w) for c, w in zip(l, widths)))

    verdicts = []
    for mode in ('fit', 'apply'):
        e, p = find('easel', mode), find('pandas', mode)
        if e and p:
            if e['shape'] != p['shape']:
                verdicts.append((f'{mode}: same table shape as pandas', False,
                                 f'{e["shape"]} vs {p["shape"]}'))
            work, wall = p['work_s'] / e['work_s'], p['wall_s'] / e['wall_s']
            verdicts.append((f'{mode}: recipe >= 2x faster than pandas', work >= 2, f'{work:.2f}x'))
            verdicts.append((f'{mode}: whole run >= 2x faster than pandas', wall >= 2,
                             f'{wall:.2f}x'))
    if verdicts:
        print()
        for text, ok, detail in verdicts:
            print(f'{"MET " if ok else "MISS"} {text}: {detail}')
    info['targets'] = [{'target': t, 'met': ok, 'detail': d} for t, ok, d in verdicts]
    info['idle'] = dict(bp.IDLE)
    print(f'\nidle waiting {bp.IDLE["waited_s"]:.0f} s; disturbed runs rerun '
          f'{bp.IDLE["disturbed_reruns"]}, kept {bp.IDLE["disturbed_kept"]}; busy starts '
          f'{bp.IDLE["busy_starts"]}')

    m = info['machine']
    md = [
        '# easel-cli prepare against pandas',
        '',
        f'Machine: {m["cpu"]}, {m["cores"]} cores, {m["memory_gb"]} GB RAM, {m["os"]}.  ',
        f'Versions: {info["versions"]["easel-cli"]}; {info["versions"]["pandas"]}.  ',
        f'Table: {args.file}; recipe: {len(RECIPE["steps"])} steps (bench/out/prepare_recipe.json, '
        'bench/peers/pandas_prepare.py); the prepared table is '
        f'{"written as CSV" if args.write else "not written"}.  ',
        f'Threads: Easel {args.threads} (OMP_NUM_THREADS); pandas is single-threaded.  ',
        f'Median of {args.runs} runs after a warm-up run. "wall s" is the whole process '
        '(pandas: with the interpreter start-up and imports); "read s", "recipe s" and '
        '"write s" are each tool\'s own timing of reading the file, running the recipe (fit: '
        'learn and prepare; apply: prepare with the saved values) and writing. Ratios are '
        'pandas time / Easel time. The machine may be shared: each run waited for an idle '
        'machine and a run that other processes disturbed was run again (reruns: '
        f'{bp.IDLE["disturbed_reruns"]}; disturbed runs kept: {bp.IDLE["disturbed_kept"]}; '
        f'runs started on a busy machine: {bp.IDLE["busy_starts"]}).',
        '',
        '| ' + ' | '.join(header) + ' |',
        '|' + '|'.join(['---', '---'] + ['---:'] * (len(header) - 2)) + '|',
    ]
    md += ['| ' + ' | '.join(l) + ' |' for l in lines]
    if verdicts:
        md.append('')
        md += [f'- {"met" if ok else "**missed**"}: {text} ({detail})'
               for text, ok, detail in verdicts]
    md.append('')
    with open(os.path.join(OUT, 'prepare.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(md))
    with open(os.path.join(OUT, 'prepare.json'), 'w', encoding='utf-8') as f:
        json.dump(info, f, indent=2)
    print(f'\nwrote {os.path.join(OUT, "prepare.md")} and prepare.json')
    return 0


if __name__ == '__main__':
    sys.exit(main())
