/**
 * From the ink that is evidence to a decision.
 *
 * The written area is measured SDAPS-style: 2×2 mm tiles stepped 1 mm, a tile is inked above 6 %
 * coverage; only ink in an inked tile counts for the span.
 *
 * score (0..1) = min(span evidence, mass evidence):
 *   span evidence = (span − 5 mm) / 4 mm, clamped; the span is the wider of the horizontal extent
 *     of the ink (gaps up to 4 mm bridged, or any gap the same strokes cross under a label or a
 *     line) and its vertical extent;
 *   mass evidence = (number of inked tiles − 6) / 12, clamped.
 * A tick (≤ 4.5 mm) or a dot stays at 0; 8 mm of real writing reaches 0.75. What is written inside
 * the box is also judged on its centre lines (parafScore, and LETTERS_LINE_MM for initials); the
 * box's score is the better of both.
 * Decision: score < UNSIGNED_BELOW → unsigned, score ≥ SIGNED_FROM → signed, else uncertain.
 */
import { GRID } from './grid.js';
import type { StrokeGeometry } from './strokes.js';
import type { BoxDecision } from './types.js';

export const UNSIGNED_BELOW = 0.3;
export const SIGNED_FROM = 0.6;

export interface BoxMeasure {
  decision: BoxDecision;
  score: number;
  /** Span of the ink (mm): the wider of the horizontal and the vertical extent. */
  spanMm: number;
  /** Number of inked 2×2 mm tiles. */
  tiles: number;
  /** Fraction of the measured area that is ink. */
  inkFraction: number;
}

/**
 * What thinning may have taken off a stroke's centre line: peeling stops at the centre, so each end
 * of a stroke loses about half the stroke's width as seen on the grid — about 0.3 mm for a
 * ballpoint line blurred by a scan (0.6–0.75 mm wide at 150 dpi) — and the ends of a thin line in
 * light ink (no pixel of it dark ink) fade below the ink threshold besides, which dark ink does not.
 * A light mark that looks like a paraf only with this added back (a thin 4 mm paraf in light grey
 * or light blue) is doubtful: uncertain, never signed on that alone; a 3 mm tick stays below even
 * so. (Dark ink is judged on its reach: PARAF_REACH_MM.)
 */
export const THINNING_LOSS_MM = 0.65;

/**
 * A paraf is a signature. The strokes written inside the box (no speck, nothing entering across the
 * border from a neighbour) are judged by how far they reach — on their centre lines, so a pen's
 * width does not count (or by their ink less 1 mm, for strokes so thick that thinning shortens
 * them) — and by how long their centre lines are (`lossMm` added to both: see THINNING_LOSS_MM):
 * 3.6 mm across with 4.5 mm of line is doubtful (a person looks); 4.4 mm across with 5.5 mm of line
 * — a line a quarter longer than its reach has turned back on itself at least once: initials, a
 * loop, a hooked stroke — is a paraf. A small tick (under 4 mm across, centre lines 3.5 mm) or a
 * dot stays below, and a 4 mm tick, however long its strokes, reaches only "doubtful" by its span.
 * The box's score is the better of this and the written-area score.
 */
export function parafScore(s: StrokeGeometry, lossMm = 0): number {
  const span = (Math.max(s.spanMm + lossMm, s.inkSpanMm - 1) - 2.8) / 2.67;
  const line = s.lengthMm + lossMm;
  const length = Math.max((line - 2.5) / 6.67, (line - 3.3) / 3.67);
  return Math.round(Math.min(1, Math.max(0, Math.min(span, length))) * 1000) / 1000;
}

/**
 * A deliberate mark: what is written inside the box (specks gone, nothing entering from a
 * neighbour) reaches PARAF_DOUBT_MM across in its ink, with at least PARAF_DOUBT_LINE_MM of centre
 * line (more than a dot's stub). A paraf 4 mm across on a phone photo is thickened by the blur to
 * 1–2 mm strokes: thinning then peels half of that off each end and fills its loops, so its centre
 * lines say 2.5–3 mm where the ink says 4–5 mm. Such a mark is never unsigned: a person looks. A
 * small tick under 3 mm across stays below (its ink reaches ~3.4 mm with the pen's width). The
 * price: four or five specks touching in a blurred 4 mm cluster are doubtful too (never signed).
 */
export const PARAF_DOUBT_MM = 4;
export const PARAF_DOUBT_LINE_MM = 2.5;
/**
 * …and only when the blur has visibly eaten into it: its ink reaches this much (mm) further than its
 * centre lines (strokes ~1.25 mm thick or more, which a ballpoint makes only through a phone's or a
 * soft scan's blur).
 */
export const BLURRED_MM = 1.25;
/**
 * …or, written sharp, when the pen's path reaches this far across (StrokeGeometry.reachMm: the ink's
 * extent less the stroke's width) with at least PARAF_DOUBT_LINE_MM of centre line. A tick-like
 * paraf 4 mm across, short and flat, has centre lines reaching only 3.25–3.75 mm on the 0.25 mm
 * grid and a line too short for "signed": its path reaches 3.5–4.25 mm. It is a paraf — a person
 * looks. A short tick or a dash under 2.5 mm (or a 3 mm tick) reaches well under 3.4 mm, and specks
 * never get here (components.ts drops them); a mark the blur has fattened errs short (its width is
 * over-estimated), so it is judged by BLURRED_MM instead.
 */
export const PARAF_REACH_MM = 3.4;

