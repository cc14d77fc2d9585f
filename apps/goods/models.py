"""The catalog: categories and the menu's channels, brands, SPUs with their specifications,
SKUs with images and chosen options, and the contents of the index page.

Invariants are constraints in the database: stock, sales and prices are never negative, a
SPU names each specification once, a SKU picks one option per specification.
"""

from django.db import models
from django.db.models import Q


class TimestampedModel(models.Model):
    create_time = models.DateTimeField("创建时间", auto_now_add=True)
    update_time = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class GoodsCategory(TimestampedModel):
    """A category of the three-level tree (手机数码 → 手机通讯 → 手机). SKUs hang on level 3."""

    name = models.CharField("名称", max_length=20)
    parent = models.ForeignKey(
        "self", verbose_name="上级分类", related_name="subs", null=True, blank=True, on_delete=models.PROTECT
    )
    sequence = models.PositiveSmallIntegerField("排序", default=0, help_text="同级分类中由小到大排列")

    class Meta:
        db_table = "tb_goods_category"
        ordering = ["sequence", "id"]
        verbose_name = "商品分类"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="goods_category_unique_name_per_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class GoodsChannelGroup(models.Model):
    """One line of the index page's category menu, e.g. 手机 / 运营商 / 数码."""

    name = models.CharField("名称", max_length=30, unique=True)
    sequence = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        db_table = "tb_channel_group"
        ordering = ["sequence", "id"]
        verbose_name = "频道组"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name


class GoodsChannel(TimestampedModel):
    """A top-level category shown in a menu group, linking to its channel page."""

    group = models.ForeignKey(
        GoodsChannelGroup, verbose_name="频道组", related_name="channels", on_delete=models.PROTECT
    )
    category = models.OneToOneField(
        GoodsCategory,
        verbose_name="一级分类",
        related_name="channel",
        on_delete=models.CASCADE,
        limit_choices_to={"parent__isnull": True},
    )
    url = models.CharField("频道页面链接", max_length=200)
    sequence = models.PositiveSmallIntegerField("组内顺序", default=0)

    class Meta:
        db_table = "tb_goods_channel"
        ordering = ["group__sequence", "sequence", "id"]
        verbose_name = "商品频道"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.category.name


class Brand(TimestampedModel):
    name = models.CharField("名称", max_length=30, unique=True)
    logo = models.ImageField("Logo", upload_to="brands/", blank=True)
    first_letter = models.CharField("品牌首字母", max_length=1)

    class Meta:
        db_table = "tb_brand"
        ordering = ["first_letter", "name"]
        verbose_name = "品牌"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=Q(first_letter__regex=r"^[A-Z]$"), name="goods_brand_first_letter_upper"),
        ]

    def __str__(self) -> str:
        return self.name


class SPU(TimestampedModel):
    """A product (华为 Mate 60 Pro); its SKUs are the versions a shopper buys."""

    name = models.CharField("名称", max_length=50, unique=True)
    brand = models.ForeignKey(Brand, verbose_name="品牌", related_name="spus", on_delete=models.PROTECT)
    category1 = models.ForeignKey(
        GoodsCategory, verbose_name="一级分类", related_name="cat1_spus", on_delete=models.PROTECT
    )
    category2 = models.ForeignKey(
        GoodsCategory, verbose_name="二级分类", related_name="cat2_spus", on_delete=models.PROTECT
    )
    category3 = models.ForeignKey(
        GoodsCategory, verbose_name="三级分类", related_name="cat3_spus", on_delete=models.PROTECT
    )
    sales = models.PositiveIntegerField("销量", default=0)
    comments = models.PositiveIntegerField("评价数", default=0)
    desc_detail = models.TextField("商品详情", blank=True, default="", help_text="HTML，显示在详情页")
    desc_pack = models.TextField("包装信息", blank=True, default="", help_text="HTML，显示在详情页")
    desc_service = models.TextField("售后服务", blank=True, default="", help_text="HTML，显示在详情页")

    class Meta:
        db_table = "tb_spu"
        ordering = ["id"]
        verbose_name = "商品SPU"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=Q(sales__gte=0), name="goods_spu_sales_not_negative"),
            models.CheckConstraint(condition=Q(comments__gte=0), name="goods_spu_comments_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class SPUSpecification(TimestampedModel):
    """A dimension a SPU varies in (颜色, 内存)."""

    spu = models.ForeignKey(SPU, verbose_name="商品SPU", related_name="specs", on_delete=models.CASCADE)
    name = models.CharField("规格名称", max_length=20)
    sequence = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        db_table = "tb_spu_specification"
        ordering = ["sequence", "id"]
        verbose_name = "商品SPU规格"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["spu", "name"], name="goods_spec_unique_name_per_spu")]

    def __str__(self) -> str:
        return f"{self.spu.name}: {self.name}"


class SpecificationOption(TimestampedModel):
    """One value of a specification (黑色, 8GB+256GB)."""

    spec = models.ForeignKey(SPUSpecification, verbose_name="规格", related_name="options", on_delete=models.CASCADE)
    value = models.CharField("选项值", max_length=30)
    sequence = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        db_table = "tb_specification_option"
        ordering = ["sequence", "id"]
        verbose_name = "规格选项"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["spec", "value"], name="goods_option_unique_value_per_spec")]

    def __str__(self) -> str:
        return self.value


