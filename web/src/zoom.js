// zoom.js -- pan and zoom of the graph pane.  The SVG fills the pane; its
// viewBox is the window onto the graph's content (graph.js draws in content
// coordinates 0..cw x 0..ch, the same at every step of a run).
//
// Owns the view: mode "fit" (the default for a new run: the whole graph,
// scaled down and centred when it is larger than the pane, never enlarged) or "manual" (after
// a wheel, a drag, + / − / 1:1), the scale and the content point at the
// pane's top-left corner.  Invariants: at least MARGIN screen pixels of the
// content stay in view (panning and zooming are clamped), and "fit" always
// shows every object; the exports do not depend on the view (graph.js).

const MARGIN = 80;
const MAX_SCALE = 4;

// Attach pan and zoom to svg inside wrap; onView(z) runs after each change
// (to show the zoom level).  Returns the controller.
export function createZoom(wrap, svg, onView) {
  const z = { mode: 'fit', scale: 1, x: 0, y: 0 };

  // The content size the graph declared, and the pane's size.
  const content = () => ({ w: Number(svg.dataset.cw) || 1, h: Number(svg.dataset.ch) || 1 });
  const pane = () => ({ w: Math.max(1, wrap.clientWidth), h: Math.max(1, wrap.clientHeight) });

  // The scale at which the whole content fits the pane (at most 1).
  const fitScale = () => {
    const c = content(), v = pane();
    return Math.min(1, v.w / c.w, v.h / c.h);
  };

  // Keep the scale within bounds and some content in view.
  const clamp = () => {
    const c = content(), v = pane();
    z.scale = Math.min(MAX_SCALE, Math.max(Math.min(fitScale(), 1) * 0.5, z.scale));
    const vw = v.w / z.scale, vh = v.h / z.scale, m = MARGIN / z.scale;
    z.x = Math.min(c.w - Math.min(m, c.w), Math.max(Math.min(m, c.w) - vw, z.x));
    z.y = Math.min(c.h - Math.min(m, c.h), Math.max(Math.min(m, c.h) - vh, z.y));
  };

  // Write the view into the SVG.
  z.apply = () => {
    const v = pane();
    if (z.mode === 'fit') {
      // Whole graph; scaled down, it is centred (its slack split evenly).
      const c = content();
      z.scale = fitScale();
      z.x = z.scale < 1 ? Math.min(0, (c.w - v.w / z.scale) / 2) : 0;
      z.y = z.scale < 1 ? Math.min(0, (c.h - v.h / z.scale) / 2) : 0;
    }
    clamp();
    svg.setAttribute('width', v.w);
    svg.setAttribute('height', v.h);
    svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    svg.setAttribute('viewBox', `${z.x.toFixed(2)} ${z.y.toFixed(2)} ${(v.w / z.scale).toFixed(2)} ${(v.h / z.scale).toFixed(2)}`);
    svg.dataset.scale = z.scale.toFixed(4);
    wrap.dataset.mode = z.mode;
    if (onView) onView(z);
  };

  // Whole graph in view (the default).
  z.fit = () => { z.mode = 'fit'; z.apply(); };

  // Zoom by factor f keeping the content point under pane pixel (px, py).
  z.zoomAt = (f, px, py) => {
    const v = pane();
    if (px === undefined) { px = v.w / 2; py = v.h / 2; }
    const cx = z.x + px / z.scale, cy = z.y + py / z.scale;
    z.mode = 'manual';
    z.scale *= f;
    clamp();
    z.x = cx - px / z.scale;
    z.y = cy - py / z.scale;
    z.apply();
  };

  // Actual size, from the top-left corner.
  z.oneToOne = () => { z.mode = 'manual'; z.scale = 1; z.x = 0; z.y = 0; z.apply(); };

  // Pan by (dx, dy) screen pixels.
  z.panBy = (dx, dy) => { z.mode = 'manual'; z.x -= dx / z.scale; z.y -= dy / z.scale; z.apply(); };

  // Bring content point (cx, cy) (an object's centre) into the middle of the pane.
  z.center = (cx, cy) => {
    const v = pane();
    z.mode = 'manual';
    z.x = cx - v.w / 2 / z.scale;
    z.y = cy - v.h / 2 / z.scale;
    z.apply();
  };

  // The wheel zooms at the pointer (a horizontal wheel pans).
  wrap.addEventListener('wheel', (e) => {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) { z.panBy(-e.deltaX * unit, 0); return; }
    const r = wrap.getBoundingClientRect();
    z.zoomAt(Math.exp(-e.deltaY * unit * 0.002), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  // A drag pans; a drag is not a click (a node under it is not selected).
  let drag = null;
  wrap.addEventListener('pointerdown', (e) => {
    drag = null;
    if (e.button !== 0 || e.target.closest('.zoombar')) return;
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  });
  wrap.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    if (!(e.buttons & 1)) { drag = null; wrap.classList.remove('dragging'); return; } // released outside
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) { drag.moved = true; wrap.setPointerCapture(e.pointerId); wrap.classList.add('dragging'); }
    drag.x = e.clientX; drag.y = e.clientY;
    z.panBy(dx, dy);
  });
  const endDrag = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    if (drag.moved) {
      wrap.classList.remove('dragging');
      // Swallow the click that ends the drag.
      const swallow = (c) => { c.stopPropagation(); c.preventDefault(); };
      wrap.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => wrap.removeEventListener('click', swallow, { capture: true }), 0);
    }
    drag = null;
  };
  wrap.addEventListener('pointerup', endDrag);
  wrap.addEventListener('pointercancel', endDrag);
  wrap.addEventListener('lostpointercapture', endDrag);

  // The pane changed size (window, layout): same view, new pane.
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => z.apply()).observe(wrap);
  return z;
}
