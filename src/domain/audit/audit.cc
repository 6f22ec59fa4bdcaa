#include "domain/audit/audit.h"

namespace civic {

namespace {
void put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}
}  // namespace

std::string canonical_audit_text(const AuditRecord& r) {
  std::string out = "civic-audit/1;";
  put(out, r.prev_hash);
  put(out, std::to_string(r.seq));
  put(out, std::to_string(r.time));
  put(out, r.actor);
  put(out, r.role);
  put(out, r.unit);
  put(out, r.ip);
  put(out, r.action);
  put(out, r.object_type);
  put(out, r.object_id);
  put(out, r.before);
  put(out, r.after);
  return out;
}

}  // namespace civic
