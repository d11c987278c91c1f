// Moments stored in UTC (<time class="local-time" datetime="...">) shown in the reader's
// local time; the UTC text stays in the title. Without JavaScript the UTC text remains.
document.querySelectorAll("time.local-time").forEach((element) => {
  const moment = new Date(element.getAttribute("datetime"));
  if (Number.isNaN(moment.getTime())) return;
  const lang = document.documentElement.lang || undefined;
  element.title = element.textContent;
  element.textContent = new Intl.DateTimeFormat(lang, {
    dateStyle: "long", timeStyle: "short", timeZoneName: "short",
  }).format(moment);
});
