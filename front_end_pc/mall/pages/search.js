import { errorMessage } from "../api/client.js";
import { goodsApi } from "../api/goods.js";
import { createPage } from "../app.js";
import { PAGE_SIZE, PageBar, SkuGrid, pageCount } from "../components/goods.js";

createPage({
  components: { PageBar, SkuGrid },
  data() {
    const params = new URLSearchParams(window.location.search);
    return {
      query: (params.get("q") || "").trim(),
      page: Math.max(1, Number(params.get("page")) || 1),
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
    if (this.query) document.title = `${this.query} - 商品搜索 - 美多商城`;
    this.load();
  },
  methods: {
    async load() {
      if (!this.query) {
        this.loading = false;
        return;
      }
      this.loading = true;
      try {
        const { data } = await goodsApi.search({ text: this.query, page: this.page, page_size: PAGE_SIZE });
        this.skus = data.results;
        this.count = data.count;
      } catch (error) {
        this.error = errorMessage(error, "搜索失败，请稍后再试");
      } finally {
        this.loading = false;
      }
    },
    go(page) {
      this.page = page;
      window.history.replaceState(null, "", `/search.html?${new URLSearchParams({ q: this.query, page })}`);
      this.load();
      window.scrollTo(0, 0);
    },
  },
});
