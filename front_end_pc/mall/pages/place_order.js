// place_order.html: the ticked cart lines (O1), an address and a pay method, then O2.
import { errorMessage } from "../api/client.js";
import { ordersApi } from "../api/orders.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { cents, money } from "../money.js";

// One key per visit to this page: pressing Submit twice, or retrying after a lost answer,
// places one order (docs/api.md O2, Idempotency-Key).
function newKey() {
  return window.crypto.randomUUID ? window.crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

if (requireLogin()) {
  createPage({
    data() {
      return {
        loading: true, loadError: "", skus: [], freight: "0.00", addresses: [], defaultAddressId: null,
        addressId: null, payMethod: 2, submitting: false, error: "", idempotencyKey: newKey(),
      };
    },
    computed: {
      totalCount() {
        return this.skus.reduce((sum, sku) => sum + sku.count, 0);
      },
      goodsAmount() {
        return this.skus.reduce((sum, sku) => sum + cents(sku.price) * sku.count, 0) / 100;
      },
      payAmount() {
        return (cents(this.goodsAmount) + cents(this.freight)) / 100;
      },
    },
    mounted() {
      this.load();
    },
    methods: {
      money,
      cents,
      async load() {
        this.loading = true;
        this.loadError = "";
        try {
          const [settlement, addresses] = await Promise.all([ordersApi.settlement(), usersApi.addresses()]);
          this.skus = settlement.data.skus;
          this.freight = settlement.data.freight;
          this.addresses = addresses.data.addresses;
          this.defaultAddressId = addresses.data.default_address_id;
          const preferred = this.addresses.find((a) => a.id === this.defaultAddressId) || this.addresses[0];
          this.addressId = preferred ? preferred.id : null;
        } catch (error) {
          if (!handleUnauthorized(error)) this.loadError = errorMessage(error, "结算信息加载失败");
        } finally {
          this.loading = false;
        }
      },
      async submit() {
        if (this.submitting) return;
        this.submitting = true;
        this.error = "";
        try {
          const { data } = await ordersApi.place(
            { address: this.addressId, pay_method: this.payMethod },
            this.idempotencyKey,
          );
          const params = new URLSearchParams({ order_id: data.order_id, amount: money(this.payAmount), pay: this.payMethod });
          window.location.href = `/order_success.html?${params}`;
        } catch (error) {
          if (handleUnauthorized(error)) return;
          this.error = errorMessage(error, "下单失败，请稍后再试");
          // A refusal (out of stock, say) placed nothing: the next try is a new submission.
          if (error.response && error.response.status === 400) this.idempotencyKey = newKey();
          this.submitting = false;
        }
      },
    },
  });
}
