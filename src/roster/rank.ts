/**
 * Pangkat/golongan: PNS ranks I/a … IV/e with their names, PPPK golongan I–XVII (no rank name).
 * Rosters write them many ways: "III/b", "III/B", "3B", "III-b", "Penata Muda Tk.I (III/b)", "Golongan IX".
 */
import type { PersonKind, Rank } from '../model/person.js';

export interface RankEntry {
  golongan: string;
  name: string;
}

/** The 17 PNS ranks, lowest first. */
export const PNS_RANKS: readonly RankEntry[] = [
  { golongan: 'I/a', name: 'Juru Muda' },
  { golongan: 'I/b', name: 'Juru Muda Tingkat I' },
  { golongan: 'I/c', name: 'Juru' },
  { golongan: 'I/d', name: 'Juru Tingkat I' },
  { golongan: 'II/a', name: 'Pengatur Muda' },
  { golongan: 'II/b', name: 'Pengatur Muda Tingkat I' },
  { golongan: 'II/c', name: 'Pengatur' },
  { golongan: 'II/d', name: 'Pengatur Tingkat I' },
  { golongan: 'III/a', name: 'Penata Muda' },
  { golongan: 'III/b', name: 'Penata Muda Tingkat I' },
  { golongan: 'III/c', name: 'Penata' },
  { golongan: 'III/d', name: 'Penata Tingkat I' },
  { golongan: 'IV/a', name: 'Pembina' },
  { golongan: 'IV/b', name: 'Pembina Tingkat I' },
  { golongan: 'IV/c', name: 'Pembina Utama Muda' },
  { golongan: 'IV/d', name: 'Pembina Utama Madya' },
  { golongan: 'IV/e', name: 'Pembina Utama' },
];

/** PPPK golongan I–XVII. */
export const PPPK_GOLONGAN: readonly string[] = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
];

export interface RankError {
  error: string;
  hint?: string;
}

export function isRankError(r: Rank | null | RankError): r is RankError {
  return r !== null && 'error' in r;
}

const ROMAN_PNS = ['I', 'II', 'III', 'IV'];
const BY_GOLONGAN = new Map(PNS_RANKS.map((r) => [r.golongan, r]));

/** Lower-case, "Tk."/"Tkt." spelled out as "tingkat", "tingkat 1" as "tingkat i", punctuation as spaces. */
function normaliseRankText(s: string): string {
  return ` ${s.toLowerCase()} `
    .replace(/\btkt?\b\.?/g, ' tingkat ')
    .replace(/tingkat\s*\.?\s*(?:1|i)\b/g, 'tingkat i')
    .replace(/[.,;:()[\]]/g, ' ')
    .replace(/\s+/g, ' ');
}

// Longest names first so "pembina utama muda" wins over "pembina".
const NAMES_LONGEST_FIRST = [...PNS_RANKS].sort((a, b) => b.name.length - a.name.length);

function findRankName(text: string): RankEntry | undefined {
  const norm = normaliseRankText(text);
  for (const r of NAMES_LONGEST_FIRST) {
    const n = ` ${r.name.toLowerCase()} `;
    if (norm.includes(n)) return r;
  }
  return undefined;
}

