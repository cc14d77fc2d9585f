// A generated goods/<sku_id>.html: the SKU id comes from the path, the category and the
// price from the page itself.
import { cartApi } from "../api/carts.js";
import { errorMessage } from "../api/client.js";
import { goodsApi } from "../api/goods.js";
import { limits } from "../api/limits.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { refreshCount } from "../cart.js";
import { HotSkus, money } from "../components/goods.js";
import { session } from "../session.js";

const skuId = Number((window.location.pathname.match(/\/goods\/(\d+)\.html$/) || [])[1]);
const pageData = JSON.parse(document.getElementById("sku-data").textContent);

createPage({
  components: { HotSkus },
  data() {
    return {
      skuId,
      categoryId: pageData.category_id,
      price: pageData.price,
      images: pageData.images,
      mainImage: pageData.images[0] || "",
      quantityText: "1",
      maxQuantity: Infinity, // the cart's limit per line, from the backend once read
      tab: "detail",
      commentCount: pageData.comments, // as generated; the API's count replaces it at once
      comments: [],
      commentsLoaded: false,
      commentsLoading: false,
      commentsError: "",
      adding: false,
      added: false,
      addError: "",
    };
  },
  computed: {
    quantity() {
      const n = parseInt(this.quantityText, 10);
      return Number.isFinite(n) ? Math.min(Math.max(n, 1), this.maxQuantity) : 1;
    },
    total() {
      return money(Number(this.price) * this.quantity);
    },
  },
  mounted() {
    if (session.token && pageData.is_launched) {
      // Browse history: a failure here must not disturb the shopper.
      usersApi.recordBrowsed(this.skuId).catch(() => {});
    }
    // The comments and their count come from the API, not from when the page was generated.
    this.loadComments().catch(() => {});
    limits().then(({ cart_max_line_count }) => (this.maxQuantity = cart_max_line_count), () => {});
  },
  methods: {
    changeQuantity(step) {
      this.quantityText = String(Math.min(Math.max(this.quantity + step, 1), this.maxQuantity));
    },
    fixQuantity() {
      this.quantityText = String(this.quantity);
    },
    async addToCart() {
      this.fixQuantity();
      this.adding = true;
      this.added = false;
      this.addError = "";
      try {
        await cartApi.add(this.skuId, this.quantity);
        this.added = true;
        refreshCount().catch(() => {});
      } catch (error) {
        this.addError = errorMessage(error, "加入购物车失败，请稍后再试");
      } finally {
        this.adding = false;
      }
    },
    showComments() {
      this.tab = "comments";
      if (!this.commentsLoaded && !this.commentsLoading) this.loadComments();
    },
    async loadComments() {
      this.commentsLoading = true;
      this.commentsError = "";
      try {
        const response = await goodsApi.comments(this.skuId);
        this.comments = response.data;
        const total = Number.parseInt(response.headers["x-total-count"], 10);
        this.commentCount = Number.isFinite(total) ? total : this.comments.length;
        this.commentsLoaded = true;
      } catch (error) {
        this.commentsError = errorMessage(error, "评价加载失败");
      } finally {
        this.commentsLoading = false;
      }
    },
  },
});
