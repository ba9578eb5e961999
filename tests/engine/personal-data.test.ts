// Masking personal data in output, wherever it sits: a value of its own, inside free text, at any depth.
import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/engine/personal-data.js';

// A valid 身份证号 (check character by GB 11643) and a mobile number, both made up.
const ID = '130821198001010018';
const PHONE = '13912345678';

describe('maskPersonalData', () => {
  it.each([
    [ID, '130821********0018'],
    [PHONE, '139****5678'],
    [`申请人身份证号${ID}，电话${PHONE}。`, '申请人身份证号130821********0018，电话139****5678。'],
    // Not personal data: too short, glued to letters or digits (hashes, case numbers), or not a valid 身份证号.
    ['1391234567', '1391234567'],
    [`ab${PHONE}cd`, `ab${PHONE}cd`],
    ['130821198001010019', '130821198001010019'],
    ['无数字的说明', '无数字的说明'],
  ])('%s → %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('masks at any depth and keeps every other key and value as it was', () => {
    const value = { a: 1, b: null, c: [{ phone: PHONE, note: `联系 ${PHONE}` }, 'x'], d: { e: { id: ID, ok: true } } };
    expect(maskPersonalData(value)).toEqual({
      a: 1,
      b: null,
      c: [{ phone: '139****5678', note: '联系 139****5678' }, 'x'],
      d: { e: { id: '130821********0018', ok: true } },
    });
    expect(value.c[0]).toEqual({ phone: PHONE, note: `联系 ${PHONE}` }); // the input is not changed
  });
});