function findPnsCode(text: string): { golongan: string } | RankError | undefined {
  // Roman golongan + ruang letter: "III/b", "III-b", "III b", "IIIb", "(III/b)".
  const roman = /(?:^|[^A-Za-z])(IV|III|II|I)\s*[/\-.\s]?\s*([a-eA-E])(?![A-Za-z])/.exec(text);
  // Arabic golongan + ruang letter: "3B", "3/b", "3-b".
  const arabic = /(?:^|[^0-9A-Za-z])([1-4])\s*[/\-.\s]?\s*([a-eA-E])(?![A-Za-z])/.exec(text);
  const m = roman ?? arabic;
  if (!m) return undefined;
  const gol = roman ? m[1]!.toUpperCase() : ROMAN_PNS[Number(m[1]) - 1]!;
  const ruang = m[2]!.toLowerCase();
  const golongan = `${gol}/${ruang}`;
  if (!BY_GOLONGAN.has(golongan)) {
    return {
      error: `'${text.trim()}' is not a PNS golongan (${golongan} does not exist)`,
      hint: 'PNS golongan run from I/a to IV/e; golongan I–III have ruang a–d only',
    };
  }
  return { golongan };
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };
function romanToNumber(s: string): number | undefined {
  if (!/^[IVX]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN_VALUES[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  // Round-trip check rejects malformed numerals such as "IIII" or "VX".
  return PPPK_GOLONGAN[total - 1] === s ? total : undefined;
}

/**
 * TNI (AD, AL, AU) and Polri ranks, abbreviated and written out, lower-case. A rank is accepted when
 * it starts with one of these words; the rest (corps "Inf", "Kav", "(P)", "Pol" …) is kept as written.
 */
export const SERVICE_RANKS: readonly string[] = [
  // Polri
  'jenderal polisi',
  'komjen',
  'komjen pol',
  'irjen',
  'irjen pol',
  'brigjen pol',
  'kombes',
  'kombes pol',
  'akbp',
  'kompol',
  'akp',
  'iptu',
  'ipda',
  'aiptu',
  'aipda',
  'bripka',
  'brigpol',
  'brigadir',
  'briptu',
  'bripda',
  'abrip',
  'abriptu',
  'abripda',
  'bharaka',
  'bharatu',
  'bharada',
  'komisaris jenderal polisi',
  'inspektur jenderal polisi',
  'brigadir jenderal polisi',
  'komisaris besar polisi',
  'ajun komisaris besar polisi',
  'komisaris polisi',
  'ajun komisaris polisi',
  'inspektur polisi satu',
  'inspektur polisi dua',
  'ajun inspektur polisi satu',
  'ajun inspektur polisi dua',
  'brigadir polisi kepala',
  'brigadir polisi',
  'brigadir polisi satu',
  'brigadir polisi dua',
  // TNI
  'jenderal',
  'jenderal tni',
  'letjen',
  'mayjen',
  'brigjen',
  'laksamana',
  'laksdya',
  'laksda',
  'laksma',
  'marsekal',
  'marsdya',
  'marsda',
  'marsma',
  'kolonel',
  'letkol',
  'mayor',
  'kapten',
  'lettu',
  'letda',
  'peltu',
  'pelda',
  'serma',
  'serka',
  'sertu',
  'serda',
  'kopka',
  'koptu',
  'kopda',
  'praka',
  'pratu',
  'prada',
  'klk',
  'kls',
  'kld',
  'letnan jenderal',
  'mayor jenderal',
  'brigadir jenderal',
  'letnan kolonel',
  'letnan satu',
  'letnan dua',
  'pembantu letnan satu',
  'pembantu letnan dua',
  'sersan mayor',
  'sersan kepala',
  'sersan satu',
  'sersan dua',
  'kopral kepala',
  'kopral satu',
  'kopral dua',
  'prajurit kepala',
  'prajurit satu',
  'prajurit dua',
];

const SERVICE_RANKS_LONGEST_FIRST = [...SERVICE_RANKS].sort((a, b) => b.length - a.length);

/** A TNI or Polri rank as written ("Letkol Inf", "Kompol", "AKBP"): no golongan; printed as given. */
export function parseServiceRank(raw: string): Rank | null | RankError {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || /^[-–—.]+$/.test(text)) return null;
  const norm = ` ${text
    .toLowerCase()
    .replace(/[.,;:()[\]/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  const hit = SERVICE_RANKS_LONGEST_FIRST.find((r) => norm.startsWith(` ${r} `));
  if (!hit) {
    return {
      error: `'${text}' is not a TNI or Polri rank I recognise`,
      hint: 'write the rank as usual, e.g. "Letkol Inf", "Kapten Inf", "Serka", "AKBP", "Kompol", "Iptu"',
    };
  }
  return { golongan: '', name: text, raw };
}

/**
 * Normalises a rank as written in a roster. Returns null for an empty cell ("", "-"),
 * a RankError when the text is not a rank.
 */
export function parseRank(raw: string, kind?: PersonKind): Rank | null | RankError {
  if (kind === 'TNI' || kind === 'Polri') return parseServiceRank(raw);
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || /^[-–—.]+$/.test(text)) return null;

  const code = findPnsCode(text);
  if (code && 'error' in code) return code;
  const named = findRankName(text);
  if (code) {
    const entry = BY_GOLONGAN.get(code.golongan)!;
    if (named && named.golongan !== entry.golongan) {
      return {
        error: `rank '${text}' names ${named.name} (${named.golongan}) but golongan ${entry.golongan} (${entry.name})`,
        hint: 'correct either the rank name or the golongan',
      };
    }
    return { golongan: entry.golongan, name: entry.name, raw };
  }
  if (named) return { golongan: named.golongan, name: named.name, raw };

  // PPPK: "IX", "Golongan IX", "Gol. IX", "Gol IX", or "9" when the person is PPPK.
  const bare = text.replace(/^(?:golongan|gol\.?|golru)\s*/i, '').trim();
  const upper = bare.toUpperCase();
  const asRoman = romanToNumber(upper);
  const asNumber = /^\d{1,2}$/.test(bare) ? Number(bare) : undefined;
  if (asRoman !== undefined) {
    if (asRoman <= 4 && kind !== 'PPPK') {
      if (kind === undefined || kind === 'non-ASN') return { golongan: upper, raw };
      return {
        error: `rank '${text}' has no ruang letter`,
        hint: 'write the PNS golongan with its ruang, e.g. "III/b"',
      };
    }
    return { golongan: upper, raw };
  }
  if (asNumber !== undefined && kind === 'PPPK') {
    if (asNumber >= 1 && asNumber <= 17) return { golongan: PPPK_GOLONGAN[asNumber - 1]!, raw };
    return { error: `PPPK golongan '${text}' is outside I–XVII`, hint: 'PPPK golongan run from I to XVII' };
  }
  return {
    error: `'${text}' is not a rank I recognise`,
    hint: 'write the golongan as "III/b" (PNS) or "IX" (PPPK), optionally with the rank name',
  };
}

/** The rank as printed on documents: "Penata Muda Tk. I, III/b", "Golongan IX", or "-" for none. */
export function rankLabel(rank: Rank | null | undefined): string {
  if (!rank) return '-';
  if (!rank.golongan) return rank.raw.trim() || '-';
  if (rank.name) return `${rank.name.replace(/ Tingkat I$/, ' Tk. I')}, ${rank.golongan}`;
  return `Golongan ${rank.golongan}`;
}
