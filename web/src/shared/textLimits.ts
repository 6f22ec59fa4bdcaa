// The server's text limits in characters (src/domain/core/text_limit.h and the routes that name a limit of
// their own), for the console's counters (el-input maxlength + show-word-limit). Hand-kept:
// src/domain/core/text_limit_web_test.cc reads this file and fails when a figure differs from the server's.
export const TEXT_LIMITS = {
  // kShortText: names, titles, codes (one line)
  short: 200,
  // kLongText: descriptions, notes, reasons (several lines)
  long: 4000,
  // kPublicDescription / kPublicAddress / kPublicContact: 随手拍
  publicDescription: 2000,
  publicAddress: 300,
  publicContact: 100,
  // kTaskTitle / kTaskDeliverable: a task's title and deliverable (plans)
  taskTitle: 1000,
  taskDeliverable: 2000,
} as const;
