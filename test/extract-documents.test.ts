import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../lambda/core/extract/documents.ts';

describe('extractDocuments', () => {
  it('reads a Party code with type, date, issuer and subject', () => {
    const [doc] = extractDocuments('những điểm mới trong Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương quy định thi hành Điều lệ Đảng;');
    expect(doc).toEqual({ code: '24-QĐ/TW', type: 'Quy định', number: '24', issuer: 'TW', issuerName: 'Ban Chấp hành Trung ương', issuedOn: '2021-07-30', subject: null });
  });

  it('merges spacing and letter variants into one document', () => {
    const docs = extractDocuments('Đề án số 04- ĐA/TU về “Một số giải pháp đổi mới công tác dân vận” cho toàn thể. Đề án 04-DA/TU và Đề án 04 - ĐA/TU, Đề án số 04 được ban hành.');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ code: '04-ĐA/TU', type: 'Đề án', number: '04', issuer: 'TU', subject: 'Một số giải pháp đổi mới công tác dân vận' });
  });

  it('merges a bare later mention and dates it from a separate sentence', () => {
    const docs = extractDocuments('Nghị quyết 05-NQ/TU của Ban Thường vụ Tỉnh ủy Nghệ An về đẩy mạnh cải cách hành chính trên địa bàn tỉnh giai đoạn 2021 - 2030; Ngày 14/12/2022, Ban Chấp hành Đảng bộ tỉnh ban hành Nghị quyết số 05 về cải cách. Nghị quyết 05 của Ban Thường vụ Tỉnh ủy.');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ code: '05-NQ/TU', issuedOn: '2022-12-14', issuerName: 'Ban Thường vụ Tỉnh ủy Nghệ An', subject: 'đẩy mạnh cải cách hành chính trên địa bàn tỉnh giai đoạn 2021 - 2030' });
  });

  it('keeps a document named without its full code', () => {
    expect(extractDocuments('Thực hiện Chỉ thị 10 của Thành ủy, chiều 18-9')).toEqual([
      { code: null, type: 'Chỉ thị', number: '10', issuer: null, issuerName: 'Thành ủy', issuedOn: null, subject: null },
    ]);
  });

  it('does not confuse documents of different types with the same number', () => {
    const docs = extractDocuments('Nghị quyết 05-NQ/TU và Chỉ thị 05-CT/TW của Bộ Chính trị; Nghị quyết 05.');
    expect(docs.map((d) => d.code)).toEqual(['05-NQ/TU', '05-CT/TW']);
  });

  it.each([
    ['Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ về công tác văn thư', { code: '30/2020/NĐ-CP', type: 'Nghị định', issuer: 'NĐ-CP', issuedOn: '2020-03-05', subject: 'công tác văn thư' }],
    ['Quyết định số 123/QĐ-UBND', { code: '123/QĐ-UBND', type: 'Quyết định', issuer: 'UBND' }],
    ['Chỉ thị số 23/CT-TTg yêu cầu', { code: '23/CT-TTg', type: 'Chỉ thị', issuer: 'TTg' }],
    ['Kết luận 35-KL/TW', { code: '35-KL/TW', type: 'Kết luận', issuer: 'TW' }],
    ['Nghị quyết 19-2017/NQ-CP ngày 6/2/2017', { code: '19-2017/NQ-CP', type: 'Nghị quyết', number: '19', issuer: 'CP', issuedOn: '2017-02-06' }],
    ['Nghị quyết số 35/2017/QH14 về Chương trình giám sát', { code: '35/2017/QH14', type: 'Nghị quyết', issuer: 'QH14' }],
    ['thực hiện 03-HD/BTGTW', { code: '03-HD/BTGTW', type: 'Hướng dẫn', issuer: 'BTGTW' }],
    ['Chỉ thị số 05 - CT/TW của Bộ Chính trị về “Đẩy mạnh học tập”', { code: '05-CT/TW', type: 'Chỉ thị', subject: 'Đẩy mạnh học tập' }],
  ])('reads %s', (text, expected) => {
    expect(extractDocuments(text)[0]).toMatchObject(expected);
  });

  it.each([
    'Nghị quyết đại hội Chi bộ đã đề ra; thực hiện Điều lệ Đảng',
    'Kế hoạch 5 năm 2016 - 2020',
    'Nghị quyết Trung ương 4 (khóa XII)',
    'Covid-19, 6-10/2, 2021-2025, TP.HCM',
  ])('finds no coded document in %s', (text) => {
    expect(extractDocuments(text)).toEqual([]);
  });

  it('copes with long runs of digits and slashes', () => {
    const text = '1/'.repeat(50_000) + '-NQ/TW ' + '9'.repeat(100_000);
    expect(() => extractDocuments(text)).not.toThrow();
  });

  it('merges a code printed with and without a leading zero', () => {
    expect(extractDocuments('Kế hoạch số 04-KH/TW của Bộ Chính trị; theo Kế hoạch số 4-KH/TW ngày 16/11/2016').map((d) => [d.code, d.issuedOn])).toEqual([['04-KH/TW', '2016-11-16']]);
  });

  it('reads another issuer symbol only after a document type word', () => {
    expect(extractDocuments('đã có công văn 1584/BTC-VP yêu cầu các đơn vị').map((d) => d.code)).toEqual(['1584/BTC-VP']);
    expect(extractDocuments('tỷ lệ 12/ABC-VP trong đó')).toEqual([]);
  });

  it('reads a code with an en dash and a number with a letter suffix', () => {
    const docs = extractDocuments('Nghị quyết số 11 – NQ/TW ngày 31/5/2017 và Nghị quyết số 30a/2008/NQ-CP về Chương trình giảm nghèo.');
    expect(docs.map((d) => d.code)).toEqual(['11-NQ/TW', '30a/2008/NQ-CP']);
    expect(extractDocuments('theo Quy định số 40-QĐ/TW và Quyết định số 343-QĐNS/TW').map((d) => [d.code, d.type])).toEqual([['40-QĐ/TW', 'Quy định'], ['343-QĐNS/TW', 'Quyết định']]);
  });
});
