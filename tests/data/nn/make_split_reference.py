#!/usr/bin/python3
"""The seeded train/test split of an image folder (core/nn/data/image_folder.cpp, testIndicesOfClass),
written again from its description: std::mt19937_64 from the C++ standard's parameters (checked against the
standard's 10000th value), seeded with seed * 0x9E3779B97F4A7C15 XOR FNV-1a(class name), a Fisher-Yates
shuffle taking rng() % i, the first k indices to the test set. Prints the values that test_image_folder pins.
Run: /usr/bin/python3 tests/data/nn/make_split_reference.py"""

M = 2**64 - 1


class MT19937_64:
    def __init__(self, seed):
        self.mt = [0] * 312
        self.mt[0] = seed & M
        for i in range(1, 312):
            self.mt[i] = (6364136223846793005 * (self.mt[i - 1] ^ (self.mt[i - 1] >> 62)) + i) & M
        self.i = 312

    def __call__(self):
        if self.i >= 312:
            for k in range(312):
                y = (self.mt[k] & 0xFFFFFFFF80000000) | (self.mt[(k + 1) % 312] & 0x7FFFFFFF)
                self.mt[k] = self.mt[(k + 156) % 312] ^ (y >> 1) ^ (0xB5026F5AA96619E9 if y & 1 else 0)
            self.i = 0
        y = self.mt[self.i]
        self.i += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & M


def fnv1a(text):
    h = 0xCBF29CE484222325
    for c in text.encode():
        h = ((h ^ c) * 0x100000001B3) & M
    return h


def test_indices(n, fraction, seed, name):
    k = int(fraction * n + 0.5)  # round half away from zero (llround) for these positive values
    k = min(max(k, 1), n - 1) if n >= 2 and fraction > 0 else 0
    order = list(range(n))
    rng = MT19937_64(((seed * 0x9E3779B97F4A7C15) & M) ^ fnv1a(name))
    for i in range(n, 1, -1):
        j = rng() % i
        order[i - 1], order[j] = order[j], order[i - 1]
    return sorted(order[:k])


check = MT19937_64(5489)
for _ in range(9999):
    check()
assert check() == 9981545732273789042, "not the standard's mt19937_64"
for args in [(10, 0.3, 7, "cat"), (25, 0.2, 1, "dog")]:
    print("testIndicesOfClass%r = %r" % (args, test_indices(*args)))
