// `civic audit verify`: checks the audit log against its anchor (docs/security.md, "The audit log and its
// anchor"): the hash chain, every record's MAC with the data directory's audit.key, and the heads in
// audit.head against the records they name. Prints one line saying what it found and exits with
//   0  intact
//   1  could not verify (no database, a keyed record but no key file, an unreadable head file, …)
//   3  tampered: a record is missing, edited, or re-chained (MAC mismatch), or differs from the head file
//   4  truncated: the head file names a seq the database no longer has (the newest records were deleted)
// (2 stays CLI11's and InvalidInput's "bad usage").
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

namespace {

constexpr int kExitTampered = 3;
constexpr int kExitTruncated = 4;

int exit_code_of(service::AuditFinding finding) {
  switch (finding) {
    case service::AuditFinding::intact:
      return 0;
    case service::AuditFinding::tampered:
      return kExitTampered;
    case service::AuditFinding::truncated:
      return kExitTruncated;
    case service::AuditFinding::unverifiable:
      return 1;
  }
  return 1;
}

}  // namespace

void add_audit_command(CLI::App& app) {
  auto storage = std::make_shared<StorageOptions>();
  auto* audit = app.add_subcommand("audit", "Check the audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify",
      "Verify the audit log: hash chain, each record's MAC (audit.key) and the head file (audit.head).\n"
      "Exit status: 0 intact; 1 could not verify (e.g. keyed records but no audit.key); 3 tampered (a record "
      "missing, edited or re-chained: MAC mismatch); 4 truncated (audit.head names a seq the database no "
      "longer has)");
  add_storage_options(*verify, *storage);
  verify->callback([storage] {
    auto db = store::open_current(storage->database_url());
    SystemClock clock;
    service::Services s(*db, clock);
    // Verifying never creates a key: a new key would make every keyed record look forged.
    s.audit.set_anchor(storage->audit_anchor(/*create_key=*/false));
    auto result = s.audit.verify(service::Principal::cli());
    if (!result.head_file_present) {
      std::cerr << "civic: warning: no head file " << storage->audit_head_file().string()
                << ": deleted newest records cannot be detected\n";
    }
    if (result.head_lines_skipped > 0) {
      std::cerr << "civic: warning: skipped " << result.head_lines_skipped << " unreadable line(s) of "
                << storage->audit_head_file().string() << "\n";
    }
    if (result.ok) {
      std::cout << "ok: " << result.count << " audit records, chain intact (" << result.keyed
                << " keyed and MAC-checked, " << result.unkeyed << " unkeyed from before schema 9)";
      if (result.head_file_present) std::cout << "; head file names up to seq " << result.head_seq;
      std::cout << "\n";
      return;
    }
    std::string seq = result.first_broken_seq ? std::to_string(*result.first_broken_seq) : "?";
    std::cout << "audit log " << service::audit_finding_name(result.finding) << " at seq " << seq << ": "
              << result.reason << " (" << result.count << " records before it are intact)\n";
    throw CLI::RuntimeError(exit_code_of(result.finding));
  });
}

}  // namespace civic::cli
