"""Copies a SROIE-format folder with every image lit unevenly, for testing OCR on phone photos.

    /usr/bin/python3 training/shadow_images.py --data ../shared/datasets/sroie --out /tmp/shadow [--seed 5]

Each image of DATA/img is multiplied by a linear ramp from 1 down to a value drawn in [0.45, 0.65], along a direction
drawn at random (one draw per image, in name order, from --seed), and written to OUT/img as JPEG (quality 92); OUT/box
and OUT/key link to DATA's. Then `./readout eval sroie --data OUT` (docs/benchmarks.md, 2026-12-07, sixth session).
The images stay in OUT: never copy a dataset into the repository.
"""
import argparse
import glob
import os
import random

import numpy as np
from PIL import Image


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="a SROIE-format folder (img/, box/, key/)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "img"), exist_ok=True)
    for sub in ("box", "key"):
        link = os.path.join(a.out, sub)
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(a.data, sub)), link)
    paths = sorted(glob.glob(os.path.join(a.data, "img", "*")))
    for p in paths:
        rgb = np.asarray(Image.open(p).convert("RGB")).astype(np.float32)
        h, w = rgb.shape[:2]
        angle, low = rng.uniform(0, 2 * np.pi), rng.uniform(0.45, 0.65)
        yy, xx = np.mgrid[0:h, 0:w]
        t = (xx - w / 2) * np.cos(angle) + (yy - h / 2) * np.sin(angle)
        t = (t - t.min()) / (t.max() - t.min() + 1e-9)
        ramp = 1.0 - (1.0 - low) * t
        out = np.clip(rgb * ramp[..., None], 0, 255).astype(np.uint8)
        Image.fromarray(out).save(os.path.join(a.out, "img", os.path.basename(p)), quality=92)
    print("wrote %d images to %s" % (len(paths), os.path.join(a.out, "img")))


if __name__ == "__main__":
    main()
