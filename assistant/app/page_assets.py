"""The page's own style and scripts: what Gradio's layout cannot say by itself.

The script turns the reply's links (open an article, search every date, a bar of the
timeline chart, watch this question, mark an alert read) into clicks on hidden buttons,
so every action goes through the app's handlers; nothing an article says is ever part of
a script.
"""

CSS = """
.answer { font-weight: 600; margin-bottom: .4em; }
.answer.abstained { font-weight: 500; font-style: italic; }
.standalone, .notes { font-size: .85em; opacity: .8; }
.citations-label { font-size: .8em; text-transform: uppercase; opacity: .7; margin-top: .6em; }
.citation { border-left: 3px solid #d0a000; padding: .2em .6em; margin: .4em 0; }
.citation-head { font-size: .85em; }
.citation-head a { cursor: pointer; text-decoration: underline; margin-right: .4em; }
.citation-text { font-size: .92em; }
mark.support { background: #ffe680; color: inherit; padding: 0 .1em; }
mark.answer-span { background: #ffc400; color: inherit; font-weight: 700; padding: 0; }
.citation.related { border-left-color: #c8c8c8; }
.citation .tag { font-size: .8em; text-transform: uppercase; opacity: .7; }
.citation .also { font-size: .8em; opacity: .8; margin-top: .2em; }
.article-text { line-height: 1.5; max-height: 32em; overflow-y: auto; }
.filters-on { background: #eef4ff; border-left: 3px solid #3b6fd6; padding: .3em .6em; }
.time-note { font-size: .85em; background: #eef4ff; padding: .2em .5em; }
.timeline-chart svg { width: 100%; height: 150px; }
.timeline-chart rect { fill: #3b6fd6; cursor: pointer; }
.timeline-chart rect:hover { fill: #d0a000; }
.timeline-chart figcaption, .timeline-source { font-size: .8em; opacity: .8; }
.timeline-events li { margin: .3em 0; }
.citation-date { font-weight: 700; }
.watch-this { margin: .5em 0 0; font-size: .85em; }
.watch-this a { cursor: pointer; border: 1px solid #3b6fd6; border-radius: 4px; padding: .1em .5em;
  text-decoration: none; }
.watch-note { font-size: .9em; background: #eef4ff; padding: .2em .5em; margin: 0; }
.watch-note.failed { background: #fff1e6; }
.alert { border: 1px solid #d8d8d8; border-radius: 4px; padding: .3em .6em; margin: .5em 0; }
.alert.unread { border-left: 4px solid #3b6fd6; background: #f6f9ff; }
.alert-head { font-size: .8em; opacity: .85; }
.alert-head a { cursor: pointer; text-decoration: underline; margin-left: .6em; }
.alert .unread-tag { background: #3b6fd6; color: #fff; border-radius: 3px; padding: 0 .3em; }
.alert-message { font-weight: 600; margin: .2em 0; }
.alert-citation .tag { font-size: .8em; text-transform: uppercase; opacity: .7; }
.digest-day { margin: .6em 0 .2em; }
.digest-lines { margin: 0 0 .4em 1.2em; }
.digest-line { margin: .25em 0; }
.digest-where { font-size: .85em; opacity: .8; }
.digest-line a { cursor: pointer; text-decoration: underline; font-size: .85em; }
.digest-empty { font-style: italic; }
"""

# Clicking "open article" in a citation asks the server for the article view through a
# hidden textbox and button (see render.open_link for what the link carries).
HEAD = """
<script>
function assistantRequest(boxSelector, buttonSelector, value) {
  var box = document.querySelector(boxSelector + " textarea, " + boxSelector + " input");
  var button = document.querySelector(buttonSelector);
  if (!box || !button) { return; }
  box.value = value;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(function () { button.click(); }, 50);
}
// A link under a reply or on an alert: [its href's prefix, the hidden box, its button].
var ASSISTANT_LINKS = [
  ["#watch-answer:", "#watch-request", "#watch-request-button"],
  ["#alert-read:", "#alert-read-request", "#alert-read-button"],
];
document.addEventListener("click", function (event) {
  for (var i = 0; i < ASSISTANT_LINKS.length; i++) {
    var route = ASSISTANT_LINKS[i];
    var hit = event.target.closest('a[href^="' + route[0] + '"]');
    if (hit) {
      event.preventDefault();
      assistantRequest(route[1], route[2], hit.getAttribute("href").slice(route[0].length));
      return;
    }
  }
  if (event.target.closest('a[href="#time-off"]')) {
    event.preventDefault();
    var again = document.querySelector("#every-date-button");
    if (again) { again.click(); }
    return;
  }
  var bar = event.target.closest('a[href^="#timeline-period:"]');
  if (bar) {
    event.preventDefault();
    var request = document.querySelector("#timeline-request textarea, #timeline-request input");
    var ask = document.querySelector("#timeline-request-button");
    if (!request || !ask) { return; }
    request.value = bar.getAttribute("href");
    request.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(function () { ask.click(); }, 50);
    return;
  }
  var link = event.target.closest('a[href^="#open-article:"]');
  if (!link) { return; }
  event.preventDefault();
  var box = document.querySelector("#open-request textarea, #open-request input");
  var button = document.querySelector("#open-request-button");
  if (!box || !button) { return; }
  box.value = link.getAttribute("href").slice("#open-article:".length);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(function () { button.click(); }, 50);
});
</script>
"""


SCROLL_TO_QUOTE = """() => {
  const mark = document.querySelector("#article-view mark#quoted");
  if (mark) { mark.scrollIntoView({ block: "center" }); }
}"""

# After a reply, the chat shows the question at its top and the answer under it (not the
# end of the last citation); the chat's own scrolling to the bottom is off.
SCROLL_TO_QUESTION = """() => {
  const asked = document.querySelectorAll("#chat .message-row.user-row, #chat .user-row");
  const last = asked[asked.length - 1];
  if (!last) { return; }
  let box = last.parentElement;
  while (box && box.scrollHeight <= box.clientHeight + 1) { box = box.parentElement; }
  if (!box) { return; }
  const top = last.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTo({ top: Math.max(0, box.scrollTop + top - 8) });
}"""
