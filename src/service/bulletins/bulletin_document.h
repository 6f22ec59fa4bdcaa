// A bulletin (通报) as a report document (reports.md), rendered as PDF or DOCX by the report renderers (the
// same typography, Noto CJK embedded): the opening; one numbered section per list of its stored content
// (红榜, 黑榜 …) with the office's remarks and the table; the closing. The issuer is the bulletin's unit, the
// date its publication day, the footer its unit, period and state (when not published).
#pragma once

#include <string>

#include "domain/reports/document.h"
#include "service/bulletins/bulletin_service.h"
#include "service/reports/render/render.h"

namespace civic::service {

// The bulletin `id` as `who` may read it (BulletinService::get: NotFound outside scope).
reports::Document bulletin_document_model(BulletinService& bulletins, const Principal& who, long long id);
// format html (BulletinService::html) | pdf | docx; InvalidInput "format", key bulletin.format.invalid,
// otherwise.
render::RenderedFile bulletin_document(BulletinService& bulletins, const Principal& who, long long id,
                                       const std::string& format);

}  // namespace civic::service
