import { areasApi } from "../api/areas.js";
import { errorMessage } from "../api/client.js";
import { usersApi } from "../api/users.js";
import { createPage } from "../app.js";
import { handleUnauthorized, requireLogin } from "../auth.js";
import { UserCentrePage } from "../components/user_centre.js";
import { EMAIL_RE, MOBILE_RE } from "../verification.js";

const EMPTY = {
  receiver: "", province_id: null, city_id: null, district_id: null, place: "", mobile: "", tel: "", email: "", title: "",
};

if (requireLogin()) {
  createPage({
    components: { UserCentrePage },
    data() {
      return {
        loading: true,
        loadError: "",
        addresses: [],
        defaultId: null,
        limit: 20,
        message: "",
        titleEditing: null,
        titleDraft: "",
        formOpen: false,
        editingId: null,
        form: { ...EMPTY },
        errors: {},
        formError: "",
        busy: false,
        provinces: [],
        cities: [],
        districts: [],
      };
    },
    mounted() {
      this.load();
    },
    methods: {
      fail(error, fallback) {
        if (!handleUnauthorized(error)) this.message = errorMessage(error, fallback);
      },
      async load() {
        this.loading = true;
        this.loadError = "";
        try {
          const { data } = await usersApi.addresses();
          this.addresses = data.addresses;
          this.defaultId = data.default_address_id;
          this.limit = data.limit;
        } catch (error) {
          if (!handleUnauthorized(error)) this.loadError = errorMessage(error, "收货地址加载失败");
        } finally {
          this.loading = false;
        }
      },
      async subs(id) {
        return (await areasApi.area(id)).data.subs;
      },
      async openForm(address) {
        this.errors = {};
        this.formError = "";
        this.editingId = address ? address.id : null;
        this.form = address
          ? {
              receiver: address.receiver, province_id: address.province_id, city_id: address.city_id,
              district_id: address.district_id, place: address.place, mobile: address.mobile,
              tel: address.tel || "", email: address.email || "", title: address.title,
            }
          : { ...EMPTY };
        this.formOpen = true;
        try {
          if (!this.provinces.length) this.provinces = (await areasApi.provinces()).data;
          this.cities = this.districts = [];
          if (address) {
            const [cities, districts] = await Promise.all([this.subs(address.province_id), this.subs(address.city_id)]);
            // The shopper may have picked another province or city while these loaded.
            if (this.form.province_id === address.province_id) this.cities = cities;
            if (this.form.city_id === address.city_id) this.districts = districts;
          }
        } catch (error) {
          this.formError = errorMessage(error, "地区加载失败，请稍后再试");
        }
      },
      async provinceChanged() {
        const provinceId = this.form.province_id;
        this.form.city_id = this.form.district_id = null;
        this.cities = this.districts = [];
        try {
          const cities = await this.subs(provinceId);
          if (this.form.province_id === provinceId) this.cities = cities;
        } catch (error) {
          this.formError = errorMessage(error, "地区加载失败，请稍后再试");
        }
      },
      async cityChanged() {
        const cityId = this.form.city_id;
        this.form.district_id = null;
        this.districts = [];
        try {
          const districts = await this.subs(cityId);
          if (this.form.city_id === cityId) this.districts = districts;
        } catch (error) {
          this.formError = errorMessage(error, "地区加载失败，请稍后再试");
        }
      },
      validate() {
        const f = this.form;
        const errors = {};
        if (!f.receiver) errors.receiver = "请填写收货人";
        if (!f.province_id || !f.city_id || !f.district_id) errors.region = "请选择完整的省、市、区县";
        if (!f.place) errors.place = "请填写详细地址";
        if (!MOBILE_RE.test(f.mobile)) errors.mobile = "请输入正确的手机号码";
        if (f.email && !EMAIL_RE.test(f.email)) errors.email = "请输入正确的邮箱地址";
        this.errors = errors;
        return !Object.keys(errors).length;
      },
      async save() {
        this.formError = "";
        if (!this.validate()) return;
        this.busy = true;
        try {
          if (this.editingId) await usersApi.updateAddress(this.editingId, this.form);
          else await usersApi.addAddress(this.form);
          this.formOpen = false;
          await this.load();
        } catch (error) {
          if (handleUnauthorized(error)) return;
          const data = error.response && error.response.data;
          if (data && typeof data === "object" && !data.message) {
            const errors = {};
            for (const [field, messages] of Object.entries(data)) {
              const key = field.endsWith("_id") ? "region" : field;
              if (Array.isArray(messages)) errors[key] = messages[0];
            }
            this.errors = errors;
          }
          this.formError = errorMessage(error, "地址保存失败");
        } finally {
          this.busy = false;
        }
      },
      async setDefault(address) {
        this.message = "";
        try {
          await usersApi.makeDefaultAddress(address.id);
          this.defaultId = address.id;
        } catch (error) {
          this.fail(error, "设置默认地址失败");
        }
      },
      editTitle(address) {
        this.titleEditing = address.id;
        this.titleDraft = address.title;
      },
      async saveTitle(address) {
        this.message = "";
        if (!this.titleDraft) return (this.message = "地址名称不能为空");
        try {
          const { data } = await usersApi.retitleAddress(address.id, this.titleDraft);
          address.title = data.title;
          this.titleEditing = null;
        } catch (error) {
          this.fail(error, "地址名称保存失败");
        }
      },
      async remove(address) {
        this.message = "";
        if (!window.confirm(`确定删除收货地址“${address.title}”吗？`)) return;
        try {
          await usersApi.deleteAddress(address.id);
          await this.load();
        } catch (error) {
          this.fail(error, "删除地址失败");
        }
      },
    },
  });
}
