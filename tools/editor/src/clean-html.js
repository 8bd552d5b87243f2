// HTML that comes into the editor: the saved body on load, and anything pasted or dropped.
// Word and Google Docs carry their formatting in style attributes. The page's CSP refuses those
// as soon as any DOM parses them, even a detached one (a console error each), which also hides
// them from Tiptap's own paste rules: Google Docs' <b style="font-weight:normal"> around the whole
// paste would then make everything bold. So styles are renamed before parsing, turned into
// elements here and dropped, much as BodySanitizer.Unpaste does on the server.

const styleOf = (el) => (el.getAttribute("data-style") ?? "").toLowerCase().replace(/\s+/g, "");

// Wraps the element's content, so a styled <p> or <td> stays a block with <strong> inside.
function wrapInside(el, tag) {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...el.childNodes);
  el.append(wrapper);
}

function rename(el, tag) {
  const renamed = el.ownerDocument.createElement(tag);
  renamed.append(...el.childNodes);
  el.replaceWith(renamed);
  return renamed;
}

// Word writes list items as paragraphs with a typed bullet or number in front (in a span marked
// mso-list:Ignore); consecutive ones become one real list. Nesting is flattened.
function wordLists(body) {
  for (const p of body.querySelectorAll("p")) {
    if (!/^MsoListParagraph/.test(p.className) && !/mso-list:l\d/.test(styleOf(p))) continue;
    const marker = p.querySelector('[data-style*="mso-list:ignore" i]');
    const tag = /^\s*\(?[0-9a-z]{1,4}[.)]/i.test(marker?.textContent ?? "") ? "ol" : "ul";
    marker?.remove();
    let list = p.previousElementSibling;
    if (list?.localName !== tag || !list.hasAttribute("data-word-list")) {
      list = p.ownerDocument.createElement(tag);
      list.setAttribute("data-word-list", "");
      p.before(list);
    }
    list.append(rename(p, "li"));
  }
  for (const list of body.querySelectorAll("[data-word-list]")) list.removeAttribute("data-word-list");
}

// Word also brackets those markers in <![if !supportLists]> … <![endif]>, which the HTML parser
// keeps as comments; whatever lies between them is the typed marker, whatever its styling.
function wordListMarkers(body) {
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const starts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/^\[if !supportLists\]/i.test(node.data)) starts.push(node);
  }
  for (const start of starts) {
    let next = start.nextSibling;
    while (next && !(next.nodeType === Node.COMMENT_NODE && /^\[endif\]/i.test(next.data))) {
      const after = next.nextSibling;
      next.remove();
      next = after;
    }
  }
}

function stylesToElements(body) {
  for (const el of body.querySelectorAll("[data-style]")) {
    const style = styleOf(el);
    if (el.localName === "b" && /font-weight:(normal|[1-4]00)/.test(style)) {
      el.replaceWith(...el.childNodes);
      continue;
    }
    if (/font-weight:(bold|[6-9]00)/.test(style)) wrapInside(el, "strong");
    if (/font-style:italic/.test(style)) wrapInside(el, "em");
    // Google Docs underlines links with a style too; that is the link, not emphasis.
    if (/text-decoration[^;]*underline/.test(style) && !el.closest("a")) wrapInside(el, "u");
    if (/text-decoration[^;]*line-through/.test(style)) wrapInside(el, "s");
    if (/vertical-align:super/.test(style)) wrapInside(el, "sup");
    if (/vertical-align:sub/.test(style)) wrapInside(el, "sub");
  }
}

export function cleanHtml(html) {
  const renamed = html
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, "")
    .replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(/(\s)style(\s*=)/gi, "$1data-style$2"));
  const body = new DOMParser().parseFromString(`<body>${renamed}</body>`, "text/html").body;
  wordListMarkers(body);
  wordLists(body);
  stylesToElements(body);
  // The page has its own h1 and articles use h2–h4, as on the server.
  for (const el of body.querySelectorAll("h1, p.MsoTitle, p.MsoHeading1, p.MsoHeading2")) rename(el, "h2");
  for (const el of body.querySelectorAll("h5, h6")) rename(el, "h4");
  for (const a of body.querySelectorAll("a")) ["target", "rel", "class"].forEach((name) => a.removeAttribute(name));
  for (const el of body.querySelectorAll("[data-style]")) el.removeAttribute("data-style");
  return body.innerHTML;
}
