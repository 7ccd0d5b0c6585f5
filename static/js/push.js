// Push notifications: subscribe this browser (the Push API, through the service worker) and
// hand the subscription to the server (reminders/views/push.py).
(() => {
  const section = document.getElementById("push-this-device");
  const button = document.getElementById("push-enable");
  if (!section || !button) return;
  const status = section.querySelector(".push-status");
  const say = (text) => {
    status.textContent = text;
  };

  function keyBytes(base64url) {
    const padded = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
      .replace(/-/g, "+")
      .replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function deviceName() {
    const agent = navigator.userAgent;
    const system = /iPhone|iPad/.test(agent) ? (agent.match(/iPhone|iPad/) || [""])[0]
      : /Android/.test(agent) ? "Android"
      : /Mac OS X/.test(agent) ? "Mac"
      : /Windows/.test(agent) ? "Windows"
      : "Linux";
    const browser = /Edg\//.test(agent) ? "Edge"
      : /Firefox\//.test(agent) ? "Firefox"
      : /Chrome\//.test(agent) ? "Chrome"
      : /Safari\//.test(agent) ? "Safari"
      : "";
    return [system, browser].filter(Boolean).join(" · ");
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    button.disabled = true;
    say(section.dataset.unsupportedText);
    return;
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        say(section.dataset.deniedText);
        return;
      }
      const registration = await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(section.dataset.serverKey),
      });
      const data = subscription.toJSON();
      const body = new FormData();
      body.append("endpoint", data.endpoint);
      body.append("p256dh", data.keys.p256dh);
      body.append("auth", data.keys.auth);
      body.append("name", deviceName());
      const token = section.querySelector("input[name=csrfmiddlewaretoken]").value;
      const response = await fetch(section.dataset.subscribeUrl, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(await response.text());
      location.reload();
    } catch (error) {
      say(`${section.dataset.failedText} ${error.message || ""}`.trim());
    } finally {
      button.disabled = false;
    }
  });
})();
