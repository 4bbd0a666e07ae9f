"""Pictures never show a secret: a style the harness adds to every page of its own browser covers each place
where the flow's pages show a key or a typed credential (``pages/secret_places.py``) with a hatched box.

It is an init script, so it is there before the page first paints, in every tab (the portal's tab that Sign
in opens too), for every picture: the living doc's step and failure pictures and illustrations, Playwright's
screenshots, traces and videos. The page's text, values and behaviour are untouched: checks still read the
real key (and reports mask it as text). ``--reveal-keys`` (bundled mocks only) leaves it out.
"""

from __future__ import annotations

import json

from pages.secret_places import SECRET_PLACES

STYLE_ID = "harness-secret-mask"
COVER = (
    "color: transparent !important; -webkit-text-fill-color: transparent !important; "
    "text-shadow: none !important; caret-color: transparent !important; "
    "background: repeating-linear-gradient(135deg, #5f6b73 0 5px, #8d99a1 5px 10px) !important;"
)
STYLE = f"{', '.join(SECRET_PLACES)} {{ {COVER} }}"
SCRIPT = f"""(() => {{
  const add = () => {{
    if (document.getElementById({json.dumps(STYLE_ID)})) return true;
    const parent = document.head || document.documentElement;
    if (!parent) return false;
    const style = document.createElement("style");
    style.id = {json.dumps(STYLE_ID)};
    style.textContent = {json.dumps(STYLE)};
    parent.appendChild(style);
    return true;
  }};
  if (!add()) new MutationObserver((_, observer) => add() && observer.disconnect())
    .observe(document, {{ childList: true, subtree: true }});
  document.addEventListener("DOMContentLoaded", add);
}})();"""
