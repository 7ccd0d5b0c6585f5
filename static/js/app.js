// Netzwerk's only script besides htmx: toasts for messages sent with HTMX responses,
// and a flag that hides no-JS fallbacks (buttons that htmx makes unnecessary).
document.documentElement.classList.add("js");

function showToast(level, text) {
  const box = document.getElementById("toasts");
  if (!box) return;
  const item = document.createElement("div");
  item.className = "toast msg msg-" + level;
  item.setAttribute("role", "status");
  item.textContent = text;
  box.appendChild(item);
  setTimeout(() => item.remove(), 4000);
}

document.addEventListener("messages", (event) => {
  for (const message of event.detail.value || []) showToast(message.level, message.text);
});

// A failed request (network down, server error) must not pass silently.
document.addEventListener("htmx:responseError", (event) => {
  showToast("error", document.body.dataset.errorText || "Error " + event.detail.xhr.status);
});
document.addEventListener("htmx:sendError", (event) => {
  // A form that waits in the outbox when offline says so itself (static/js/offline.js).
  if (event.detail.elt.closest && event.detail.elt.closest("form[data-offline-queue]")) return;
  showToast("error", document.body.dataset.offlineText || "Offline?");
});

// Copy buttons: copy the text of the field named in data-copy-target. Where the clipboard is
// not available (no HTTPS, permission refused), the text is selected and the fallback shown.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copyTarget);
  const status = button.parentElement.querySelector(".copy-status");
  if (!field) return;
  const say = (text, ok) => {
    if (status) status.textContent = text;
    button.classList.toggle("copied", ok);
  };
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(field.value);
    say(button.dataset.copiedText || "✓", true);
  } catch {
    field.focus();
    field.select();
    say(button.dataset.fallbackText || "", false);
  }
});
