#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference values for tests/core/test-rng.c: xoshiro256** seeded by splitmix64,
written here from the published algorithms (Blackman and Vigna), independently of the C
code. Run and paste the output into test-rng.c:

  /usr/bin/python3 tests/core/test-rng-reference.py
"""
M = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


class Xoshiro:
    def __init__(self, seed):
        self.s = []
        st = seed
        for _ in range(4):
            st, v = splitmix64(st)
            self.s.append(v)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result


def main():
    for seed in (0, 42, 0xFFFFFFFFFFFFFFFF):
        r = Xoshiro(seed)
        print(f'  /* seed {seed:#x} */')
        print('  { G_GUINT64_CONSTANT (%#x),' % seed)
        values = ['G_GUINT64_CONSTANT (%#x)' % r.next() for _ in range(5)]
        print('    { ' + ',\n      '.join(values) + ' } },')
    # splitmix64 from 0: its first output is the published test value 0xe220a8397b1dcdaf
    print('  /* splitmix64(0) first output: %#x */' % splitmix64(0)[1])


if __name__ == '__main__':
    main()
