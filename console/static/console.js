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
