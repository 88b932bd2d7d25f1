import { describe, expect, it } from 'vitest';
import { CODE_ISSUER_LIST, ISSUING_BODY_LIST, issuerFromCode, isCentralPartyBody, matchIssuingBody } from '../lambda/core/extract/issuers.ts';

/**
 * One printed form per entry of ISSUING_BODY_LIST, keyed by the entry's name, with the name
 * reported (the printed form when null): adding a body means one entry there and one row here.
 */
const PRINTED: Record<string, [printed: string, reported: string | null]> = {
  'Bộ Chính trị': ['Bộ chính trị', 'Bộ Chính trị'],
  'Ban Bí thư': ['Ban Bí thư Trung ương Đảng', null],
  'Ban Chấp hành Trung ương': ['BCH T.Ư Đảng', 'Ban Chấp hành Trung ương'],
  'Thủ tướng Chính phủ': ['Thủ tướng', 'Thủ tướng Chính phủ'],
  'Chính phủ': ['Hội đồng Chính phủ', null],
  'Ủy ban Thường vụ Quốc hội': ['UB thường vụ Quốc hội', 'Ủy ban Thường vụ Quốc hội'],
  'Quốc hội': ['Quốc hội', 'Quốc hội'],
  'Ủy ban của Quốc hội': ['Ủy ban Tài chính, Ngân sách của Quốc hội', null],
  'Ban của Đảng': ['Ban Tuyên giáo Tỉnh ủy', null],
  'Ủy ban Kiểm tra Trung ương': ['Uỷ ban Kiểm tra Trung ương', null],
  'Cấp ủy': ['Ban Thường vụ Huyện ủy Nam Đàn', null],
  'UBND, HĐND': ['Chủ tịch UBND tỉnh Đắk Nông', null],
  'Bộ': ['Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch', null],
  'Sở': ['Sở GD&ĐT Nghệ An', null],
  'Ngân hàng Nhà nước': ['Thống đốc Ngân hàng Nhà nước Việt Nam', null],
  'Tòa án nhân dân tối cao': ['Chánh án Tòa án Nhân dân Tối cao', null],
  'Viện kiểm sát nhân dân tối cao': ['Viện Kiểm sát nhân dân tối cao', null],
};

describe('issuing bodies', () => {
  it('has a test row for every entry of the list', () => {
    expect(Object.keys(PRINTED).sort()).toEqual(ISSUING_BODY_LIST.map((b) => b.name).sort());
  });

  it.each(ISSUING_BODY_LIST.map((b) => [b.name, ...PRINTED[b.name]!] as const))('%s: reads %s', (name, printed, reported) => {
    // The body's name ends where the entry says, before the rest of the sentence.
    expect(matchIssuingBody(`${printed} về việc thực hiện`)).toEqual({ name: reported ?? printed, length: printed.length });
    expect(isCentralPartyBody(reported ?? printed)).toBe(ISSUING_BODY_LIST.find((b) => b.name === name)!.partyCentre === true);
  });

  it('reads no body that is not in the list', () => {
    expect(matchIssuingBody('Hội Nông dân tỉnh về việc')).toBeNull();
    expect(matchIssuingBody('Bộ phận một cửa')).toBeNull();
  });

  it.each(CODE_ISSUER_LIST.flatMap((c) => c.letters.map((letters) => [c.symbol, letters, c.body, c.lettersOptional] as const)))(
    'code symbol %s after %s -> %s',
    (symbol, letters, body, lettersOptional) => {
      expect(issuerFromCode(`12/2020/${letters}-${symbol}${lettersOptional ? '14' : ''}`)).toBe(body);
      if (lettersOptional) expect(issuerFromCode(`35/2017/${symbol}14`)).toBe(body);
      else expect(issuerFromCode(`12/2020/${symbol}`)).toBeNull();
    },
  );

  it('leaves an issuer unnamed when the symbol is no national body', () => {
    expect(issuerFromCode('123/QĐ-UBND')).toBeNull();
    expect(issuerFromCode('24-QĐ/TW')).toBeNull();
  });
});
