#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time `easel-cli profile` against pandas and data.table on the generated files.

Usage: /usr/bin/python3 bench/bench_profile.py [--build-dir DIR] [--runs 5] [--threads 2]
                                               [--files numeric_1m_25.csv mixed_1m.csv]

Every command runs once untimed (to warm the page cache), then --runs times. Wall time is
measured around the whole process (time.perf_counter), peak RSS by /usr/bin/time -f %M.
The peers also print the time they spent after their imports ('work'), which leaves out
the interpreter's start-up; both are reported. The table goes to stdout, to
bench/out/profile.md (Markdown) and to bench/out/profile.json.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, 'out')


def cpu_jiffies():
    """(busy, total) CPU time of the whole machine so far, in seconds."""
    with open('/proc/stat', encoding='ascii') as f:
        v = [int(x) for x in f.readline().split()[1:]]
    hz = os.sysconf('SC_CLK_TCK')
    return (sum(v) - v[3] - v[4]) / hz, sum(v) / hz


def cpu_busy(interval=0.5):
    """Fraction of all CPU time spent outside idle/iowait over 'interval' seconds."""
    b1, t1 = cpu_jiffies()
    time.sleep(interval)
    b2, t2 = cpu_jiffies()
    return (b2 - b1) / max(1e-9, t2 - t1)


# The machine may be shared. Before each run, wait until nothing else uses the CPU
# (< 10% busy; at most max_wait_s, and max_total_s over the whole benchmark). After each run,
# CPU time used by other processes during the run ('foreign') is measured from /proc/stat;
# a disturbed run (foreign > 10% of the wall time) is run again, up to 'retries' times.
IDLE = {'max_wait_s': 180.0, 'max_total_s': 900.0, 'retries': 3, 'waited_s': 0.0,
        'busy_starts': 0, 'disturbed_reruns': 0, 'disturbed_kept': 0}


def wait_idle():
    t0 = time.perf_counter()
    while cpu_busy() > 0.10:
        if (time.perf_counter() - t0 > IDLE['max_wait_s']
                or IDLE['waited_s'] + time.perf_counter() - t0 > IDLE['max_total_s']):
            IDLE['busy_starts'] += 1
            break
    IDLE['waited_s'] += time.perf_counter() - t0


