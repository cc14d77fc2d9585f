// goods_judge.html?order_id: comment on each line of a received order (O6, O7).
import { errorMessage } from "../api/client.js";
import { ordersApi } from "../api/orders.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { UserCentrePage } from "../components/user_centre.js";

const orderId = new URLSearchParams(window.location.search).get("order_id") || "";

if (requireLogin()) {
  createPage({
    components: { UserCentrePage },
    data() {
      return { loading: true, loadError: "", lines: [] };
    },
    async mounted() {
      if (!orderId) {
        this.loadError = "没有指定要评价的订单：请在我的订单中点击待评价订单的「去评价」。";
        this.loading = false;
        return;
      }
      try {
        const { data } = await ordersApi.uncommented(orderId);
        this.lines = data.map((line) => ({ ...line, score: 5, comment: "", is_anonymous: false, busy: false, error: "" }));
      } catch (error) {
        if (!handleUnauthorized(error)) this.loadError = errorMessage(error, "待评价商品加载失败");
      } finally {
        this.loading = false;
      }
    },
    methods: {
      async submit(line) {
        line.error = "";
        if (line.comment.trim().length < 5) {
          line.error = "评价内容至少 5 个字";
          return;
        }
        line.busy = true;
        try {
          await ordersApi.comment(orderId, {
            order: orderId, sku: line.id, comment: line.comment.trim(), score: line.score, is_anonymous: line.is_anonymous,
          });
          this.lines = this.lines.filter((other) => other !== line);
        } catch (error) {
          if (!handleUnauthorized(error)) line.error = errorMessage(error, "评价提交失败，请稍后再试");
          line.busy = false;
        }
      },
    },
  });
}
