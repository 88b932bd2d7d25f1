/**
 * The CLI's own words, one table per language. The interface language is Vietnamese when
 * `--ui-lang vi` is given, or when the locale asks for it (LC_ALL, then LC_MESSAGES, then LANG,
 * e.g. LANG=vi_VN.UTF-8); English otherwise. (`bantin build --lang` is the digest's language,
 * not the interface's.)
 */
export type UiLang = 'en' | 'vi';

const en = {
  // Errors: one sentence each; {name} placeholders.
  'usage.unknownOption': 'unknown option {option} (see `bantin {command} --help`)',
  'usage.unknownCommand': 'unknown command {name}; the commands are {commands}',
  'usage.missingArgument': 'missing {name} (see `bantin {command} --help`)',
  'usage.optionMissingArgument': 'option {option} needs a value',
  'usage.missingMandatoryOptionValue': 'option {option} is required (see `bantin {command} --help`)',
  'usage.excessArguments': 'too many arguments (see `bantin {command} --help`)',
  'usage.invalidChoice': '{option}: "{value}" is not one of {choices}',
  'usage.invalidValue': '{option}: {reason}',
  'usage.uiLang': '--ui-lang: "{value}" is not one of en, vi',
  'usage.other': '{message}',
  'fs.ENOENT': '{path}: no such file or folder',
  'fs.EACCES': '{path}: permission denied',
  'fs.EPERM': '{path}: permission denied',
  'fs.ENOTDIR': '{path}: a part of this path is a file, not a folder',
  'fs.EISDIR': '{path}: is a folder, not a file',
  'fs.ELOOP': '{path}: too many symbolic links',
  'fs.ENOSPC': 'the disk is full (writing {path})',
  'fs.EROFS': '{path}: the file system is read-only',
  'fs.other': '{path}: cannot be read or written ({code})',
  'local.portInUse': 'port {port} is in use; pass --port',
  'local.portDenied': 'port {port} needs more privileges; pass --port with a number above 1023',
  'local.consolePortInUse': 'port {port} (the web console) is in use; pass --console-port (0 turns the console off)',
  'local.consolePortDenied': 'port {port} (the web console) needs more privileges; pass --console-port with a number above 1023',
  'local.needsDev': 'bantin local needs the development dependencies (s3rver): run `npm ci` without --omit=dev',
  'parse.rejected': '{count} of {total} file(s) rejected',
  'internal': 'internal error: {message} (BANTIN_DEBUG=1 shows the details)',
  'interrupted': 'interrupted',
  // Help.
  'help.Usage:': 'Usage:',
  'help.Options:': 'Options:',
  'help.Commands:': 'Commands:',
  'help.Arguments:': 'Arguments:',
  'help.Global Options:': 'Global Options:',
  'help.default': 'default',
  'help.choices': 'choices',
} as const;

export type MessageKey = keyof typeof en;

