// Building the page from data without ever reading data as HTML: every string
// becomes a text node or an attribute value. The only HTML the console inserts
// is the server's Markdown preview, and that goes through preview.js.

// h('button', {type: 'button', onclick: f}, 'Save') → <button>Save</button>
// Attributes: `class`, `for`, any attribute name, `on<event>` for listeners,
// `dataset` (an object) and `hidden`/`disabled`/`checked`/... as booleans.
// Children: strings (text), nodes, arrays of either, and null/undefined/false
// (skipped).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2), value);
      } else if (name === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (name === 'value') {
        el.value = value;
      } else if (value === true) {
        el.setAttribute(name, '');
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Replaces el's children with `children`.
export function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

function two(n) {
  return String(n).padStart(2, '0');
}

// "2026-11-30T10:15:00Z" → "30/11/2026 17:15" in the browser's time zone
// (dates are dd/mm/yyyy in Vietnam whatever the interface language). Text the
// browser cannot read as a time is shown as it came.
export function formatTime(text) {
  if (!text) return '';
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return String(text);
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

// "2015-01-15" → "15/01/2015"; anything else unchanged.
export function formatDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : text || '';
}

// Runs `fn` `ms` after the last call.
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// A button that asks to be pressed a second time before it acts: no native
// confirm() dialog, and a stray click never deletes or rolls back anything.
export function confirmButton(label, confirmLabel, action, attrs = {}) {
  let armed = false;
  let timer = null;
  const button = h('button', { type: 'button', ...attrs }, label);
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      button.classList.add('armed');
      timer = setTimeout(() => {
        armed = false;
        button.textContent = label;
        button.classList.remove('armed');
      }, 5000);
      return;
    }
    clearTimeout(timer);
    armed = false;
    button.textContent = label;
    button.classList.remove('armed');
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
