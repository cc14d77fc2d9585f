// cart.html: a guest's cart (the cookie) or the shopper's (Redis); the API tells them apart.
import { cartApi } from "../api/carts.js";
import { errorMessage } from "../api/client.js";
import { limits } from "../api/limits.js";
import { createPage } from "../app.js";
import { loginUrl } from "../auth.js";
import { announceCount, totalCount } from "../cart.js";
import { cents, money } from "../money.js";
import { session } from "../session.js";

createPage({
  data() {
    return { lines: [], loading: true, loadError: "", error: "", maxCount: Infinity }; // the limit per line, from the backend once read
  },
  computed: {
    totalCount() {
      return totalCount(this.lines);
    },
    chosen() {
      return this.lines.filter((line) => line.selected);
    },
    allSelected() {
      return this.lines.length > 0 && this.chosen.length === this.lines.length;
    },
    selectedCount() {
      return totalCount(this.chosen);
    },
    selectedAmount() {
      return this.chosen.reduce((sum, line) => sum + cents(line.price) * line.count, 0) / 100;
    },
  },
  mounted() {
    this.load();
    limits().then(({ cart_max_line_count }) => (this.maxCount = cart_max_line_count), () => {});
  },
  methods: {
    money,
    subtotal(line) {
      return (cents(line.price) * line.count) / 100;
    },
    async load() {
      this.loading = true;
      this.loadError = "";
      try {
        this.lines = (await cartApi.lines()).map((line) => ({ ...line, busy: false }));
        announceCount(this.totalCount);
      } catch (error) {
        this.loadError = errorMessage(error, "购物车加载失败");
      } finally {
        this.loading = false;
      }
    },
    async save(line, count, selected) {
      line.busy = true;
      this.error = "";
      try {
        const answer = await cartApi.update(line.id, count, selected);
        line.count = answer.count;
        line.selected = answer.selected;
        announceCount(this.totalCount);
      } catch (error) {
        this.error = errorMessage(error, "修改失败，请稍后再试");
      } finally {
        line.busy = false;
      }
    },
    setCount(line, count) {
      return this.save(line, count, line.selected);
    },
    typed(line, event) {
      const count = parseInt(event.target.value, 10);
      if (!Number.isFinite(count) || count < 1) {
        event.target.value = line.count;
        this.error = "请输入大于 0 的整数";
        return;
      }
      // On a refusal (more than the stock, say) the box goes back to the saved count.
      this.save(line, count, line.selected).then(() => {
        event.target.value = line.count;
      });
    },
    select(line, selected) {
      return this.save(line, line.count, selected);
    },
    async selectAll(selected) {
      this.error = "";
      try {
        await cartApi.selectAll(selected);
        for (const line of this.lines) line.selected = selected;
      } catch (error) {
        this.error = errorMessage(error, "操作失败，请稍后再试");
      }
    },
    async remove(line) {
      this.error = "";
      try {
        await cartApi.remove(line.id);
        this.lines = this.lines.filter((other) => other !== line);
        announceCount(this.totalCount);
      } catch (error) {
        this.error = errorMessage(error, "删除失败，请稍后再试");
      }
    },
    checkout() {
      // Settlement needs an account: a guest logs in first and goes on to checkout, with the
      // cart merged into the account's by the login.
      window.location.href = session.token ? "/place_order.html" : loginUrl("/place_order.html");
    },
  },
});
