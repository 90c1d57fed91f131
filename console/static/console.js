// The console's little script: live counts on a notice's page, and the Mini App sign-in.
"use strict";
(function () {
  const live = document.getElementById("live-counts");
  if (live) {
    const refresh = async () => {
      try {
        const r = await fetch(live.dataset.url, { cache: "no-store" });
        if (r.ok) {
          const counts = await r.json();
          live.querySelectorAll("[data-count]").forEach(el => { el.textContent = counts[el.dataset.count] || 0; });
        }
      } catch (e) { /* the next refresh tries again */ }
      setTimeout(refresh, 3000);
    };
    setTimeout(refresh, 3000);
  }
  const count = document.getElementById("recipient-count");
  if (count) {
    const form = count.closest("form");
    const refreshCount = async () => {
      const q = new URLSearchParams();
      form.querySelectorAll("input[type=checkbox]:checked").forEach(box => {
        if (["unit", "topic", "role"].includes(box.name)) q.append(box.name, box.value);
      });
      try {
        const r = await fetch("/console/notices/count?" + q, { cache: "no-store" });
        if (r.ok) count.textContent = (await r.json()).recipients;
      } catch (e) { /* the next change tries again */ }
    };
    form.addEventListener("change", refreshCount);
    refreshCount();
  }
  const app = document.getElementById("app-signin");
  if (app) {
    const start = () => {
      const tg = window.Telegram && window.Telegram.WebApp;
      if (!tg || !tg.initData) { setTimeout(start, 200); return; }
      app.elements.init_data.value = tg.initData;
      app.submit();
    };
    start();
  }
})();
