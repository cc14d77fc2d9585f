"""Product and advert pictures for the demo mall, drawn with Pillow (nothing downloaded).

A product picture is the product's outline (a phone, a laptop, a bottle...) in the colour
of the SKU on a soft background, with its name; the views of a SKU differ in layout."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 400
CJK_FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]
RGB = tuple[int, int, int]


@cache
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)  # no Chinese glyphs: names are drawn in Latin


def has_cjk_font() -> bool:
    return any(Path(path).exists() for path in CJK_FONTS)


def shade(rgb: RGB, factor: float) -> RGB:
    r, g, b = (min(255, max(0, int(channel * factor))) for channel in rgb)
    return (r, g, b)


def background(width: int, height: int, top: RGB, bottom: RGB) -> Image.Image:
    image = Image.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return image


def _phone(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=(x1 - x0) // 6, fill=colour, outline=shade(colour, 0.6), width=4)
    draw.rounded_rectangle((x0 + 10, y0 + 14, x1 - 10, y1 - 14), radius=(x1 - x0) // 9, fill=(25, 30, 45))
    draw.rounded_rectangle((x0 + 14, y0 + 18, x1 - 14, y1 - 18), radius=(x1 - x0) // 10, fill=(60, 110, 170))
    draw.ellipse(((x0 + x1) // 2 - 6, y0 + 22, (x0 + x1) // 2 + 6, y0 + 34), fill=(15, 15, 20))


def _laptop(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    base = y1 - (y1 - y0) // 8
    draw.rounded_rectangle((x0 + 30, y0, x1 - 30, base), radius=10, fill=colour, outline=shade(colour, 0.6), width=4)
    draw.rectangle((x0 + 42, y0 + 12, x1 - 42, base - 12), fill=(55, 100, 160))
    draw.polygon([(x0 + 10, base), (x1 - 10, base), (x1 - 30, y1), (x0 + 30, y1)], fill=shade(colour, 0.85))


def _tablet(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=24, fill=colour, outline=shade(colour, 0.6), width=4)
    draw.rounded_rectangle((x0 + 16, y0 + 16, x1 - 16, y1 - 16), radius=14, fill=(70, 120, 180))


def _headphones(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.arc((x0 + 20, y0, x1 - 20, y1 - 40), start=180, end=360, fill=shade(colour, 0.8), width=22)
    for left in (x0, x1 - 90):
        draw.rounded_rectangle(
            (left, (y0 + y1) // 2 - 20, left + 90, y1), radius=36, fill=colour, outline=shade(colour, 0.6), width=4
        )


def _earbuds(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(
        (x0 + 30, (y0 + y1) // 2, x1 - 30, y1), radius=50, fill=colour, outline=shade(colour, 0.7), width=4
    )
    for cx in ((x0 + x1) // 2 - 50, (x0 + x1) // 2 + 50):
        draw.ellipse((cx - 32, y0 + 10, cx + 32, y0 + 74), fill=colour, outline=shade(colour, 0.7), width=4)
        draw.rounded_rectangle((cx - 10, y0 + 60, cx + 10, (y0 + y1) // 2 - 10), radius=10, fill=colour)


def _watch(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    draw.rounded_rectangle((cx - 50, y0, cx + 50, y1), radius=30, fill=shade(colour, 0.9))
    draw.rounded_rectangle((cx - 85, y0 + 60, cx + 85, y1 - 60), radius=40, fill=(30, 30, 35), outline=colour, width=8)
    draw.ellipse((cx - 40, (y0 + y1) // 2 - 40, cx + 40, (y0 + y1) // 2 + 40), outline=(90, 200, 160), width=8)


def _tv(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle((x0, y0 + 30, x1, y1 - 50), fill=(25, 25, 30), outline=(60, 60, 65), width=6)
    draw.rectangle((x0 + 10, y0 + 40, x1 - 10, y1 - 60), fill=(80, 140, 200))
    draw.polygon([(x0 + 10, y1 - 60), (x1 - 10, y0 + 40), (x1 - 10, y1 - 60)], fill=(60, 120, 80))
    cx = (x0 + x1) // 2
    draw.rectangle((cx - 60, y1 - 20, cx + 60, y1 - 10), fill=(60, 60, 65))


def _fridge(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle((x0 + 40, y0, x1 - 40, y1), radius=12, fill=colour, outline=shade(colour, 0.6), width=4)
    cx, mid = (x0 + x1) // 2, (y0 + y1) // 2 - 20
    draw.line([(cx, y0), (cx, mid)], fill=shade(colour, 0.6), width=4)
    draw.line([(x0 + 40, mid), (x1 - 40, mid)], fill=shade(colour, 0.6), width=4)
    for hx in (cx - 14, cx + 10):
        draw.rectangle((hx, y0 + 40, hx + 4, mid - 40), fill=shade(colour, 0.5))


def _washer(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=16, fill=(238, 238, 236), outline=(160, 160, 160), width=4)
    cx, cy, r = (x0 + x1) // 2, (y0 + y1) // 2 + 20, (x1 - x0) // 3
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(180, 200, 215), outline=(110, 110, 110), width=10)
    draw.rectangle((x0 + 20, y0 + 16, x1 - 20, y0 + 44), fill=(200, 200, 200))


def _cooker(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.ellipse((x0 + 20, y0 + 40, x1 - 20, y0 + 160), fill=(245, 245, 245), outline=(170, 170, 170), width=4)
    draw.rounded_rectangle(
        (x0 + 20, y0 + 100, x1 - 20, y1), radius=40, fill=(250, 250, 250), outline=(170, 170, 170), width=4
    )
    draw.rounded_rectangle(((x0 + x1) // 2 - 50, y1 - 110, (x0 + x1) // 2 + 50, y1 - 60), radius=8, fill=(220, 120, 60))


def _vacuum(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.line([(x0 + 80, y0 + 60), (x1 - 60, y1 - 20)], fill=(150, 150, 160), width=14)
    draw.rounded_rectangle((x0 + 30, y0 + 10, x0 + 150, y0 + 110), radius=30, fill=(170, 90, 200))
    draw.rounded_rectangle((x1 - 130, y1 - 40, x1, y1), radius=10, fill=(60, 60, 70))


def _jacket(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    draw.polygon([(cx - 60, y0), (cx + 60, y0), (x1, y0 + 60), (x1 - 10, y1 - 40), (x1 - 60, y1 - 40), (x1 - 60, y1),
                  (x0 + 60, y1), (x0 + 60, y1 - 40), (x0 + 10, y1 - 40), (x0, y0 + 60)], fill=colour)  # fmt: skip
    draw.line([(cx, y0 + 20), (cx, y1)], fill=shade(colour, 0.5), width=4)
    for y in range(y0 + 60, y1, 50):
        draw.line([(x0 + 60, y), (x1 - 60, y)], fill=shade(colour, 0.8), width=3)


def _shoe(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    outline = [(x0, y1 - 60), (x0 + 20, y0 + 60), (x0 + 130, y0 + 40), (x0 + 200, y1 - 110), (x1, y1 - 80)]
    draw.polygon([*outline, (x1, y1 - 40), (x0, y1 - 40)], fill=colour)
    draw.rectangle((x0, y1 - 40, x1, y1 - 15), fill=(245, 245, 245))


def _box(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle((x0 + 30, y0 + 40, x1 - 30, y1), fill=(200, 140, 70), outline=(140, 90, 40), width=4)
    draw.polygon([(x0 + 30, y0 + 40), (x0 + 70, y0), (x1 + 10, y0), (x1 - 30, y0 + 40)], fill=(220, 165, 95))
    draw.rectangle((x0 + 60, y0 + 110, x1 - 60, y1 - 60), fill=(250, 240, 220))


def _bottle(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) // 2
    draw.rectangle((cx - 22, y0, cx + 22, y0 + 60), fill=(170, 40, 40))
    draw.rounded_rectangle(
        (cx - 80, y0 + 60, cx + 80, y1), radius=40, fill=(235, 235, 230), outline=(170, 170, 170), width=4
    )
    draw.rectangle((cx - 60, y0 + 140, cx + 60, y1 - 60), fill=(190, 40, 40))


def _book(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle((x0 + 50, y0, x1 - 50, y1), fill=(20, 30, 60), outline=(200, 170, 90), width=6)
    draw.ellipse(((x0 + x1) // 2 - 60, y0 + 80, (x0 + x1) // 2 + 60, y0 + 200), outline=(200, 170, 90), width=6)


SHAPES = {
    "phone": (_phone, (130, 40, 270, 360)),
    "laptop": (_laptop, (40, 80, 360, 320)),
    "tablet": (_tablet, (80, 50, 320, 350)),
    "headphones": (_headphones, (60, 60, 340, 330)),
    "earbuds": (_earbuds, (80, 70, 320, 330)),
    "watch": (_watch, (100, 40, 300, 360)),
    "tv": (_tv, (30, 70, 370, 330)),
    "fridge": (_fridge, (80, 30, 320, 370)),
    "washer": (_washer, (80, 60, 320, 350)),
    "cooker": (_cooker, (80, 60, 320, 340)),
    "vacuum": (_vacuum, (60, 40, 340, 360)),
    "jacket": (_jacket, (70, 50, 330, 350)),
    "shoe": (_shoe, (50, 110, 350, 330)),
    "box": (_box, (70, 80, 330, 340)),
    "bottle": (_bottle, (110, 30, 290, 360)),
    "book": (_book, (80, 40, 320, 360)),
}


def product_image(*, shape: str, colour: RGB, label: str, view: int = 0) -> bytes:
    """A JPEG of the product: view 0 is the catalog picture, 1 and 2 its other views."""
    tints = [(248, 248, 250), (242, 246, 252), (252, 246, 240)]
    image = background(SIZE, SIZE, tints[view % 3], (225, 228, 235))
    draw = ImageDraw.Draw(image)
    painter, box = SHAPES.get(shape, SHAPES["box"])
    if view == 1:  # closer
        x0, y0, x1, y1 = box
        box = (x0 - 20, y0 - 10, x1 + 20, y1 + 10)
    painter(draw, box, colour)
    if view != 1:
        draw.text((SIZE // 2, SIZE - 22), label, fill=(70, 70, 80), font=font(22), anchor="ms")
    return to_jpeg(image)


def banner_image(*, title: str, colour: RGB, shape: str, width: int = 730, height: int = 400) -> bytes:
    """An advert: a title beside a product outline (the carousel's wide ones), or above a
    smaller outline when the advert is about as tall as wide (the index's side advert), so
    the outline never covers the words."""
    image = background(width, height, shade(colour, 1.15), shade(colour, 0.75))
    draw = ImageDraw.Draw(image)
    painter, (x0, y0, x1, y1) = SHAPES.get(shape, SHAPES["box"])
    if width >= height * 1.4:
        draw.text((50, height // 2 - 30), title, fill=(255, 255, 255), font=font(38), anchor="ls")
        draw.text((52, height // 2 + 30), "美多商城 · 品质生活", fill=(245, 245, 245), font=font(24), anchor="ls")
        dx, dy = width - SIZE - 20, (height - SIZE) // 2
        painter(draw, (x0 + dx, y0 + dy, x1 + dx, y1 + dy), (235, 235, 240))
        return to_jpeg(image)
    draw.text((width // 2, height // 6), title, fill=(255, 255, 255), font=font(38), anchor="ms")
    draw.text((width // 2, height // 6 + 40), "美多商城 · 品质生活", fill=(245, 245, 245), font=font(22), anchor="ms")
    outline = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    painter(ImageDraw.Draw(outline), (x0, y0, x1, y1), (235, 235, 240))
    side = min(width, height - height // 6 - 60)
    outline = outline.resize((side, side))
    image.paste(outline, ((width - side) // 2, height - side), outline)
    return to_jpeg(image)


def to_jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
