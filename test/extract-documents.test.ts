import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../lambda/core/extract/documents.ts';
import { DOCUMENT_TYPE_LIST } from '../lambda/core/extract/document-types.ts';

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

  describe('issuer names', () => {
    it.each([
      // The code's symbol names the issuer, whatever body the text names next to it.
      ['Nghị định 116/2020/NĐ-CP của Bộ GD&ĐT chưa rõ cách làm', 'Chính phủ'],
      ['Nghị quyết 19-2017/NQ-CP của Thủ tướng Chính phủ', 'Chính phủ'],
      ['thực hiện Quyết định 58/2016/QĐ-TTg', 'Thủ tướng Chính phủ'],
      ['Bộ luật Hình sự 100/2015/QH13', 'Quốc hội'],
      ['Nghị quyết 916/NQ-UBTVQH13', 'Ủy ban Thường vụ Quốc hội'],
      // A body named in the text stops at the body name's end.
      ['Nghị quyết số 04-NQ/TW của BCH T.Ư Đảng (khóa XII)', 'Ban Chấp hành Trung ương'],
      ['Nghị quyết số 58-NQ/TW của Bộ Chính trị Ban Chấp hành Trung ương', 'Bộ Chính trị'],
      ['theo nghị định 35 của Chính phủ từ đất lúa sang trồng cây hàng năm có giá trị kinh tế cao', 'Chính phủ'],
      ['Công văn 2202/UBND-NN của UBND tỉnh Đắk Nông yêu cầu Công ty cổ phần BISON', 'UBND tỉnh Đắk Nông'],
      ['Thông tư 16/2016/TT-BTTTT của Bộ Thông tin và Truyền thông', 'Bộ Thông tin và Truyền thông'],
      ['Kế hoạch 86-CTr/TU của Ban Thường vụ Tỉnh ủy thực hiện Kết luận', 'Ban Thường vụ Tỉnh ủy'],
    ])('%s -> %s', (text, issuerName) => {
      expect(extractDocuments(text)[0]?.issuerName).toBe(issuerName);
    });

    it.each([
      'các nghị quyết của Hội nghị Trung ương 5 và Nghị quyết 05 của Hội nghị Trung ương 5 đã',
      'Nghị quyết 49-NQ/TW của Ủy ban Thường vụ Quốc hội nước Việt Nam Dân chủ Cộng hòa',
      'Thông báo 537-TB/TU của TP chỉ đạo',
    ])('gives no issuer name that is not a whole known body (or, for /TW, a Party centre body): %s', (text) => {
      expect(extractDocuments(text).map((d) => d.issuerName)).toEqual(extractDocuments(text).map(() => null));
    });
  });

  describe('subjects', () => {
    it.each([
      ['Nghị định 116/2020/NĐ-CP về đào tạo giáo viên theo nhu cầu địa phương, với ba đầu cầu Hà Nội, TP.HCM, Đà Nẵng.', 'đào tạo giáo viên theo nhu cầu địa phương'],
      ['Nghị quyết số 35/NQ-CP về hỗ trợ và phát triển doanh nghiệp đến năm 2020.', 'hỗ trợ và phát triển doanh nghiệp đến năm 2020'],
      ['Nghị quyết 35 về phát triển doanh nghiệp, chúng ta gặp nhau lần thứ hai để bàn kế hoạch hành động', 'phát triển doanh nghiệp'],
      ['Nghị định 59/2011/NĐ-CP về chuyển DN 100% vốn NN thành công ty cổ phần để các đơn vị thực hiện cho đỡ rắc rối nên tiến độ chậm, ông Toản nói', 'chuyển DN 100% vốn NN thành công ty cổ phần'],
      ['Nghị quyết số 04-NQ/TW của BCH T.Ư Đảng (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng. Cử tri', 'tăng cường xây dựng, chỉnh đốn Đảng'],
      ['Chỉ thị 20/CT-TTg về chấn chỉnh hoạt động thanh tra, kiểm tra đối với doanh nghiệp, Thanh tra Chính phủ đã', 'chấn chỉnh hoạt động thanh tra, kiểm tra đối với doanh nghiệp'],
      ['Nghị quyết số 04-NQ/TW về "Tăng cường xây dựng, chỉnh đốn Đảng; những biểu hiện "tự diễn biến", "tự chuyển hóa" trong nội bộ", gắn với', 'Tăng cường xây dựng, chỉnh đốn Đảng; những biểu hiện "tự diễn biến", "tự chuyển hóa" trong nội bộ'],
      ['Quyết định 476-QĐNS/TW về việc thành lập Đoàn kiểm tra của Ban Bí thư năm 2017.', 'thành lập Đoàn kiểm tra của Ban Bí thư năm 2017'],
      ['Quy định 47-QĐ/TW về những điều Đảng viên không được làm.', 'những điều Đảng viên không được làm'],
      ['Nghị định 87/2015/NĐ-CP về giám sát đầu tư vốn nhà nước vào doanh nghiệp quy định cơ quan đại diện chủ sở hữu có trách nhiệm', 'giám sát đầu tư vốn nhà nước vào doanh nghiệp'],
      ['Nghị định 163/2006/NĐ-CP về giao dịch đảm bảo và công văn số 3851/NHNH-PC của NHNN', 'giao dịch đảm bảo'],
    ])('%s -> %s', (text, subject) => {
      expect(extractDocuments(text)[0]?.subject).toBe(subject);
    });

    it.each([
      'Nghị quyết 35/2016/NQ-CP về hỗ trợ.',
      'Quyết định số 71/QĐ-TTr về nội dung này.',
      'Thông tư 09/2021/TT-BGDĐT về quản lý.',
    ])('drops a subject that is one word or a fragment: %s', (text) => {
      expect(extractDocuments(text)[0]?.subject).toBeNull();
    });
  });

  describe('the document type list drives the patterns', () => {
    // One row per spelling of every entry's code letters, and per word naming a type: adding a type
    // to DOCUMENT_TYPE_LIST adds its rows here.
    const party = DOCUMENT_TYPE_LIST.flatMap((t) => (t.codes ?? []).filter((c) => c.party).flatMap((c) =>
      [c.letters, ...(c.variants ?? [])].map((spelling) => [spelling, c.letters, t.name] as const)));
    const state = DOCUMENT_TYPE_LIST.flatMap((t) => (t.codes ?? []).filter((c) => c.state).flatMap((c) =>
      [c.letters, ...(c.variantsPartyOnly ? [] : c.variants ?? [])].map((spelling) => [spelling, c.letters, t.name, c.inIssuer] as const)));
    const words = DOCUMENT_TYPE_LIST.flatMap((t) => t.words.map((w) => [w, t.name] as const));

    it.each(party)('Party code letters %s -> %s, %s', (spelling, letters, name) => {
      expect(extractDocuments(`thực hiện 12-${spelling}/TU của Tỉnh ủy`)[0]).toMatchObject({ code: `12-${letters}/TU`, type: name, issuer: 'TU' });
    });

    it.each(state)('State code letters %s -> %s, %s', (spelling, letters, name, inIssuer) => {
      expect(extractDocuments(`thực hiện 12/2020/${spelling}-UBND của tỉnh`)[0]).toMatchObject({
        code: `12/2020/${letters}-UBND`, type: name, issuer: inIssuer ? `${letters}-UBND` : 'UBND',
      });
    });

    it.each(words)('type word %s -> %s', (word, name) => {
      expect(extractDocuments(`thực hiện ${word.toLowerCase()} số 12 của Tỉnh ủy`)[0]).toMatchObject({ code: null, type: name, number: '12' });
      // The type word before a code names its type whatever the code's letters say.
      expect(extractDocuments(`thực hiện ${word} số 12/ABC-VP`)[0]).toMatchObject({ code: '12/ABC-VP', type: name });
    });

    it('reads a variant only where the list says (`HĐ` is a misspelt `HD` in Party codes, a contract in State codes)', () => {
      expect(extractDocuments('thực hiện 03-HĐ/BTGTW')[0]?.code).toBe('03-HD/BTGTW');
      expect(extractDocuments('thực hiện 03/2020/HĐ-UBND')).toEqual([]);
    });

    it('merges a bare mention with a coded document of a type it may be (Quy định / Quyết định)', () => {
      expect(extractDocuments('Quyết định số 24-QĐ/TW của Ban Bí thư. Theo Quy định 24, cán bộ').map((d) => d.code)).toEqual(['24-QĐ/TW']);
    });
  });
});
