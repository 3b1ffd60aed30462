#!/usr/bin/python3
"""Writes the seed corpora of the libFuzzer targets in tests/fuzz (one folder per target), small valid and
invalid inputs, every file a few KiB at most except the real checkpoint (tests/fuzz/*.cpp say what an
input is). Run with Debian's python (PIL, torch 1.13):

    /usr/bin/python3 tests/data/fuzz/make_fuzz_corpus.py [CHECKPOINT]

CHECKPOINT: a small real checkpoint for fuzz_checkpoint_state's 'R' and 'Z' seeds, made with
    convscope-cli train --model simplecnn --epochs 1 --limit-train 32 --limit-test 10 --batch-size 32 \
        --threads 1 --momentum 0 --weight-decay 0 --class-subset 0,1 --checkpoint simple.ckpt
(without it those two seeds are left as they are). Two seed folders come from the fuzzers themselves,
from what the application's own code writes (see each target's CONVSCOPE_FUZZ_WRITE_SEED):
    CONVSCOPE_FUZZ_WRITE_SEED=tests/data/fuzz/fuzz_run_store/run_written build-asan/tests/fuzz/fuzz_run_store
    CONVSCOPE_FUZZ_WRITE_SEED=tests/data/fuzz/fuzz_settings/written.ini build-asan/tests/fuzz/fuzz_settings
Files named regression_* are inputs that once found a bug: keep them.
"""
import io
import os
import shutil
import struct
import sys
import zipfile
import zlib

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SEP = b"\n@@@@\n"  # tests/fuzz/fuzz_records.h


def folder(name):
    path = os.path.join(HERE, name)
    os.makedirs(path, exist_ok=True)
    return path


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def pil_bytes(image, fmt, **kw):
    out = io.BytesIO()
    image.save(out, fmt, **kw)
    return out.getvalue()


