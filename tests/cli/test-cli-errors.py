#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""easel-cli exit codes and messages (TAP output).

Exit 0 on success, 1 on bad input with a message on stderr that starts with 'easel-cli: '
and names what is at fault, 2 on wrong usage.
Run by meson (suite 'cli'); by hand:
  EASEL_BUILD_DIR=build /usr/bin/python3 tests/cli/test-cli-errors.py
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import easel_tap  # tests/cli/easel_tap.py, beside this script
from easel_tap import SOURCE_DIR, CLI, case


class Result:
    def __init__(self, args):
        self.args = args
        try:
            p = subprocess.run([CLI] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=60)
            self.code = p.returncode
            self.out = p.stdout.decode('utf-8', errors='replace')
            self.err = p.stderr.decode('utf-8', errors='replace')
        except subprocess.TimeoutExpired:
            self.code, self.out, self.err = 'timeout', '', ''

    def details(self):
        return [f'command: easel-cli {" ".join(self.args)}', f'exit status: {self.code}',
                f'stdout: {self.out[:400]!r}', f'stderr: {self.err[:400]!r}']


def project_version():
    try:
        with open(os.path.join(SOURCE_DIR, 'meson.build'), encoding='utf-8') as f:
            m = re.search(r"version:\s*'([^']+)'", f.read())
            return m.group(1) if m else None
    except OSError:
        return None


def main():
    if not os.access(CLI, os.X_OK):
        print('1..1')
        print(f'not ok 1 - easel-cli not found at {CLI} (set EASEL_BUILD_DIR)')
        return 1

    tmp = tempfile.TemporaryDirectory(prefix='easel-cli-')
    good = os.path.join(tmp.name, 'good.csv')
    with open(good, 'w', encoding='utf-8') as f:
        f.write('name,age,score\nann,31,2.5\nbob,42,3.5\ncy,27,\ndee,35,4.0\n')
    semi = os.path.join(tmp.name, 'semi.txt')
    with open(semi, 'w', encoding='utf-8') as f:
        f.write('a;b;c\n1;x;2\n3;y;4\n5;x;6\n')
    missing = os.path.join(tmp.name, 'no-such-file.csv')

    # help and version
    r = Result(['--help'])
    case('easel-cli --help exits 0 and lists the profile command',
         r.code == 0 and 'profile' in r.out, r.details())
    r = Result(['profile', '--help'])
    case('easel-cli profile --help exits 0 and lists --json',
         r.code == 0 and '--json' in r.out, r.details())
    r = Result(['profile', '--help-all'])
    case('easel-cli profile --help-all exits 0 and lists --delimiter and --type',
         r.code == 0 and all(o in r.out for o in ('--json', '--delimiter', '--type')),
         r.details())
    r = Result(['--version'])
    ver = project_version()
    case('easel-cli --version exits 0 and prints the version',
         r.code == 0 and (ver is None or ver in r.out) and r.out.strip() != '',
         r.details() + [f'expected version: {ver}'])

    # wrong usage: exit 2
    r = Result([])
    case('no command: exit 2 with a message on stderr', r.code == 2 and r.err.strip() != '',
         r.details())
    r = Result(['frobnicate'])
    case('unknown command: exit 2 naming it', r.code == 2 and 'frobnicate' in r.err,
         r.details())
    r = Result(['profile', good, '--bogus-option'])
    case('unknown option: exit 2 naming it', r.code == 2 and '--bogus-option' in r.err,
         r.details())
    r = Result(['profile'])
    case('profile without a file: exit 2 with a message', r.code == 2 and r.err.strip() != '',
         r.details())
    r = Result(['profile', good, '--type'])
    case('--type without a value: exit 2', r.code == 2 and r.err.strip() != '', r.details())

    # bad input: exit 1, 'easel-cli: ' and the thing at fault
    r = Result(['profile', missing, '--json'])
    case('missing file: exit 1', r.code == 1, r.details())
    case('missing file: stderr starts with "easel-cli: " and names the file',
         r.err.startswith('easel-cli: ') and 'no-such-file.csv' in r.err, r.details())
    case('missing file: nothing on stdout', r.out == '', r.details())
    r = Result(['profile', tmp.name, '--json'])
    case('a folder instead of a file: exit 1 with "easel-cli: "',
         r.code == 1 and r.err.startswith('easel-cli: '), r.details())
    r = Result(['profile', good, '--json', '--type', 'nosuchcol=numeric'])
    case('--type on a column that does not exist: exit 1 naming the column',
         r.code == 1 and r.err.startswith('easel-cli: ') and 'nosuchcol' in r.err,
         r.details())
    r = Result(['profile', good, '--json', '--type', 'age=wrongtype'])
    case('--type with an unknown type: exit 1 or 2 naming the type',
         r.code in (1, 2) and 'wrongtype' in r.err, r.details())
    r = Result(['profile', good, '--json', '--type', 'age'])
    case('--type without "=TYPE": exit 1 or 2 with a message',
         r.code in (1, 2) and r.err.startswith('easel-cli: '), r.details())
    r = Result(['profile', good, '--json', '--delimiter', 'ab'])
    case('--delimiter longer than one character: exit 1 or 2 with a message',
         r.code in (1, 2) and r.err.startswith('easel-cli: '), r.details())

    # success paths
    r = Result(['profile', good, '--json'])
    prof = None
    try:
        prof = json.loads(r.out)
    except ValueError:
        pass
    ok = (r.code == 0 and isinstance(prof, dict) and prof.get('rows') == 4
          and [c.get('name') for c in prof.get('columns', [])] == ['name', 'age', 'score'])
    case('profile --json: exit 0, one JSON object with rows and columns in file order', ok,
         r.details())
    if ok:
        cols = {c['name']: c for c in prof['columns']}
        age, score = cols['age'], cols['score']
        def near(a, b):
            return isinstance(a, (int, float)) and abs(a - b) <= 1e-12 * max(1.0, abs(b))
        # score: 2.5, 3.5, 4.0 -> mean 10/3, std sqrt(7/12)
        ok = (age['type'] == 'numeric' and age['missing'] == 0 and near(age['mean'], 33.75)
              and near(age['min'], 27) and near(age['max'], 42) and near(age['median'], 33.0)
              and near(age['p25'], 30.0) and near(age['p75'], 36.75)
              and score['missing'] == 1 and near(score['mean'], 10.0 / 3.0)
              and near(score['std'], (7.0 / 12.0) ** 0.5) and cols['name']['mean'] is None)
        case('profile --json: hand-checked statistics (mean, std n-1, median, missing, null)',
             ok, r.details())
    r = Result(['profile', good, '--json', '--type', 'age=categorical'])
    try:
        cols = {c['name']: c for c in json.loads(r.out)['columns']}
        ok = r.code == 0 and cols['age']['type'] == 'categorical' and cols['age']['distinct'] == 4
    except (ValueError, KeyError, TypeError):
        ok = False
    case('--type age=categorical is applied', ok, r.details())
    r = Result(['profile', semi, '--json', '--delimiter', ';'])
    try:
        prof = json.loads(r.out)
        ok = (r.code == 0 and [c['name'] for c in prof['columns']] == ['a', 'b', 'c']
              and prof['rows'] == 3)
    except (ValueError, KeyError, TypeError):
        ok = False
    case('--delimiter ";" splits the fields', ok, r.details())
    r = Result(['profile', good])
    case('profile without --json: exit 0 and a report naming the columns',
         r.code == 0 and all(n in r.out for n in ('name', 'age', 'score')), r.details())

    status = easel_tap.finish()
    tmp.cleanup()
    return status


if __name__ == '__main__':
    sys.exit(main())