const vi: Record<MessageKey, string> = {
  'usage.unknownOption': 'không có tùy chọn {option} (xem `bantin {command} --help`)',
  'usage.unknownCommand': 'không có lệnh {name}; các lệnh là {commands}',
  'usage.missingArgument': 'thiếu {name} (xem `bantin {command} --help`)',
  'usage.optionMissingArgument': 'tùy chọn {option} cần một giá trị',
  'usage.missingMandatoryOptionValue': 'cần có tùy chọn {option} (xem `bantin {command} --help`)',
  'usage.excessArguments': 'thừa đối số (xem `bantin {command} --help`)',
  'usage.invalidChoice': '{option}: "{value}" không phải là một trong {choices}',
  'usage.invalidValue': '{option}: {reason}',
  'usage.uiLang': '--ui-lang: "{value}" không phải là en hoặc vi',
  'usage.other': '{message}',
  'fs.ENOENT': '{path}: không có tệp hoặc thư mục này',
  'fs.EACCES': '{path}: không có quyền truy cập',
  'fs.EPERM': '{path}: không có quyền truy cập',
  'fs.ENOTDIR': '{path}: một phần của đường dẫn là tệp, không phải thư mục',
  'fs.EISDIR': '{path}: là thư mục, không phải tệp',
  'fs.ELOOP': '{path}: quá nhiều liên kết tượng trưng',
  'fs.ENOSPC': 'ổ đĩa đã đầy (khi ghi {path})',
  'fs.EROFS': '{path}: hệ thống tệp chỉ cho phép đọc',
  'fs.other': '{path}: không đọc hoặc ghi được ({code})',
  'local.portInUse': 'cổng {port} đang được dùng; hãy chọn cổng khác bằng --port',
  'local.portDenied': 'cổng {port} cần quyền cao hơn; hãy dùng --port với số lớn hơn 1023',
  'local.consolePortInUse': 'cổng {port} (trang quản lý) đang được dùng; hãy chọn cổng khác bằng --console-port (0 là tắt trang quản lý)',
  'local.consolePortDenied': 'cổng {port} (trang quản lý) cần quyền cao hơn; hãy dùng --console-port với số lớn hơn 1023',
  'local.needsDev': 'bantin local cần các gói phát triển (s3rver): hãy chạy `npm ci` không kèm --omit=dev',
  'parse.rejected': '{count} trên {total} tệp bị từ chối',
  'internal': 'lỗi nội bộ: {message} (đặt BANTIN_DEBUG=1 để xem chi tiết)',
  'interrupted': 'đã dừng',
  'help.Usage:': 'Cách dùng:',
  'help.Options:': 'Tùy chọn:',
  'help.Commands:': 'Lệnh:',
  'help.Arguments:': 'Đối số:',
  'help.Global Options:': 'Tùy chọn chung:',
  'help.default': 'mặc định',
  'help.choices': 'chọn một trong',
};

const TABLES: Record<UiLang, Record<MessageKey, string>> = { en, vi };

/**
 * Vietnamese for the descriptions the commands give commander (keyed by the English text), so
 * `--help` reads in Vietnamese without the command files knowing about languages. A description
 * missing here is shown in English.
 */