def png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def images():
    d = folder("fuzz_image_loader")
    rng = np.random.default_rng(1)
    grey = Image.fromarray(rng.integers(0, 256, (6, 5), dtype=np.uint8), "L")
    rgb = Image.fromarray(rng.integers(0, 256, (5, 6, 3), dtype=np.uint8), "RGB")
    rgba = Image.fromarray(rng.integers(0, 256, (4, 4, 4), dtype=np.uint8), "RGBA")
    seeds = {
        "grey.png": pil_bytes(grey, "PNG"),
        "rgb.png": pil_bytes(rgb, "PNG"),
        "rgba.png": pil_bytes(rgba, "PNG"),
        "grey_alpha.png": pil_bytes(rgba.convert("LA"), "PNG"),
        "palette.png": pil_bytes(rgb.convert("P"), "PNG"),
        "grey16.png": pil_bytes(Image.fromarray(rng.integers(0, 65536, (3, 4), dtype=np.uint16)), "PNG"),
        "grey.jpg": pil_bytes(grey, "JPEG", quality=50),
        "rgb.jpg": pil_bytes(rgb, "JPEG", quality=50),
        "progressive.jpg": pil_bytes(rgb, "JPEG", quality=50, progressive=True),
        "rgb.bmp": pil_bytes(rgb, "BMP"),
        "grey.bmp": pil_bytes(grey, "BMP"),
        "rgb.tif": pil_bytes(rgb, "TIFF"),
        "grey_lzw.tif": pil_bytes(grey, "TIFF", compression="tiff_lzw"),
        "rgb.webp": pil_bytes(rgb, "WEBP", lossless=True),
        "lossy.webp": pil_bytes(rgb, "WEBP", quality=30),
        "rgb.gif": pil_bytes(rgb, "GIF"),
        "grey.pgm": pil_bytes(grey, "PPM"),
        "rgb.ppm": pil_bytes(rgb, "PPM"),
        "bits.pbm": pil_bytes(grey.convert("1"), "PPM"),
        "ascii.pgm": b"P2\n# a comment\n3 2\n255\n0 128 255\n1 2 3\n",
        "ascii.pbm": b"P1\n4 2\n0 1 0 1\n1 0 1 0\n",
        "ascii.ppm": b"P3 2 1 255 255 0 0 0 255 0\n",
    }
    # EXIF orientation 6 (rotate 90°): the decoder swaps the sides.
    exif = Image.Exif()
    exif[0x0112] = 6
    seeds["rotated.jpg"] = pil_bytes(rgb, "JPEG", quality=50, exif=exif.tobytes())
    # Invalid: cut off, lying headers, the wrong magic.
    png = seeds["rgb.png"]
    seeds["truncated.png"] = png[: len(png) // 2]
    seeds["no_iend.png"] = png[:-12]
    ihdr = struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)
    seeds["bomb.png"] = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + png_chunk(b"IEND", b"")
    small = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    seeds["short_idat.png"] = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", small) + png_chunk(b"IDAT", zlib.compress(b"\0\1")) + png_chunk(b"IEND", b"")
    jpg = seeds["rgb.jpg"]
    seeds["truncated.jpg"] = jpg[: len(jpg) - 20]
    seeds["zero_height.pgm"] = b"P5 4 0 255\n"
    seeds["huge.pgm"] = b"P5 99999 99999 255\n" + b"\0" * 16
    seeds["text.txt"] = b"not an image at all\n"
    tif = bytearray(seeds["rgb.tif"])
    seeds["truncated.tif"] = bytes(tif[: len(tif) // 3])
    seeds["regression_tiff_duplicate_width.tif"] = tiff_duplicate_width()
    for name, data in seeds.items():
        write(os.path.join(d, name), data)


def tiff_duplicate_width():
    """A grey TIFF whose first ImageWidth entry (SLONG 40) is followed by a duplicate (SHORT 4): libtiff takes
    the first, the header sniffer once took the second and let the file past the limits as 4 x 4."""
    width, fake, height = 40, 4, 4
    entries = [(256, 9, width), (256, 3, fake), (257, 3, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
               (273, 4, None), (277, 3, 1), (278, 3, height), (279, 4, width * height)]
    data_offset = 8 + 2 + 12 * len(entries) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(entries)))
    for tag, kind, value in entries:
        value = data_offset if value is None else value
        out += struct.pack("<HHIHH", tag, kind, 1, value, 0) if kind == 3 else struct.pack("<HHII", tag, kind, 1, value)
    out += struct.pack("<I", 0) + bytes((i * 7) % 256 for i in range(width * height))
    return bytes(out)


def kernels():
    d = folder("fuzz_kernel_io")
    src = os.path.join(ROOT, "assets", "kernels")
    for name in sorted(os.listdir(src)):
        shutil.copy(os.path.join(src, name), os.path.join(d, name))
    seeds = {
        "one.kernel": b"1\n",
        "signs.kernel": b"# signs and exponents\n+1 -2.5e-3\n1E2 -0\n",
        "blank_lines.kernel": b"\n\n1 2\n\n3 4\n  # trailing comment\n",
        "ragged.kernel": b"1 2 3\n4 5\n",
        "nan.kernel": b"1 nan\n2 3\n",
        "inf.kernel": b"1e400 1\n",
        "comments_only.kernel": b"# nothing\n# here\n",
        "crlf.kernel": b"1 2\r\n3 4\r\n",
        "tabs.kernel": b"1\t2\n3\t4\n",
    }
    for name, data in seeds.items():
        write(os.path.join(d, name), data)


def conv_inputs():
    d = folder("fuzz_conv_input")
    seeds = {
        "one_channel.txt": b"1 2 3\n4 5 6\n7 8 9\n",
        "two_channels.txt": b"# two channels\n1, 2\n3, 4\n\n5, 6\n7, 8\n",
        "commas.txt": b"1,2,3\n4,5,6\n",
        "empty_field.txt": b"1,,2\n",
        "ragged.txt": b"1 2\n3\n",
        "channel_sizes.txt": b"1 2\n3 4\n\n5 6\n",
        "not_a_number.txt": b"1 x\n",
        "comments_only.txt": b"# nothing\n\n",
    }
    for name, data in seeds.items():
        write(os.path.join(d, name), data)
    rng = np.random.default_rng(2)
    grey = Image.fromarray(rng.integers(0, 256, (4, 3), dtype=np.uint8), "L")
    write(os.path.join(d, "grey.png"), pil_bytes(grey, "PNG"))


def zip_records(path):
    """The records of a LibTorch archive, without its top folder, as fuzz_torch_archive.h reads them."""
    parts = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name = info.filename.split("/", 1)[1]
            parts.append(name.encode() + b"\n" + z.read(info))
    return SEP.join(parts)


def checkpoints(checkpoint):
    d = folder("fuzz_checkpoint_state")
    if checkpoint:
        raw = open(checkpoint, "rb").read()
        write(os.path.join(d, "real_raw.ckpt"), b"R" + raw)
        write(os.path.join(d, "real_records.ckpt"), b"Z" + zip_records(checkpoint))
    config = (b"model=simplecnn\nin_channels=1\nclasses=2\nsize=28\nstem=small\nblock=\nskip=1\naugment=0\n"
              b"epochs=1\nbatch_size=32\noptimizer=sgd\nlr=0.10000000000000001\nmomentum=0\nweight_decay=0\n"
              b"schedule=cosine\ndevice=cpu\nthreads=1\nseed=1\nlimit_train=32\nlimit_test=10\nlog_every=10\n"
              b"class_subset=0,1\n")
    history = b"1 0.72 0.40625 0.72 0.3 0.23 2 1 nan 4 3 0 7 0\n2 0.5 0.5 0.5 0.5 0.5 2 1 1 4 1 0 0 1\n"
    fields = {
        "fields_valid": [b"convscope-checkpoint-1", config, b"1", b"1", history],
        "fields_folder": [b"convscope-checkpoint-1",
                          config + b"data_folder=/d\ntest_fraction=0.2\nsplit_seed=1\nclass_names=a,b\n"
                          b"init=/x.ckpt\ninit_classes=2\ninit_epochs=1\ninput_channel_mean=0.5\n"
                          b"input_channel_std=0.25\nfreeze=backbone\nper_class=3\nlabel_smoothing=0.1\n",
                          b"3", b"30", history],
        "regression_fields_no_history": [b"convscope-checkpoint-1", config, b"1", b"1"],
        # A per-class count of 1e11: the reader once resized its vector to it.
        "regression_history_count": [b"convscope-checkpoint-1", config, b"1", b"1",
                                     b"1 0.72 0.40625 0.72 0.3 0.23 99999999999 1\n"],
        "fields_foreign": [b"another-format", config, b"1", b"1", b""],
        "fields_bad_types": [b"convscope-checkpoint-1", config, b"one", b"1", b"1 2 3"],
    }
    for name, parts in fields.items():
        write(os.path.join(d, name), b"S" + SEP.join(parts))
    write(os.path.join(d, "not_a_zip"), b"Rnot a checkpoint\n")


class TinyNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 2, 3)
        self.fc = torch.nn.Linear(2 * 6 * 6, 3)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).flatten(1))