class SKU(TimestampedModel):
    """A version of a SPU a shopper puts in the cart: one option of each specification."""

    name = models.CharField("名称", max_length=80)
    caption = models.CharField("副标题", max_length=100, blank=True, default="")
    spu = models.ForeignKey(SPU, verbose_name="商品SPU", related_name="skus", on_delete=models.PROTECT)
    category = models.ForeignKey(GoodsCategory, verbose_name="三级分类", related_name="skus", on_delete=models.PROTECT)
    price = models.DecimalField("单价", max_digits=10, decimal_places=2)
    cost_price = models.DecimalField("进价", max_digits=10, decimal_places=2)
    market_price = models.DecimalField("市场价", max_digits=10, decimal_places=2)
    stock = models.IntegerField("库存", default=0)
    sales = models.IntegerField("销量", default=0)
    comments = models.IntegerField("评价数", default=0)
    is_launched = models.BooleanField("上架销售", default=True)
    default_image = models.ImageField("默认图片", upload_to="goods/", blank=True, max_length=200)

    class Meta:
        db_table = "tb_sku"
        ordering = ["id"]
        verbose_name = "商品SKU"
        verbose_name_plural = verbose_name
        indexes = [
            # G1: the launched SKUs of a category in each of its orderings.
            models.Index(fields=["category", "is_launched", "price"], name="sku_category_price"),
            models.Index(fields=["category", "is_launched", "sales"], name="sku_category_sales"),
            models.Index(fields=["category", "is_launched", "create_time"], name="sku_category_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="goods_sku_stock_not_negative"),
            models.CheckConstraint(condition=Q(sales__gte=0), name="goods_sku_sales_not_negative"),
            models.CheckConstraint(condition=Q(comments__gte=0), name="goods_sku_comments_not_negative"),
            models.CheckConstraint(
                condition=Q(price__gte=0) & Q(cost_price__gte=0) & Q(market_price__gte=0),
                name="goods_sku_prices_not_negative",
            ),
            models.UniqueConstraint(fields=["spu", "name"], name="goods_sku_unique_name_per_spu"),
        ]

    def __str__(self) -> str:
        return f"{self.id}: {self.name}"

    @property
    def default_image_url(self) -> str:
        return self.default_image.url if self.default_image else ""


class SKUImage(TimestampedModel):
    sku = models.ForeignKey(SKU, verbose_name="商品SKU", related_name="images", on_delete=models.CASCADE)
    image = models.ImageField("图片", upload_to="goods/", max_length=200)
    sequence = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        db_table = "tb_sku_image"
        ordering = ["sequence", "id"]
        verbose_name = "SKU图片"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.sku_id}: {self.image.name}"


class SKUSpecification(TimestampedModel):
    """The option a SKU has for one specification of its SPU."""

    sku = models.ForeignKey(SKU, verbose_name="商品SKU", related_name="specs", on_delete=models.CASCADE)
    spec = models.ForeignKey(SPUSpecification, verbose_name="规格", related_name="+", on_delete=models.PROTECT)
    option = models.ForeignKey(SpecificationOption, verbose_name="选项", related_name="+", on_delete=models.PROTECT)

    class Meta:
        db_table = "tb_sku_specification"
        ordering = ["spec__sequence", "spec_id"]
        verbose_name = "SKU规格"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["sku", "spec"], name="goods_sku_one_option_per_spec")]

    def __str__(self) -> str:
        return f"{self.sku_id}: {self.option.value}"


class ContentCategory(TimestampedModel):
    """A slot of the index page (`index_lbt` the carousel, `index_1f_ssxp` a floor's tab...)."""

    name = models.CharField("名称", max_length=50)
    key = models.SlugField("类别键名", max_length=50, unique=True)

    class Meta:
        db_table = "tb_content_category"
        ordering = ["key"]
        verbose_name = "广告内容类别"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"


class Content(TimestampedModel):
    category = models.ForeignKey(
        ContentCategory, verbose_name="类别", related_name="contents", on_delete=models.PROTECT
    )
    title = models.CharField("标题", max_length=100)
    url = models.CharField("内容链接", max_length=300)
    image = models.ImageField("图片", upload_to="contents/", blank=True, max_length=200)
    text = models.TextField("内容", blank=True, default="")
    sequence = models.PositiveSmallIntegerField("排序", default=0)
    status = models.BooleanField("是否展示", default=True)

    class Meta:
        db_table = "tb_content"
        ordering = ["category", "sequence", "id"]
        verbose_name = "广告内容"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.category.name}: {self.title}"


class DeferredFollowUp(models.Model):
    """A follow-up of a catalog edit (regenerate pages, re-index SKUs) that could not be
    queued because the broker was down when the edit committed. Beat queues it again
    (`html.requeue_deferred`) once the broker answers, so an edit made during an outage
    still reaches the storefront."""

    task = models.CharField("任务", max_length=100)
    args = models.JSONField("参数", default=list)
    create_time = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        db_table = "tb_goods_deferred_follow_up"
        ordering = ["id"]
        verbose_name = "待补发的页面任务"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
