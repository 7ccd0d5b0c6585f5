// The outbox: a quick log or a new contact made without a connection waits on this phone
// (localStorage) and is sent when the phone is online again, exactly once. Each form marked
// data-offline-queue gets a fresh idempotency key when it is submitted; the server remembers
// every key it saw (contacts/offline.py), so a send repeated after a lost answer, from a
// second tab or by a double tap saves nothing twice. Also registers the service worker.
(() => {
  const STORE = "netzwerk.outbox";
  const RETRY_MS = 20000;
  let sending = false;

  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || [];
    } catch {
      return [];
    }
  };
  const write = (entries) => {
    localStorage.setItem(STORE, JSON.stringify(entries));
    render();
  };

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function giveKey(form) {
    let input = form.querySelector("input[name=idempotency_key]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "idempotency_key";
      form.appendChild(input);
    }
    input.value = newKey();
  }

  function label(form, data, submitter) {
    const what = submitter && submitter.name === "kind" ? submitter.textContent.trim() : "";
    const name = [data.get("first_name"), data.get("last_name")].filter(Boolean).join(" ");
    const notes = (data.get("notes") || "").toString().slice(0, 60);
    return [form.dataset.offlineLabel, what || name, notes].filter(Boolean).join(" · ");
  }

  function queue(form, submitter) {
    const data = new FormData(form, submitter || undefined);
    const fields = [...data.entries()].filter(([, value]) => typeof value === "string");
    const entries = read();
    const key = data.get("idempotency_key");
    if (!entries.some((entry) => entry.key === key)) {
      entries.push({ key, url: form.action, fields, label: label(form, data, submitter) });
      write(entries);
    }
    form.reset();
    giveKey(form);
    const outbox = document.getElementById("outbox");
    if (outbox && window.showToast) showToast("info", outbox.dataset.queuedText);
  }

  // Capture phase: runs before htmx's own submit handler, which it stops when offline.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target.closest("form[data-offline-queue]");
      if (!form) return;
      form.lastSubmitter = event.submitter;
      giveKey(form);
      if (navigator.onLine) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      queue(form, event.submitter);
    },
    true,
  );

  // Online by the phone's account, yet the request never arrived: queue it too.
  document.addEventListener("htmx:sendError", (event) => {
    const form = event.detail.elt.closest && event.detail.elt.closest("form[data-offline-queue]");
    if (form) queue(form, form.lastSubmitter);
  });

  async function send() {
    if (sending || !navigator.onLine) return;
    sending = true;
    let sent = 0;
    try {
      for (const entry of read()) {
        if (entry.failed) continue;
        const body = new FormData();
        for (const [name, value] of entry.fields) body.append(name, value);
        let response;
        try {
          response = await fetch(entry.url, { method: "POST", body, credentials: "same-origin" });
        } catch {
          break; // still no connection: the next try sends it
        }
        const signedOut = new URL(response.url).pathname.startsWith("/accounts/");
        const remaining = read().filter((other) => other.key !== entry.key);
        if (response.ok && !signedOut) {
          write(remaining);
          sent += 1;
        } else if (signedOut || (response.status >= 400 && response.status < 500)) {
          // Refused for good (signed out, or the form has an error): kept, shown, not resent.
          write([...remaining, { ...entry, failed: true }]);
        }
      }
    } finally {
      sending = false;
    }
    const outbox = document.getElementById("outbox");
    if (sent && outbox && window.showToast) showToast("success", outbox.dataset.sentText);
  }

  function render() {
    const outbox = document.getElementById("outbox");
    if (!outbox) return;
    const entries = read();
    const list = outbox.querySelector("ol");
    list.replaceChildren(
      ...entries.map((entry) => {
        const item = document.createElement("li");
        item.textContent = entry.label;
        if (entry.failed) {
          item.className = "failed";
          const note = document.createElement("span");
          note.textContent = ` — ${outbox.dataset.failedText}`;
          const drop = document.createElement("button");
          drop.type = "button";
          drop.className = "link";
          drop.textContent = outbox.dataset.dropText;
          drop.addEventListener("click", () => write(read().filter((e) => e.key !== entry.key)));
          item.append(note, " ", drop);
        }
        return item;
      }),
    );
    outbox.querySelector(".outbox-count").textContent = String(entries.length);
    outbox.hidden = entries.length === 0;
  }

  window.addEventListener("online", send);
  window.addEventListener("storage", (event) => event.key === STORE && render());
  setInterval(() => read().length && send(), RETRY_MS);
  document.addEventListener("DOMContentLoaded", () => {
    render();
    send();
  });

  if ("serviceWorker" in navigator && document.body && document.body.dataset.serviceWorker) {
    navigator.serviceWorker.register(document.body.dataset.serviceWorker, { scope: "/" });
  }
})();
