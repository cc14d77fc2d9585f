import { errorMessage } from "../api/client.js";
import { goodsApi } from "../api/goods.js";
import { createPage } from "../app.js";
import { HotSkus, PAGE_SIZE, PageBar, SkuGrid, pageCount } from "../components/goods.js";

const ORDERINGS = [
  { value: "-create_time", label: "默认" },
  { value: "price", label: "价格 ↑" },
  { value: "-price", label: "价格 ↓" },
  { value: "-sales", label: "人气" },
];

createPage({
  components: { HotSkus, PageBar, SkuGrid },
  data() {
    const params = new URLSearchParams(window.location.search);
    return {
      categoryId: Number(params.get("cat")) || null,
      orderings: ORDERINGS,
      ordering: ORDERINGS.some((o) => o.value === params.get("ordering")) ? params.get("ordering") : "-create_time",
      page: Math.max(1, Number(params.get("page")) || 1),
      crumbs: [],
      skus: [],
      count: 0,
      loading: true,
      error: "",
    };
  },
  computed: {
    pages() {
      return pageCount(this.count);
    },
  },
  mounted() {
    if (!this.categoryId) {
      this.error = "请从左侧的商品分类中选择要浏览的分类";
      return;
    }
    this.loadBreadcrumb();
    this.load();
  },
  methods: {
    async loadBreadcrumb() {
      try {
        const { data } = await goodsApi.category(this.categoryId);
        const crumbs = [{ ...data.cat1.category, url: data.cat1.url }];
        for (const level of [data.cat2, data.cat3]) if (level) crumbs.push({ ...level, url: `/list.html?cat=${level.id}` });
        this.crumbs = crumbs;
        document.title = `${crumbs[crumbs.length - 1].name} - 商品列表 - 美多商城`;
      } catch (error) {
        this.error = errorMessage(error, "商品分类加载失败");
      }
    },
    async load() {
      this.loading = true;
      try {
        const { data } = await goodsApi.skus(this.categoryId, {
          page: this.page,
          page_size: PAGE_SIZE,
          ordering: this.ordering,
        });
        this.skus = data.results;
        this.count = data.count;
      } catch (error) {
        this.error = errorMessage(error, "商品列表加载失败");
      } finally {
        this.loading = false;
      }
    },
    remember() {
      const params = new URLSearchParams({ cat: this.categoryId, ordering: this.ordering, page: this.page });
      window.history.replaceState(null, "", `/list.html?${params}`);
    },
    sortBy(ordering) {
      this.ordering = ordering;
      this.page = 1;
      this.remember();
      this.load();
    },
    go(page) {
      this.page = page;
      this.remember();
      this.load();
      window.scrollTo(0, 0);
    },
  },
});
