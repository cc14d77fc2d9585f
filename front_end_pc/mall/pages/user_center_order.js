// user_center_order.html: my orders (O3), with what each status lets the shopper do.
import { errorMessage } from "../api/client.js";
import { limits } from "../api/limits.js";
import { ordersApi } from "../api/orders.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { PageBar } from "../components/goods.js";
import { UserCentrePage } from "../components/user_centre.js";
import { cents, money } from "../money.js";
import { goPay } from "../orders.js";

const PAGE_SIZE = 5;

if (requireLogin()) {
  createPage({
    components: { PageBar, UserCentrePage },
    data() {
      const page = Math.max(1, Number(new URLSearchParams(window.location.search).get("page")) || 1);
      return { loading: true, loadError: "", orders: [], count: 0, page, message: "", statusNames: {} };
    },
    computed: {
      pages() {
        return Math.ceil(this.count / PAGE_SIZE);
      },
    },
    mounted() {
      this.load();
    },
    methods: {
      money,
      statusName(status) {
        return this.statusNames[status] || "";
      },
      total(order) {
        return (cents(order.total_amount) + cents(order.freight)) / 100;
      },
      formatTime(value) {
        return new Date(value).toLocaleString("zh-CN", { hour12: false });
      },
      cancellable(order) {
        return order.status === 1 || (order.status === 2 && order.pay_method === 1);
      },
      fail(error, fallback) {
        if (!handleUnauthorized(error)) this.message = errorMessage(error, fallback);
      },
      async load() {
        this.loading = true;
        this.loadError = "";
        try {
          // The statuses' names are the backend's (GET /limits/), read beside the orders.
          const [{ data }, known] = await Promise.all([
            ordersApi.list({ page: this.page, page_size: PAGE_SIZE }),
            limits().catch(() => ({ order_statuses: {} })),
          ]);
          this.statusNames = known.order_statuses;
          this.orders = data.results.map((order) => ({ ...order, busy: false }));
          this.count = data.count;
        } catch (error) {
          if (!handleUnauthorized(error)) this.loadError = errorMessage(error, "订单加载失败");
        } finally {
          this.loading = false;
        }
      },
      go(page) {
        this.page = page;
        window.history.replaceState(null, "", `/user_center_order.html?page=${page}`);
        this.load();
      },
      async pay(order) {
        order.busy = true;
        try {
          await goPay(order.order_id);
        } catch (error) {
          this.fail(error, "无法发起支付，请稍后再试");
          order.busy = false;
        }
      },
      async changeStatus(order, action, confirmText, fallback) {
        if (confirmText && !window.confirm(confirmText)) return;
        order.busy = true;
        this.message = "";
        try {
          const { data } = await ordersApi.change(order.order_id, action);
          order.status = data.status;
        } catch (error) {
          this.fail(error, fallback);
        } finally {
          order.busy = false;
        }
      },
      cancel(order) {
        return this.changeStatus(order, "cancel", "确定取消这个订单吗？", "取消失败，请稍后再试");
      },
      confirmReceipt(order) {
        return this.changeStatus(order, "receipt", "确认已经收到货了吗？", "确认收货失败，请稍后再试");
      },
    },
  });
}
