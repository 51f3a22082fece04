# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python end-to-end tests share: where the CLI and the datasets are, and TAP
output (one `ok`/`not ok` line a case, the plan at the end, exit 1 if any failed)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get('EASEL_SOURCE_DIR', os.path.dirname(os.path.dirname(HERE)))
BUILD_DIR = os.environ.get('EASEL_BUILD_DIR', os.path.join(SOURCE_DIR, 'build'))
CLI = os.environ.get('EASEL_CLI', os.path.join(BUILD_DIR, 'src', 'cli', 'easel-cli'))
DATASETS = os.environ.get('EASEL_DATASETS_DIR',
                          os.path.join(SOURCE_DIR, '..', 'shared', 'datasets'))

n_cases = 0
n_failed = 0


def case(name, ok, details=()):
    """One TAP line for 'name'; when it failed, 'details' follow as comments."""
    global n_cases, n_failed
    n_cases += 1
    if not ok:
        n_failed += 1
    print(f'{"ok" if ok else "not ok"} {n_cases} - {name}')
    if not ok:
        for line in details:
            for sub in str(line).splitlines() or ['']:
                print(f'#   {sub}')
    sys.stdout.flush()


def skip_all(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(0)


def finish():
    """Print the plan; the exit status for main()."""
    print(f'1..{n_cases}')
    return 1 if n_failed else 0
