// The menu on the left of every user-centre page.
export const UserCentreMenu = {
  name: "UserCentreMenu",
  props: { active: { type: String, required: true } },
  data() {
    return {
      items: [
        { key: "info", label: "个人信息", href: "/user_center_info.html" },
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
