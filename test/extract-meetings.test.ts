/**
 * Primary-meeting selection and organiser rules, on sentences shaped like the corpus party articles
 * (sample 2 of test/eval/party/expectations.json) where the extractor used to go wrong.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../lambda/core/extract/facts.ts';

const facts = (body: string, title = '') => extractFacts({ title, body, publishedAt: null });

describe('primary meeting', () => {
  it('takes the meeting named before the date in the same clause, not a later bare `Hội nghị`', () => {
    const event = facts('Phát biểu bế mạc Hội nghị Trung ương 5 khóa XII chiều 10/5, Tổng Bí thư làm rõ những kết quả chủ yếu mà Hội nghị đã đạt được.').primaryEvent;
    expect(event).toMatchObject({ type: 'hoi-nghi-bch', date: '--05-10', organizer: 'Ban Chấp hành Trung ương Đảng' });
  });

  it('reads a sitting from the body and its verb alone (`Bộ Chính trị đã họp`, `Quốc hội thảo luận`)', () => {
    expect(facts('Ngày 20/6, Văn phòng Trung ương Đảng đã có văn bản. Ngày 17/6/2017, tại Trụ sở Trung ương Đảng, Bộ Chính trị đã họp dưới sự chủ trì của đồng chí Tổng Bí thư Nguyễn Phú Trọng.').primaryEvent)
      .toMatchObject({ date: '2017-06-17', organizer: 'Bộ Chính trị', chair: { name: 'Nguyễn Phú Trọng' } });
    expect(facts('Chiều 30/5, Quốc hội thảo luận tại tổ Dự án Luật Tố cáo (sửa đổi).').primaryEvent).toMatchObject({ date: '--05-30', organizer: 'Quốc hội' });
    expect(facts('Ngày 13/4, ông Đoàn Tấn Bửu - Phó Chủ tịch UBND tỉnh Đồng Tháp làm việc với Sở GD - ĐT tỉnh Đồng Tháp.').primaryEvent?.type).toBe('hop');
    expect(facts('Ngày 13/4, anh Nam làm việc với khách hàng tại quán cà phê.').primaryEvent).toBeNull();
  });

  it('finds no meeting in a preview of a planned session', () => {
    const result = facts('Phiên họp thứ 10 của Ủy ban Thường vụ Quốc hội khóa XIV dự kiến sẽ diễn ra từ ngày 15-17/5.\n\nMột phiên họp của Ủy ban Thường vụ Quốc hội.\n\nTại Phiên họp này, Ủy ban Thường vụ Quốc hội sẽ cho ý kiến về báo cáo. Ủy ban Thường vụ Quốc hội cho ý kiến về việc chuẩn bị Kỳ họp thứ Ba; báo cáo giám sát kiến nghị gửi đến Kỳ họp thứ Hai.');
    expect(result.primaryEvent).toBeNull();
    expect(result.otherEvents).toHaveLength(1);
  });

  it('does not take a photo caption or a `dự án` for a meeting report', () => {
    expect(facts('Ngày 3/6/2017, Tổng Bí thư đã ký ban hành Nghị quyết số 11-NQ/TW. Khai mạc Hội nghị cán bộ toàn quốc quán triệt Nghị quyết Trung ương 4. Ảnh: Trí Dũng/TTXVN Qua hơn 30 năm đổi mới, Đảng ta luôn quan tâm.').primaryEvent).toBeNull();
    expect(facts('Thủ tướng phân công các bộ chuẩn bị báo cáo. Kỳ họp thứ 2 Quốc hội khóa XIV (ảnh TL) Bộ trưởng Tài chính chuẩn bị dự án Luật quản lý nợ công.').primaryEvent).toBeNull();
  });

  it('skips an earlier event (`Trước đó, vào sáng 10/5 …`) for the undated one reported', () => {
    const event = facts('Sáng nay, Ban Kinh tế Trung ương tổ chức Hội nghị triển khai Quyết định của Bộ Chính trị về công tác cán bộ. Trước đó, vào sáng 10/5, tại TP Hồ Chí Minh đã diễn ra Hội nghị công bố quyết định.').primaryEvent;
    expect(event).toMatchObject({ date: null, organizer: 'Ban Kinh tế Trung ương' });
  });

  it('reads `chủ trì buổi sơ kết` and a press conference held by the Government', () => {
    expect(facts('Chiều 17/6 tại tỉnh Hà Nam, Phó Thủ tướng Vương Đình Huệ chủ trì buổi sơ kết của 16 tỉnh, thành phố.').primaryEvent).toMatchObject({ type: 'so-ket', chair: { name: 'Vương Đình Huệ' } });
    expect(facts('Chiều 17/5 tại Hà Nội đã diễn ra buổi Họp báo Hội nghị Thủ tướng Chính phủ với doanh nghiệp.').primaryEvent?.type).toBe('hop');
  });
});

describe('dates and documents', () => {
  it('does not date the meeting with a document issue date, nor read `cần quán triệt` as a meeting', () => {
    expect(facts('Ngày 8/2, Bộ trưởng đã có công văn 1584/BTC-VP yêu cầu các đơn vị thực hiện nhiệm vụ. Công văn nêu rõ, thủ trưởng các đơn vị tổ chức thực hiện nghiêm túc Công điện số 156/CĐ-TTg ngày 2/2/2017, trong đó cần quán triệt đến các tập thể, cá nhân.').primaryEvent).toBeNull();
  });

  it('dates an undated meeting from the sentence just before it, flagged as inferred', () => {
    const result = facts('Sáng nay 10/5, ông Nguyễn Thiện Nhân được Bộ Chính trị phân công làm Bí thư Thành ủy TPHCM.\n\nBuổi lễ trao quyết định diễn ra tại Hội nghị công bố trao quyết định của Bộ Chính trị về công tác nhân sự.');
    expect(result.primaryEvent).toMatchObject({ date: '--05-10', dateInferred: true });
    expect(result.warnings.join('\n')).toContain('sentence before');
  });

  it('finds no undated meeting in the full text of a resolution', () => {
    expect(facts('TTXVN trân trọng giới thiệu toàn văn Nghị quyết về Chương trình giám sát của Quốc hội năm 2018 được Quốc hội khóa XIV thông qua tại kỳ họp thứ 3.').primaryEvent).toBeNull();
  });
});

describe('organiser', () => {
  it('is the body whose sitting it is', () => {
    expect(facts('Chiều ngày 10-5-2017, Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII đã họp phiên bế mạc tại Hội trường.').primaryEvent?.organizer).toBe('Ban Chấp hành Trung ương Đảng');
    expect(facts('Sáng nay, tại Hà Nội, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân đã chính thức tuyên bố khai mạc kỳ họp thứ 3, Quốc hội khóa XIV.').primaryEvent?.organizer).toBe('Quốc hội');
    expect(facts('Ban Chấp hành Trung ương Đảng ngày 9/5 thảo luận về tờ trình của Bộ Chính trị. Ngày 9/5, Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII bước sang ngày làm việc thứ năm.').primaryEvent?.organizer).toBe('Ban Chấp hành Trung ương Đảng');
  });

  it('is the host named with `tại … diễn ra`, and a lower-case `thường trực …` after the date', () => {
    expect(facts('Chiều 27/4, tại Ban Tuyên giáo Trung ương diễn ra Hội nghị triển khai Quyết định của Bộ Chính trị về công tác cán bộ.').primaryEvent?.organizer).toBe('Ban Tuyên giáo Trung ương');
    expect(facts('Sáng 17/5, tại Trung tâm Hội nghị Quốc gia diễn ra Hội nghị tổng kết.').primaryEvent?.organizer).toBeNull();
    const event = facts('Ngày 23/6, thường trực Thành ủy - HĐND - UBND thành phố Hà Nội đã tổ chức hội nghị giao ban trực tuyến quý II với lãnh đạo quận, huyện.').primaryEvent;
    expect(event).toMatchObject({ type: 'hop', organizer: 'Thường trực Thành ủy - HĐND - UBND thành phố Hà Nội', format: 'online', coversPeriod: null });
  });

  it('is the subject of the sitting verb, or the host `tại trụ sở …`', () => {
    expect(facts('Tiếp tục phiên họp thứ 55, chiều 27/4, UB Thường vụ Quốc hội đã cho ý kiến bước đầu về việc chuẩn bị kỳ họp thứ nhất.').primaryEvent?.organizer).toBe('UB Thường vụ Quốc hội');
    expect(facts('Chiều 17/5, tại Nhà Quốc hội, dưới sự chủ trì của Chủ tịch Quốc hội Nguyễn Thị Kim Ngân, Ủy ban Thường vụ Quốc hội khóa XIV đã kết thúc chương trình làm việc Phiên họp thứ 10. Chủ tịch Quốc hội đề nghị Chủ tịch nước, Chính phủ tổ chức thực hiện tốt các kỳ họp.').primaryEvent?.organizer).toBe('Ủy ban Thường vụ Quốc hội khóa XIV');
    expect(facts('Sáng 27/6/2025, tại trụ sở Bộ Công Thương, Bộ trưởng Nguyễn Hồng Diên đã chủ trì Hội nghị trực tuyến tập huấn về phân quyền.').primaryEvent?.organizer).toBe('Bộ Công Thương');
  });

  it('is the body whose meeting it is (`cuộc họp sơ kết … của Ban Chỉ đạo …`), not the issuer of a document discussed', () => {
    expect(facts('Tại cuộc họp sơ kết công việc 6 tháng đầu năm của Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp (DN) sáng 11/7, Phó Thủ tướng Vương Đình Huệ nêu rõ tiến độ còn chậm.').primaryEvent?.organizer)
      .toBe('Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp');
    expect(facts('Sáng 5/7, Hội nghị quán triệt Nghị quyết của Bộ Chính trị diễn ra tại hội trường.').primaryEvent?.organizer).toBeNull();
  });

  it('reads `HĐND TP. Hồ Chí Minh` as one sentence and `các đại biểu Quốc hội` as the assembly', () => {
    expect(facts('Ngày 28/6, HĐND TP. Hồ Chí Minh Khóa X đã tổ chức Kỳ họp thứ 23.').primaryEvent?.organizer).toBe('HĐND TP. Hồ Chí Minh Khóa X');
    expect(facts('Thực hiện Chương trình Kỳ họp thứ 3, sáng 12/6, các đại biểu Quốc hội làm việc tại hội trường, biểu quyết thông qua dự thảo Nghị quyết.').primaryEvent?.organizer).toBe('Quốc hội');
  });

  it('is not the body of a session a press conference announces', () => {
    const event = facts('Chiều 19/5, tại Nhà Quốc hội, đồng chí Nguyễn Hạnh Phúc, Ủy viên Trung ương Đảng, Tổng Thư ký Quốc hội, Chủ nhiệm Văn phòng Quốc hội chủ trì buổi họp báo, thông báo dự kiến nội dung, Chương trình Kỳ họp thứ 3, Quốc hội khóa XIV.').primaryEvent;
    expect(event).toMatchObject({ type: 'hop', organizer: null, chair: { name: 'Nguyễn Hạnh Phúc', position: 'Ủy viên Trung ương Đảng, Tổng Thư ký Quốc hội, Chủ nhiệm Văn phòng Quốc hội' } });
  });

  it('stops before `đã` and the verb (`Ủy ban Thường vụ Quốc hội đã cho ý kiến …`)', () => {
    expect(facts('Sáng 12/7, dưới sự điều hành của Phó Chủ tịch Quốc hội Phùng Quốc Hiển, Ủy ban Thường vụ Quốc hội đã cho ý kiến về việc điều chỉnh vốn và tiến hành bế mạc Phiên họp thứ 12.').primaryEvent)
      .toMatchObject({ organizer: 'Ủy ban Thường vụ Quốc hội', chair: { name: 'Phùng Quốc Hiển' } });
  });
});

describe('attendance', () => {
  it('is not the expected turnout of a later conference', () => {
    expect(facts('Chiều ngày 8/5, Văn phòng Chính phủ tổ chức họp báo công bố thông tin về Hội nghị Thủ tướng với doanh nghiệp. Ông Hà cho biết năm nay có số lượng đại biểu tham dự gấp 4 lần năm 2016, với ước tính có khoảng 2.000 đại biểu.').primaryEvent?.attendance).toBeNull();
  });
});

describe('format', () => {
  it('is not taken from a sentence about a later meeting', () => {
    expect(facts('Chiều 17/6, Phó Thủ tướng Vương Đình Huệ chủ trì buổi sơ kết của 16 tỉnh. Tháng 9 tới, Thủ tướng sẽ chủ trì hội nghị trực tuyến toàn quốc.').primaryEvent?.format).toBeNull();
  });
});

describe('organisers and co-chairs', () => {
  it('names joint organisers as printed (`A phối hợp với B tổ chức`)', () => {
    expect(facts('Sáng 14/7, Bộ NN&PTNT phối hợp với UBND tỉnh Nghệ An tổ chức Hội nghị triển khai chương trình.').primaryEvent?.organizer)
      .toBe('Bộ NN&PTNT, UBND tỉnh Nghệ An');
    expect(facts('Ngày 5/3, Ban Tuyên giáo Tỉnh ủy phối hợp với Sở Tư pháp tổ chức hội nghị báo cáo viên.').primaryEvent)
      .toMatchObject({ type: 'bao-cao-vien', organizer: 'Ban Tuyên giáo Tỉnh ủy, Sở Tư pháp' });
  });

  it('takes the bodies acting after the clause naming the meeting (`tại cuộc họp …, Bộ Chính trị, Ban Bí thư nhận thấy`)', () => {
    expect(facts('Theo thông cáo chiều 26/4, tại cuộc họp sáng cùng ngày, Bộ Chính trị, Ban Bí thư nhận thấy Ban Thường vụ Tỉnh ủy đã vi phạm.').primaryEvent?.organizer)
      .toBe('Bộ Chính trị, Ban Bí thư');
    expect(facts('Theo thông cáo tối 31/3, tại kỳ họp thứ 13 (ngày 28-31/3), Ủy ban Kiểm tra Trung ương đã cảnh cáo Đảng ủy Cục.').primaryEvent)
      .toMatchObject({ type: 'hop', organizer: 'Ủy ban Kiểm tra Trung ương' });
    expect(facts('Sáng 19/4, Thủ tướng Phạm Minh Chính chủ trì họp Chính phủ rà soát công việc.').primaryEvent)
      .toMatchObject({ type: 'hop', organizer: 'Chính phủ', chair: { name: 'Phạm Minh Chính' } });
  });

  it('keeps the first of co-chairs as chair and lists every co-chair as a person', () => {
    const f = facts('Chiều 10/7, Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình và Tổng Thanh tra Chính phủ Phan Văn Sáu chủ trì hội nghị trực tuyến.');
    expect(f.primaryEvent?.chair?.name).toBe('Trương Hòa Bình');
    expect(f.people.map((p) => p.name)).toEqual(['Trương Hòa Bình', 'Phan Văn Sáu']);
    const g = facts('Sáng 2/3, đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy và đồng chí Trần Văn Bình, Chủ tịch UBND tỉnh đồng chủ trì hội nghị.');
    expect(g.primaryEvent?.chair).toEqual({ name: 'Nguyễn Văn An', position: 'Bí thư Tỉnh ủy' });
    expect(g.people).toEqual([{ name: 'Nguyễn Văn An', position: 'Bí thư Tỉnh ủy' }, { name: 'Trần Văn Bình', position: 'Chủ tịch UBND tỉnh' }]);
  });
});
