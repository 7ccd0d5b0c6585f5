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
document.addEventListener("htmx:sendError", () => {
  showToast("error", document.body.dataset.offlineText || "Offline?");
});

// Copy buttons: <button data-copy="#input-id" data-copied="Copied">, for the calendar address.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  const done = () => showToast("success", button.dataset.copied || "Copied");
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});
