// What the editor can hold: exactly what BodySanitizer keeps on the server, so that what the
// newsroom sees while writing is what readers get after saving.
import { Mark, Node } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Image from "@tiptap/extension-image";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";

// The server keeps links to the web, mail, phones and paths on the site itself; anything else
// (javascript:, data:, ftp:) is refused here too, so no link is shown that saving would drop.
export const allowedUrl = (url) => /^(https?:\/\/|mailto:|tel:|\/(?!\/))/i.test((url ?? "").trim());

// Sub- and superscript as plain marks (Tiptap's own packages lag behind the version pinned here);
// Google Docs sends them as styled spans.
const script = (name, tag, align, key, other) =>
  Mark.create({
    name,
    excludes: other,
    parseHTML: () => [{ tag }, { style: "vertical-align", getAttrs: (value) => (value === align ? null : false) }],
    renderHTML: () => [tag, 0],
    addKeyboardShortcuts() {
      return { [key]: () => this.editor.commands.toggleMark(name) };
    },
  });

// Pictures come only from the media library (the server drops any other src), so one pasted from
// elsewhere is left out at once rather than shown and then lost on saving. There is no button:
// pictures are placed from the media library, but those already in an article must survive.
const MediaImage = Image.extend({
  parseHTML: () => [{ tag: 'img[src^="/media/"]' }],
}).configure({ inline: false, allowBase64: false });

const Figure = Node.create({
  name: "figure",
  group: "block",
  content: "image figcaption?",
  draggable: true,
  isolating: true,
  parseHTML: () => [{ tag: "figure", getAttrs: (el) => (el.querySelector('img[src^="/media/"]') ? null : false) }],
  renderHTML: () => ["figure", 0],
});

// Only inside a figure; a stray figcaption's text becomes an ordinary paragraph.
const Figcaption = Node.create({
  name: "figcaption",
  content: "inline*",
  parseHTML: () => [{ tag: "figcaption", context: "figure/" }],
  renderHTML: () => ["figcaption", 0],
});

// Column widths and alignment would be style attributes, which the CSP refuses in the editor and
// the server strips anyway. Table headers keep scope, for screen readers.
const noStyle = {
  colwidth: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
  align: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
};
const scope = {
  default: null,
  parseHTML: (el) => (/^(row|col|rowgroup|colgroup)$/.test(el.getAttribute("scope")) ? el.getAttribute("scope") : null),
  renderHTML: (attrs) => (attrs.scope ? { scope: attrs.scope } : {}),
};
const Cell = TableCell.extend({ addAttributes() { return { ...this.parent?.(), ...noStyle }; } });
const Header = TableHeader.extend({ addAttributes() { return { ...this.parent?.(), ...noStyle, scope }; } });
const PlainTable = Table.extend({
  // No colgroup and no min-width style in the saved HTML.
  renderHTML: ({ HTMLAttributes }) => ["table", HTMLAttributes, ["tbody", 0]],
  addKeyboardShortcuts() {
    // Tab in the last cell leaves the editor instead of adding a row, so the keyboard is never
    // trapped in a table; rows are added with the toolbar.
    return { ...this.parent?.(), Tab: () => this.editor.commands.goToNextCell() };
  },
});

export const extensions = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    heading: { levels: [2, 3, 4] },
    link: {
      openOnClick: false,
      defaultProtocol: "https",
      isAllowedUri: allowedUrl,
      HTMLAttributes: { target: null, rel: null, class: null },
    },
  }),
  script("subscript", "sub", "sub", "Mod-,", "superscript"),
  script("superscript", "sup", "super", "Mod-.", "subscript"),
  MediaImage,
  Figure,
  Figcaption,
  PlainTable,
  TableRow,
  Cell,
  Header,
];
