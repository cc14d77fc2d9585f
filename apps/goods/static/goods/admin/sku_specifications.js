// The SKU admin's specification rows: each row's option list shows only the options of the
// specification chosen in that row (apps/goods/admin_forms.py marks each with data-spec).
"use strict";
(function () {
  function narrow(row) {
    const spec = row.querySelector("select[name$='-spec']");
    const option = row.querySelector("select[name$='-option']");
    if (!spec || !option) return;
    for (const choice of option.options) {
      if (!choice.value) continue;
      const fits = spec.value !== "" && choice.dataset.spec === spec.value;
      choice.hidden = !fits;
      choice.disabled = !fits;
    }
    if (option.selectedOptions.length && option.selectedOptions[0].disabled) option.value = "";
  }

  function rows() {
    return document.querySelectorAll("#specs-group tr.form-row");
  }

  document.addEventListener("DOMContentLoaded", () => {
    rows().forEach(narrow);
    document.addEventListener("change", (event) => {
      if (event.target.matches("#specs-group select[name$='-spec']")) narrow(event.target.closest("tr"));
    });
    // A row added with "添加另一个" starts narrowed too.
    document.addEventListener("formset:added", (event) => narrow(event.target));
  });
})();