export const VI_DESCRIPTIONS: Record<string, string> = {
  'Turn Vietnamese news reports of Party and government meetings into periodic digests.':
    'Tổng hợp các bài báo về hội nghị, cuộc họp của Đảng và chính quyền thành bản tin theo kỳ.',
  'output the version number': 'in số phiên bản',
  'display help for command': 'hiện hướng dẫn của lệnh',
  'display help for this command': 'hiện hướng dẫn của lệnh',
  'language of the interface: en or vi (default: from LANG / LC_ALL)': 'ngôn ngữ giao diện: en hoặc vi (mặc định: theo LANG / LC_ALL)',
  // parse
  'Parse article files (.txt or .html, any Vietnamese encoding) and show what was found.':
    'Đọc các tệp bài viết (.txt hoặc .html, mọi bảng mã tiếng Việt) và cho biết những gì tìm thấy.',
  'article files, or folders searched recursively for .txt/.html/.htm files':
    'tệp bài viết, hoặc thư mục (tìm mọi tệp .txt/.html/.htm bên trong)',
  'print validated article records as JSON (an array when several files are given)':
    'in bản ghi bài viết dạng JSON (một mảng khi có nhiều tệp)',
  'parse everything and print counts (parsed, rejected by reason, fields found, time)':
    'đọc hết và in số liệu (đọc được, bị từ chối theo lý do, các trường tìm thấy, thời gian)',
  'reject files larger than n bytes': 'từ chối tệp lớn hơn n byte',
  // build
  'turn a folder of articles into period digests (HTML, PDF, Word, JSON)':
    'biến một thư mục bài viết thành bản tin theo kỳ (HTML, PDF, Word, JSON)',
  'Parse every .txt/.html/.htm article under DIR (recursively) and write one digest per period into --out.':
    'Đọc mọi bài viết .txt/.html/.htm trong DIR (kể cả thư mục con) và ghi mỗi kỳ một bản tin vào --out.',
  'folder of article files (.txt, .html, .htm; any Vietnamese encoding)':
    'thư mục chứa bài viết (.txt, .html, .htm; mọi bảng mã tiếng Việt)',
  'output folder': 'thư mục kết quả',
  'period kinds to build: month, quarter, half, year (repeat or comma-separate; default: all)':
    'loại kỳ cần làm: month (tháng), quarter (quý), half (6 tháng), year (năm); lặp lại hoặc ngăn bằng dấu phẩy; mặc định: tất cả',
  'language of the digest labels': 'ngôn ngữ của bản tin (vi: tiếng Việt, en: tiếng Anh)',
  'folder with your own Handlebars templates (layout.hbs, partials/*.hbs, style.css)':
    'thư mục mẫu Handlebars riêng (layout.hbs, partials/*.hbs, style.css)',
  'JSON file of corrections keyed by article file name (see the README)':
    'tệp JSON hiệu chỉnh, theo tên tệp bài viết (xem docs/huong-dan.md)',
  'issuing body printed at the top left of the report, e.g. "Đảng ủy Sở Thông tin và Truyền thông"':
    'cơ quan ban hành, in ở góc trên bên trái báo cáo, ví dụ "Đảng ủy Sở Thông tin và Truyền thông"',
  'place printed in the report\'s date line, e.g. "Hà Tĩnh"': 'địa danh ở dòng ngày tháng của báo cáo, ví dụ "Hà Tĩnh"',
  'parse and render everything again, ignoring OUT/.cache': 'đọc và dựng lại tất cả, bỏ qua OUT/.cache',
  // local
  'run the pipeline locally: an S3-compatible server (s3rver) driving the Lambda handlers':
    'chạy toàn bộ quy trình trên máy này: một máy chủ kiểu S3 (s3rver) gọi các hàm xử lý',
  'port on 127.0.0.1': 'cổng trên 127.0.0.1',
  'bucket name': 'tên bucket',
  'data folder (kept between runs)': 'thư mục dữ liệu (giữ lại giữa các lần chạy)',
  'render dirty digests every N seconds (the schedule on AWS)': 'dựng lại bản tin có thay đổi mỗi N giây',
  'debug logs': 'ghi nhật ký chi tiết',
  // reconcile
  'check that every upload under incoming/ has exactly one record (articles/ or rejected/); exit 1 if not':
    'kiểm tra mỗi tệp tải lên trong incoming/ có đúng một bản ghi (articles/ hoặc rejected/); thoát với mã 1 nếu không',
  'S3-compatible endpoint, e.g. http://127.0.0.1:4568 for `bantin local` (default: AWS)':
    'địa chỉ máy chủ kiểu S3, ví dụ http://127.0.0.1:4568 cho `bantin local` (mặc định: AWS)',
  'ingest again every upload that has no record, two records, or changed after its record; remove records whose upload is gone':
    'xử lý lại mọi tệp tải lên chưa có bản ghi, có hai bản ghi, hoặc đã đổi sau khi ghi; xóa bản ghi của tệp đã bị xóa',
  'print the full report as JSON': 'in toàn bộ báo cáo dạng JSON',
  'keys listed per difference in the text report': 'số khóa liệt kê cho mỗi loại chênh lệch',
};

function fromLocale(env: NodeJS.ProcessEnv): UiLang {
  // POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty decides.
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v.trim());
  return locale && /^vi(?:[_.@-]|$)/i.test(locale) ? 'vi' : 'en';
}

/** The value of `--ui-lang` in argv (`--ui-lang vi` or `--ui-lang=vi`), if any. */
export function uiLangArg(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') break;
    if (arg === '--ui-lang') return argv[i + 1] ?? '';
    if (arg.startsWith('--ui-lang=')) return arg.slice('--ui-lang='.length);
  }
  return undefined;
}

let current: UiLang = 'en';

export function detectUiLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): UiLang {
  const arg = uiLangArg(argv);
  current = arg === 'vi' || arg === 'en' ? arg : fromLocale(env);
  return current;
}

export function uiLang(): UiLang {
  return current;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return TABLES[current][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A description in the interface language (English text when no translation is known). */
export function describe(text: string): string {
  return current === 'vi' ? (VI_DESCRIPTIONS[text] ?? text) : text;
}