def run_once(cmd, env):
    """Run 'cmd' under /usr/bin/time; return (wall s, peak MB, work s or None, cpu s)."""
    for attempt in range(IDLE['retries'] + 1):
        wait_idle()
        with tempfile.NamedTemporaryFile('r', suffix='.time') as tf:
            busy0, _ = cpu_jiffies()
            t0 = time.perf_counter()
            p = subprocess.run(['/usr/bin/time', '-f', '%U %S %M', '-o', tf.name] + cmd,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wall = time.perf_counter() - t0
            busy1, _ = cpu_jiffies()
            if p.returncode != 0:
                sys.stderr.write(p.stderr.decode(errors='replace'))
                raise SystemExit(f'command failed ({p.returncode}): {" ".join(cmd)}')
            fields = tf.read().split()
        peak_mb = int(fields[-1]) / 1024.0  # %M is in KiB
        cpu = float(fields[-3]) + float(fields[-2])
        foreign = (busy1 - busy0) - cpu
        if foreign <= max(0.05, 0.10 * wall):
            break
        if attempt < IDLE['retries']:
            IDLE['disturbed_reruns'] += 1
        else:
            IDLE['disturbed_kept'] += 1
    m = re.search(rb'^work_seconds ([0-9.]+)$', p.stdout, re.M)
    work = float(m.group(1)) if m else None
    return wall, peak_mb, work, cpu


def measure(name, cmd, env, runs):
    run_once(cmd, env)  # warm-up, not counted
    walls, peaks, works, cpus = [], [], [], []
    for _ in range(runs):
        wall, peak, work, cpu = run_once(cmd, env)
        walls.append(wall)
        peaks.append(peak)
        cpus.append(cpu)
        if work is not None:
            works.append(work)
    res = {
        'tool': name,
        'runs': runs,
        'wall_s': statistics.median(walls),
        'wall_all': walls,
        'peak_mb': max(peaks),
        'work_s': statistics.median(works) if works else statistics.median(walls),
        'cpu_s': statistics.median(cpus),
        'min_s': min(walls),
    }
    print(f'  {name:24s} {res["wall_s"]:7.3f} s  (work {res["work_s"]:.3f} s, '
          f'cpu {res["cpu_s"]:.3f} s)  {res["peak_mb"]:7.1f} MB   '
          f'runs: {" ".join(f"{w:.3f}" for w in walls)}', flush=True)
    return res


def tool_version(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        return p.stdout.decode(errors='replace').strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return 'unknown'


def machine():
    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30
    osname = platform.platform()
    try:
        with open('/etc/os-release', encoding='utf-8') as f:
            m = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M)
            if m:
                osname = m.group(1)
    except OSError:
        pass
    return {'cpu': cpu, 'cores': os.cpu_count(), 'memory_gb': round(mem_gb, 1), 'os': osname}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--build-dir', default=os.path.join(ROOT, 'build-bench'))
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--slow-runs', type=int, default=5,
                    help='runs for pandas, the slowest peer (default: same as --runs)')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--files', nargs='+', default=['numeric_1m_25.csv', 'mixed_1m.csv'])
    ap.add_argument('--no-peers', action='store_true', help='time easel-cli only')
    args = ap.parse_args()

    cli = os.path.join(args.build_dir, 'src', 'cli', 'easel-cli')
    if not os.access(cli, os.X_OK):
        raise SystemExit(f'{cli} not found: build it first (bench/run.sh profile does)')
    if not os.path.exists('/usr/bin/time'):
        raise SystemExit('/usr/bin/time not found: apt-get install time')
    have_r = shutil.which('Rscript') is not None

    base_env = dict(os.environ)
    easel_env = dict(base_env, OMP_NUM_THREADS=str(args.threads),
                     OPENBLAS_NUM_THREADS='1')
    # pandas is single-threaded; keep BLAS from starting threads it would not use
    py_env = dict(base_env, OMP_NUM_THREADS='1', OPENBLAS_NUM_THREADS='1')
    r_env = dict(base_env, OMP_NUM_THREADS=str(args.threads))

    info = {
        'machine': machine(),
        'threads': args.threads,
        'versions': {
            'easel-cli': tool_version([cli, '--version']),
            'pandas': tool_version(['/usr/bin/python3', '-c',
                                    'import pandas, numpy; print("pandas", pandas.__version__,'
                                    ' "numpy", numpy.__version__)']),
            'data.table': tool_version(['Rscript', '-e',
                                        'cat(R.version.string, "data.table",'
                                        ' format(packageVersion("data.table")), "\\n")'])
            if have_r else 'not installed',
        },
        'results': [],
    }
    print(f'machine: {info["machine"]}')
    for k, v in info['versions'].items():
        print(f'{k}: {v}')

    for fname in args.files:
        path = os.path.join(OUT, fname)
        if not os.path.exists(path):
            raise SystemExit(f'{path} not found: run bench/gen_data.py first')
        size_mb = os.path.getsize(path) / 1e6
        print(f'\n{fname} ({size_mb:.0f} MB)', flush=True)
        rows = [measure('easel-cli profile', [cli, 'profile', path, '--json'], easel_env,
                        args.runs)]
        if not args.no_peers:
            rows.append(measure('pandas read_csv+describe',
                                ['/usr/bin/python3', os.path.join(HERE, 'peers',
                                                                  'pandas_profile.py'),
                                 path, 'full'], py_env, args.slow_runs))
            if have_r:
                script = os.path.join(HERE, 'peers', 'datatable_profile.R')
                rows.append(measure('data.table fread', ['Rscript', script, path, 'fread',
                                                         str(args.threads)], r_env, args.runs))
                rows.append(measure('data.table fread+stats',
                                    ['Rscript', script, path, 'full', str(args.threads)],
                                    r_env, args.runs))
        easel = rows[0]
        for r in rows:
            r['file'] = fname
            r['ratio_wall'] = r['wall_s'] / easel['wall_s']
            r['ratio_work'] = r['work_s'] / easel['work_s']
            info['results'].append(r)

    # the table
    header = ['file', 'tool', 'median s', 'work s', 'cpu s', 'peak MB', 'ratio vs easel',
              'work ratio']
    lines = []
    for r in info['results']:
        lines.append([r['file'], r['tool'], f'{r["wall_s"]:.3f}', f'{r["work_s"]:.3f}',
                      f'{r["cpu_s"]:.2f}', f'{r["peak_mb"]:.0f}', f'{r["ratio_wall"]:.2f}',
                      f'{r["ratio_work"]:.2f}'])
    widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(header)]
    print()
    print('  '.join(h.ljust(w) for h, w in zip(header, widths)))
    for l in lines:
        print('  '.join(c.ljust(w) for c, w in zip(l, widths)))

    # the targets
    verdicts = []

    def find(fname, tool):
        for r in info['results']:
            if r['file'] == fname and r['tool'] == tool:
                return r
        return None

    for fname, need in (('numeric_1m_25.csv', 3.0), ('mixed_1m.csv', 2.0)):
        e = find(fname, 'easel-cli profile')
        p = find(fname, 'pandas read_csv+describe')
        d = find(fname, 'data.table fread+stats')
        if e and p:
            verdicts.append((f'{fname}: >= {need:g}x faster than pandas',
                             p['wall_s'] / e['wall_s'] >= need,
                             f'{p["wall_s"] / e["wall_s"]:.2f}x'))
            verdicts.append((f'{fname}: peak memory below pandas', e['peak_mb'] < p['peak_mb'],
                             f'{e["peak_mb"]:.0f} MB vs {p["peak_mb"]:.0f} MB'))
        if e and d and fname.startswith('numeric'):
            verdicts.append((f'{fname}: no slower than fread+stats ({args.threads} threads)',
                             e['wall_s'] <= d['wall_s'],
                             f'{e["wall_s"]:.3f} s vs {d["wall_s"]:.3f} s'))
    if verdicts:
        print()
        for text, ok, detail in verdicts:
            print(f'{"MET " if ok else "MISS"} {text}: {detail}')
    info['idle'] = dict(IDLE)
    print(f'\nidle waiting {IDLE["waited_s"]:.0f} s; disturbed runs rerun '
          f'{IDLE["disturbed_reruns"]}, kept {IDLE["disturbed_kept"]}; busy starts '
          f'{IDLE["busy_starts"]}')
    info['targets'] = [{'target': t, 'met': ok, 'detail': d} for t, ok, d in verdicts]

    m = info['machine']
    md = [
        '# easel-cli profile against its peers',
        '',
        f'Machine: {m["cpu"]}, {m["cores"]} cores, {m["memory_gb"]} GB RAM, {m["os"]}.  ',
        f'Versions: {info["versions"]["easel-cli"]}; {info["versions"]["pandas"]}; '
        f'{info["versions"]["data.table"]}.  ',
        f'Threads: Easel and data.table {args.threads} (OMP_NUM_THREADS, setDTthreads); '
        'pandas is single-threaded.  ',
        f'Median of {args.runs} runs after one warm-up run (pandas: {args.slow_runs}). '
        '"median s" is the whole process (start-up included); "work s" leaves out the '
        'interpreter start-up and imports of the peers (for Easel it is the same). '
        '"cpu s" is user + system CPU time. '
        'Ratios are peer time / Easel time: above 1 means Easel is faster. '
        'The machine may be shared: each run waited for an idle machine (< 10% CPU busy) '
        'and a run during which other processes used more than 10% of its wall time in CPU '
        f'was run again (reruns: {IDLE["disturbed_reruns"]}; disturbed runs kept after '
        f'{IDLE["retries"]} reruns: {IDLE["disturbed_kept"]}; runs started on a busy machine: '
        f'{IDLE["busy_starts"]}).',
        '',
        '| ' + ' | '.join(header) + ' |',
        '|' + '|'.join(['---', '---'] + ['---:'] * (len(header) - 2)) + '|',
    ]
    for l in lines:
        md.append('| ' + ' | '.join(l) + ' |')
    if verdicts:
        md.append('')
        for text, ok, detail in verdicts:
            md.append(f'- {"met" if ok else "**missed**"}: {text} ({detail})')
    md.append('')
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'profile.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(md))
    with open(os.path.join(OUT, 'profile.json'), 'w', encoding='utf-8') as f:
        json.dump(info, f, indent=2)
    print(f'\nwrote {os.path.join(OUT, "profile.md")} and profile.json')
    return 0


if __name__ == '__main__':
    sys.exit(main())
