/**
 * The year of a meeting date printed without one, by evidence (lambda/core/extract/years.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildYearContext, resolveDate } from '../lambda/core/extract/years.ts';
import type { DocumentDate } from '../lambda/core/extract/years.ts';
import { extractFacts } from '../lambda/core/extract/facts.ts';

/** Title '' then one sentence per array item. */
const ctx = (sentences: string[], publishedAt: string | null = null, documents: DocumentDate[] = []) => buildYearContext(['', ...sentences], publishedAt, documents);
const mention = (day: number, month: number, planned = false) => ({ day, month, year: null, planned });

describe('resolveDate: the publication time', () => {
  it('keeps a printed year and does not flag it', () => {
    expect(resolveDate({ day: 7, month: 6, year: 2023, planned: false }, ctx([]))).toEqual({ date: '2023-06-07', inferred: false, warning: null });
  });

  it('takes the publication year and names it', () => {
    const r = resolveDate(mention(16, 8), ctx([], '2019-08-16T11:19'));
    expect(r).toMatchObject({ date: '2019-08-16', inferred: true });
    expect(r.warning).toMatch(/publication date \(2019-08-16\)/);
  });

  it('puts a December meeting reported in January in the previous year', () => {
    expect(resolveDate(mention(28, 12), ctx([], '2024-01-03')).date).toBe('2023-12-28');
  });

  it('puts a January meeting announced in December in the next year', () => {
    expect(resolveDate(mention(5, 1, true), ctx([], '2023-12-20')).date).toBe('2024-01-05');
  });

  it('allows a meeting a day or two after the stamp (time zones, late stamps)', () => {
    expect(resolveDate(mention(17, 8), ctx([], '2019-08-16')).date).toBe('2019-08-17');
  });

  it('prefers the publication time to any year in the text', () => {
    expect(resolveDate(mention(16, 2), ctx(['Chiều ngày 16/2, hội nghị sơ kết quý I/2019.'], '2025-02-17')).date).toBe('2025-02-16');
  });
});

