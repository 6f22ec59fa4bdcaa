// `civic bulletin [--id ID] --format pdf|docx|html --out FILE [--content]` (bulletins.md): a bulletin (通报)
// rendered as the API renders GET /api/bulletins/{id}/document (PDF and DOCX by the report renderers),
// written to FILE; without --id, the most recently published round (city-wide) bulletin. With --content, the
// bulletin's content (its sections and rows, as stored) is printed on stdout as JSON.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "domain/core/error.h"
#include "service/bulletins/bulletin_document.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {
namespace {

struct BulletinOptions {
  StorageOptions storage;
  long long id = 0;
  std::string format = "pdf", out;
  bool content = false;
};

void run_bulletin(const BulletinOptions& o) {
  if (o.out.empty() && !o.content) throw InvalidInput("--out", "give --out FILE, --content or both");
  auto db = store::Database::open(o.storage.database_url());
  store::check_schema(*db);
  SystemClock clock;
  service::Services services(*db, clock);
  services.audit.set_anchor(o.storage.audit_anchor());
  const auto cli = service::Principal::cli();
  long long id = o.id;
  if (id == 0) {
    auto page = services.bulletins.list(cli, {"published", "round"}, {1, 1});
    if (page.items.empty()) throw InvalidInput("--id", "no published round bulletin; give --id");
    id = page.items.front().id;
  }
  service::Bulletin b;
  try {
    b = services.bulletins.get(cli, id);
  } catch (const NotFound& e) {
    throw InvalidInput("--id", e.what());
  }
  if (!o.out.empty()) {
    auto file = service::bulletin_document(services.bulletins, cli, id, o.format);
    std::ofstream f(o.out, std::ios::binary | std::ios::trunc);
    f.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + o.out);
  }
  if (o.content) std::cout << (b.content_json.empty() ? "{}" : b.content_json) << "\n";
}

}  // namespace

void add_bulletin_command(CLI::App& app) {
  auto options = std::make_shared<BulletinOptions>();
  CLI::App* cmd =
      app.add_subcommand("bulletin", "导出通报 Write a bulletin as PDF, DOCX or HTML (bulletins.md)");
  add_storage_options(*cmd, options->storage);
  cmd->add_option("--id", options->id, "Bulletin id (default: the latest published round bulletin)");
  cmd->add_option("--format", options->format, "pdf (default), docx or html")
      ->check(CLI::IsMember({"pdf", "docx", "html"}));
  cmd->add_option("--out", options->out, "File to write the document to");
  cmd->add_flag("--content", options->content, "Print the bulletin's content (sections and rows) as JSON");
  cmd->callback([options] { run_bulletin(*options); });
}

}  // namespace civic::cli
