import { areasApi } from "../api/areas.js";
import { errorMessage } from "../api/client.js";
import { createPage } from "../app.js";

createPage({
  data() {
    return {
      loading: true,
      error: "",
      provinces: [],
      cities: [],
      districts: [],
      province: null,
      city: null,
      district: null,
    };
  },
  mounted() {
    this.loadProvinces();
  },
  methods: {
    async loadProvinces() {
      this.loading = true;
      this.error = "";
      try {
        this.provinces = (await areasApi.provinces()).data;
      } catch (error) {
        this.error = errorMessage(error, "配送范围加载失败");
      } finally {
        this.loading = false;
      }
    },
    async subsOf(area) {
      try {
        return (await areasApi.area(area.id)).data.subs;
      } catch (error) {
        this.error = errorMessage(error, "配送范围加载失败");
        return [];
      }
    },
    async pickProvince(province) {
      this.province = province;
      this.city = this.district = null;
      this.cities = this.districts = [];
      const cities = await this.subsOf(province);
      // A later click wins over a slow answer to an earlier one.
      if (this.province === province) this.cities = cities;
    },
    async pickCity(city) {
      this.city = city;
      this.district = null;
      this.districts = [];
      const districts = await this.subsOf(city);
      if (this.city === city) this.districts = districts;
    },
    pickDistrict(district) {
      this.district = district;
    },
  },
});
