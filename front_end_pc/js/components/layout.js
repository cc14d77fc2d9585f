// The header and footer every storefront page shares.
import { loginUrl } from "../auth.js";
import { session } from "../session.js";

export const SiteHeader = {
  name: "SiteHeader",
  props: { slogan: { type: String, default: "多 · 快 · 好 · 省" } },
  data() {
    const here = window.location.pathname === "/search.html" ? new URLSearchParams(window.location.search) : null;
    return { username: session.username, query: here ? here.get("q") || "" : "" };
  },
  computed: {
    loginHref() {
      const here = window.location.pathname;
      return here === "/login.html" || here === "/register.html" ? "/login.html" : loginUrl();
    },
  },
  methods: {
    search() {
      const q = this.query.trim();
      if (q) window.location.href = `/search.html?${new URLSearchParams({ q })}`;
    },
    logout() {
      session.clear();
      this.username = null;
      window.location.href = "/index.html";
    },
  },
  template: `
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