/**
 * Written letters: a mark inside the box whose pen reaches PARAF_REACH_MM across and whose centre
 * lines run LETTERS_LINE_MM or more, and LETTERS_TURNS times its reach or more, is initials (or a
 * scribble): signed, though it is narrower than the 4.4 mm that signs on its span. One stroke across
 * a reach r has about r of centre line; two strokes — a tick, a V as tall as it is wide — at most
 * 2.24 r (the grid's staircase measures a slanted line up to a tenth long: 2.33 r at most over 143
 * drawn Vs and hooked ticks, test/scan/parafs.test.ts). So 2.5 r of line is three strokes or more
 * that turn back on each other: letters. No speck or dot gets here (components.ts drops each one:
 * their centre lines are stubs under 3 mm), nor a neighbour's flourish (it enters across the
 * border, so it is not written inside the box). Two-letter initials 4.5–5 mm across written on a
 * scanner have 9.5–15.5 mm of centre line reaching 3.5–4.3 mm: 2.4–3.6 times their reach (fresh
 * scanner runs, seeds 731902457 and 1618033989, where eight such boxes read uncertain; the 150-dpi
 * ones with the corners thinned off stay uncertain).
 */
export const LETTERS_LINE_MM = 9;
export const LETTERS_TURNS = 2.5;

export function withParaf(r: BoxMeasure, s: StrokeGeometry, light: boolean): BoxMeasure {
  const letters =
    s.reachMm >= PARAF_REACH_MM && s.lengthMm >= LETTERS_LINE_MM && s.lengthMm >= LETTERS_TURNS * s.reachMm;
  const p = letters ? Math.max(SIGNED_FROM, parafScore(s)) : parafScore(s);
  const best = p > r.score ? { ...r, score: p, decision: decisionOf(p) } : r;
  if (best.decision !== 'unsigned') return best;
  const blurred = s.inkSpanMm >= PARAF_DOUBT_MM && s.inkSpanMm - s.spanMm >= BLURRED_MM;
  const deliberate = s.lengthMm >= PARAF_DOUBT_LINE_MM && (blurred || s.reachMm >= PARAF_REACH_MM);
  if (!deliberate && (!light || parafScore(s, THINNING_LOSS_MM) < UNSIGNED_BELOW)) return best;
  return { ...best, decision: 'uncertain', score: UNSIGNED_BELOW };
}

export const decisionOf = (score: number): BoxDecision =>
  score >= SIGNED_FROM ? 'signed' : score < UNSIGNED_BELOW ? 'unsigned' : 'uncertain';

export function scoreWriting(m: Uint8Array, w: number, h: number, bridge?: Uint8Array): BoxMeasure {
  const T = 2 * GRID; // tile 2 mm
  const S = GRID; // step 1 mm
  let tiles = 0;
  let ink = 0;
  for (let i = 0; i < m.length; i++) ink += m[i]!;
  // Ink that lies in an inked tile (isolated specks and thin noise do not count).
  const supported = new Uint8Array(w * h);
  for (let tx = 0; tx + T <= w || tx === 0; tx += S) {
    for (let ty = 0; ty + T <= h || ty === 0; ty += S) {
      let c = 0,
        n = 0;
      const xe = Math.min(w, tx + T),
        ye = Math.min(h, ty + T);
      for (let y = ty; y < ye; y++)
        for (let x = tx; x < xe; x++) {
          c += m[y * w + x]!;
          n++;
        }
      if (n && c / n > 0.06) {
        tiles++;
        for (let y = ty; y < ye; y++) for (let x = tx; x < xe; x++) if (m[y * w + x]) supported[y * w + x] = 1;
      }
      if (ty + T >= h) break;
    }
    if (tx + T >= w) break;
  }
  const colInk = new Uint8Array(w);
  const rowInk = new Uint8Array(h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (supported[y * w + x]) {
        colInk[x] = 1;
        rowInk[y] = 1;
      }
  // Horizontal span: the widest run of inked pixel columns, gaps up to 4 mm bridged (the pen lifts
  // between the parts of a signature), and any gap that the same strokes cross (over a printed
  // label or line, which are not evidence themselves).
  const colBridge = new Uint8Array(w);
  if (bridge) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (bridge[y * w + x]) colBridge[x] = 1;
  let best = 0;
  {
    let start = -1,
      last = -1;
    for (let x = 0; x < w; x++) {
      if (!colInk[x]) continue;
      let joined = start >= 0 && x - last <= 4 * GRID;
      if (start >= 0 && !joined) {
        joined = true;
        for (let k = last + 1; k < x && joined; k++) if (!colBridge[k]) joined = false;
      }
      if (!joined) start = x;
      last = x;
      best = Math.max(best, last - start + 1);
    }
  }
  // Vertical extent too: a signature pushed half out of its row still shows a long stroke.
  let first = -1,
    lastRow = -1;
  for (let y = 0; y < h; y++)
    if (rowInk[y]) {
      if (first < 0) first = y;
      lastRow = y;
    }
  const vBest = first >= 0 ? lastRow - first + 1 : 0;
  const spanMm = Math.round((Math.max(best, vBest) / GRID) * 100) / 100;
  const sSpan = Math.min(1, Math.max(0, (spanMm - 5) / 4));
  const sMass = Math.min(1, Math.max(0, (tiles - 6) / 12));
  const score = Math.round(Math.min(sSpan, sMass) * 1000) / 1000;
  return { decision: decisionOf(score), score, spanMm, tiles, inkFraction: ink / Math.max(1, m.length) };
}
