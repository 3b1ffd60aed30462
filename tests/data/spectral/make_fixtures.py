#!/usr/bin/python3
"""Reference values for tests/core/spectral, computed with numpy.fft independently of ConvScope.

Run with Debian's python3 and python3-numpy:  /usr/bin/python3 make_fixtures.py  (writes the .txt files here).

frequency_fixtures.txt: one block per case
    case NAME ORIGIN OF N
    kernel ROWS COLS v v v ...
    magnitude v ... (N*N, centred with fftshift, row-major)
    phase v ...     (N*N, radians)
ORIGIN is corner (np.fft.fft2(kernel, s=(N, N)), the seed's plot_frequency_response) or anchor (the anchor
element ((rows-1)//2, (cols-1)//2) rolled to index 0). OF is convolution (the kernel) or correlation (the
kernel rotated by 180 degrees about its anchor).

spectrum_fixtures.txt: one block per case
    spectrum NAME HANN ROWS COLS
    image v ... (ROWS*COLS)
    logmag v ... (ln(1+|fftshift(fft2(image * window))|), ROWS*COLS)
"""
import numpy as np

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
SOBEL_Y = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float)
GAUSSIAN = np.array([[1, 4, 6, 4, 1], [4, 16, 24, 16, 4], [6, 24, 36, 24, 6], [4, 16, 24, 16, 4],
                     [1, 4, 6, 4, 1]], dtype=float) / 256.0
RNG = np.random.default_rng(20261201)
RANDOM_4x3 = np.round(RNG.uniform(-2, 2, size=(4, 3)), 3)
RANDOM_2x6 = np.round(RNG.uniform(-1, 3, size=(2, 6)), 3)


def response(kernel, origin, of, n):
    rows, cols = kernel.shape
    ar, ac = (rows - 1) // 2, (cols - 1) // 2
    if of == "correlation":
        kernel = np.flip(kernel)
        ar, ac = rows - 1 - ar, cols - 1 - ac
    padded = np.zeros((n, n))
    padded[:rows, :cols] = kernel
    if origin == "anchor":
        padded = np.roll(padded, (-ar, -ac), axis=(0, 1))
    h = np.fft.fftshift(np.fft.fft2(padded))
    return np.abs(h), np.angle(h)


def numbers(values):
    return " ".join(repr(float(v)) for v in np.asarray(values).ravel())


def frequency_cases():
    yield "sobel_x", SOBEL_X, "corner", "convolution", 16
    yield "sobel_y", SOBEL_Y, "corner", "convolution", 16
    yield "gaussian", GAUSSIAN, "corner", "convolution", 16
    yield "sobel_x", SOBEL_X, "anchor", "convolution", 17
    yield "gaussian", GAUSSIAN, "anchor", "convolution", 17
    yield "random_4x3", RANDOM_4x3, "anchor", "convolution", 16
    yield "random_4x3", RANDOM_4x3, "anchor", "correlation", 19
    yield "random_2x6", RANDOM_2x6, "corner", "correlation", 24


def main():
    with open("frequency_fixtures.txt", "w") as out:
        for name, kernel, origin, of, n in frequency_cases():
            mag, phase = response(kernel, origin, of, n)
            out.write(f"case {name} {origin} {of} {n}\n")
            out.write(f"kernel {kernel.shape[0]} {kernel.shape[1]} {numbers(kernel)}\n")
            out.write(f"magnitude {numbers(mag)}\n")
            out.write(f"phase {numbers(phase)}\n")
    with open("spectrum_fixtures.txt", "w") as out:
        for name, rows, cols in (("random_12x9", 12, 9), ("random_7x10", 7, 10)):
            image = np.round(RNG.uniform(0, 255, size=(rows, cols)), 2)
            for hann in (False, True):
                window = np.outer(np.hanning(rows), np.hanning(cols)) if hann else np.ones((rows, cols))
                logmag = np.log1p(np.abs(np.fft.fftshift(np.fft.fft2(image * window))))
                out.write(f"spectrum {name} {int(hann)} {rows} {cols}\n")
                out.write(f"image {numbers(image)}\n")
                out.write(f"logmag {numbers(logmag)}\n")


if __name__ == "__main__":
    main()
