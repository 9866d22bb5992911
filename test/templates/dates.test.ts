import { describe, expect, it } from 'vitest';
import {
  dateInWords,
  dayName,
  formatDateId,
  formatTime,
  parseIsoDate,
  placeDate,
  terbilang,
} from '../../src/util/dates.js';

describe('Indonesian dates', () => {
  it('formats the apel date with and without the weekday, no zero padding', () => {
    expect(formatDateId('2024-11-04', { weekday: true })).toBe('Senin, 4 November 2024');
    expect(formatDateId('2024-11-04')).toBe('4 November 2024');
    expect(formatDateId('2024-02-14', { weekday: true })).toBe('Rabu, 14 Februari 2024');
    expect(formatDateId('2000-01-01', { weekday: true })).toBe('Sabtu, 1 Januari 2000');
    expect(formatDateId('2024-12-31', { weekday: true })).toBe('Selasa, 31 Desember 2024');
    expect(dayName('2024-11-10')).toBe('Minggu');
    expect(dayName('2024-11-08')).toBe('Jumat');
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    try {
      for (const tz of ['Pacific/Pago_Pago', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(formatDateId('2024-11-04', { weekday: true })).toBe('Senin, 4 November 2024');
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('rejects dates that are not on the calendar', () => {
    expect(parseIsoDate('2024-02-30')).toBeNull();
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('4/11/2024')).toBeNull();
    expect(() => formatDateId('2024-13-01')).toThrow(RangeError);
  });

  it('writes place-date lines and times', () => {
    expect(placeDate('Sukamara', '2024-11-04')).toBe('Sukamara, 4 November 2024');
    expect(formatTime('07.30', 'WIB')).toBe('07.30 WIB');
    expect(formatTime('7:30', 'WITA')).toBe('07.30 WITA');
    expect(formatTime('0800', 'WIT')).toBe('08.00 WIT');
    expect(formatTime('selesai')).toBe('selesai');
  });
});

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [250, 'dua ratus lima puluh'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [2024, 'dua ribu dua puluh empat'],
    [11000, 'sebelas ribu'],
    [100000, 'seratus ribu'],
    [1000000, 'satu juta'],
    [1001000, 'satu juta seribu'],
    [2500000, 'dua juta lima ratus ribu'],
    [1000000000, 'satu miliar'],
    [3000000000000, 'tiga triliun'],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('accepts numeric strings and refuses fractions', () => {
    expect(terbilang('10.000')).toBe('sepuluh ribu');
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang('abc')).toThrow(RangeError);
  });

  it('spells a date for a berita acara', () => {
    expect(dateInWords('2024-11-04')).toBe('Senin tanggal empat bulan November tahun dua ribu dua puluh empat');
  });
});
