// The abbreviations built into the kiosk. Kept in the authoring format's
// glossary syntax so staff read and extend the same thing
// (docs/authoring-format.md, "Glossaries").
#include "content/glossary.hpp"

namespace content {

std::string_view builtin_glossary() {
  return R"(# Tiếng Việt: từ viết tắt trong công việc hải quan
XNK = xuất nhập khẩu
XK = xuất khẩu
NK = nhập khẩu
GTGT = giá trị gia tăng = VAT
TTĐB = tiêu thụ đặc biệt
BVMT = bảo vệ môi trường
HQ = hải quan
TKHQ = tờ khai hải quan
TK = tờ khai
DN = doanh nghiệp
C/O = giấy chứng nhận xuất xứ
HS = mã HS = hệ thống hài hòa
AEO = doanh nghiệp ưu tiên
CK = cửa khẩu
KCX = khu chế xuất
ĐKKD = đăng ký kinh doanh
MST = mã số thuế
CCHQ = chi cục hải quan
XNC = xuất nhập cảnh
TNTX = tạm nhập tái xuất
TXTN = tạm xuất tái nhập
SXXK = sản xuất xuất khẩu
KTSTQ = kiểm tra sau thông quan
# English
VAT = value added tax
C/O = certificate of origin
HS = harmonized system = harmonised system
AEO = authorized economic operator = authorised economic operator
EPZ = export processing zone
)";
}

}  // namespace content
