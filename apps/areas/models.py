from django.db import models


class Area(models.Model):
    """A province, city or district of mainland China, keyed by its official division code
    (110000 北京市 → 110100 北京市 → 110101 东城区). Loaded by `manage.py load_areas`."""

    id = models.PositiveIntegerField("区划代码", primary_key=True)
    name = models.CharField("名称", max_length=30)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subs",
        verbose_name="上级",
    )

    class Meta:
        db_table = "tb_areas"
        ordering = ["id"]
        verbose_name = "省市区"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name