describe('resolveDate: evidence in the text', () => {
  const year = (sentences: string[], day: number, month: number, documents: DocumentDate[] = []) => resolveDate(mention(day, month), ctx(sentences, null, documents));

  it.each([
    ['quý I/2025', ['Sáng 16/4, Sở tổ chức hội nghị.', 'Trong quý I/2025, thu ngân sách tăng.'], 16, 4, '2025-04-16'],
    ['6 tháng đầu năm 2023', ['Chiều 7/7, Chi bộ sơ kết công tác.', 'Kết quả 6 tháng đầu năm 2023 khá tốt.'], 7, 7, '2023-07-07'],
    ['cùng kỳ 2021 (the year after)', ['Chiều 16/4, hội nghị Ban Chấp hành.', 'Thu ngân sách gấp 2,7 lần cùng kỳ 2021.'], 16, 4, '2022-04-16'],
    ['cùng kỳ năm 2016', ['Ngày 12/7, Ủy ban tổ chức hội nghị.', 'Số cuộc kiểm tra tăng 8% so với cùng kỳ năm 2016.'], 12, 7, '2017-07-12'],
    ['an anniversary range', ['Sáng 27/4, Thành ủy tổ chức lễ kỷ niệm 50 năm Ngày giải phóng (30.4.1975 - 30.4.2025).'], 27, 4, '2025-04-27'],
    ['years since a law', ['Chiều 17/6, Phó Thủ tướng chủ trì sơ kết 5 năm thực hiện Luật Hợp tác xã năm 2012.'], 17, 6, '2017-06-17'],
    ['one year since a dated document', ['Ngày 9/6, Ban Thường vụ sơ kết 1 năm triển khai thực hiện Quy định số 01 ngày 3/3/2016 của Ban Thường vụ.'], 9, 6, '2017-06-09'],
    ['a national anniversary', ['Kỷ niệm 127 năm Ngày sinh của Bác, sáng 19-5, Huyện ủy tổ chức tọa đàm.'], 19, 5, '2017-05-19'],
    ['a year in the sentence with the date', ['Sáng 17/5, Thủ tướng dự Hội nghị với Doanh nghiệp lần thứ hai, năm 2017.'], 17, 5, '2017-05-17'],
    ['a month and year in the sentence with the date', ['Ngày 8/2, Ban Tuyên giáo tổ chức Hội nghị báo cáo viên, tháng 2/2017.'], 8, 2, '2017-02-08'],
    ['a label with month and year (`chuyên đề tháng 9-2024`)', ['Chiều 18-9, đồng chí dự sinh hoạt chi bộ.', 'Nội dung chuyên đề tháng 9-2024 là chuyển đổi số.'], 18, 9, '2024-09-18'],
    ['the same day printed with its year', ['Hôm nay 22.5, kỳ họp khai mạc.', 'Sáng 22/5/2017, tại Nhà Quốc hội diễn ra Lễ khai mạc.'], 22, 5, '2017-05-22'],
    ['dates it announces for the weeks after', ['Chiều 19/5, Tổng Thư ký chủ trì buổi họp báo.', 'Kỳ họp sẽ khai mạc vào ngày 22/5/2017.'], 19, 5, '2017-05-19'],
    ['the latest dated event shortly before', ['Ngày 31/12/2021, ông bị khởi tố.', 'Ngày 15/3, Ban Bí thư họp và thi hành kỷ luật.'], 15, 3, '2022-03-15'],
    ['the current plan it adjusts', ['Sáng 16/4, Ủy ban họp.', 'Chính phủ đề nghị điều chỉnh 17 dự án trong chương trình xây dựng luật, pháp lệnh năm 2022.'], 16, 4, '2022-04-16'],
    ['a year-end review held in January', ['Ngày 10/1, Sở tổ chức hội nghị tổng kết công tác năm 2024.'], 10, 1, '2025-01-10'],
  ])('reads %s', (_name, sentences, day, month, expected) => {
    const r = year(sentences, day, month);
    expect(r.date).toBe(expected);
    expect(r.inferred).toBe(true);
    expect(r.warning).toMatch(new RegExp(`year ${expected.slice(0, 4)} of .* inferred from "`));
  });

  it('dates a meeting after the document it disseminates', () => {
    const docs = [{ type: 'Nghị quyết', number: '05', issuedOn: '2022-12-14' }, { type: 'Đề án', number: '04', issuedOn: '2021-10-01' }];
    const r = year(['Chiều ngày 16/2, Đảng ủy Khối tổ chức Hội nghị quán triệt, triển khai Nghị quyết 05-NQ/TU và Đề án 04-ĐA/TU.'], 16, 2, docs);
    expect(r.date).toBe('2023-02-16');
    expect(r.warning).toMatch(/disseminates, issued 2022-12-14/);
  });

  it.each([
    ['a cited document’s issue date', ['Sáng 27/4, hội nghị Ban Chấp hành thảo luận.', 'Đề án phù hợp Nghị quyết 14 của Ban Chấp hành Đảng bộ thành phố (ngày 6/11/2018).'], 27, 4],
    ['a document code', ['Chiều 17/5 đã diễn ra buổi họp báo.', 'Chính phủ đã ban hành Chỉ thị 20/2017/CT-TTg.'], 17, 5],
    ['the year of a law in the sentence with the date', ['Ngày 10/6, Bộ tổ chức Hội nghị sơ kết thi hành Luật Hợp tác xã (HTX) năm 2012.'], 10, 6],
    ['targets and spans', ['Sáng 11/6, HĐND tổ chức kỳ họp.', 'Phấn đấu đến năm 2020 phân loại rác; giai đoạn 2017 - 2020, tầm nhìn 2030.'], 11, 6],
    ['a law taking effect', ['Sáng 19/4, Thủ tướng chủ trì họp Chính phủ.', 'Luật Quy hoạch năm 2017 có hiệu lực từ ngày 1/1/2019.'], 19, 4],
    ['a biography', ['Sáng nay 10/5, ông được phân công làm Bí thư.', 'Từ năm 1999 đến giữa năm 2006, ông là Phó Chủ tịch.', 'Đến giữa nhiệm kỳ, tháng 5/2013, ông được bầu bổ sung vào Bộ Chính trị.', 'Ông sinh ngày 12-5-1953.'], 10, 5],
    ['a review of a past year', ['Ban Chấp hành Trung ương Đảng ngày 9/5 thảo luận về kết quả kiểm điểm của Bộ Chính trị năm 2016.'], 9, 5],
    ['a year compared with this one', ['Chiều ngày 8/5, Văn phòng Chính phủ tổ chức họp báo.', 'Năm nay số đại biểu gấp 4 lần năm 2016, hội nghị ngày 29/4/2016 rất thành công.'], 8, 5],
    ['nothing at all', ['Chiều 10/5, Hội nghị bế mạc.'], 10, 5],
  ])('does not take the year from %s', (_name, sentences, day, month) => {
    const r = year(sentences, day, month);
    expect(r.date).toBe(`--${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    expect(r.inferred).toBe(true);
  });

  it('leaves the year open when the evidence conflicts', () => {
    const r = year(['Chiều 7/7, hội nghị sơ kết.', 'Kết quả 6 tháng đầu năm 2023.', 'Kết quả quý II/2024.'], 7, 7);
    expect(r.date).toBe('--07-07');
    expect(r.warning).toMatch(/conflict/);
  });

  it('keeps the year within the term printed with the meeting', () => {
    const r = year(['Ngày 28/6, Đảng bộ tổ chức Đại hội nhiệm kỳ 2025-2030.', 'Kết quả 6 tháng đầu năm 2019 được nêu lại.'], 28, 6);
    expect(r.date).toBe('--06-28');
  });

  it('does not put the meeting before a document code it cites', () => {
    const r = year(['Ngày 27/6, Bộ tổ chức hội nghị tập huấn Nghị định số 139/2025/NĐ-CP.', 'Kết quả 6 tháng đầu năm 2024.'], 27, 6);
    expect(r.date).toBe('--06-27');
  });
});

describe('extractFacts: the meeting year and its warning', () => {
  it('infers the year from a period expression and says so', () => {
    const facts = extractFacts({
      title: 'Sơ kết công tác',
      body: 'Sáng 12/7, tại Hà Nội, Ban Kinh tế Trung ương tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm, triển khai các nhiệm vụ công tác 6 tháng cuối năm 2017.',
      publishedAt: null,
    });
    expect(facts.primaryEvent).toMatchObject({ date: '2017-07-12', dateInferred: true });
    expect(facts.warnings.some((w) => /year 2017 of 12\/07 inferred from "6 tháng cuối năm 2017"/.test(w))).toBe(true);
  });

  it('ignores the issue date of a cited resolution', () => {
    const facts = extractFacts({
      title: 'Hội nghị Ban Chấp hành',
      body: 'Sáng 27/4, Thành ủy tổ chức hội nghị lần thứ 13 Ban Chấp hành Đảng bộ khóa XI.\n\nĐề án phù hợp với chỉ đạo của Nghị quyết số 14-NQ/TU ngày 6/11/2018 của Ban Chấp hành Đảng bộ thành phố.',
      publishedAt: null,
    });
    expect(facts.primaryEvent?.date).toBe('--04-27');
  });

  it('never throws on odd years and dates', () => {
    for (const body of ['Ngày 29/2, hội nghị. cùng kỳ năm 2099. quý IV/1940', 'ngày 31/4 họp 1999 - 2000 - 2001 nhiệm kỳ 2030-2020', '2'.repeat(5000)]) {
      expect(() => extractFacts({ title: null, body, publishedAt: null })).not.toThrow();
    }
  });
});
