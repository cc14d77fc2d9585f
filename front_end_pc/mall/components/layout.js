// The header and footer every storefront page shares.
import { cartApi } from "../api/carts.js";
import { onServiceBusy } from "../api/client.js";
import { loginUrl } from "../auth.js";
import { onCountChange, totalCount } from "../cart.js";
import { cents, money } from "../money.js";
import { session } from "../session.js";

export const SiteHeader = {
  name: "SiteHeader",
  props: { slogan: { type: String, default: "多 · 快 · 好 · 省" } },
  data() {
    const here = window.location.pathname === "/search.html" ? new URLSearchParams(window.location.search) : null;
    return {
      username: session.username,
      query: here ? here.get("q") || "" : "",
      cartCount: null,
      busy: false, // the API answered 503 somewhere on this page
      peek: { open: false, loading: false, lines: [], failed: false }, // the mini-cart's hover panel
    };
  },
  mounted() {
    onServiceBusy(() => {
      this.busy = true;
    });
    onCountChange((count) => {
      this.cartCount = count;
    });
    // The mini-cart is a nicety: if the cart cannot be read, the header just shows no count.
    cartApi.lines().then((lines) => {
      if (this.cartCount === null) this.cartCount = totalCount(lines);
    }, () => {});
  },
  computed: {
    loginHref() {
      const here = window.location.pathname;
      return here === "/login.html" || here === "/register.html" ? "/login.html" : loginUrl();
    },
    peekTotal() {
      return money(this.peek.lines.reduce((sum, line) => sum + cents(line.price) * line.count, 0) / 100);
    },
    peekCount() {
      return totalCount(this.peek.lines);
    },
  },
  methods: {
    // Hovering the mini-cart shows its lines, as JD's does; read afresh each time.
    async openPeek() {
      this.peek.open = true;
      this.peek.loading = true;
      try {
        this.peek.lines = await cartApi.lines();
        this.peek.failed = false;
        this.cartCount = totalCount(this.peek.lines);
      } catch {
        this.peek.failed = true;
      } finally {
        this.peek.loading = false;
      }
    },
    search() {
      const q = this.query.trim();
      if (q) window.location.href = `/search.html?${new URLSearchParams({ q })}`;
    },
    reload() {
      window.location.reload();
    },
    logout() {
      session.clear();
      this.username = null;
      window.location.href = "/index.html";
    },
  },
  template: `
    <div v-if="busy" class="service-busy" role="alert">
      <div class="wrap">服务繁忙，请稍后再试 <a href="" @click.prevent="reload">刷新</a></div>
    </div>
    <div class="site-topbar">
      <div class="wrap">
        <span>欢迎来到美多商城！</span>
        <nav>
          <template v-if="username">
            <span class="user">您好，{{ username }}</span>
            <a href="/user_center_info.html">用户中心</a>
            <a href="#" @click.prevent="logout">退出</a>
          </template>
          <template v-else>
            <a :href="loginHref">请登录</a>
            <a href="/register.html" class="register-link">免费注册</a>
          </template>
          <a href="/index.html">首页</a>
          <a href="/areas.html">配送范围</a>
        </nav>
      </div>
    </div>
    <header class="site-header">
      <div class="wrap">
        <a class="logo" href="/index.html"><img src="/images/logo.svg" alt="美多商城"></a>
        <span class="slogan">{{ slogan }}</span>
        <form class="search-box" role="search" @submit.prevent="search">
          <input type="search" name="q" v-model="query" placeholder="搜索商品，如：手机" aria-label="搜索商品">
          <button type="submit">搜索</button>
        </form>
        <div class="mini-cart-wrap" @mouseenter="openPeek" @mouseleave="peek.open = false">
          <a class="mini-cart" href="/cart.html">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 4h2.4l2.1 10.2a1.5 1.5 0 0 0 1.5 1.2h8.6a1.5 1.5 0 0 0 1.5-1.1L21 8H6.6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/><circle cx="9.5" cy="19.5" r="1.5"/><circle cx="17" cy="19.5" r="1.5"/></svg>
            我的购物车<b class="cart-count">{{ cartCount ?? 0 }}</b>
          </a>
          <div v-if="peek.open" class="mini-cart-panel">
            <p v-if="peek.loading && !peek.lines.length" class="peek-note">正在加载…</p>
            <p v-else-if="peek.failed" class="peek-note">购物车暂时无法读取，请稍后再试</p>
            <p v-else-if="!peek.lines.length" class="peek-note">购物车中还没有商品，赶紧选购吧！</p>
            <template v-else>
              <ul class="peek-lines">
                <li v-for="line in peek.lines" :key="line.id" class="peek-line">
                  <a :href="'/goods/' + line.id + '.html'"><img :src="line.default_image_url" :alt="line.name"></a>
                  <a class="peek-name" :href="'/goods/' + line.id + '.html'">{{ line.name }}</a>
                  <span class="peek-price">¥{{ line.price }} × {{ line.count }}</span>
                </li>
              </ul>
              <div class="peek-foot">
                <span>共 <b>{{ peekCount }}</b> 件商品，共计 <b class="peek-total">¥{{ peekTotal }}</b></span>
                <a class="btn" href="/cart.html">去购物车</a>
              </div>
            </template>
          </div>
        </div>
        <slot></slot>
      </div>
    </header>`,
};

export const SiteFooter = {
  name: "SiteFooter",
  data() {
    return { year: new Date().getFullYear() };
  },
  template: `
    <footer class="site-footer">
      <div class="wrap">
        <ul class="promises">
          <li><b>正</b>正品保障</li>
          <li><b>快</b>极速配送</li>
          <li><b>退</b>七天无理由退货</li>
          <li><b>心</b>售后无忧</li>
        </ul>
        <div class="links">
          <a href="/index.html">商城首页</a>|<a href="/areas.html">配送范围</a>
        </div>
        <p class="copyright">© {{ year }} 美多商城 Meiduo Mall 版权所有</p>
      </div>
    </footer>`,
};
