// Pieces the catalog pages share: a grid of SKU cards, a page bar, and a category's best sellers.
import { goodsApi } from "../api/goods.js";
import { money } from "../money.js";

export { money };

export const SkuGrid = {
  name: "SkuGrid",
  props: { skus: { type: Array, required: true }, empty: { type: String, default: "暂无商品" } },
  methods: { money },
  template: `
    <p v-if="!skus.length" class="notice empty">{{ empty }}</p>
    <ul v-else class="goods-grid">
      <li v-for="sku in skus" :key="sku.id" class="goods-card">
        <a :href="'/goods/' + sku.id + '.html'">
          <img :src="sku.default_image_url" :alt="sku.name" loading="lazy">
          <h4>{{ sku.name }}</h4>
          <p class="price">¥{{ money(sku.price) }}</p>
          <p class="comments">{{ sku.comments }} 条评价</p>
        </a>
      </li>
    </ul>`,
};

export const PageBar = {
  name: "PageBar",
  props: { page: { type: Number, required: true }, pages: { type: Number, required: true } },
  emits: ["go"],
  computed: {
    numbers() {
      const first = Math.max(1, Math.min(this.page - 2, this.pages - 4));
      const last = Math.min(this.pages, first + 4);
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    },
  },
  template: `
    <nav v-if="pages > 1" class="page-bar">
      <button type="button" class="prev" :disabled="page <= 1" @click="$emit('go', page - 1)">上一页</button>
      <button v-for="n in numbers" :key="n" type="button" class="page" :class="{ active: n === page }" @click="$emit('go', n)">{{ n }}</button>
      <button type="button" class="next" :disabled="page >= pages" @click="$emit('go', page + 1)">下一页</button>
      <span class="pages">共 {{ pages }} 页</span>
    </nav>`,
};

export const HotSkus = {
  name: "HotSkus",
  props: { categoryId: { type: Number, default: null } },
  data() {
    return { skus: [] };
  },
  watch: {
    categoryId: { immediate: true, handler: "load" },
  },
  methods: {
    money,
    async load() {
      if (!this.categoryId) return;
      try {
        this.skus = (await goodsApi.hotSkus(this.categoryId)).data;
      } catch {
        this.skus = []; // a side panel: the page works without it
      }
    },
  },
  template: `
    <section v-if="skus.length" class="hot-skus">
      <h3>热销排行</h3>
      <ol>
        <li v-for="sku in skus" :key="sku.id">
          <a :href="'/goods/' + sku.id + '.html'"><img :src="sku.default_image_url" :alt="sku.name"><span class="name">{{ sku.name }}</span></a>
          <b class="price">¥{{ money(sku.price) }}</b>
        </li>
      </ol>
    </section>`,
};

// Pages per page of a paginated answer.
export const PAGE_SIZE = 12;
export function pageCount(count, size = PAGE_SIZE) {
  return Math.max(1, Math.ceil(count / size));
}
