// A framework as the spreadsheet offices receive it (evidence.md "Framework drafts"): one row per check,
// an item without checks on a row of its own, Chinese headers (方面 … 责任单位).
#pragma once

#include "domain/evaluation/framework.h"
#include "platform/spreadsheet.h"

namespace civic::api {

platform::Cells framework_table(const Framework& framework);

}  // namespace civic::api
