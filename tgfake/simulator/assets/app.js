// Chat simulator: draws each chosen persona's chat from /api/state (a long poll that answers
// when something changed), sends what they type and presses the buttons they press.
"use strict";
(function () {
  const labels = document.body.dataset;
  const drawn = {};
  let digest = "";

  function chosen() {
    const fromHash = location.hash.slice(1).split(",").filter(Boolean);
    if (fromHash.length) return fromHash;
    return [...document.querySelectorAll("#personas .chip")].slice(0, 3).map(c => c.dataset.persona);
  }

  function showChosen() {
    const keys = chosen();
    document.querySelectorAll("section.chat").forEach(s => { s.hidden = !keys.includes(s.dataset.persona); });
    document.querySelectorAll("#personas .chip").forEach(c => c.classList.toggle("on", keys.includes(c.dataset.persona)));
  }

  document.querySelectorAll("#personas .chip").forEach(chip => chip.addEventListener("click", () => {
    let keys = chosen();
    keys = keys.includes(chip.dataset.persona) ? keys.filter(k => k !== chip.dataset.persona) : keys.concat(chip.dataset.persona);
    location.hash = keys.join(",");
    showChosen();
  }));
  window.addEventListener("hashchange", showChosen);
  showChosen();

  function toast(text, alert) {
    const t = document.getElementById("toast");
    t.textContent = text;
    t.className = alert ? "alert" : "";
    t.hidden = !text;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, alert ? 6000 : 2500);
  }

  async function post(path, body) {
    const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(await r.text());
    return r.status === 204 ? null : r.json();
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function bubble(persona, m) {
    const b = el("div", "msg " + (m.mine ? "mine" : (m.author ? "other" : "bot")));
    b.dataset.id = m.id;
    if (m.author && !m.mine) b.append(el("div", "author", m.author));
    if (m.reply) b.append(el("div", "reply", m.reply));
    const body = el("div", "body");
    body.innerHTML = m.html; // rendered and sanitised by the server from Telegram's HTML
    b.append(body);
    if (m.file) {
      const a = el("a", "file", "📎 " + (m.file_name || labels.download));
      a.href = m.file;
      a.download = m.file_name || "";
      b.append(a);
    }
    const meta = el("div", "meta", m.time);
    if (m.edited) meta.prepend(labels.edited + " · ");
    if (m.paid) meta.prepend("⭐ " + labels.paid + " · ");
    b.append(meta);
    (m.buttons || []).forEach(row => {
      const r = el("div", "buttons");
      row.forEach(btn => {
        const k = el("button", "", btn.text);
        k.type = "button";
        k.addEventListener("click", async () => {
          if (btn.url) { window.open(btn.url, "_blank", "noopener"); return; }
          k.disabled = true;
          try {
            const a = await post("api/press", { persona: persona, message_id: m.id, data: btn.data });
            if (a && a.text) toast(a.text, a.alert);
          } catch (e) { toast(String(e.message), true); }
          k.disabled = false;
        });
        r.append(k);
      });
      b.append(r);
    });
    return b;
  }

  // draw updates only the bubbles that changed, so a chat keeps its scroll position and a
  // button being pressed is not replaced under the pointer.
  function draw(chats) {
    for (const [persona, msgs] of Object.entries(chats)) {
      const box = document.querySelector(`section.chat[data-persona="${CSS.escape(persona)}"] .messages`);
      if (!box) continue;
      const was = drawn[persona] || {};
      const now = {};
      const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
      if (!msgs.length) {
        box.replaceChildren(el("p", "empty", labels.empty));
      } else {
        box.querySelectorAll(".empty").forEach(e => e.remove());
        let before = null;
        for (let i = msgs.length - 1; i >= 0; i--) {
          const m = msgs[i];
          const json = JSON.stringify(m);
          let node = box.querySelector(`:scope > .msg[data-id="${m.id}"]`);
          if (!node || was[m.id] !== json) {
            const fresh = bubble(persona, m);
            if (node) node.replaceWith(fresh); else box.insertBefore(fresh, before);
            node = fresh;
          }
          now[m.id] = json;
          before = node;
        }
        box.querySelectorAll(":scope > .msg").forEach(n => { if (!(n.dataset.id in now)) n.remove(); });
      }
      drawn[persona] = now;
      if (atBottom || !Object.keys(was).length) box.scrollTop = box.scrollHeight;
    }
  }

  document.querySelectorAll("section.chat").forEach(section => {
    section.querySelector("form").addEventListener("submit", async ev => {
      ev.preventDefault();
      const input = ev.target.elements.text;
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      try { await post("api/send", { persona: section.dataset.persona, text: text }); } catch (e) { toast(String(e.message), true); }
    });
  });

  async function poll() {
    for (;;) {
      try {
        const r = await fetch("api/state?since=" + encodeURIComponent(digest), { cache: "no-store" });
        const s = await r.json();
        digest = s.digest;
        draw(s.chats);
        document.body.dataset.digest = digest;
      } catch (e) {
        await new Promise(res => setTimeout(res, 2000)); // the demo stopped or restarts
      }
    }
  }
  poll();
})();
