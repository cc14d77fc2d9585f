// A classic Meiduo storefront's detail script, written the classic way (Vue 2.5, [[ ]]
// delimiters, axios, globals from the generated page: `price`, `cat`; `host` from js/host.js),
// to prove our classic page set works with such a storefront unchanged.
/* global Vue, axios, host, price, cat */
var vm = new Vue({
  el: "#app",
  delimiters: ["[[", "]]"],
  data: {
    host: host,
    username: sessionStorage.username || localStorage.username,
    token: sessionStorage.token || localStorage.token,
    tab_content: { detail: true, pack: false, comment: false, service: false },
    sku_id: "",
    sku_count: 1,
    sku_price: price,
    cart_total_count: 0,
    cart: [],
    hots: [],
    cat: cat,
    comments: [],
    score_classes: { 0: "stars_zero", 1: "stars_one", 2: "stars_two", 3: "stars_three", 4: "stars_four", 5: "stars_five" },
  },
  computed: {
    sku_amount: function () {
      return (this.sku_price * this.sku_count).toFixed(2);
    },
  },
  mounted: function () {
    this.sku_id = this.get_sku_id();
    this.get_hot_goods();
    this.get_comments();
  },
  methods: {
    logout: function () {
      sessionStorage.clear();
      localStorage.clear();
      location.href = "/login.html";
    },
    get_sku_id: function () {
      var re = /^\/goods\/(\d+)\.html$/;
      return location.pathname.match(re)[1];
    },
    on_minus: function () {
      if (this.sku_count > 1) this.sku_count--;
    },
    on_addition: function () {
      this.sku_count++;
    },
    on_tab_content: function (name) {
      this.tab_content = { detail: false, pack: false, comment: false, service: false };
      this.tab_content[name] = true;
    },
    get_hot_goods: function () {
      axios.get(this.host + "/categories/" + this.cat + "/hotskus/", { responseType: "json" }).then((response) => {
        this.hots = response.data;
      });
    },
    get_comments: function () {
      axios.get(this.host + "/skus/" + this.sku_id + "/comments/", { responseType: "json" }).then((response) => {
        this.comments = response.data;
      });
    },
    add_cart: function () {
      axios
        .post(
          this.host + "/cart/",
          { sku_id: parseInt(this.sku_id), count: this.sku_count },
          { headers: { Authorization: "JWT " + this.token }, responseType: "json", withCredentials: true },
        )
        .then((response) => {
          this.cart_total_count += response.data.count;
          this.cart.push({ name: "added", count: response.data.count });
          alert("添加购物车成功");
        })
        .catch((error) => alert(error.response.data.message || error.response.data.non_field_errors[0]));
    },
  },
});
