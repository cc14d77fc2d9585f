// The frame of every user-centre page: header, the menu on the left, the page's panel, footer.
const UserCentreMenu = {
  name: "UserCentreMenu",
  props: { active: { type: String, required: true } },
  data() {
    return {
      items: [
        { key: "info", label: "个人信息", href: "/user_center_info.html" },
        { key: "order", label: "我的订单", href: "/user_center_order.html" },
        { key: "site", label: "收货地址", href: "/user_center_site.html" },
        { key: "pass", label: "修改密码", href: "/user_center_pass.html" },
      ],
    };
  },
  template: `
    <nav class="uc-menu">
      <h3>用户中心</h3>
      <a v-for="item in items" :key="item.key" :href="item.href" :class="{ active: item.key === active }">{{ item.label }}</a>
    </nav>`,
};

export const UserCentrePage = {
  name: "UserCentrePage",
  components: { UserCentreMenu },
  props: {
    active: { type: String, required: true },
    title: { type: String, required: true },
  },
  template: `
    <site-header slogan="用户中心"></site-header>
    <main class="page-main">
      <div class="wrap uc-layout">
        <user-centre-menu :active="active"></user-centre-menu>
        <section class="panel">
          <h1 class="panel-title">{{ title }}</h1>
          <div class="uc-body"><slot></slot></div>
        </section>
      </div>
    </main>
    <site-footer></site-footer>`,
};