def torchscript():
    d = folder("fuzz_torchscript_file")
    torch.manual_seed(0)
    net = TinyNet().eval()
    for kind, module in (("scripted", torch.jit.script(net)), ("traced", torch.jit.trace(net, torch.zeros(1, 1, 8, 8)))):
        buffer = io.BytesIO()
        torch.jit.save(module, buffer)
        raw = buffer.getvalue()
        write(os.path.join(d, kind + "_raw.pt"), b"R" + raw)
        tmp = os.path.join(d, "tmp.pt")
        write(tmp, raw)
        write(os.path.join(d, kind + "_records.pt"), b"Z" + zip_records(tmp))
        os.remove(tmp)
    # A state dict saved by torch.save: a zip archive without code, which isTorchScriptModel refuses.
    buffer = io.BytesIO()
    torch.save(net.state_dict(), buffer)
    write(os.path.join(d, "state_dict.pt"), b"R" + buffer.getvalue())
    write(os.path.join(d, "not_a_zip.pt"), b"RPK\x03\x04 not really a zip")


def run_records():
    d = folder("fuzz_run_store")
    config = (b"started=2026-12-01T21:03:17\nmodel=lenet5\nin_channels=1\nclasses=10\nsize=28\nstem=small\n"
              b"block=\nskip=1\naugment=0\nepochs=1\nbatch_size=32\noptimizer=sgd\nlr=0.1\nmomentum=0.9\n"
              b"weight_decay=0.0005\nschedule=cosine\ndevice=cpu\nthreads=1\nseed=1\nlimit_train=64\n"
              b"limit_test=20\nlog_every=10\n")
    metrics = (b'{"type":"batch","epoch":1,"batch":1,"batches_per_epoch":2,"step":1,"loss":2.3,"accuracy":0.1,'
               b'"lr":0.1,"images_per_second":100,"eta_seconds":1}\n'
               b'{"type":"epoch","epoch":1,"train_loss":2.3,"train_accuracy":0.1,"test_loss":2.3,'
               b'"test_accuracy":0.05,"seconds":1.5,"per_class_accuracy":[0,1,null],"confusion":[[1,0],[0,1]]}\n'
               b'{"type":"epoch","epoch":2,"confusion":[[1e300,-1e300]]\n')
    seeds = {
        "run_cli_metrics": [config, b"finished\nTest accuracy 5%.", metrics, b""],
        # A confusion count no qint64 holds: RunStore::load once cast it, undefined behaviour.
        "regression_confusion_overflow": [config, b"finished",
                                          b'{"type":"epoch","epoch":1,"confusion":[[1e300,-1e300]]}\n'],
        "config_only": [config],
        "broken_config": [b"started=yesterday\nmodel=\n", b"running\n"],
        "no_config": [b"", b"running", metrics],
    }
    for name, parts in seeds.items():
        write(os.path.join(d, name), SEP.join(parts))


def settings():
    d = folder("fuzz_settings")
    seeds = {
        "hand_edited.ini": (b"[window]\ncurrentPanel=99\ngeometry=@ByteArray(\\x1\\xd9)\n"
                            b"[files]\nrecent=a.png, b.png\n[filters]\nviewMode=-3\nsplitPosition=nan\n"
                            b"customRows=3\ncustomCols=1\ncustomValues=1, 2, x\n"
                            b"[frequency]\npage=7\nsize=99999999999\nownCustomKernel\\rows=2\n"
                            b"ownCustomKernel\\cols=2\nownCustomKernel\\values=1, 2, 3\n"),
        "variant.ini": (b"[filters]\nparams=@Variant(\\0\\0\\0\\b\\0\\0\\0\\x1\\0\\0\\0\\n\\0s\\0i\\0g\\0m\\0\\x61"
                        b"\\0\\0\\0\\x6\\x3\\xff\\xf8\\0\\0\\0\\0\\0\\0)\n"),
        "empty.ini": b"",
        "binary.ini": bytes(range(256)),
    }
    for name, data in seeds.items():
        write(os.path.join(d, name), data)


def main():
    images()
    kernels()
    conv_inputs()
    checkpoints(sys.argv[1] if len(sys.argv) > 1 else None)
    torchscript()
    run_records()
    settings()


if __name__ == "__main__":
    main()
