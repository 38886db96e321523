// Multipart bodies and url-encoded forms (webapp/forms.hpp) over any bytes: the first line is the
// Content-Type, the rest the body. A parsed form keeps within its limits (parts, field and file
// sizes), file names carry no directory, and a url-encoded form's names and values are valid
// UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "web/http_types.hpp"
#include "webapp/forms.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto eol = input.find('\n');
  const std::string_view type = input.substr(0, eol);
  const std::string_view body =
      eol == std::string_view::npos ? std::string_view{} : input.substr(eol + 1);
  htx::webapp::MultipartLimits limits;
  limits.max_parts = 8;
  limits.max_header_bytes = 512;
  limits.max_field_bytes = 1024;
  limits.max_file_bytes = 4096;
  auto result = htx::webapp::parse_multipart(type, body, limits);
  if (result.ok()) {
    HTX_FUZZ_CHECK(result.form.parts.size() <= limits.max_parts);
    std::size_t bytes = 0;
    for (auto& part : result.form.parts) {
      if (part.filename) {
        HTX_FUZZ_CHECK(part.data.size() <= limits.max_file_bytes);
        HTX_FUZZ_CHECK(part.filename->find('/') == std::string::npos);
        HTX_FUZZ_CHECK(part.filename->find('\\') == std::string::npos);
      } else {
        HTX_FUZZ_CHECK(part.data.size() <= limits.max_field_bytes);
      }
      bytes += part.data.size();
      HTX_FUZZ_CHECK(result.form.find(part.name) != nullptr);
    }
    HTX_FUZZ_CHECK(bytes <= body.size());
  }
  (void)htx::webapp::media_type(type);
  (void)htx::webapp::header_parameter(type, "boundary");
  if (auto form = htx::webapp::parse_urlencoded(body)) {
    for (auto& [name, value] : *form) {
      HTX_FUZZ_CHECK(htx::web::is_valid_utf8(name) && htx::web::is_valid_utf8(value));
    }
  }
  return 0;
}
