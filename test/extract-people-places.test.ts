import { describe, expect, it } from 'vitest';
import { collectPeople, findChair, findPersonMentions } from '../lambda/core/extract/people.ts';
import { extractPlaces } from '../lambda/core/extract/places.ts';

const people = (text: string) => collectPeople(findPersonMentions(text));
const names = (text: string) => people(text).map((p) => p.name);

describe('people', () => {
  it('reads names with positions after them, in lists and after honorifics', () => {
    const people = collectPeople(findPersonMentions('Dự hội nghị có các đồng chí: Nguyễn Thị Kim Chi - Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối Các cơ quan tỉnh; Lê Ngọc Hoa - Phó Chủ tịch UBND tỉnh; đại diện lãnh đạo Ban Dân vận Tỉnh ủy.'));
    expect(people).toEqual([
      { name: 'Nguyễn Thị Kim Chi', position: 'Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối Các cơ quan tỉnh' },
      { name: 'Lê Ngọc Hoa', position: 'Phó Chủ tịch UBND tỉnh' },
    ]);
  });

  it('reads a title in front of the name', () => {
    const people = collectPeople(findPersonMentions('Phát biểu tại hội nghị, Phó Chủ tịch UBND tỉnh Hà Giang Nguyễn Minh Tiến cho biết'));
    expect(people).toEqual([{ name: 'Nguyễn Minh Tiến', position: 'Phó Chủ tịch UBND tỉnh Hà Giang' }]);
  });

  it('does not list photo credits, bylines, places or Hồ Chí Minh as officials', () => {
    expect(names('Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối phát biểu. Ảnh: Mai Hoa')).toEqual(['Chu Bá Long']);
    expect(names('Tin: Lê Oanh; Ảnh: Hoàng Phước')).toEqual([]);
    expect(names('học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Chủ tịch UBND tỉnh Cao Bằng')).toEqual([]);
    expect(names('ông Nguyễn Văn A trú tại xã Hòa Bình bị bắt')).toEqual([]);
  });

  it('ends a position before the verb that starts the predicate', () => {
    expect(people('ông Phạm Thiện Nghĩa - Chủ tịch UBND tỉnh Đồng Tháp khuyến khích người dân khởi nghiệp du lịch'))
      .toEqual([{ name: 'Phạm Thiện Nghĩa', position: 'Chủ tịch UBND tỉnh Đồng Tháp' }]);
    expect(people('ông Trần Lưu Hoa, Trưởng phòng GD&ĐT quận Hai Bà Trưng nói thêm'))
      .toEqual([{ name: 'Trần Lưu Hoa', position: 'Trưởng phòng GD&ĐT quận Hai Bà Trưng' }]);
    expect(people('ông Lê Hồng Sơn, Giám đốc Sở GD-ĐT TPHCM có văn bản gửi tất cả hiệu trưởng'))
      .toEqual([{ name: 'Lê Hồng Sơn', position: 'Giám đốc Sở GD-ĐT TPHCM' }]);
    expect(people('ông Cao Quốc Hưng, Thứ trưởng Bộ Công Thương thừa nhận'))
      .toEqual([{ name: 'Cao Quốc Hưng', position: 'Thứ trưởng Bộ Công Thương' }]);
    expect(people('đồng chí Lê Văn Thành, Phó Bí thư Thành ủy nhấn mạnh, ông Nguyễn Hạnh Phúc, Tổng Thư ký Quốc hội ký'))
      .toEqual([{ name: 'Lê Văn Thành', position: 'Phó Bí thư Thành ủy' }, { name: 'Nguyễn Hạnh Phúc', position: 'Tổng Thư ký Quốc hội' }]);
  });

  it('keeps the words of a position that look like verbs (Ngoại giao, Tiếng nói, thiết bị)', () => {
    expect(people('ông Vũ Hồng Nam, Thứ trưởng Bộ Ngoại giao cho biết')).toEqual([{ name: 'Vũ Hồng Nam', position: 'Thứ trưởng Bộ Ngoại giao' }]);
    expect(people('ông Nguyễn Trọng Trí, Phó Giám đốc thường trực Đài Tiếng nói Nhân dân TPHCM'))
      .toEqual([{ name: 'Nguyễn Trọng Trí', position: 'Phó Giám đốc thường trực Đài Tiếng nói Nhân dân TPHCM' }]);
    expect(people('ông Nguyễn Minh Tuấn, Vụ trưởng Vụ Trang thiết bị và công trình y tế'))
      .toEqual([{ name: 'Nguyễn Minh Tuấn', position: 'Vụ trưởng Vụ Trang thiết bị và công trình y tế' }]);
  });

  it('takes a title in front of a name only from after the last predicate', () => {
    expect(people('Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Nguyễn Xuân Cường'))
      .toEqual([{ name: 'Nguyễn Xuân Cường', position: 'Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn' }]);
    expect(people('Chủ tịch UBND tỉnh Nghệ An phát biểu khai mạc Hội nghị Tham dự Hội nghị có Thứ trưởng Bộ NN&PTNT Trần Thanh Nam'))
      .toEqual([{ name: 'Trần Thanh Nam', position: 'Thứ trưởng Bộ NN&PTNT' }]);
    // `La Khê` is a place; `Đồng Tâm` a commune: the text before them is a sentence, not a title.
    expect(names('Phó Thủ tướng Trịnh Đình Dũng đi kiểm tra thực tế tại nhà ga La Khê')).toEqual(['Trịnh Đình Dũng']);
    expect(names('Chủ tịch UBND Hà Nội Nguyễn Đức Chung đã về xã Đồng Tâm')).toEqual(['Nguyễn Đức Chung']);
    expect(names('Ủy ban Kiểm tra Trung ương thi hành kỷ luật Ủy viên Bộ Chính trị với ông Đinh La Thăng')).toEqual([]);
  });

  it('reads names further on in a list after `các đồng chí`, and positions in brackets', () => {
    expect(names('Dự hội nghị có các đồng chí Nguyễn Văn An, Trần Thị Bình, Lê Công, Ủy viên Bộ Chính trị')).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Công']);
    expect(people('cảnh cáo ông Trịnh Xuân Hồng (nguyên Tỉnh ủy viên, nguyên Chánh văn phòng HĐND tỉnh Ninh Bình).'))
      .toEqual([{ name: 'Trịnh Xuân Hồng', position: 'nguyên Tỉnh ủy viên, nguyên Chánh văn phòng HĐND tỉnh Ninh Bình' }]);
    expect(names('Hà Dũng (Tổng hợp)')).toEqual([]);
    // A list introduced by `gồm` may be of anything (schools, actors).
    expect(names('gồm Chu Văn An, Cầu Giấy, Nghĩa Tân, Ngô Sĩ Liên')).toEqual([]);
  });

  it('reads ranks in either case and party-committee memberships as positions', () => {
    expect(names('trung úy Nguyễn Văn Tâm và trung úy Nguyễn Thành Trung, Chi bộ Viện')).toEqual(['Nguyễn Văn Tâm', 'Nguyễn Thành Trung']);
    expect(people('thiếu tá Lê Trường Minh, Chi ủy viên, Trưởng ban Hóa dược')).toEqual([{ name: 'Lê Trường Minh', position: 'Chi ủy viên, Trưởng ban Hóa dược' }]);
    expect(people('Nguyễn Văn Ổn, Đảng ủy viên, Phó cục trưởng Điều tra chống buôn lậu.')).toEqual([{ name: 'Nguyễn Văn Ổn', position: 'Đảng ủy viên, Phó cục trưởng Điều tra chống buôn lậu' }]);
  });

  it('reads titles printed in lower case, but not short words that are titles only when capitalised', () => {
    expect(names('Trước đó, cố phó chủ tịch Thường trực UBND TP HCM Lê Hòa Bình được giao phụ trách')).toEqual(['Lê Hòa Bình']);
    expect(names('đại biểu Nguyễn Anh Sơn (Nam Định) cho rằng')).toEqual(['Nguyễn Anh Sơn']);
    expect(names('tổng duyệt chương trình ở Thái Lan')).toEqual([]);
    expect(names('cao nguyên đá Đồng Văn được công nhận')).toEqual([]);
  });

  it('reads foreign officials after their title', () => {
    expect(people('Ngoại trưởng Italy Antonio Tajani cho biết')).toEqual([{ name: 'Antonio Tajani', position: 'Ngoại trưởng Italy' }]);
    expect(names('Hôm 4/3, Phó thủ tướng Nga Alexander Novak tuyên bố')).toEqual(['Alexander Novak']);
    expect(names('tiếp Bộ trưởng Nông nghiệp Hoa Kỳ Tom Vilsack')).toEqual(['Tom Vilsack']);
    expect(names('Thủ tướng cho biết Facebook Messenger')).toEqual([]);
    expect(names('Cúp nhà Vua sau khi đánh bại Atletico Madrid')).toEqual([]);
  });

  it('does not take names inside organisation, school, company or street names', () => {
    expect(names('Trưởng Đoàn Đại biểu Quốc hội tỉnh phát biểu')).toEqual([]);
    expect(names('Phó giám đốc Viện Nghiên cứu Y Dược học quân sự')).toEqual([]);
    expect(names('Giám đốc Tập đoàn Tiến Sơn Thanh Hóa cho biết')).toEqual([]);
    expect(names('Hiệu trưởng trường THPT Nguyễn Du phát biểu')).toEqual([]);
    expect(names('Công ty sen Hoàng Giang, do ông Trần Văn Hòa làm giám đốc; giám đốc Công ty sen Hoàng Giang thừa nhận')).not.toContain('Hoàng Giang');
    expect(names('Giám đốc Học viện Quân y Đỗ Quyết cho biết')).toEqual(['Đỗ Quyết']);
    expect(names('Thứ trưởng Tài nguyên và Môi trường Võ Tuấn Nhân cho biết')).toEqual(['Võ Tuấn Nhân']);
    expect(names('Phó Chủ tịch UBND thành phố Nguyễn Văn Hải cho biết')).toEqual(['Nguyễn Văn Hải']);
  });

  it('finds who chaired, with the position as printed', () => {
    expect(findChair(['Đồng chí Nguyễn Nam Đình - Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối Các cơ quan tỉnh chủ trì cuộc làm việc.']))
      .toEqual({ name: 'Nguyễn Nam Đình', position: 'Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối Các cơ quan tỉnh' });
    expect(findChair(['Tại điểm cầu Sở có đồng chí Võ Trọng Phú - Phó Bí thư Chi bộ Chủ trì hội nghị cùng 35/37 cán bộ, đảng viên tham dự.']))
      .toEqual({ name: 'Võ Trọng Phú', position: 'Phó Bí thư Chi bộ' });
    expect(findChair(['Dự và chỉ đạo Hội nghị có ông Lã Hoàng Trung, Bí thư Đảng ủy, Giám đốc Sở.']))
      .toEqual({ name: 'Lã Hoàng Trung', position: 'Bí thư Đảng ủy, Giám đốc Sở' });
    expect(findChair(['Ban Chỉ đạo đã tổ chức Phiên họp thứ 12 dưới sự chủ trì của Chủ tịch nước Nguyễn Xuân Phúc - Trưởng Ban Chỉ đạo.']))
      .toEqual({ name: 'Nguyễn Xuân Phúc', position: 'Trưởng Ban Chỉ đạo' });
  });

  it('takes `thay mặt Bộ Chính trị điều hành phiên họp` as presiding, not `chỉ đạo, điều hành` in general', () => {
    expect(findChair(['Đồng chí Nguyễn Thị Kim Ngân, Ủy viên Bộ Chính trị, Chủ tịch Quốc hội, thay mặt Bộ Chính trị điều hành phiên họp.'])?.name).toBe('Nguyễn Thị Kim Ngân');
    expect(findChair(['Thủ tướng Nguyễn Xuân Phúc nhấn mạnh công tác chỉ đạo, điều hành của Chính phủ.'])).toBeNull();
  });

  it('takes `X dự và chỉ đạo Hội nghị` only when no one is said to chair', () => {
    expect(findChair(['Trung tướng Nguyễn Duy Ngọc, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an dự và chỉ đạo Hội nghị.'])?.name).toBe('Nguyễn Duy Ngọc');
    expect(findChair(['Trung tướng Nguyễn Duy Ngọc, Thứ trưởng Bộ Công an dự và chỉ đạo Hội nghị.', 'Thiếu tướng Tô Văn Huệ, Cục trưởng chủ trì Hội nghị.'])?.name).toBe('Tô Văn Huệ');
  });

  it('finds no chair when the official only attends', () => {
    expect(findChair(['chiều 18-9, đồng chí Đỗ Mạnh Hiến, Phó bí thư Thường trực Thành ủy dự sinh hoạt chi bộ thường kỳ.'])).toBeNull();
  });
});

describe('places', () => {
  it.each([
    ['Ban Thường vụ Tỉnh ủy Nghệ An; trên địa bàn tỉnh Nghệ An', ['Nghệ An']],
    ['xây dựng Chính quyền số thành phố Hải Phòng', ['Hải Phòng']],
    ['Thành ủy TPHCM; TP.HCM; Thành phố Hồ Chí Minh', ['TP. Hồ Chí Minh']],
    ['Lê Hồng, Hải Dương: Chú trọng công tác xây dựng Đảng', ['Hải Dương']],
    ['UBND tỉnh Thừa Thiên - Huế và tỉnh Khánh Hoà', ['Thừa Thiên Huế', 'Khánh Hòa']],
  ])('%s -> %j', (text, places) => {
    expect(extractPlaces(text)).toEqual(places);
  });

  it.each([
    'phong cách Hồ Chí Minh',
    'Sở Thông tin và Truyền thông; Bộ Thông tin và Truyền thông, Tỉnh ủy, UBND tỉnh',
    'vùng biển Thái Bình Dương; ông Nguyễn Nam Định',
    'giữ gìn hòa bình, an ninh',
  ])('finds no province in %s', (text) => {
    expect(extractPlaces(text)).toEqual([]);
  });
});
