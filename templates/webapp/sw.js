{% autoescape off %}// Netzwerk's service worker (netzwerk/webapp.py renders it). Static files are served from
// the cache by their hashed names, pages from the network; a page that cannot load shows the
// offline page, and "new contact" opens from the cache so it can be filled in offline (its
// form then waits in the outbox, static/js/offline.js).
const CACHE = "netzwerk-{{ version }}";
const OFFLINE_URL = "{{ offline_url }}";
const NEW_CONTACT_URL = "{{ new_contact_url }}";
const STATIC_PREFIX = "{{ static_prefix }}";
const PRECACHE = {{ precache }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([OFFLINE_URL, ...PRECACHE]);
      // Best effort: only a signed-in visitor gets the form (others a redirect, not kept).
      try {
        const form = await fetch(NEW_CONTACT_URL, { credentials: "same-origin", redirect: "manual" });
        if (form.status === 200) await cache.put(NEW_CONTACT_URL, form);
      } catch {}
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("netzwerk-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }

  if (request.mode === "navigate") {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (url.pathname === NEW_CONTACT_URL && response.ok && !response.redirected && !url.search) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(NEW_CONTACT_URL, copy));
          }
          return response;
        } catch {
          const cache = await caches.open(CACHE);
          if (url.pathname === NEW_CONTACT_URL) {
            const form = await cache.match(NEW_CONTACT_URL);
            if (form) return form;
          }
          return (await cache.match(OFFLINE_URL)) || Response.error();
        }
      })(),
    );
  }
});
// A nudge as a notification (reminders/push.py sends it); a tap opens what it is about.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || "Netzwerk", {
      body: message.body || "",
      tag: message.tag,
      icon: PRECACHE.find((url) => url.includes("icon-192")),
      data: { url: message.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data.url || "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      for (const client of await self.clients.matchAll({ type: "window" })) {
        if (client.url === target && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(target);
    })(),
  );
});
{% endautoescape %}
