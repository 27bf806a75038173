// The server's Markdown preview (POST /preview) into the page. The server
// escapes every character of the staff's text and writes no attribute but
// href (docs/console.md); this copies its answer element by element from an
// inert DOMParser document, keeping only the elements a kiosk page can hold
// and links to https:, http: and mailto:, so a mistake on either side still
// cannot put script or an event handler into the console.

const ALLOWED = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'EM', 'B', 'I', 'UL', 'OL', 'LI',
  'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'A', 'BR', 'HR', 'CODE', 'PRE',
  'BLOCKQUOTE', 'DEL', 'S', 'SPAN', 'DIV', 'U', 'SUP', 'SUB', 'MARK', 'CAPTION', 'TFOOT',
]);
const SAFE_LINK = /^(https?:|mailto:)/i;

function copy(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = node.tagName;
  if (!ALLOWED.has(tag)) return document.createTextNode(node.textContent || '');
  const el = document.createElement(tag.toLowerCase());
  if (tag === 'A') {
    const href = node.getAttribute('href') || '';
    if (SAFE_LINK.test(href)) {
      el.setAttribute('href', href);
      el.setAttribute('rel', 'noopener noreferrer');
      el.setAttribute('target', '_blank');
    }
    el.className = 'link';
  }
  if (tag === 'OL' && node.hasAttribute('start')) {
    const start = Number.parseInt(node.getAttribute('start'), 10);
    if (Number.isFinite(start)) el.setAttribute('start', String(start));
  }
  for (const child of node.childNodes) {
    const c = copy(child);
    if (c) el.appendChild(c);
  }
  return el;
}

// A fragment holding `html` made safe.
export function previewFragment(html) {
  const doc = new DOMParser().parseFromString(String(html || ''), 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of doc.body.childNodes) {
    const c = copy(child);
    if (c) fragment.appendChild(c);
  }
  return fragment;
}
